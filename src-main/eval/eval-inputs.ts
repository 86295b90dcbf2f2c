// What `--pred` or `--gt` names, as clips. A file is one clip (a video, or a single image); a
// folder of images is one clip, its frames in name order; a folder of videos or of frame folders
// is one clip per entry, named after it. Every file is probed first, so anything unusable is one
// UserError sentence before the worker starts.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { EvalSource } from '../../src-shared/jobs/eval-job.js';
import { UserError } from '../../src-shared/user-error.js';
import { probeMedia, type MediaInfo } from '../media/probe-media.js';

export interface NamedSource {
  name: string;
  source: EvalSource;
}

/** Frame names in the order people expect: frame2 before frame10. */
const byName = new Intl.Collator('en', { numeric: true }).compare;

/** Probes at once: enough to hide ffprobe's start-up, few enough for two cores. */
const PROBES_AT_ONCE = 4;

export async function collectEvalSources(ffprobe: string, input: string): Promise<NamedSource[]> {
  const info = await stat(input).catch(() => null);
  if (!info) throw new UserError(`${input} does not exist; check the path.`);
  if (!info.isDirectory()) return [{ name: path.parse(input).name, source: { path: input, files: [await probeMedia(ffprobe, input)] } }];

  const { files, folders } = await listFolder(input);
  const probed = await probeAll(ffprobe, files);
  const images = probed.filter((m) => m.kind === 'image');
  const videos = probed.filter((m) => m.kind === 'video');
  if (folders.length === 0 && videos.length === 0) {
    if (images.length === 0) throw new UserError(`${input} has no images or videos in it; check the path.`);
    return [{ name: path.basename(path.resolve(input)), source: framesOf(input, images) }];
  }
  if (images.length > 0) {
    throw new UserError(`${input} mixes images with videos or folders; give a folder of frames, or a folder of clips (videos, or folders of frames).`);
  }
  const clips: NamedSource[] = videos.map((media) => ({ name: path.parse(media.path).name, source: { path: media.path, files: [media] } }));
  for (const folder of folders) clips.push({ name: path.basename(folder), source: await framesFolder(ffprobe, folder) });
  const seen = new Set<string>();
  for (const clip of clips) {
    if (seen.has(clip.name)) throw new UserError(`${input} has two clips named "${clip.name}" (a video and a folder); rename one of them.`);
    seen.add(clip.name);
  }
  return clips.sort((a, b) => byName(a.name, b.name));
}

async function framesFolder(ffprobe: string, folder: string): Promise<EvalSource> {
  const { files } = await listFolder(folder);
  const probed = await probeAll(ffprobe, files);
  if (probed.length === 0) throw new UserError(`${folder} has no images in it; a clip folder holds its frames as images.`);
  const video = probed.find((m) => m.kind === 'video');
  if (video) throw new UserError(`${video.path} is a video inside ${folder}, which is read as a folder of frames; give frames as images.`);
  return framesOf(folder, probed);
}

function framesOf(folder: string, images: MediaInfo[]): EvalSource {
  const [first] = images;
  const odd = images.find((m) => m.width !== first!.width || m.height !== first!.height);
  if (odd) {
    throw new UserError(`${odd.path} is ${odd.width}x${odd.height} but ${first!.path} is ${first!.width}x${first!.height}; every frame in ${folder} must be the same size.`);
  }
  return { path: folder, files: images };
}

/** Files and folders directly inside, hidden ones and earlier metrics files left out. */
async function listFolder(folder: string): Promise<{ files: string[]; folders: string[] }> {
  const entries = (await readdir(folder, { withFileTypes: true })).filter((e) => !e.name.startsWith('.')).sort((a, b) => byName(a.name, b.name));
  return {
    files: entries.filter((e) => e.isFile() && !/^metrics_.*\.json$/.test(e.name)).map((e) => path.join(folder, e.name)),
    folders: entries.filter((e) => e.isDirectory()).map((e) => path.join(folder, e.name)),
  };
}

async function probeAll(ffprobe: string, files: string[]): Promise<MediaInfo[]> {
  const probed: MediaInfo[] = new Array(files.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const i = next++;
      probed[i] = await probeMedia(ffprobe, files[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PROBES_AT_ONCE, files.length) }, worker));
  return probed;
}
