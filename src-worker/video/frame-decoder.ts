// Decodes a clip's video to raw RGB through a pipe, one frame at a time, from a given frame on.
// The pipe is read only as fast as the render consumes it, so ffmpeg waits instead of filling
// memory. Frames are selected by decoded index (exact whatever the timestamps) and passed through
// without duplication or dropping (-fps_mode passthrough), so VFR clips keep every frame.
import { spawn, type ChildProcess } from 'node:child_process';
import type { MediaInfo } from '../../src-shared/media/media-info.js';
import { fromRgb24, fromRgb48, type PlanarFrame } from '../frames/planar-frame.js';
import { outputColour, swsMatrix } from './colour.js';

export interface FrameDecoder {
  frames: AsyncGenerator<PlanarFrame>;
  child: ChildProcess;
}

/** 16-bit RGB for sources above 8 bits, so 10-bit detail reaches the models. */
export function decodesDeep(input: MediaInfo): boolean {
  return input.bitDepth > 8;
}

/** Decodes `frameCount` frames from `startFrame` on (to the clip's end when null). */
export function openDecoder(ffmpeg: string, input: MediaInfo, startFrame: number, frameCount: number | null = null): FrameDecoder {
  const deep = decodesDeep(input);
  const pixFmt = deep ? 'rgb48le' : 'rgb24';
  const colour = outputColour(input);
  const filters = [
    ...(startFrame > 0 ? [`select=gte(n\\,${startFrame})`] : []),
    `scale=in_color_matrix=${swsMatrix(colour.matrix)}:in_range=${colour.range}`,
    `format=${pixFmt}`,
  ];
  const args = ['-hide_banner', '-nostdin', '-v', 'error', '-i', input.path, '-map', '0:v:0', '-vf', filters.join(','), '-fps_mode', 'passthrough', ...(frameCount !== null ? ['-frames:v', String(frameCount)] : []), '-f', 'rawvideo', '-pix_fmt', pixFmt, 'pipe:1'];
  const child = spawn(ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  // A render may start its decoder before it reads (while the models load). Node discards the
  // output of a child that exits before anyone reads it, and a short clip fits in the pipe whole;
  // a 'readable' listener keeps the data until the frames are read.
  child.stdout!.on('readable', () => undefined);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const frameBytes = input.width * input.height * 3 * (deep ? 2 : 1);

  async function* frames(): AsyncGenerator<PlanarFrame> {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    for await (const chunk of child.stdout! as AsyncIterable<Buffer>) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      while (pendingBytes >= frameBytes) {
        const all = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
        const frame = all.subarray(0, frameBytes);
        yield deep ? fromRgb48(frame, input.width, input.height) : fromRgb24(frame, input.width, input.height);
        const rest = all.subarray(frameBytes);
        pending = rest.length ? [Buffer.from(rest)] : [];
        pendingBytes = rest.length;
      }
    }
    const code = await exited;
    if (code !== 0) throw new Error(`decoding ${input.path} failed: ${stderr.trim().split('\n').pop() ?? `exit ${code}`}`);
    if (pendingBytes > 0) throw new Error(`decoding ${input.path} ended inside a frame (${pendingBytes} of ${frameBytes} bytes)`);
  }

  return { frames: frames(), child };
}
