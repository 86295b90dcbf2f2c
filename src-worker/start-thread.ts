// Starts a worker thread from a module next to the caller. Built code runs the .js file; under
// tsx (tests, development) the .ts source runs, with tsx registered inside the new thread
// (threads do not inherit the parent's --import hooks on Node 20).
import { Worker } from 'node:worker_threads';

export function startThread(jsUrl: URL): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(jsUrl);
  const source = jsUrl.href.replace(/\.js$/, '.ts');
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { eval: true });
}
