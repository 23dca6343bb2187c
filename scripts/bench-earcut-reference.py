#!/usr/bin/env python3
"""Times earcut.hpp (PyPI's mapbox-earcut, the C++ library behind a thin binding) on upstream earcut's
largest fixtures, for comparison with `kiosk-benchmarks` ("earcut: upstream fixture …").
  pip install mapbox-earcut numpy && python3 scripts/bench-earcut-reference.py
Prints the median of 30 runs per fixture, and the triangle count."""
import json, os, pathlib, statistics, time

import mapbox_earcut
import numpy as np

FIXTURES = pathlib.Path(os.environ.get("EARCUT_FIXTURES", pathlib.Path(__file__).resolve().parent.parent / "Tests/MapGeometryTests/Fixtures/earcut"))

for name in ["water", "water-huge", "water-huge3"]:
    rings = json.loads((FIXTURES / f"{name}.json").read_text())
    vertices = np.array([p[:2] for ring in rings for p in ring], dtype=np.float64)
    ends = np.cumsum([len(r) for r in rings]).astype(np.uint32)
    times = []
    for _ in range(30):
        start = time.perf_counter()
        triangles = mapbox_earcut.triangulate_float64(vertices, ends)
        times.append((time.perf_counter() - start) * 1000)
    print(f"earcut.hpp: {name:<12} median {statistics.median(times):8.3f} ms   min {min(times):8.3f} ms   ({len(triangles) // 3})")
