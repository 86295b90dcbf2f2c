// Encodes one segment of the render: raw RGB frames in through a pipe (waiting when ffmpeg's
// pipe is full), one closed GOP out, into an MP4 file (its timebase keeps the frame rate exact)
// that the final mux stream-copies.
import { spawn, type ChildProcess } from 'node:child_process';
import type { EncodeSettings } from '../../src-shared/jobs/render-job.js';
import type { MediaInfo } from '../../src-shared/media/media-info.js';
import { toRgb24, toRgb48, type PlanarFrame } from '../frames/planar-frame.js';
import { lowerChildPriority } from '../helper-priority.js';
import { colourTagArgs, outputColour, swsMatrix } from './colour.js';

export interface SegmentFormat {
  width: number;
  height: number;
  frameRate: string;
  frames: number;
  input: MediaInfo;
  encode: EncodeSettings;
}

/** 10-bit output: H.265 from a source above 8 bits (H.264 stays 8-bit, what players decode). */
export function encodesTenBit(format: Pick<SegmentFormat, 'input' | 'encode'>): boolean {
  return format.encode.codec === 'h265' && format.input.bitDepth > 8;
}

export function encoderArgs(format: SegmentFormat, path: string): string[] {
  const tenBit = encodesTenBit(format);
  const colour = outputColour(format.input);
  return [
    '-hide_banner', '-nostdin', '-v', 'error',
    '-f', 'rawvideo', '-pix_fmt', tenBit ? 'rgb48le' : 'rgb24', '-s', `${format.width}x${format.height}`, '-framerate', format.frameRate, '-i', 'pipe:0',
    '-vf', `scale=out_color_matrix=${swsMatrix(colour.matrix)}:out_range=${colour.range},format=${tenBit ? 'yuv420p10le' : 'yuv420p'}`,
    ...videoCodecArgs(format.encode, format.frames),
    ...colourTagArgs(colour),
    '-an', '-video_track_timescale', trackTimescale(format.frameRate), '-f', 'mp4', '-y', path,
  ];
}

/** Codec, preset and CRF; `gop` frames per closed GOP (a segment is one), or the encoder's default when null. */
export function videoCodecArgs(encode: EncodeSettings, gop: number | null): string[] {
  const codec =
    encode.codec === 'h265'
      ? ['-c:v', 'libx265', '-x265-params', gop === null ? 'log-level=error' : `log-level=error:keyint=${gop}:min-keyint=1`]
      : ['-c:v', 'libx264', ...(gop === null ? [] : ['-g', String(gop)])];
  return [...codec, '-preset', encode.preset, '-crf', String(encode.crf)];
}

/**
 * A timescale in which every frame lasts a whole number of ticks (the rate's numerator), so the
 * joined segments add up to exactly frames / rate with no rounding drift.
 */
export function trackTimescale(frameRate: string): string {
  const [num] = frameRate.split('/');
  const ticks = Number(num);
  return String(ticks > 0 && Number.isInteger(ticks) ? ticks : 90000);
}

export class SegmentEncoder {
  readonly child: ChildProcess;
  private stderr = '';
  private readonly exited: Promise<number | null>;

  constructor(
    ffmpeg: string,
    private readonly format: SegmentFormat,
    readonly path: string,
  ) {
    this.child = spawn(ffmpeg, encoderArgs(format, path), { stdio: ['pipe', 'ignore', 'pipe'] });
    lowerChildPriority(this.child);
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-4000)));
    this.child.stdin!.on('error', () => undefined);
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code) => resolve(code));
      this.child.on('error', () => resolve(-1));
    });
  }

  /** Resolves once ffmpeg has taken the frame (waits while its pipe is full). */
  async write(frame: PlanarFrame): Promise<void> {
    const bytes = encodesTenBit(this.format) ? toRgb48(frame) : toRgb24(frame);
    if (!this.child.stdin!.write(bytes)) {
      await new Promise<void>((resolve, reject) => {
        const stdin = this.child.stdin!;
        const done = (): void => {
          stdin.off('drain', done);
          this.child.off('close', closed);
          resolve();
        };
        const closed = (): void => reject(this.failure());
        stdin.on('drain', done);
        this.child.once('close', closed);
      });
    }
  }

  async finish(): Promise<void> {
    this.child.stdin!.end();
    const code = await this.exited;
    if (code !== 0) throw this.failure();
  }

  /** Stops ffmpeg and waits until it has exited (no zombie left behind). */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  private failure(): Error {
    return new Error(`encoding ${this.path} failed: ${this.stderr.trim().split('\n').pop() || 'ffmpeg stopped'}`);
  }
}
