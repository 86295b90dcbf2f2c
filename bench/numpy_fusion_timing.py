"""Times the independent numpy fusion (tests/reference/fusion_reference.py) inside python.

Reads what fusion_reference.py reads (a JSON header line, then base and draft as raw float32
planes) with `warmup_runs` and `runs` added to the header. Writes one JSON line, {"ms": [...]},
the times of the runs after the warm-up ones, then the fused planes as raw float64.
"""
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "reference"))
from fusion_reference import fuse, read_request, settings_of  # noqa: E402


def main():
    header, base, draft = read_request(sys.stdin.buffer)
    settings = settings_of(header)
    for _ in range(header["warmup_runs"]):
        out = fuse(base, draft, *settings)
    times = []
    for _ in range(header["runs"]):
        started = time.perf_counter()
        out = fuse(base, draft, *settings)
        times.append((time.perf_counter() - started) * 1000)
    sys.stdout.buffer.write((json.dumps({"ms": times}) + "\n").encode())
    sys.stdout.buffer.write(out.astype(np.float64).tobytes())


if __name__ == "__main__":
    main()
