// The inference worker. It owns a job end to end and reports progress; one job at a time.
import { WorkerRequestSchema, type WorkerRequest } from '../src-shared/jobs/worker-messages.js';
import { connectToHost } from './host-port.js';
import { verifyPack } from './packs/verify-pack.js';
import { runPreview } from './preview/run-preview.js';

const host = connectToHost();
let queue = Promise.resolve();

host.onMessage((message) => {
  const parsed = WorkerRequestSchema.safeParse(message);
  if (!parsed.success) {
    const id = typeof (message as { id?: unknown })?.id === 'string' ? (message as { id: string }).id : '';
    host.send({ type: 'error', id, message: `the worker received a malformed request: ${parsed.error.issues[0]?.message}` });
    return;
  }
  queue = queue.then(() => handle(parsed.data));
});

async function handle(request: WorkerRequest): Promise<void> {
  const { id } = request;
  try {
    const result =
      request.type === 'preview'
        ? await runPreview(request.job, {
            progress: (stage, done, total) => host.send({ type: 'progress', id, stage, done, total }),
            notice: (message) => host.send({ type: 'notice', id, message }),
          })
        : { reason: await verifyPack(request.packDir, request.manifest) };
    host.send({ type: 'result', id, result });
  } catch (error) {
    host.send({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });
  }
}
