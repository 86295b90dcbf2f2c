import { spawn } from 'node:child_process';
import { lowerChildPriority } from '../helper-priority.js';

export interface RunOptions {
  /** Runs beside the models: at a lower priority, so that it takes only the time they leave. */
  besideModels?: boolean;
}

/** Runs ffmpeg to completion and returns its stdout; a non-zero exit rejects with ffmpeg's last error line. */
export function runFfmpeg(ffmpeg: string, args: string[], options: RunOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, ['-hide_banner', '-nostdin', '-v', 'error', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    if (options.besideModels) lowerChildPriority(child);
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`ffmpeg failed (${signal ?? `exit ${code}`}): ${err.trim().split('\n').pop() ?? ''}`));
    });
  });
}
