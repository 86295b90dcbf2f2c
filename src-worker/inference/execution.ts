// Execution providers as data with a fallback (the vs-mlrt way): the job asks for a device, the
// worker tries it, and if CUDA cannot be used it says why once and runs on CPU.
import * as ort from 'onnxruntime-node';
import { firstLine } from '../error-text.js';

export type Device = 'cpu' | 'cuda';

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

export async function openSession(modelPath: string, request: ExecutionRequest, notice: (message: string) => void): Promise<OpenedSession> {
  const common = sessionOptions(request.threads);
  if (request.device === 'cuda') {
    try {
      // Quiet onnxruntime's own log for this attempt: the fallback notice below says what happened.
      const session = await ort.InferenceSession.create(modelPath, { ...common, executionProviders: ['cuda'], logSeverityLevel: 4 });
      return { session, device: 'cuda' };
    } catch (error) {
      notice(`CUDA could not be used (${firstLine(error)}), so Specula is running on CPU; to add the CUDA provider run: ${CUDA_INSTALL_HINT}`);
    }
  }
  const session = await ort.InferenceSession.create(modelPath, { ...common, executionProviders: ['cpu'] });
  return { session, device: 'cpu' };
}
