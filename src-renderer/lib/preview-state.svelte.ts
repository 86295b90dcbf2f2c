// The preview of one frame: run the base and drafts on the playhead's frame (or take them from the
// cache), choose what to compare against the source, move the split, and retune the fusion live:
// each slider move re-fuses the cached outputs in the worker (the models do not run again), and
// a move made while one is in flight is sent as soon as that one lands, with the newest values.
import type { SpeculaApi } from '../../src-shared/api/contract.js';
import type { PreviewProgress, PreviewRecord } from '../../src-shared/api/preview-records.js';
import { errorText } from './api.js';
import { ClipState } from './clip-state.svelte.js';

export type Branch = 'fused' | 'base' | `draft-${number}`;
export type FusionChange = Partial<{ alpha: number; fc: number; order: number }>;

export class PreviewState {
  record = $state.raw<PreviewRecord | null>(null);
  /** The clip screen shows the preview (else the source). */
  open = $state(false);
  running = $state(false);
  progress = $state.raw<PreviewProgress | null>(null);
  error = $state<string | null>(null);
  shown = $state<Branch>('fused');
  /** Where the split between source (left) and result (right) is, 0 to 1. */
  split = $state(0.5);
  loupe = $state(false);
  loupeZoom = $state<1 | 4>(1);
  alpha = $state(0.6);
  fc = $state(0.25);
  order = $state(4);
  fusedRef = $state<string | null>(null);
  refusing = $state(false);
  /** The last slider move, from input to the new picture on screen (this page's clock), and the worker's share. */
  lastRefuse = $state.raw<{ totalMs: number; workerMs: number } | null>(null);
  /** The clip's settings (other than fusion, trim and encoding) when the preview ran. */
  private ranWith = $state('');
  private pending = false;
  private inputAt: number | null = null;
  private workerMs = 0;
  private readonly stop: () => void;

  constructor(
    private readonly api: SpeculaApi,
    private readonly media: (ref: string) => string,
    private readonly clip: ClipState,
  ) {
    this.stop = api.onPreviewProgress((p) => p.clipId === clip.clipId && (this.progress = p));
  }

  dispose(): void {
    this.stop();
  }

  get hasDrafts(): boolean {
    return (this.record?.images.drafts.length ?? 0) > 0;
  }

  get sourceUrl(): string | null {
    return this.record ? this.media(this.record.images.source) : null;
  }

  get resultUrl(): string | null {
    const record = this.record;
    if (!record) return null;
    if (this.shown === 'base') return this.media(record.images.base);
    if (this.shown === 'fused') return this.media(this.fusedRef ?? record.images.fused);
    const draft = record.images.drafts[Number(this.shown.slice(6)) - 1];
    return draft ? this.media(draft) : null;
  }

  /** The sliders differ from what the clip would render with. */
  get tuned(): boolean {
    const f = this.record?.fusion;
    return !!f && (f.alpha !== this.alpha || f.fc !== this.fc || f.order !== this.order);
  }

  /** The clip's model settings changed since this preview ran: it no longer shows what a render would. */
  get stale(): boolean {
    return this.record !== null && this.ranWith !== modelSettingsOf(this.clip);
  }

  async run(): Promise<void> {
    this.open = true;
    this.running = true;
    this.error = null;
    this.progress = null;
    try {
      const record = await this.api.previewFrame({ clipId: this.clip.clipId, frame: this.clip.frame });
      this.record = record;
      this.ranWith = modelSettingsOf(this.clip);
      this.fusedRef = record.images.fused;
      ({ alpha: this.alpha, fc: this.fc, order: this.order } = record.fusion);
      if (this.shown !== 'fused' && this.shown !== 'base' && Number(this.shown.slice(6)) > record.images.drafts.length) this.shown = 'fused';
    } catch (error) {
      this.error = errorText(error);
    } finally {
      this.running = false;
    }
  }

  setFusion(change: FusionChange): void {
    if (!this.record) return;
    Object.assign(this, change);
    this.inputAt = performance.now();
    this.shown = 'fused';
    void this.refuse();
  }

  /** The new fused picture is on screen (CompareView calls this once it has been painted). */
  painted(url: string): void {
    if (this.inputAt === null || !this.fusedRef || url !== this.media(this.fusedRef)) return;
    this.lastRefuse = { totalMs: performance.now() - this.inputAt, workerMs: this.workerMs };
    if (!this.refusing) this.inputAt = null;
  }

  /** "Use these settings for this clip": the render will fuse as the preview now shows. */
  async useForClip(): Promise<void> {
    const saved = await this.clip.set({ alpha: this.alpha, fc: this.fc, order: this.order });
    if (saved && this.record) {
      this.record = { ...this.record, fusion: { ...this.record.fusion, alpha: this.alpha, fc: this.fc, order: this.order } };
      this.ranWith = modelSettingsOf(this.clip);
    }
  }

  private async refuse(): Promise<void> {
    if (this.refusing) {
      this.pending = true;
      return;
    }
    this.refusing = true;
    try {
      do {
        this.pending = false;
        const refused = await this.api.refusePreview({ previewId: this.record!.id, alpha: this.alpha, fc: this.fc, order: this.order });
        this.workerMs = refused.fuseMs + refused.writeMs;
        this.fusedRef = refused.fused;
      } while (this.pending);
    } catch (error) {
      this.error = errorText(error);
    } finally {
      this.refusing = false;
    }
  }
}

function modelSettingsOf(clip: ClipState): string {
  const e = clip.detail?.effective;
  return e ? JSON.stringify([e.pack, e.scale, e.device, e.threads, e.tile, e.overlap, e.context, e.memoryBudgetMB, e.timestep, e.seed, e.border, e.mask]) : '';
}

/** A clip screen's state: the clip and its preview. */
export function openClip(app: { api: SpeculaApi; media(ref: string): string }, clipId: number): { clip: ClipState; preview: PreviewState } {
  const media = (ref: string): string => app.media(ref);
  const clip = new ClipState(app.api, media, clipId);
  return { clip, preview: new PreviewState(app.api, media, clip) };
}
