// `specula preview` and `specula upscale` fork their worker, with its inference thread starting at
// once, before they have even read their arguments; a bad file or a bad option then closes the
// worker within a few hundred milliseconds. A process that exits while a thread is still loading
// onnxruntime aborts with a native error on stderr, which the user would see under their one line.
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { describe, it } from 'node:test';
import { PRESTART_INFERENCE_THREAD } from '../../src-shared/jobs/worker-start.js';
import { workerScript } from '../../src-main/worker/worker-client.js';

async function startAndLeave(delayMs: number): Promise<{ exit: number | string; stderr: string }> {
  const { script, execArgv } = workerScript();
  const child = fork(script, [PRESTART_INFERENCE_THREAD], { execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code ?? -1)));
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  if (child.connected) child.disconnect();
  return { exit: await exited, stderr };
}

describe('the worker process', () => {
  it('exits cleanly when its host goes away while the inference thread is still loading', async () => {
    // Before the fix about one start in forty to sixty aborted, while the thread was loading
    // onnxruntime (150-300 ms in here), so this samples that window rather than hitting it every
    // time; thread-reserve.test.ts checks the rule behind it (exit waits for the load) directly.
    for (let delay = 0; delay < 480; delay += 12) {
      const { exit, stderr } = await startAndLeave(delay);
      assert.equal(exit, 0, `left after ${delay} ms: exit ${exit}; stderr: ${stderr}`);
      assert.equal(stderr, '', `left after ${delay} ms`);
    }
  });
});
