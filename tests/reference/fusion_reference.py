"""Independent reference of Specula's frequency-domain fusion, in numpy.

out = base + alpha * HP(draft - base) per channel, HP = 1 - LP on the FFT grid of the difference
reflect-padded by `border` on the top/left and on the bottom/right up to the next length that is
a power of two or three times one (at least 2 and 6).
Frequencies are fractions of Nyquist (numpy's fftfreq * 2).

Reads a JSON header line then raw float32 planes (base, then draft) from stdin;
writes the fused planes as raw float64 to stdout.
"""
import json
import sys

import numpy as np


def fft_length(n):
    pow2, three_times = 2, 6
    while pow2 < n:
        pow2 *= 2
    while three_times < n:
        three_times *= 2
    return min(pow2, three_times)


def low_pass(rows, cols, fc, order, mask):
    fy = np.fft.fftfreq(rows) * 2
    fx = np.fft.fftfreq(cols) * 2
    d = np.hypot(fy[:, None], fx[None, :])
    if mask == "butterworth":
        return 1.0 / (1.0 + (d / fc) ** (2 * order))
    return np.exp(-(d ** 2) / (2 * fc * fc))


def fuse(base, draft, alpha, fc, order, border, mask):
    _, h, w = base.shape
    rows, cols = fft_length(h + 2 * border), fft_length(w + 2 * border)
    hp = 1.0 - low_pass(rows, cols, fc, order, mask)
    out = base.astype(np.float64).copy()
    for c in range(base.shape[0]):
        diff = draft[c].astype(np.float64) - base[c].astype(np.float64)
        padded = np.pad(diff, ((border, rows - h - border), (border, cols - w - border)), mode="reflect")
        filtered = np.real(np.fft.ifft2(np.fft.fft2(padded) * hp))
        out[c] += alpha * filtered[border:border + h, border:border + w]
    return out


def read_request(stream):
    """The JSON header line, then base and draft as 3 x h x w float32 planes each."""
    header = json.loads(stream.readline())
    h, w = header["height"], header["width"]
    raw = np.frombuffer(stream.read(), dtype=np.float32)
    return header, raw[: 3 * h * w].reshape(3, h, w), raw[3 * h * w:].reshape(3, h, w)


def settings_of(header):
    return [header[k] for k in ("alpha", "fc", "order", "border", "mask")]


def main():
    header, base, draft = read_request(sys.stdin.buffer)
    out = fuse(base, draft, *settings_of(header))
    sys.stdout.buffer.write(out.astype(np.float64).tobytes())


if __name__ == "__main__":
    main()
