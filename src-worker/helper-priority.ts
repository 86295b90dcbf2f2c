// Everything that runs beside the models while they run (ffmpeg's decoder and encoders, the
// fusion threads) runs at a lower scheduling priority. onnxruntime's threads wait for each other
// at every operator, so a helper at the same priority that takes a slice of one core stalls them
// all: on 2 cores a busy helper thread made a draft-model run 58% slower. Lowered, the same helper
// still got 15% of a core out of the gaps the models leave (between operators and tiles) and the
// run was as fast as alone. When the models wait for a helper, nothing else is running, so it gets
// the whole machine anyway.
import type { ChildProcess } from 'node:child_process';
import os from 'node:os';

/** A nice value: low enough to yield to the models, high enough to make progress on a busy desktop. */
const HELPER_NICE = 10;

/** Lowers a child process (ffmpeg's threads start after its main() does, and inherit it). */
export function lowerChildPriority(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    os.setPriority(child.pid, HELPER_NICE);
  } catch {
    // Gone already, or not allowed: it then runs at normal priority, which is only slower.
  }
}

/**
 * Lowers the calling thread only. Linux keeps a nice value per thread; elsewhere the call would
 * lower the whole process, onnxruntime's threads included, so it is left alone there.
 */
export function lowerThisThreadPriority(): void {
  if (process.platform !== 'linux') return;
  try {
    os.setPriority(HELPER_NICE);
  } catch {
    // Not allowed: normal priority, only slower.
  }
}
