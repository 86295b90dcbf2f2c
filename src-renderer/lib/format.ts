// How numbers read in the interface: durations, sizes, frame rates, timecodes.
import { frameRateValue } from '../../src-shared/media/media-info.js';

export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const sec = s.toFixed(1).padStart(4, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

export function bytes(size: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = size;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

export function fps(rate: string): string {
  const value = frameRateValue(rate);
  return value ? `${Number(value.toFixed(3))} fps` : '– fps';
}

/** hh:mm:ss:ff at the clip's rate (frames counted from 0). */
export function timecode(frame: number, rate: string): string {
  const perSecond = Math.max(1, Math.round(frameRateValue(rate)) || 1);
  const seconds = Math.floor(frame / perSecond);
  const parts = [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60, frame % perSecond];
  return parts.map((p) => String(p).padStart(2, '0')).join(':');
}

export function eta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '–';
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const m = Math.floor(seconds / 60);
  return m < 60 ? `${m} min ${Math.round(seconds % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function ms(value: number): string {
  return value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(2)} s`;
}

export function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
