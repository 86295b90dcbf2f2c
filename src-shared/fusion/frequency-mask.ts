// The low-pass masks of the fusion, on the frequency grid of an FFT of size rows x cols.
// Frequencies are measured as a fraction of Nyquist (0 at DC, 1 at half the sampling rate along
// an axis), so a cutoff means the same thing whatever padding the FFT used.
import type { FusionSettings } from './fusion-settings.js';

export function lowPassMask(rows: number, cols: number, settings: Pick<FusionSettings, 'fc' | 'order' | 'mask'>): Float32Array {
  const mask = new Float32Array(rows * cols);
  const fy = signedFrequencies(rows);
  const fx = signedFrequencies(cols);
  // Bin k and bin n - k have opposite frequencies, so the mask is computed for a quarter of the
  // grid and copied to the rest (a 2048×1024 grid took a few hundred milliseconds in full).
  for (let r = 0; r < rows; r++) {
    const rowMirror = r === 0 ? 0 : rows - r;
    if (rowMirror < r) {
      mask.copyWithin(r * cols, rowMirror * cols, (rowMirror + 1) * cols);
      continue;
    }
    for (let c = 0; c < cols; c++) {
      const colMirror = c === 0 ? 0 : cols - c;
      if (colMirror < c) {
        mask[r * cols + c] = mask[r * cols + colMirror]!;
        continue;
      }
      const d = Math.hypot(fy[r]!, fx[c]!);
      mask[r * cols + c] =
        settings.mask === 'butterworth' ? 1 / (1 + (d / settings.fc) ** (2 * settings.order)) : Math.exp(-(d * d) / (2 * settings.fc * settings.fc));
    }
  }
  return mask;
}

/** numpy.fft.fftfreq(n) * 2: FFT bin frequencies as a signed fraction of Nyquist. */
function signedFrequencies(n: number): Float64Array {
  const f = new Float64Array(n);
  for (let k = 0; k < n; k++) f[k] = (2 * (k < Math.ceil(n / 2) ? k : k - n)) / n;
  return f;
}
