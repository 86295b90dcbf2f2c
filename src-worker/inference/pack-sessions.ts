// Opens the base and draft sessions of one pack variant on the requested device.
import path from 'node:path';
import type { PackVariant } from '../../src-shared/packs/pack-manifest.js';
import { openSession, type Device, type ExecutionRequest } from './execution.js';
import { ModelSession } from './model-session.js';
import type { VariantSessions } from './tiled-upscale.js';

export interface OpenedVariant extends VariantSessions {
  device: Device;
  release(): Promise<void>;
}

export async function openVariant(packDir: string, variant: PackVariant, request: ExecutionRequest, notice: (message: string) => void): Promise<OpenedVariant> {
  const first = await openSession(path.join(packDir, variant.base.file), request, notice);
  // One fallback notice is enough: once CUDA failed, the drafts go straight to CPU.
  const rest = { ...request, device: first.device };
  const drafts: ModelSession[] = [];
  for (const draft of variant.drafts) {
    const opened = await openSession(path.join(packDir, draft.file), rest, notice);
    drafts.push(new ModelSession(opened.session, draft));
  }
  const base = new ModelSession(first.session, variant.base);
  return {
    base,
    drafts,
    device: first.device,
    release: async () => {
      await Promise.all([base, ...drafts].map((s) => s.release()));
    },
  };
}
