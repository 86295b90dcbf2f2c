// Makes the demo's sample clips in resources/samples from the bundled real photographs: a camera
// pan across one, a slow zoom into the other, each with a spoken line from espeak-ng. Run by
// hand (`npm run make:samples`, needs ffmpeg and espeak-ng); the clips are committed, so a user's
// `npm run demo` needs neither.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, here.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');
const samples = path.join(root, 'resources', 'samples');
/** Small enough that the default (detail) pack upscales both in about a minute on two CPU cores. */
const WIDTH = 112;
const HEIGHT = 64;
const FPS = 16;
const SECONDS = 1.5;

interface Sample {
  name: string;
  photo: string;
  /** ffmpeg filters from the photo (looped at FPS) to WIDTHxHEIGHT with camera motion. */
  motion: string;
  line: string;
}

const SAMPLES: Sample[] = [
  { name: 'cat-pan', photo: 'chelsea.png', motion: `crop=224:128:'40+t*80':'60+t*20',scale=${WIDTH}:${HEIGHT}:flags=area`, line: 'A cat, in a slow pan.' },
  {
    name: 'coffee-zoom',
    photo: 'coffee.png',
    motion: `scale=1200:800,zoompan=z='1+0.02*on':x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':d=1:s=${WIDTH * 4}x${HEIGHT * 4}:fps=${FPS},scale=${WIDTH}:${HEIGHT}:flags=area`,
    line: 'Coffee, zooming in.',
  },
];

const work = mkdtempSync(path.join(os.tmpdir(), 'specula-samples-'));
try {
  for (const sample of SAMPLES) {
    const speech = path.join(work, `${sample.name}.wav`);
    execFileSync('espeak-ng', ['-s', '170', '-w', speech, sample.line]);
    const out = path.join(samples, `${sample.name}.mp4`);
    execFileSync('ffmpeg', [
      '-v', 'error', '-y',
      '-loop', '1', '-framerate', String(FPS), '-i', path.join(samples, 'photos', sample.photo),
      '-i', speech,
      '-filter_complex', `[0:v]${sample.motion},format=yuv420p[v];[1:a]apad[a]`,
      '-map', '[v]', '-map', '[a]', '-t', String(SECONDS),
      '-c:v', 'libx264', '-crf', '16', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-colorspace', 'bt709', '-color_range', 'tv',
      '-c:a', 'aac', '-b:a', '64k', '-movflags', '+faststart', out,
    ]);
    console.log(`wrote ${path.relative(root, out)}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
