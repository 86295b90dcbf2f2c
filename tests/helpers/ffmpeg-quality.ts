// The independent reference for `specula eval`: ffmpeg's own psnr and ssim filters, fed the same
// pixels Specula measures (the same RGB conversion, the same crop), read back per frame from the
// metadata they attach (six decimals; their stats files round PSNR to two).
//
// The filters run on ffmpeg's C code (-cpuflags 0): the SSE4 ssim_end_line of ffmpeg 5.1 (the
// Debian 12 build) miscounts the last group of windows in a row when the number of 8x8 windows
// per row is 1 more than a multiple of 4 (e.g. a 600 px wide frame scores 0.7578 instead of the C
// code's 0.7556; 8 px wide, 1.0 whatever the pictures). The frames are decoded beforehand with
// ffmpeg's default (SIMD) conversions, as Specula's decoder does: those and the C ones differ in
// rounding.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { videoOf } from './clips.js';
import { tempDir } from './project.js';

export interface FfmpegFrameQuality {
  psnrRgb: number;
  psnrY: number;
  ssimRgb: number;
  ssimY: number;
}

/** What Specula's decoder does to a clip tagged BT.709 limited range (frame-decoder.ts); nothing for RGB images. */
export const BT709_TV_TO_RGB = 'scale=in_color_matrix=bt709:in_range=tv,format=rgb24';

/**
 * Per-frame PSNR and SSIM from ffmpeg: RGB compared as planar gbrp (the "average" and "All"
 * figures), Y as the luma plane of ffmpeg's rgb24 -> yuv444p conversion.
 */
export function ffmpegQuality(pred: string, gt: string, { toRgb = [] as string[], crop = 0 } = {}): FfmpegFrameQuality[] {
  const dir = tempDir('specula-ffmpeg-quality-');
  const inputs = [pred, gt].flatMap((file, i) => {
    const raw = path.join(dir, `${i}.rgb`);
    execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-vf', [...toRgb, 'format=rgb24'].join(','), '-f', 'rawvideo', '-pix_fmt', 'rgb24', raw]);
    const { width, height } = videoOf(file);
    return ['-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${width}x${height}`, '-i', raw];
  });
  const shave = crop > 0 ? `crop=iw-${2 * crop}:ih-${2 * crop}:${crop}:${crop},` : '';
  const measures = [
    { name: 'psnr-rgb', format: 'gbrp', filter: 'psnr' },
    { name: 'psnr-y', format: 'yuv444p', filter: 'psnr' },
    { name: 'ssim-rgb', format: 'gbrp', filter: 'ssim' },
    { name: 'ssim-y', format: 'yuv444p', filter: 'ssim' },
  ];
  const graph = [
    `[0:v]${shave}split=4${measures.map((_, i) => `[p${i}]`).join('')}`,
    `[1:v]${shave}split=4${measures.map((_, i) => `[g${i}]`).join('')}`,
    ...measures.map((m, i) => `[p${i}]format=${m.format}[pf${i}];[g${i}]format=${m.format}[gf${i}];[pf${i}][gf${i}]${m.filter},metadata=print:file=${path.join(dir, `${m.name}.txt`)}[o${i}]`),
  ].join(';');
  execFileSync('ffmpeg', ['-v', 'error', '-cpuflags', '0', ...inputs, '-filter_complex', graph, ...measures.flatMap((_, i) => ['-map', `[o${i}]`, '-f', 'null', '-'])]);
  const read = (name: string, key: string): number[] => metadataValues(readFileSync(path.join(dir, `${name}.txt`), 'utf8'), key);
  const psnrRgb = read('psnr-rgb', 'lavfi.psnr.psnr_avg');
  const psnrY = read('psnr-y', 'lavfi.psnr.psnr.y');
  const ssimRgb = read('ssim-rgb', 'lavfi.ssim.All');
  const ssimY = read('ssim-y', 'lavfi.ssim.Y');
  return psnrRgb.map((_, n) => ({ psnrRgb: psnrRgb[n]!, psnrY: psnrY[n]!, ssimRgb: ssimRgb[n]!, ssimY: ssimY[n]! }));
}

/** One value per frame section of a metadata=print file. */
function metadataValues(text: string, key: string): number[] {
  const values: number[] = [];
  for (const line of text.split('\n')) {
    const [name, value] = line.split('=');
    if (name === key) values.push(value === 'inf' ? Number.POSITIVE_INFINITY : Number(value));
  }
  return values;
}
