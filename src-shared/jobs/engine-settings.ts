import { z } from 'zod';

/**
 * Where the models run: the CPU always works; CUDA needs onnxruntime's CUDA provider (a separate
 * download); WebGPU ships with onnxruntime-node and uses whatever GPU the system's Vulkan, Direct3D
 * 12 or Metal driver offers. A GPU that cannot be used falls back to the CPU with one notice.
 */
export const DeviceSchema = z.enum(['cpu', 'cuda', 'webgpu']);
export type Device = z.infer<typeof DeviceSchema>;

/** How a frame is cut into tiles and where it runs. null means "choose for me". */
export const EngineSettingsSchema = z.object({
  /** Tile core side in input pixels; null picks the largest that fits memoryBudgetMB. */
  tile: z.number().int().min(8).nullable(),
  /** Cross-faded overlap between neighbouring tile cores, in input pixels. */
  overlap: z.number().int().min(0),
  /** Context around each tile core, in input pixels; null uses the model's receptive radius, capped. */
  context: z.number().int().min(0).nullable(),
  memoryBudgetMB: z.number().positive(),
  device: DeviceSchema,
  /** CPU threads per model run; 0 for every core. */
  threads: z.number().int().min(0),
});

export type EngineSettings = z.infer<typeof EngineSettingsSchema>;

export const DEFAULT_ENGINE_SETTINGS: EngineSettings = {
  tile: null,
  overlap: 8,
  context: null,
  memoryBudgetMB: 1024,
  device: 'cpu',
  threads: 0,
};

/** Context used when none is given: the receptive radius, but no more than this many input pixels. */
export const MAX_AUTO_CONTEXT = 24;
