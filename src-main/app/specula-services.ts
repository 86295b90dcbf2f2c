// Everything the app, the CLI and the browser bridge share, around one open library: its stores,
// the event bus, the render queue, thumbnails, exports and packs. The composition root.
import { rm } from 'node:fs/promises';
import type { PackInfo } from '../../src-shared/api/library-records.js';
import { draftCount } from '../../src-shared/packs/pack-variants.js';
import { EventBus } from '../api/event-bus.js';
import { ExportService } from '../export/export-service.js';
import { Library } from '../library/library.js';
import { locateFfmpegTools, type FfmpegTools } from '../media/ffmpeg-tools.js';
import { discoverPacks, type PackEntry } from '../packs/pack-catalog.js';
import { packFolders } from '../packs/pack-folders.js';
import { importPack } from '../packs/import-pack.js';
import { verifyPacks } from '../packs/verify-packs.js';
import { PreviewService } from '../preview/preview-service.js';
import { RenderQueue } from '../queue/render-queue.js';
import { ThumbnailMaker } from '../thumbnails/thumbnail-maker.js';
import type { WorkerFactory } from '../worker/inference-worker.js';
import { WorkerClient } from '../worker/worker-client.js';

export interface ServicesOptions {
  libraryFile: string;
  /** The user's packs folder (default: $SPECULA_PACKS, else the platform's data folder). */
  packsDir?: string | undefined;
  /** How worker processes start (default: Node child processes). */
  workers?: WorkerFactory;
  tools?: FfmpegTools;
}

export class SpeculaServices {
  readonly events = new EventBus();
  readonly queue: RenderQueue;
  readonly thumbnails: ThumbnailMaker;
  readonly exports: ExportService;
  readonly previews: PreviewService;
  private working = false;

  private constructor(
    readonly library: Library,
    readonly tools: FfmpegTools,
    private readonly packsDir: string | undefined,
    private readonly workers: WorkerFactory,
  ) {
    this.queue = new RenderQueue({ library, events: this.events, ffmpeg: tools.ffmpeg, packs: () => this.packs(), workers });
    this.thumbnails = new ThumbnailMaker(library, this.events, tools.ffmpeg);
    this.exports = new ExportService(library, this.events, tools, workers);
    this.previews = new PreviewService({ library, events: this.events, ffmpeg: tools.ffmpeg, packs: () => this.packs(), workers });
  }

  static async open(options: ServicesOptions): Promise<SpeculaServices> {
    const tools = options.tools ?? locateFfmpegTools();
    const library = await Library.open(options.libraryFile);
    return new SpeculaServices(library, tools, options.packsDir, options.workers ?? (() => new WorkerClient()));
  }

  /**
   * Makes this process the one that renders and exports for the library (refused while another
   * process is), resumes what a crash interrupted and catches up on thumbnails.
   */
  startWork(): void {
    if (this.working) return;
    this.queue.start();
    this.working = true;
    for (const id of this.library.exports.failInterrupted()) this.events.emit('exportChanged', this.library.exports.record(id)!);
    this.thumbnails.wake();
  }

  packs(): Promise<PackEntry[]> {
    return discoverPacks(packFolders(this.packsDir));
  }

  /** Where imported packs go. */
  userPacksDir(): string {
    return packFolders(this.packsDir).find((f) => f.origin === 'user')!.dir;
  }

  /** Every pack with its status; the ONNX-level checks run in a worker. */
  async packInfo(): Promise<PackInfo[]> {
    const worker = this.workers();
    const packs = await verifyPacks(worker, await this.packs()).finally(() => worker.close());
    return packs.map(packInfoOf);
  }

  /** Checks a pack folder and copies it into the user's packs folder (see import-pack.ts). */
  async importPack(source: string): Promise<PackInfo> {
    const worker = this.workers();
    const entry = await importPack(source, this.userPacksDir(), await this.packs(), worker).finally(() => worker.close());
    this.events.emit('packsChanged', { added: [entry.name] });
    return packInfoOf(entry);
  }

  /** Removes clips, their renders and exports' records, and their renders' segment folders. */
  async removeClips(ids: number[]): Promise<number> {
    for (const id of ids) {
      const active = this.library.renders.latestForClip(id);
      if (active && (active.status === 'running' || active.status === 'queued' || active.status === 'paused')) await this.queue.cancel(active.id);
    }
    const { removed, workDirs } = this.library.transaction(() => this.library.clips.remove(ids));
    await Promise.all([...workDirs.map((dir) => rm(dir, { recursive: true, force: true })), this.previews.forget(removed)]);
    if (removed.length) this.events.emit('clipsChanged', { added: [], updated: [], removed });
    return removed.length;
  }

  /** Stops rendering (renders keep their segments and wait in the queue), finishes exports and thumbnails, and closes the library. */
  async close({ pauseQueue = false } = {}): Promise<void> {
    await this.queue.stop({ pauseQueue });
    await Promise.all([this.thumbnails.stop(), this.exports.close()]);
    this.previews.close();
    this.library.close();
  }
}

function packInfoOf(p: PackEntry): PackInfo {
  return {
    name: p.name,
    title: p.manifest?.title ?? null,
    origin: p.origin,
    kind: p.manifest?.kind ?? null,
    scales: p.manifest?.variants.map((v) => v.scale) ?? [],
    drafts: p.manifest ? Math.max(...p.manifest.variants.map(draftCount)) : 0,
    status: p.problem === null ? 'ok' : 'broken',
    reason: p.problem,
  };
}
