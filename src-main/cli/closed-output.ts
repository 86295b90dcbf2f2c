// When whatever reads the CLI's standard output goes away (`specula upscale … --json | head -1`,
// a wrapper that crashed), writing to it fails with EPIPE. Node would throw that from the next
// write as an unhandled error with a stack trace; a Unix tool instead stops, as on a signal.
// Here the output is dropped from then on, and a command that is rendering hears of it through
// `onOutputClosed` and stops the way Ctrl-C stops it (finished segments kept, no partial file).

const listeners = new Set<() => void>();
let closed = false;

/** Installs the handler once for the process; a no-op afterwards. */
export function watchStandardOutput(): void {
  if (process.stdout.listenerCount('error') > 0) return;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
    if (closed) return;
    closed = true;
    for (const listener of listeners) listener();
  });
}

/** Calls `listener` once if standard output closes while it is registered; returns the unregister. */
export function onOutputClosed(listener: () => void): () => void {
  if (closed) {
    listener();
    return () => undefined;
  }
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
