// The options every command that runs a pack shares (preview, upscale): pack, scale, tiles,
// device, fusion, and the sampler's start timestep and seed for latent packs.
import { Option, type Command } from 'commander';
import type { FusionSettings } from '../../src-shared/fusion/fusion-settings.js';
import { DeviceSchema, type Device, type EngineSettings } from '../../src-shared/jobs/engine-settings.js';
import type { SamplerSettings } from '../../src-shared/jobs/sampler-settings.js';
import { decimal, integer } from './option-parsers.js';

export interface EngineOptions {
  pack?: string;
  scale?: number;
  tile?: number;
  overlap?: number;
  context?: number;
  memory?: number;
  alpha?: number;
  fc?: number;
  order?: number;
  border?: number;
  mask?: 'butterworth' | 'gaussian';
  device: Device;
  threads?: number;
  packs?: string;
  timestep?: number;
  seed?: number;
}

export function addEngineOptions(command: Command): Command {
  return command
    .option('--pack <name>', 'model pack (see `specula packs`); default: detail')
    .option('--scale <s>', 'upscale factor the pack offers; default: its largest', integer(1, 16))
    .option('--tile <n>', 'tile core side in input pixels; default: the largest that fits --memory', integer(8, 4096))
    .option('--overlap <n>', 'cross-faded overlap between tiles in input pixels (default 8)', integer(0, 512))
    .option('--context <n>', "context around each tile in input pixels; default: the model's receptive radius, at most 24", integer(0, 512))
    .option('--memory <mb>', 'activation memory budget that picks the tile size (default 1024)', integer(64))
    .option('--alpha <a>', "fusion strength: 0 keeps the base, 1 takes all of the draft's high frequencies", decimal(0, 1))
    .option('--fc <f>', 'fusion cutoff as a fraction of Nyquist', decimal(0, 1, { exclusiveMin: true }))
    .option('--order <n>', 'Butterworth order', integer(1, 16))
    .option('--border <n>', 'reflect padding before the FFT, in output pixels', integer(0, 256))
    .addOption(new Option('--mask <kind>', 'fusion low-pass mask').choices(['butterworth', 'gaussian']))
    .addOption(new Option('--device <device>', 'where the models run: cpu; cuda (needs the CUDA provider); webgpu (a GPU through Vulkan, Direct3D 12 or Metal)').choices(DeviceSchema.options).default('cpu'))
    .option('--threads <n>', 'CPU threads per model run; 0 for every core', integer(0, 256))
    .option('--timestep <t>', "latent packs: start the sampler at this timestep for every clip, instead of the pack's or its degradation estimate", integer(0))
    .option('--seed <n>', "latent packs: seed of the sampler's noise instead of the pack's", integer(0, 2 ** 32 - 1))
    .option('--packs <dir>', 'folder of user packs (default: $SPECULA_PACKS or ~/.local/share/specula/packs)');
}

export function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function engineSettingsFrom(options: EngineOptions): Partial<EngineSettings> {
  return defined({ tile: options.tile, overlap: options.overlap, context: options.context, memoryBudgetMB: options.memory, device: options.device, threads: options.threads });
}

export function samplerSettingsFrom(options: EngineOptions): Partial<SamplerSettings> {
  return defined({ timestep: options.timestep, seed: options.seed });
}

export function fusionSettingsFrom(options: EngineOptions): Partial<FusionSettings> {
  return defined({ alpha: options.alpha, fc: options.fc, order: options.order, border: options.border, mask: options.mask });
}
