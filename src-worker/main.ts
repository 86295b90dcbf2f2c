// Entry of the inference worker. A host about to render or preview (the CLI's `upscale` and
// `preview`) forks it with PRESTART_INFERENCE_THREAD: the inference thread then starts first, so
// that it and onnxruntime load beside the worker's own modules (worker-main.ts) instead of after
// the job arrives. The worker does not exit before that thread has loaded (thread-reserve.ts).
import { PRESTART_INFERENCE_THREAD } from '../src-shared/jobs/worker-start.js';

if (process.argv.includes(PRESTART_INFERENCE_THREAD)) (await import('./inference/thread-reserve.js')).prestartThread();
await import('./worker-main.js');
