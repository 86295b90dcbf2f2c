// The inference worker's work (its entry is main.ts). It owns a job end to end and reports
// progress; one job at a time, and a cancel request stops the job it names at once; a warm request
// opens a render's models ahead of it. Each kind of job's code is loaded when the first
// such job arrives: a render or a pixel pack's preview never needs onnxruntime on this thread (its
// models run on the inference thread), and loading every job's modules up front was most of the
// worker's start-up.
import type { RenderTarget } from '../src-shared/jobs/render-job.js';
import { WorkerRequestSchema, type WorkerRequest } from '../src-shared/jobs/worker-messages.js';
import { connectToHost } from './host-port.js';
import type { PlanarFrame } from './frames/planar-frame.js';

const host = connectToHost();
let queue = Promise.resolve();
const running = new Map<string, AbortController>();

host.onMessage((message) => {
  const parsed = WorkerRequestSchema.safeParse(message);
  if (!parsed.success) {
    const id = typeof (message as { id?: unknown })?.id === 'string' ? (message as { id: string }).id : '';
    host.send({ type: 'error', id, message: `the worker received a malformed request: ${parsed.error.issues[0]?.message}` });
    return;
  }
  const request = parsed.data;
  if (request.type === 'cancel') {
    running.get(request.target)?.abort();
    return;
  }
  if (request.type === 'warm') {
    void warm(request.target).catch(() => undefined);
    host.send({ type: 'result', id: request.id, result: null });
    return;
  }
  const controller = new AbortController();
  running.set(request.id, controller);
  queue = queue.then(() => handle(request, controller.signal)).finally(() => running.delete(request.id));
});

// When the host goes, running jobs stop cleanly (ffmpeg children ended, onnxruntime left to
// finish its run), and a held inference thread still opening its models finishes that, before
// the process exits.
host.onClose(() => {
  for (const controller of running.values()) controller.abort();
  void queue
    .then(() => import('./inference/thread-reserve.js'))
    .then(({ settleHeldThread }) => settleHeldThread())
    .finally(() => process.exit(0));
});

/** Outside the job queue: the models load while the host still prepares the render. */
async function warm(target: RenderTarget): Promise<void> {
  const [{ openAhead }, { threadSpecFor }] = await Promise.all([import('./inference/thread-reserve.js'), import('./inference/thread-spec.js')]);
  openAhead(threadSpecFor(target));
}

async function handle(request: Exclude<WorkerRequest, { type: 'cancel' | 'warm' }>, signal: AbortSignal): Promise<void> {
  const { id } = request;
  try {
    if (signal.aborted) throw new Error('the request was cancelled before it started');
    const notice = (message: string): void => host.send({ type: 'notice', id, message });
    let result: unknown;
    if (request.type === 'preview') {
      const { runPreview } = await import('./preview/run-preview.js');
      const { keepPreview } = await import('./refuse/preview-cache.js');
      const { job } = request;
      const keep = request.keep ? (branches: PlanarFrame[]) => keepPreview(job.outDir, branches, job.fusion.border) : undefined;
      result = await runPreview(job, { progress: (stage, done, total) => host.send({ type: 'progress', id, stage, done, total }), notice, ...(keep ? { branches: keep } : {}) });
    } else if (request.type === 'refuse-preview') {
      const { refusePreview } = await import('./refuse/refuse-preview.js');
      result = await refusePreview(request);
    } else if (request.type === 'render') {
      const progress = (stage: string, done: number, total: number, rate?: { fps: number; etaSeconds: number }): void => host.send({ type: 'progress', id, stage, done, total, ...rate });
      const { runRender } = await import('./render/run-render.js');
      result = await runRender(request.job, { progress, notice, segment: (segment) => host.send({ type: 'segment', id, segment }) }, signal);
    } else if (request.type === 'export') {
      const { runExport } = await import('./export/run-export.js');
      result = await runExport(request.job, notice);
    } else if (request.type === 'eval') {
      const { runEval } = await import('./eval/run-eval.js');
      result = await runEval(request.job, { progress: (stage, done, total) => host.send({ type: 'progress', id, stage, done, total }) }, signal);
    } else {
      const { verifyPack } = await import('./packs/verify-pack.js');
      result = { reason: await verifyPack(request.packDir, request.manifest) };
    }
    host.send({ type: 'result', id, result });
  } catch (error) {
    host.send({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });
  }
}
