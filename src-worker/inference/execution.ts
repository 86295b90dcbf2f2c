// Execution providers as data with a fallback (the vs-mlrt way): the job asks for a device, the
// worker tries it, and if the GPU cannot be used it says why once and runs on CPU.
import * as ort from 'onnxruntime-node';
import type { Device } from '../../src-shared/jobs/engine-settings.js';
import { firstLine } from '../error-text.js';

export type { Device };

// onnxruntime's own log would print a failed GPU attempt as a native error trace before the
// fallback notice says the same in one line; every real failure still throws with its message.
ort.env.logLevel = 'fatal';

export interface ExecutionRequest {
  device: Device;
  /** CPU threads for one model run; 0 lets onnxruntime use every core. */
  threads: number;
}

export interface OpenedSession {
  session: ort.InferenceSession;
  device: Device;
}

export const CUDA_INSTALL_HINT = 'npm rebuild onnxruntime-node --onnxruntime-node-install=cuda12';

/**
 * Options every session gets. A pack holds several sessions, each with its own thread pool; by
 * default those threads spin after each run and take cores from the next model, so they sleep.
 */
export function sessionOptions(threads: number): ort.InferenceSession.SessionOptions {
  return {
    graphOptimizationLevel: 'all',
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
  };
}

/** What to tell the user when a GPU device cannot be used. */
const FALLBACK_ADVICE: Record<Exclude<Device, 'cpu'>, string> = {
  cuda: `to add the CUDA provider run: ${CUDA_INSTALL_HINT}`,
  webgpu: "WebGPU needs a GPU with a Vulkan (Linux), Direct3D 12 (Windows) or Metal (macOS) driver; check the GPU's driver is installed",
};

export async function openSession(modelPath: string, request: ExecutionRequest, notice: (message: string) => void): Promise<OpenedSession> {
  const common = sessionOptions(request.threads);
  if (request.device !== 'cpu') {
    try {
      // Quiet onnxruntime's own log for this attempt: the fallback notice below says what happened.
      const session = await ort.InferenceSession.create(modelPath, { ...common, executionProviders: [request.device], logSeverityLevel: 4 });
      return { session, device: request.device };
    } catch (error) {
      const name = request.device === 'cuda' ? 'CUDA' : 'WebGPU';
      notice(`${name} could not be used (${firstLine(error)}), so Specula is running on CPU; ${FALLBACK_ADVICE[request.device]}.`);
    }
  }
  const session = await ort.InferenceSession.create(modelPath, { ...common, executionProviders: ['cpu'] });
  return { session, device: 'cpu' };
}
