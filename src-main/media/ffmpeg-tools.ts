// Finds ffmpeg and ffprobe: SPECULA_FFMPEG / SPECULA_FFPROBE, then the binaries ffmpeg-static and
// ffprobe-static ship (optional dependencies whose downloads may have failed), then PATH.
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { UserError } from '../../src-shared/user-error.js';

export interface FfmpegTools {
  ffmpeg: string;
  ffprobe: string;
}

const require = createRequire(import.meta.url);

const HOW_TO_GET = 'install it (Debian/Ubuntu: sudo apt-get install ffmpeg; macOS: brew install ffmpeg; Windows: winget install ffmpeg) or set SPECULA_FFMPEG and SPECULA_FFPROBE to the programs';

export function locateFfmpegTools(env: NodeJS.ProcessEnv = process.env): FfmpegTools {
  const ffmpeg = locate('ffmpeg', env['SPECULA_FFMPEG'], () => require('ffmpeg-static') as string | null, env);
  const ffprobe = locate('ffprobe', env['SPECULA_FFPROBE'], () => (require('ffprobe-static') as { path?: string }).path ?? null, env);
  return { ffmpeg, ffprobe };
}

function locate(name: string, override: string | undefined, bundled: () => string | null, env: NodeJS.ProcessEnv): string {
  if (override) {
    if (!isWorking(override)) throw new UserError(`${name} was set to ${override} but that program does not run; fix the path or unset the variable.`);
    return override;
  }
  try {
    const candidate = bundled();
    if (candidate && isWorking(candidate)) return candidate;
  } catch {
    // The optional package is not installed: fall through to PATH.
  }
  for (const dir of (env['PATH'] ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, process.platform === 'win32' ? `${name}.exe` : name);
    if (isExecutable(candidate)) return candidate;
  }
  throw new UserError(`${name} was not found: ${HOW_TO_GET}.`);
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A bundled binary can exist yet not run (wrong platform, missing libraries); ask it its version. */
function isWorking(file: string): boolean {
  try {
    execFileSync(file, ['-version'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}
