// The render's source of upscaled frames, in clip order, from the decoder through the inference
// thread: frame by frame for image packs (two frames in flight, so the thread works on the next
// while the caller fuses and encodes this one), window by window for multi-frame packs (the next
// window in flight while the caller handles this one's frames).
import { windowWeight, type TemporalWindow } from '../../src-shared/tiles/window-plan.js';
import { createFrame, type PlanarFrame } from '../frames/planar-frame.js';
import type { InferenceThread, UpscaledFrame } from '../inference/inference-thread.js';

export interface UpscaledClipFrame {
  /** Index in the clip. */
  index: number;
  branches: PlanarFrame[];
  /** onnxruntime time spent on this frame (a window's time lands on its first emitted frame). */
  runMs: number;
}

const IN_FLIGHT = 2;

export async function* upscaleFrameByFrame(decoded: AsyncIterable<PlanarFrame>, thread: InferenceThread, firstIndex: number): AsyncGenerator<UpscaledClipFrame> {
  const inFlight: Promise<UpscaledFrame>[] = [];
  let index = firstIndex;
  let sent = firstIndex;
  for await (const frame of decoded) {
    inFlight.push(thread.upscale(frame, sent++));
    if (inFlight.length >= IN_FLIGHT) yield { index: index++, ...(await inFlight.shift()!) };
  }
  while (inFlight.length) yield { index: index++, ...(await inFlight.shift()!) };
}

/**
 * `decoded` starts at the first window's first frame; frames before `firstIndex` (already in
 * finished segments) are computed for the cross-fade but not emitted.
 */
export async function* upscaleByWindow(decoded: AsyncIterable<PlanarFrame>, thread: InferenceThread, windows: TemporalWindow[], firstIndex: number): AsyncGenerator<UpscaledClipFrame> {
  const blender = new TemporalBlender();
  const buffered = new Map<number, PlanarFrame>();
  const running: { w: number; result: ReturnType<InferenceThread['upscaleWindow']> }[] = [];
  let next = windows[0]?.start ?? 0;
  let w = 0;
  async function* take(): AsyncGenerator<UpscaledClipFrame> {
    const { w: taken, result } = running.shift()!;
    const upscaled = await result;
    let runMs = upscaled.runMs;
    // A frame is final once no later window covers it.
    const window = windows[taken]!;
    const finalBefore = windows[taken + 1]?.start ?? window.end;
    for (const done of blender.add(window, upscaled.frames, finalBefore)) {
      if (done.index < firstIndex) continue;
      yield { ...done, runMs };
      runMs = 0;
    }
  }
  for await (const frame of decoded) {
    buffered.set(next++, frame);
    const window = windows[w];
    if (!window || next < window.end) continue;
    const nextStart = windows[w + 1]?.start ?? window.end;
    // Frames the next window shares go to the thread as copies (the originals move there with this window).
    const frames = Array.from({ length: window.end - window.start }, (_, k) => {
      const f = buffered.get(window.start + k)!;
      return window.start + k >= nextStart ? { ...f, data: f.data.slice() } : f;
    });
    for (let f = window.start; f < nextStart; f++) buffered.delete(f);
    // The next window is queued before this consumer handles the previous one's frames.
    running.push({ w, result: thread.upscaleWindow(frames, window.start) });
    w += 1;
    if (running.length >= IN_FLIGHT) yield* take();
  }
  while (running.length) yield* take();
  if (w < windows.length) throw new Error(`the clip ended at frame ${next} inside window ${w + 1} of ${windows.length}`);
}

/** Sums each window's weighted outputs per frame and hands out frames once they are complete. */
export class TemporalBlender {
  private readonly pending = new Map<number, PlanarFrame[]>();

  add(window: TemporalWindow, frames: PlanarFrame[][], finalBefore: number): { index: number; branches: PlanarFrame[] }[] {
    frames.forEach((branches, k) => {
      const index = window.start + k;
      const weight = windowWeight(window, index);
      let sums = this.pending.get(index);
      if (!sums) {
        sums = branches.map((b) => createFrame(b.width, b.height));
        this.pending.set(index, sums);
      }
      branches.forEach((b, i) => {
        const sum = sums![i]!.data;
        for (let p = 0; p < sum.length; p++) sum[p]! += weight * b.data[p]!;
      });
    });
    const done: { index: number; branches: PlanarFrame[] }[] = [];
    for (const index of [...this.pending.keys()].sort((a, b) => a - b)) {
      if (index >= finalBefore) break;
      done.push({ index, branches: this.pending.get(index)! });
      this.pending.delete(index);
    }
    return done;
  }
}
