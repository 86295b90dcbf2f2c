// Export codec presets: stream copy (the render's own encoding, verified) or one re-encode.
import type { CallInput } from '../../src-shared/api/contract.js';

export interface ExportPreset {
  id: string;
  label: string;
  encode: Pick<CallInput<'startExport'>, 'codec' | 'crf' | 'preset'>;
}

export const EXPORT_PRESETS: ExportPreset[] = [
  { id: 'copy', label: 'Same as the render (no re-encode)', encode: {} },
  { id: 'h264-master', label: 'H.264 · master (CRF 14, slow)', encode: { codec: 'h264', crf: 14, preset: 'slow' } },
  { id: 'h264-share', label: 'H.264 · sharing (CRF 22, medium)', encode: { codec: 'h264', crf: 22, preset: 'medium' } },
  { id: 'h265-small', label: 'H.265 · smallest (CRF 26, medium)', encode: { codec: 'h265', crf: 26, preset: 'medium' } },
];
