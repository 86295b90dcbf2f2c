// npm run bench: every row of the benchmark in one run, one table at the end, and the same
// figures in bench/results/bench.json. Progress and per-bench detail go to stderr, the table to
// stdout. Prints; asserts nothing.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeMachine, formatTable, machineLine, type BenchResult, type BenchRow } from './bench-report.js';
import { floorBench } from './cpu-floor-bench.js';
import { fusionBench } from './fusion-bench.js';
import { libraryRows } from './library-bench.js';
import { previewBench } from './preview-bench.js';
import { ROOT } from './project-paths.js';
import { refuseBench } from './refuse-bench.js';
import { runtimeBench } from './runtime-bench.js';
import { memoryBench, upscaleBench } from './upscale-bench.js';

const BENCHES: [string, () => Promise<BenchResult>][] = [
  ['preview', previewBench],
  ['upscale', upscaleBench],
  ['memory', memoryBench],
  ['floor', floorBench],
  ['fusion', fusionBench],
  ['runtime', runtimeBench],
  ['library', libraryRows],
  ['refuse', refuseBench],
];

const machine = describeMachine();
const started = performance.now();
const rows: BenchRow[] = [];
const details: Record<string, unknown> = {};
try {
  for (const [name, bench] of BENCHES) {
    console.error(`-- ${name}`);
    const result = await bench();
    rows.push(...result.rows);
    if (result.details) details[name] = result.details;
  }
} catch (error) {
  console.error(error);
  process.exit(1);
}
const seconds = (performance.now() - started) / 1000;
const loadAverageAtEnd = os.loadavg().map((v) => Number(v.toFixed(2)));
console.log(`\n${machineLine(machine)}; ${seconds.toFixed(0)} s in all, load average ${loadAverageAtEnd.join(' ')} at the end\n\n${formatTable(rows)}`);
const out = path.join(ROOT, 'bench', 'results', 'bench.json');
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify({ machine: { ...machine, loadAverageAtEnd }, seconds, rows, details }, null, 2)}\n`);
console.log(`\nfigures written to ${path.relative(ROOT, out)}`);
