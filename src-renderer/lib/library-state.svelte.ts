// The library screen's state: the clips as listed (search, sort, grid or list), bringing clips in
// (native dialogs in the app, a typed path in a browser) and what the last import did.
import type { CLIP_SORTS, SpeculaApi } from '../../src-shared/api/contract.js';
import type { ClipSummary, ImportResult } from '../../src-shared/api/library-records.js';
import type { ChoosePurpose } from '../../src-shared/api/preview-records.js';
import { errorText } from './api.js';
import type { Toasts } from './toasts.svelte.js';

export type ClipSort = (typeof CLIP_SORTS)[number];

export class LibraryState {
  clips = $state.raw<ClipSummary[]>([]);
  total = $state(0);
  loaded = $state(false);
  layout = $state<'grid' | 'list'>('grid');
  lastImport = $state.raw<ImportResult | null>(null);
  importing = $state(false);
  /** What the user typed in the browser's path field. */
  typedPath = $state('');
  #search = $state('');
  #sort = $state<ClipSort>('name');
  #descending = $state(false);
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private listing = 0;

  constructor(
    private readonly api: SpeculaApi,
    private readonly toasts: Toasts,
  ) {
    api.onClipsChanged(() => this.refreshSoon());
    // Imports from anywhere (a drop, the menu, another window) report here.
    api.onClipsImported((result) => (this.lastImport = result));
    void this.refresh();
  }

  get search(): string {
    return this.#search;
  }
  set search(value: string) {
    this.#search = value;
    this.refreshSoon(120);
  }
  get sort(): ClipSort {
    return this.#sort;
  }
  set sort(value: ClipSort) {
    this.#sort = value;
    void this.refresh();
  }
  get descending(): boolean {
    return this.#descending;
  }
  set descending(value: boolean) {
    this.#descending = value;
    void this.refresh();
  }

  async refresh(): Promise<void> {
    const ticket = ++this.listing;
    try {
      const { total, clips } = await this.api.listClips({ search: this.#search, sort: this.#sort, descending: this.#descending, limit: 10_000 });
      if (ticket !== this.listing) return;
      this.total = total;
      this.clips = clips;
      this.loaded = true;
    } catch (error) {
      this.toasts.push('error', 'The clips could not be listed', errorText(error));
    }
  }

  /** Coalesces bursts of changes (an import adds clips in batches, thumbnails land one by one). */
  refreshSoon(delay = 60): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      void this.refresh();
    }, delay);
  }

  async addPaths(paths: string[]): Promise<void> {
    if (paths.length === 0) return;
    this.importing = true;
    try {
      this.lastImport = await this.api.addClips({ paths, recursive: true });
    } catch (error) {
      this.toasts.push('error', 'Nothing was added', errorText(error));
    } finally {
      this.importing = false;
    }
  }

  async addTypedPath(): Promise<void> {
    const path = this.typedPath.trim();
    if (!path) return;
    await this.addPaths([path]);
    if (this.lastImport && this.lastImport.failed.every((f) => f.path !== path)) this.typedPath = '';
  }

  /** The app's native dialog; what the user picks is granted by the main process. */
  async choose(purpose: Extract<ChoosePurpose, 'clips-folder' | 'clip-files'>): Promise<void> {
    try {
      const { paths } = await this.api.choosePaths({ purpose });
      await this.addPaths(paths);
    } catch (error) {
      this.toasts.push('error', 'No dialog', errorText(error));
    }
  }

  async remove(ids: number[]): Promise<void> {
    try {
      await this.api.removeClips({ ids });
    } catch (error) {
      this.toasts.push('error', 'The clips were not removed', errorText(error));
    }
  }
}
