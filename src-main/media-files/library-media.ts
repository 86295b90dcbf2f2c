// The pictures and videos the pages show, by media reference (see preview-records.ts): thumbnail
// strips (from the library), preview and frame pictures (in the library's previews folder) and a
// clip's source file (for playback). Only these: a reference names a clip or a file the library
// made, never an arbitrary path, and a name that leaves its folder is refused.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Library } from '../library/library.js';

export type MediaAnswer = { kind: 'bytes'; body: Buffer; type: string } | { kind: 'file'; file: string; type: string };

const TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.bmp': 'image/bmp',
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
  '.mkv': 'video/x-matroska',
  '.webm': 'video/webm',
};

export class LibraryMedia {
  constructor(
    private readonly library: Library,
    /** The previews folder (PreviewService.root). */
    private readonly previews: string,
  ) {}

  resolve(ref: string): MediaAnswer | null {
    if (!this.library.db.open) return null;
    const thumbnail = /^thumbnails\/(\d+)\.jpg$/.exec(ref);
    if (thumbnail) {
      const body = this.library.thumbnails.image(Number(thumbnail[1]));
      return body ? { kind: 'bytes', body, type: 'image/jpeg' } : null;
    }
    const source = /^clips\/(\d+)\/source$/.exec(ref);
    if (source) {
      const media = this.library.clips.media(Number(source[1]));
      return media && existsSync(media.path) ? { kind: 'file', file: media.path, type: TYPES[path.extname(media.path).toLowerCase()] ?? 'application/octet-stream' } : null;
    }
    const preview = /^previews\/(clip-\d+-[0-9a-f]{16})\/((?:lr|base|fused|draft-\d+)\.png|fused-live-\d+\.bmp)$/.exec(ref) ?? /^previews\/(frames)\/(clip-\d+-\d+-\d+\.jpg)$/.exec(ref);
    if (preview) {
      const file = path.join(this.previews, preview[1]!, preview[2]!);
      return existsSync(file) ? { kind: 'file', file, type: TYPES[path.extname(file)]! } : null;
    }
    return null;
  }
}
