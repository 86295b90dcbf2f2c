// Installed packs (checked in onnxruntime, so listing takes a moment) and importing a pack folder.
import type { SpeculaApi } from '../../src-shared/api/contract.js';
import type { PackInfo } from '../../src-shared/api/library-records.js';
import { errorText } from './api.js';
import type { Toasts } from './toasts.svelte.js';

export class PacksState {
  packs = $state.raw<PackInfo[]>([]);
  loading = $state(false);
  importing = $state(false);
  typedPath = $state('');
  /** The last import's refusal, shown beside the form. */
  importError = $state<string | null>(null);

  constructor(
    private readonly api: SpeculaApi,
    private readonly toasts: Toasts,
  ) {
    api.onPacksChanged(() => void this.load());
    void this.load();
  }

  get usable(): PackInfo[] {
    return this.packs.filter((p) => p.status === 'ok');
  }

  async load(): Promise<void> {
    this.loading = true;
    try {
      this.packs = await this.api.listPacks();
    } catch (error) {
      this.toasts.push('error', 'The packs could not be listed', errorText(error));
    } finally {
      this.loading = false;
    }
  }

  async importFrom(path: string): Promise<void> {
    this.importing = true;
    this.importError = null;
    try {
      const pack = await this.api.importPack({ path });
      this.toasts.push('success', `Pack "${pack.name}" imported`, `x${pack.scales.join(', x')}, ${pack.drafts} draft model(s).`);
      this.typedPath = '';
    } catch (error) {
      this.importError = errorText(error);
    } finally {
      this.importing = false;
    }
  }

  async chooseAndImport(): Promise<void> {
    try {
      const { paths } = await this.api.choosePaths({ purpose: 'pack-folder' });
      if (paths[0]) await this.importFrom(paths[0]);
    } catch (error) {
      this.importError = errorText(error);
    }
  }
}
