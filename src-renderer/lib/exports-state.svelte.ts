// Exports: where finished renders go (a folder and a codec preset) and every export with its
// status and the checks it was verified with.
import type { SpeculaApi } from '../../src-shared/api/contract.js';
import type { ExportRecord, RenderRecord } from '../../src-shared/api/library-records.js';
import type { Environment } from '../../src-shared/api/preview-records.js';
import { errorText } from './api.js';
import { EXPORT_PRESETS } from './export-presets.js';
import type { Toasts } from './toasts.svelte.js';

export class ExportsState {
  exports = $state.raw<ExportRecord[]>([]);
  folder = $state('');
  presetId = $state(EXPORT_PRESETS[0]!.id);
  overwrite = $state(false);
  private separator = '/';

  constructor(
    private readonly api: SpeculaApi,
    private readonly toasts: Toasts,
  ) {
    api.onExportChanged((record) => {
      const known = this.exports.some((e) => e.id === record.id);
      this.exports = known ? this.exports.map((e) => (e.id === record.id ? record : e)) : [record, ...this.exports];
      if (record.status === 'done') toasts.push(record.verification?.ok ? 'success' : 'error', `Exported ${baseName(record.target)}`, record.verification?.ok ? 'Every check passed.' : 'Some checks failed: see Exports.');
      if (record.status === 'failed') toasts.push('error', `Export of ${baseName(record.target)} failed`, record.error ?? '');
    });
    void this.load();
  }

  async load(): Promise<void> {
    try {
      this.exports = (await this.api.listExports({})).sort((a, b) => b.id - a.id);
    } catch (error) {
      this.toasts.push('error', 'The exports could not be read', errorText(error));
    }
  }

  /** A browser may write only inside the folders `specula serve` allows: start in the first. */
  suggestFolder(environment: Environment): void {
    this.separator = environment.platform === 'win32' ? '\\' : '/';
    const first = environment.allowedFolders[0];
    if (!this.folder && first) this.folder = `${first.replace(/[\\/]$/, '')}${this.separator}exports`;
  }

  async chooseFolder(): Promise<void> {
    try {
      const { paths } = await this.api.choosePaths({ purpose: 'export-folder' });
      if (paths[0]) this.folder = paths[0];
    } catch (error) {
      this.toasts.push('error', 'No dialog', errorText(error));
    }
  }

  targetFor(render: RenderRecord): string {
    const stem = render.clipName.replace(/\.[^.]+$/, '') || 'clip';
    return `${this.folder.replace(/[\\/]$/, '')}${this.separator}${stem}.mp4`;
  }

  async start(render: RenderRecord): Promise<void> {
    if (!this.folder.trim()) {
      this.toasts.push('error', 'Choose where to export first', 'Pick a destination folder above.');
      return;
    }
    const preset = EXPORT_PRESETS.find((p) => p.id === this.presetId)!;
    try {
      await this.api.startExport({ renderId: render.id, target: this.targetFor(render), overwrite: this.overwrite, ...preset.encode });
    } catch (error) {
      this.toasts.push('error', `${render.clipName} was not exported`, errorText(error));
    }
  }

  forRender(renderId: number): ExportRecord[] {
    return this.exports.filter((e) => e.renderId === renderId);
  }
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
