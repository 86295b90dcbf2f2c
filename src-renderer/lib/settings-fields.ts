// The settings panel's rows: each clip setting with its label, its control and what "unset"
// (null) means for it. The values and their checks live in src-shared (clip-settings.ts); this is
// only how they are shown.
import type { ClipSettingKey } from '../../src-shared/library/clip-settings.js';
import { CODECS, PRESETS } from '../../src-shared/jobs/render-job.js';

export type FieldControl =
  | { kind: 'pack' }
  | { kind: 'scale' }
  | { kind: 'choice'; options: readonly string[]; unset?: string }
  | { kind: 'number'; min: number; max: number; step: number; unset?: string };

export interface SettingField {
  key: Exclude<ClipSettingKey, 'trimIn' | 'trimOut'>;
  label: string;
  group: string;
  control: FieldControl;
  help: string;
  /** Only latent packs run a sampler. */
  latentOnly?: boolean;
}

export const SETTING_FIELDS: SettingField[] = [
  { key: 'pack', label: 'Pack', group: 'Model', control: { kind: 'pack' }, help: 'The model pack that upscales the clip.' },
  { key: 'scale', label: 'Scale', group: 'Model', control: { kind: 'scale' }, help: "Upscaling factor; unset takes the pack's largest." },
  { key: 'device', label: 'Device', group: 'Model', control: { kind: 'choice', options: ['cpu', 'cuda', 'webgpu'] }, help: 'Where the models run; a GPU that cannot be used falls back to the CPU with a notice.' },
  { key: 'threads', label: 'CPU threads', group: 'Model', control: { kind: 'number', min: 0, max: 256, step: 1 }, help: 'Threads per model run; 0 uses every core.' },
  { key: 'tile', label: 'Tile', group: 'Tiles', control: { kind: 'number', min: 8, max: 4096, step: 8, unset: 'auto' }, help: 'Tile side in source pixels; auto picks the largest that fits the memory budget.' },
  { key: 'overlap', label: 'Overlap', group: 'Tiles', control: { kind: 'number', min: 0, max: 512, step: 1 }, help: 'Pixels neighbouring tiles share, cross-faded.' },
  { key: 'context', label: 'Context', group: 'Tiles', control: { kind: 'number', min: 0, max: 512, step: 1, unset: 'auto' }, help: "Extra pixels fed around each tile; auto uses the model's reach." },
  { key: 'memoryBudgetMB', label: 'Memory (MB)', group: 'Tiles', control: { kind: 'number', min: 64, max: 1_048_576, step: 64 }, help: 'Activation memory the tiles may use.' },
  { key: 'windowT', label: 'Window (frames)', group: 'Temporal windows', control: { kind: 'number', min: 1, max: 1024, step: 1 }, help: 'Frames per call for multi-frame packs.' },
  { key: 'overlapT', label: 'Window overlap', group: 'Temporal windows', control: { kind: 'number', min: 0, max: 1023, step: 1 }, help: 'Frames consecutive windows share.' },
  { key: 'alpha', label: 'Alpha', group: 'Fusion', control: { kind: 'number', min: 0, max: 1, step: 0.01, unset: "pack's" }, help: "How much of the draft's high-frequency detail is added; 0 keeps the base." },
  { key: 'fc', label: 'Cutoff (fc)', group: 'Fusion', control: { kind: 'number', min: 0.01, max: 1, step: 0.01, unset: "pack's" }, help: 'Low-pass cutoff as a fraction of Nyquist: detail above it comes from the draft.' },
  { key: 'order', label: 'Order', group: 'Fusion', control: { kind: 'number', min: 1, max: 16, step: 1, unset: "pack's" }, help: "Butterworth order: how sharp the cutoff is." },
  { key: 'border', label: 'Border', group: 'Fusion', control: { kind: 'number', min: 0, max: 256, step: 1, unset: "pack's" }, help: 'Reflect padding before the FFT, in pixels.' },
  { key: 'mask', label: 'Mask', group: 'Fusion', control: { kind: 'choice', options: ['butterworth', 'gaussian'], unset: "pack's" }, help: 'Shape of the frequency mask.' },
  { key: 'timestep', label: 'Start timestep', group: 'Sampler', control: { kind: 'number', min: 0, max: 100_000, step: 1, unset: "pack's" }, help: 'Latent packs: where the sampler starts.', latentOnly: true },
  { key: 'seed', label: 'Seed', group: 'Sampler', control: { kind: 'number', min: 0, max: 2 ** 32 - 1, step: 1, unset: "pack's" }, help: "Latent packs: the noise seed.", latentOnly: true },
  { key: 'codec', label: 'Codec', group: 'Output', control: { kind: 'choice', options: CODECS }, help: 'How the render is encoded.' },
  { key: 'crf', label: 'Quality (CRF)', group: 'Output', control: { kind: 'number', min: 0, max: 51, step: 1 }, help: 'Lower is better and bigger.' },
  { key: 'preset', label: 'Encoder preset', group: 'Output', control: { kind: 'choice', options: PRESETS }, help: 'Slower presets make smaller files.' },
];

export function groupsOf(fields: SettingField[]): { group: string; fields: SettingField[] }[] {
  const groups: { group: string; fields: SettingField[] }[] = [];
  for (const field of fields) {
    const last = groups[groups.length - 1];
    if (last?.group === field.group) last.fields.push(field);
    else groups.push({ group: field.group, fields: [field] });
  }
  return groups;
}

/** How a value reads (null reads as what unset means for the field). */
export function valueText(field: SettingField, value: unknown): string {
  if (value === null || value === undefined) return 'unset' in field.control && field.control.unset ? field.control.unset : field.control.kind === 'scale' ? 'largest' : '–';
  if (field.key === 'scale') return `x${String(value)}`;
  return String(value);
}
