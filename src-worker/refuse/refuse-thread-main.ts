// Entry of the re-fusion helper thread: its share of each step, on grids the caller keeps in
// shared memory (the blue plane's spectrum; then half of the columns, then half of the rows).
import { parentPort } from 'node:worker_threads';
import { diffSpectrum } from './high-pass-spectrum.js';
import { inverseColumns, inverseRows, type MaskSettings, type RefuseGrids } from './split-inverse.js';

export type RefuseThreadRequest =
  | { id: number; op: 'spectrum'; base: Float32Array; draft: Float32Array; grids: RefuseGrids }
  | { id: number; op: 'columns'; grids: RefuseGrids; settings: MaskSettings; from: number; to: number }
  | { id: number; op: 'rows'; grids: RefuseGrids; from: number; to: number };

export type RefuseThreadReply = { id: number } | { id: number; error: string };

parentPort?.on('message', (request: RefuseThreadRequest) => {
  try {
    const g = request.grids;
    if (request.op === 'spectrum') diffSpectrum([request.base], [request.draft], g.width, g.height, g.border, g.spectrumB);
    else if (request.op === 'columns') inverseColumns(g, request.settings, request.from, request.to);
    else inverseRows(g, request.from, request.to);
    parentPort!.postMessage({ id: request.id } satisfies RefuseThreadReply);
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies RefuseThreadReply);
  }
});
