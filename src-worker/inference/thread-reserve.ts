// The inference thread renders and previews run on, made ready before they ask for it. Opening one
// (a thread, onnxruntime, the pack's sessions) took about 0.35 s that every clip waited through:
//  - a host about to render starts it when the worker boots, so the thread and onnxruntime load
//    beside the worker's own modules;
//  - the host names the pack as soon as it knows it (a `warm` request), so the models load while
//    the clip is probed and the render prepared;
//  - after a render or a preview the thread is kept for the next job of the same pack, so a batch
//    (or a run of previews) opens its models once. Held idle for IDLE_MS, it is closed.
// One thread is held at a time; a render that wants another pack closes it and opens its own.
import { statSync } from 'node:fs';
import path from 'node:path';
import { InferenceThread, type ThreadSpec } from './inference-thread.js';

/** How long an idle, opened thread is kept for a next render. */
const IDLE_MS = 30_000;

interface Held {
  /** Which spec it is opened on; null: started, nothing open yet. */
  key: string | null;
  thread: InferenceThread;
  opened: Promise<void>;
}

let held: Held | null = null;
let idleTimer: NodeJS.Timeout | null = null;
/** The key each thread was opened on (its model files as they were then), for giving it back. */
const openedOn = new WeakMap<InferenceThread, string>();

/** Every model file the variant names (at any depth: latent variants name several parts). */
function modelFiles(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(modelFiles);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (k === 'file' && typeof v === 'string' ? [v] : modelFiles(v)));
}

/** The spec, and each model file's size and date: a pack replaced in place is opened afresh. */
function keyOf(spec: ThreadSpec): string {
  const stamps = modelFiles(spec.variant).map((file) => {
    try {
      const { size, mtimeMs } = statSync(path.join(spec.pack.dir, file));
      return `${size}:${mtimeMs}`;
    } catch {
      return 'missing';
    }
  });
  return JSON.stringify([spec.pack.dir, spec.pack.manifest, spec.variant, spec.execution, spec.tiles, stamps]);
}

function close(thread: InferenceThread): void {
  thread.close().catch(() => undefined);
}

function stopIdleTimer(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
}

function startIdleTimer(): void {
  stopIdleTimer();
  idleTimer = setTimeout(() => {
    const idle = held;
    held = null;
    if (idle) close(idle.thread);
  }, IDLE_MS);
  idleTimer.unref();
}

/** A held thread waits without keeping the process alive. */
function hold(entry: Held): Held {
  entry.thread.keepProcessAlive(false);
  return entry;
}

/** Takes what is held, opened on `spec` (a held thread on another spec is closed). */
function heldOn(spec: ThreadSpec): Held {
  const key = keyOf(spec);
  const current = held;
  held = null;
  if (current?.key === key && current.thread.usable) return current;
  if (current && current.key !== null) close(current.thread);
  const thread = current?.key === null && current.thread.usable ? current.thread : InferenceThread.start();
  openedOn.set(thread, key);
  const opened = thread.open(spec);
  // Whoever takes the thread hears of a failed open; until then it is not unhandled.
  opened.catch(() => undefined);
  return { key, thread, opened };
}

/** Starts a thread with nothing open, for the first render or preview to open its pack on. */
export function prestartThread(): InferenceThread {
  if (held) return held.thread;
  const thread = InferenceThread.start();
  // Nothing to open yet, but the process must not exit while the thread still loads onnxruntime.
  held = hold({ key: null, thread, opened: thread.loaded });
  return thread;
}

/** Opens a thread on `spec` ahead of the render that will take it. */
export function openAhead(spec: ThreadSpec): void {
  held = hold(heldOn(spec));
  startIdleTimer();
}

/**
 * The thread for a render of `spec`, opened; its notices (those of opening included) go to
 * `notice`. The render then owns it: it gives it back when done, or cancels it.
 */
export async function takeThread(spec: ThreadSpec, notice: (message: string) => void): Promise<InferenceThread> {
  stopIdleTimer();
  const taken = heldOn(spec);
  taken.thread.keepProcessAlive(true);
  taken.thread.noticesTo(notice);
  try {
    await taken.opened;
  } catch (error) {
    close(taken.thread);
    throw error;
  }
  return taken.thread;
}

/**
 * A render or preview is done with its thread: it is kept, opened, for the next job of the same spec (as
 * the spec and its model files were when the thread opened them).
 */
export function giveBack(thread: InferenceThread): void {
  const key = openedOn.get(thread);
  if (!thread.usable || key === undefined) return;
  thread.noticesTo(null);
  if (held) close(held.thread);
  held = hold({ key, thread, opened: Promise.resolve() });
  startIdleTimer();
}

/** Closes what is held, so that the next job opens its models afresh (benchmarks of a first run). */
export async function closeHeldThread(): Promise<void> {
  stopIdleTimer();
  const current = held;
  held = null;
  if (!current) return;
  // Held, it would not keep the process alive while it closes.
  current.thread.keepProcessAlive(true);
  await current.opened.catch(() => undefined);
  await current.thread.close();
}

/**
 * Waits for a held thread still loading onnxruntime or opening its models: the worker may exit
 * once this settles (an idle thread ends with the process, but ending a process while a thread
 * loads onnxruntime or creates a session aborts it).
 */
export async function settleHeldThread(): Promise<void> {
  stopIdleTimer();
  await held?.opened.catch(() => undefined);
}
