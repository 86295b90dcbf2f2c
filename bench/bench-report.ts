// The one table `npm run bench` prints (a Markdown table, so it can go into the README as is) and
// the machine it was measured on. Every row is two figures measured in the same run; where both
// are times of the same work, their ratio is the point, and the target is the issue's.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type BenchGroup = 'preview' | 'upscale' | 'floor' | 'memory' | 'fusion' | 'runtime' | 'library' | 'refuse';

export interface BenchRow {
  group: BenchGroup;
  /** What A and B are, in the reader's words. */
  measure: string;
  a: number;
  b: number;
  unit: 's' | 'ms' | 'MB';
  /** A / B; null where A and B are not the same work (the library's median and slowest call). */
  ratio: number | null;
  /** The issue's limit, on the ratio, or on B in `unit` when there is no ratio. */
  target: number | null;
  /** What a target without a ratio is per (default: call). */
  per?: string;
}

export interface BenchResult {
  rows: BenchRow[];
  /** Everything else the bench measured (stages, per-run times, output differences), for the JSON. */
  details?: Record<string, unknown>;
}

export interface Machine {
  date: string;
  cores: number;
  cpu: string;
  node: string;
  platform: string;
  loadAverage: number[];
}

export function describeMachine(): Machine {
  return {
    date: new Date().toISOString(),
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    loadAverage: os.loadavg().map((v) => Number(v.toFixed(2))),
  };
}

export function machineLine(machine: Machine): string {
  return `${machine.date.slice(0, 16).replace('T', ' ')} UTC, ${machine.cores} cores (${machine.cpu}), CPU only, Node ${machine.node}, load average ${machine.loadAverage.join(' ')} at start`;
}

function formatValue(value: number, unit: BenchRow['unit']): string {
  const digits = unit === 'MB' || value >= 100 ? 0 : unit === 's' || value < 10 ? 2 : 1;
  return `${value.toFixed(digits)} ${unit}`;
}

/** Two decimals, or two significant digits for ratios far below one (onnxruntime / TF.js). */
function formatRatio(ratio: number): string {
  return ratio >= 0.1 ? ratio.toFixed(2) : ratio.toPrecision(2);
}

function formatTarget(row: BenchRow): string {
  if (row.target === null) return '';
  return row.ratio === null ? `≤ ${row.target} ${row.unit} per ${row.per ?? 'call'}` : `≤ ${row.target.toFixed(2)}`;
}

export function formatTable(rows: BenchRow[]): string {
  const header = ['row', 'measure: A / B', 'A', 'B', 'A / B', 'target'];
  const cells = rows.map((r) => [r.group, r.measure, formatValue(r.a, r.unit), formatValue(r.b, r.unit), r.ratio === null ? '–' : formatRatio(r.ratio), formatTarget(r)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const numeric = [false, false, true, true, true, false];
  const line = (c: string[]) => `| ${c.map((v, i) => (numeric[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (numeric[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(header), rule, ...cells.map(line)].join('\n');
}

/** True when the module at `moduleUrl` is the script node was started with. */
export function isScript(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && fileURLToPath(moduleUrl) === path.resolve(process.argv[1]);
}

/**
 * One bench on its own (npm run bench:<row>): the same table, printed only. The JSON in
 * bench/results/ is the whole suite's, so a single row never overwrites figures from another run.
 */
export async function runAlone(...benches: (() => Promise<BenchResult>)[]): Promise<void> {
  const machine = describeMachine();
  const rows: BenchRow[] = [];
  try {
    for (const bench of benches) rows.push(...(await bench()).rows);
  } catch (error) {
    console.error(error);
    process.exit(1);
  }
  console.log(`\n${machineLine(machine)}\n\n${formatTable(rows)}`);
}
