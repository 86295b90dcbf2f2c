import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatTable, type BenchRow } from '../../bench/bench-report.js';

const rows: BenchRow[] = [
  { group: 'preview', measure: 'fast ×4: whole / pure', a: 0.784, b: 0.4475, unit: 's', ratio: 1.7531, target: 1.15 },
  { group: 'runtime', measure: 'fast ×4 base: onnxruntime / TF.js', a: 18.24, b: 923.4, unit: 'ms', ratio: 0.01975, target: null },
  { group: 'library', measure: 'list: median / slowest', a: 0.97, b: 7.3, unit: 'ms', ratio: null, target: 50 },
];

describe('the bench table', () => {
  const lines = formatTable(rows).split('\n');

  it('is a Markdown table with one line per row, every line the same width', () => {
    assert.equal(lines.length, 2 + rows.length);
    assert.ok(lines.every((l) => l.startsWith('| ') || l.startsWith('|-')));
    assert.equal(new Set(lines.map((l) => [...l].length)).size, 1);
  });

  it('shows each figure in its unit, the ratio, and the target beside it', () => {
    assert.match(lines[2]!, /\| +0\.78 s \| +0\.45 s \| +1\.75 \| ≤ 1\.15 +\|$/);
    assert.match(lines[3]!, /18\.2 ms \| +923 ms \| +0\.020 \|/);
  });

  it('gives no ratio where A and B are not the same work, and the target per call', () => {
    assert.match(lines[4]!, /0\.97 ms \| +7\.30 ms \| +– \| ≤ 50 ms per call \|$/);
  });
});
