import { spawn } from 'node:child_process';
import { toRgb24, type PlanarFrame } from './planar-frame.js';

/**
 * 8-bit RGB PNG, encoded by ffmpeg in its own process so that several files encode in parallel
 * and alongside the worker's own work. Compression level 3: previews are written often, read once.
 */
export function writePng(ffmpeg: string, path: string, frame: PlanarFrame): Promise<void> {
  return new Promise((resolve, reject) => {
    const args = ['-hide_banner', '-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${frame.width}x${frame.height}`, '-i', 'pipe:0', '-compression_level', '3', '-y', path];
    const child = spawn(ffmpeg, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`writing ${path} failed: ${err.trim().split('\n').pop() ?? `exit ${code}`}`))));
    child.stdin.on('error', () => undefined);
    child.stdin.end(toRgb24(frame));
  });
}
