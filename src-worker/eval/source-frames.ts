// The frames of one side of an eval clip, in order: every frame of a video, or one image after
// another. Each file is decoded exactly as `specula upscale` decodes it (frame-decoder.ts), and
// its ffmpeg ends when the frames stop being wanted or the eval is cancelled.
import type { EvalSource } from '../../src-shared/jobs/eval-job.js';
import type { PlanarFrame } from '../frames/planar-frame.js';
import { decodesDeep, openDecoder } from '../video/frame-decoder.js';

export interface SourceFrame {
  pixels: PlanarFrame;
  /** Decoded with more than 8 bits (values keep fractions). */
  deep: boolean;
}

export async function* sourceFrames(ffmpeg: string, source: EvalSource, signal: AbortSignal): AsyncGenerator<SourceFrame> {
  for (const file of source.files) {
    const decoder = openDecoder(ffmpeg, file, 0);
    const stop = (): void => void decoder.child.kill('SIGKILL');
    signal.addEventListener('abort', stop, { once: true });
    const deep = decodesDeep(file);
    try {
      let count = 0;
      for await (const pixels of decoder.frames) {
        count++;
        yield { pixels, deep };
      }
      if (count !== file.frames) throw new Error(`${file.path} decoded to ${count} frames where ffprobe counted ${file.frames}`);
    } finally {
      signal.removeEventListener('abort', stop);
      if (decoder.child.exitCode === null && decoder.child.signalCode === null) stop();
    }
  }
}
