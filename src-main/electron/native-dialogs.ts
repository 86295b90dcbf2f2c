// The app's file dialogs. What they return is what the user chose: the caller grants it.
import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';
import type { ChoosePurpose } from '../../src-shared/api/preview-records.js';
import type { NativeDialogs } from '../api/router.js';

const VIDEO_EXTENSIONS = ['mp4', 'm4v', 'mov', 'mkv', 'webm', 'avi', 'mts', 'm2ts', 'mxf', 'mpg', 'mpeg', 'wmv', 'flv', 'ts'];

const OPTIONS: Record<ChoosePurpose, OpenDialogOptions> = {
  'clips-folder': { title: 'Add a folder of clips', buttonLabel: 'Add folder', properties: ['openDirectory'] },
  'clip-files': { title: 'Add clips', buttonLabel: 'Add', properties: ['openFile', 'multiSelections'], filters: [{ name: 'Videos', extensions: VIDEO_EXTENSIONS }, { name: 'All files', extensions: ['*'] }] },
  'export-folder': { title: 'Export to', buttonLabel: 'Export here', properties: ['openDirectory', 'createDirectory'] },
  'pack-folder': { title: 'Import a model pack folder', buttonLabel: 'Import', properties: ['openDirectory'] },
};

export function nativeDialogs(window: () => BrowserWindow | null): NativeDialogs {
  return {
    async choose(purpose) {
      const owner = window();
      const result = owner ? await dialog.showOpenDialog(owner, OPTIONS[purpose]) : await dialog.showOpenDialog(OPTIONS[purpose]);
      return result.canceled ? [] : result.filePaths;
    },
  };
}
