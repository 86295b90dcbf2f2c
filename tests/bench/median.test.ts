import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { median } from '../../bench/median.js';

describe('median of bench timings', () => {
  it('takes the middle of an odd count and the mean of the two middles of an even one, in any order', () => {
    assert.equal(median([9, 1, 5]), 5);
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });

  it('is NaN for no runs, so an empty measurement cannot pass for a fast one', () => {
    assert.ok(Number.isNaN(median([])));
  });
});
