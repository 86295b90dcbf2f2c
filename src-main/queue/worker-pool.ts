// Idle worker processes, per device, kept between renders so each render does not pay for a
// process start. A worker that died is simply never given back.
import type { Device } from '../../src-shared/jobs/engine-settings.js';
import type { InferenceWorker, WorkerFactory } from '../worker/inference-worker.js';

export class WorkerPool {
  private readonly idle = new Map<Device, InferenceWorker[]>();

  constructor(private readonly create: WorkerFactory) {}

  take(device: Device): InferenceWorker {
    return this.idle.get(device)?.pop() ?? this.create();
  }

  giveBack(device: Device, worker: InferenceWorker): void {
    this.idle.set(device, [...(this.idle.get(device) ?? []), worker]);
  }

  closeAll(): void {
    for (const workers of this.idle.values()) for (const worker of workers.splice(0)) worker.close();
  }
}
