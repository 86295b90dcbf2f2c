// Every model in the default packs is checked against its source: TF.js running the same
// model.json in Node, on a crop of a real photo, in the value range the pack declares.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PACK_SOURCES } from '../../tools/pack-sources.js';
import { modelSourcePath } from '../../tools/build-packs.js';
import { ModelSession } from '../../src-worker/inference/model-session.js';
import { crop, maxAbsDiff, photoPath, psnr, readPng } from '../helpers/project.js';
import { variantOf } from '../helpers/packs.js';
import { loadTfjsModel, runTfjs } from '../../tools/tfjs-reference.js';
import type { PlanarFrame } from '../../src-worker/frames/planar-frame.js';
import * as ort from 'onnxruntime-node';
import { createRequire } from 'node:module';
import path from 'node:path';

function toHwc(frame: PlanarFrame, factor: number): Float32Array {
  const plane = frame.width * frame.height;
  const out = new Float32Array(3 * plane);
  for (let i = 0; i < plane; i++) for (let c = 0; c < 3; c++) out[3 * i + c] = frame.data[c * plane + i]! * factor;
  return out;
}

function fromHwc(hwc: Float32Array, factor: number): Float32Array {
  const plane = hwc.length / 3;
  const out = new Float32Array(hwc.length);
  for (let i = 0; i < plane; i++) for (let c = 0; c < 3; c++) out[c * plane + i] = hwc[3 * i + c]! * factor;
  return out;
}

const cases = PACK_SOURCES.flatMap((pack) =>
  pack.variants.flatMap((variant) => [
    { pack: pack.name, scale: variant.scale, role: 'base', index: -1, source: variant.base },
    ...variant.drafts.map((source, index) => ({ pack: pack.name, scale: variant.scale, role: `draft ${index + 1}`, index, source })),
  ]),
);

describe('converted default models', () => {
  const photo = readPng(photoPath('chelsea'));
  const lr = crop(photo, 150, 110, 24, 24);

  for (const c of cases) {
    it(`${c.pack} x${c.scale} ${c.role} matches TF.js within 1e-3 x 255`, async () => {
      const { dir, variant } = variantOf(c.pack, c.scale);
      const model = c.index < 0 ? variant.base : variant.drafts[c.index]!;
      assert.deepEqual(model.range, c.source.range, 'the pack declares the source package value range');
      const rangeFactor = model.range[1] / 255;
      const tfjs = await loadTfjsModel(modelSourcePath(c.source));
      const expected = runTfjs(tfjs, toHwc(lr, rangeFactor), lr.height, lr.width);
      const session = new ModelSession(await ort.InferenceSession.create(path.join(dir, model.file)), model);
      const inputName = c.index < 0 ? variant.base.input : variant.drafts[c.index]!.inputs[0]!.name;
      const out = await session.run({ [inputName]: { data: lr.data, dims: [1, 3, lr.height, lr.width] } });
      assert.deepEqual(out.dims, [1, 3, lr.height * c.scale, lr.width * c.scale]);
      const diff = maxAbsDiff(out.data, fromHwc(expected.data, 1 / rangeFactor));
      assert.ok(diff < 1e-3 * 255, `max abs difference ${diff} (0-255 units)`);
    });
  }

  it('declares the value range each UpscalerJS package declares for its model', () => {
    const require = createRequire(import.meta.url);
    for (const c of cases.filter((k) => k.source.npmPackage.startsWith('@upscalerjs/esrgan-'))) {
      const definition = require(`${c.source.npmPackage}/${c.scale}x`) as { default?: { inputRange: number[]; outputRange: number[] } };
      const { inputRange, outputRange } = definition.default ?? (definition as unknown as { inputRange: number[]; outputRange: number[] });
      assert.deepEqual(c.source.range, inputRange, `${c.source.npmPackage} x${c.scale} input range`);
      assert.deepEqual(c.source.range, outputRange, `${c.source.npmPackage} x${c.scale} output range`);
    }
  });

  it('runs the idealo GAN draft (no JS definition in its package) in 0-1, where it is clearly right', async () => {
    // Downscale a real photo x4 with a box filter and upscale again: in 0-1 the draft is close to
    // the photo; fed 0-255 it is far off. (The RDN bases are nearly scale-equivariant, so for them
    // the package declaration above is the evidence.)
    const { dir, variant } = variantOf('detail', 4);
    const draft = variant.drafts[0]!;
    assert.deepEqual(draft.range, [0, 1]);
    const hr = crop(photo, 100, 60, 96, 96);
    const small = downscaleBox(hr, 4);
    const scores: number[] = [];
    for (const range of [[0, 1], [0, 255]] as const) {
      const s = new ModelSession(await ort.InferenceSession.create(path.join(dir, draft.file)), { ...draft, range: [...range] as [0, 1] | [0, 255] });
      const out = await s.run({ [draft.inputs[0]!.name]: { data: small.data, dims: [1, 3, small.height, small.width] } });
      scores.push(psnr(out.data.map((v) => Math.min(255, Math.max(0, v))), hr.data));
    }
    assert.ok(scores[0]! > scores[1]! + 2, `0-1: ${scores[0]!.toFixed(2)} dB, 0-255: ${scores[1]!.toFixed(2)} dB`);
  });
});

function downscaleBox(frame: PlanarFrame, factor: number): PlanarFrame {
  const width = frame.width / factor;
  const height = frame.height / factor;
  const out = { width, height, data: new Float32Array(3 * width * height) };
  for (let c = 0; c < 3; c++)
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        let sum = 0;
        for (let dy = 0; dy < factor; dy++) for (let dx = 0; dx < factor; dx++) sum += frame.data[(c * frame.height + y * factor + dy) * frame.width + x * factor + dx]!;
        out.data[(c * height + y) * width + x] = sum / (factor * factor);
      }
  return out;
}
