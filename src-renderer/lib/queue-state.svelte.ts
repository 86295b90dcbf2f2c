// The render queue as the page sees it: every render with its live progress, the queue's state,
// and a message when a render ends or fails (with the reason), also as a system notification when
// the window is in the background and the user allowed them.
import type { SpeculaApi } from '../../src-shared/api/contract.js';
import type { QueueState as Queue, RenderRecord } from '../../src-shared/api/library-records.js';
import { errorText } from './api.js';
import { duration } from './format.js';
import type { Toasts } from './toasts.svelte.js';

const ACTIVE = new Set(['queued', 'running', 'paused']);
const QUEUED_WHILE_PAUSED = 'Queued while the queue is paused';

export class QueueState {
  renders = $state.raw<RenderRecord[]>([]);
  queue = $state.raw<Queue | null>(null);

  constructor(
    private readonly api: SpeculaApi,
    private readonly toasts: Toasts,
  ) {
    api.onRenderChanged((record) => this.changed(record));
    api.onRenderProgress(({ id, progress }) => (this.renders = this.renders.map((r) => (r.id === id ? { ...r, progress } : r))));
    api.onQueueChanged((queue) => {
      this.queue = queue;
      // Once the queue runs again, the advice to resume it is out of date.
      if (!queue.paused) this.toasts.dismissTitled(QUEUED_WHILE_PAUSED);
    });
    void this.load();
  }

  async load(): Promise<void> {
    try {
      const [renders, queue] = await Promise.all([this.api.listRenders({}), this.api.getQueue()]);
      this.renders = renders.sort((a, b) => b.id - a.id);
      this.queue = queue;
    } catch (error) {
      this.toasts.push('error', 'The queue could not be read', errorText(error));
    }
  }

  /** Frames done and to do over the renders still in the queue. */
  get overall(): { done: number; total: number; active: number } {
    const active = this.renders.filter((r) => ACTIVE.has(r.status));
    return { done: active.reduce((s, r) => s + r.progress.done, 0), total: active.reduce((s, r) => s + r.progress.total, 0), active: active.length };
  }

  latestFor(clipId: number): RenderRecord | undefined {
    return this.renders.find((r) => r.clipId === clipId);
  }

  async queueClips(clipIds: number[]): Promise<void> {
    await this.run('The render was not queued', async () => {
      const records = await this.api.queueRenders({ clipIds });
      for (const record of records) this.changed(record, false);
      if (this.queue?.paused) this.toasts.push('info', QUEUED_WHILE_PAUSED, 'Resume the queue to start rendering.');
    });
  }

  pause = (id: number) => this.run('The render was not paused', () => this.api.pauseRender({ id }));
  resume = (id: number) => this.run('The render was not resumed', () => this.api.resumeRender({ id }));
  cancel = (id: number) => this.run('The render was not cancelled', () => this.api.cancelRender({ id }));
  pauseAll = () => this.run('The queue was not paused', () => this.api.pauseQueue());
  resumeAll = () => this.run('The queue was not resumed', () => this.api.resumeQueue());

  private async run(failure: string, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.toasts.push('error', failure, errorText(error));
    }
  }

  private changed(record: RenderRecord, announce = true): void {
    const before = this.renders.find((r) => r.id === record.id);
    this.renders = before ? this.renders.map((r) => (r.id === record.id ? record : r)) : [record, ...this.renders];
    if (!announce || before?.status === record.status) return;
    if (record.status === 'done') this.announce('success', `Render of ${record.clipName} finished`, `${record.progress.total} frames at ${record.width}×${record.height} in ${duration(record.seconds ?? 0)}.`);
    if (record.status === 'failed') this.announce('error', `Render of ${record.clipName} failed`, record.error ?? 'No reason was given.');
  }

  private announce(kind: 'success' | 'error', title: string, text: string): void {
    this.toasts.push(kind, title, text);
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted' && document.hidden) new Notification(title, { body: text });
  }
}
