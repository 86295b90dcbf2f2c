// The library's defaults: every clip's setting unless the clip overrides it.
import type { SpeculaApi } from '../../src-shared/api/contract.js';
import type { LibraryDefaults, LibraryDefaultsPatch } from '../../src-shared/library/clip-settings.js';
import { errorText } from './api.js';

export class DefaultsState {
  values = $state.raw<LibraryDefaults | null>(null);
  error = $state<string | null>(null);
  saving = $state(false);

  constructor(private readonly api: SpeculaApi) {}

  async load(): Promise<void> {
    try {
      this.values = await this.api.getDefaults();
    } catch (error) {
      this.error = errorText(error);
    }
  }

  async set(patch: LibraryDefaultsPatch): Promise<void> {
    this.saving = true;
    this.error = null;
    try {
      this.values = await this.api.setDefaults({ patch });
    } catch (error) {
      this.error = errorText(error);
    } finally {
      this.saving = false;
    }
  }
}
