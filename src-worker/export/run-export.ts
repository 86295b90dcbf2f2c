// An export: the render's segments joined with the source's audio and subtitles into the MP4 the
// user asked for. Stream copy when the export's codec settings are the render's, else one
// re-encode. The target appears only when complete, and an existing file is replaced only when
// the job says so.
import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { exportMode, type ExportJob, type ExportResult } from '../../src-shared/jobs/export-job.js';
import { muxSegments } from '../video/final-mux.js';

export async function runExport(job: ExportJob, notice: (message: string) => void): Promise<ExportResult> {
  const started = performance.now();
  for (const segment of job.segments) {
    const present = await access(segment).then(() => true, () => false);
    if (!present) throw new Error(`The render's segment ${segment} is missing; render the clip again before exporting.`);
  }
  const exists = await access(job.outPath).then(() => true, () => false);
  if (exists && !job.overwrite) throw new Error(`${job.outPath} already exists; choose another name or allow overwriting.`);
  await mkdir(path.dirname(job.outPath), { recursive: true });
  const mode = exportMode(job);
  await muxSegments(job.ffmpeg, job.segments, { input: job.input, range: job.range, video: { mode, encode: job.encode } }, job.outPath, path.dirname(job.segments[0]!), notice);
  return { outPath: job.outPath, mode, seconds: (performance.now() - started) / 1000 };
}
