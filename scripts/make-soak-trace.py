#!/usr/bin/env python3
"""Writes a soak trace of N random gestures (taps, double taps, pans, flings, pinches, two-finger
taps, wheel turns, button presses), seeded so that every run replays the same thing.

    python3 scripts/make-soak-trace.py [N] > soak.jsonl
"""
import json, random, sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
rng = random.Random(20261129)
t = 0.0
out = sys.stdout


def ev(type_, **kw):
    d = {"t": round(t, 1), "type": type_}
    d.update({k: round(v, 4) if isinstance(v, float) else v for k, v in kw.items()})
    out.write(json.dumps(d) + "\n")


def clamp(v):
    return min(0.98, max(0.02, v))


fid = 0
for g in range(n):
    kind = rng.random()
    x, y = rng.uniform(0.05, 0.95), rng.uniform(0.05, 0.8)
    fid += 1
    if kind < 0.35:  # pan or fling: a few motions
        ev("finger_down", id=fid, x=x, y=y)
        dx, dy = rng.uniform(-0.05, 0.05), rng.uniform(-0.05, 0.05)
        for _ in range(3):
            t += 8.3; x, y = clamp(x + dx), clamp(y + dy)
            ev("finger_motion", id=fid, x=x, y=y)
        t += rng.choice([5, 120]); ev("finger_up", id=fid, x=x, y=y)
    elif kind < 0.6:  # pinch in or out
        d0 = rng.uniform(0.05, 0.2); d1 = d0 * rng.choice([0.7, 1.4])
        ev("finger_down", id=fid, x=clamp(x - d0 / 2), y=y); fid += 1
        ev("finger_down", id=fid, x=clamp(x + d0 / 2), y=y)
        for k in range(1, 4):
            t += 8.3; d = d0 + (d1 - d0) * k / 3
            ev("finger_motion", id=fid - 1, x=clamp(x - d / 2), y=y)
            ev("finger_motion", id=fid, x=clamp(x + d / 2), y=y)
        t += 30; ev("finger_up", id=fid - 1, x=clamp(x - d1 / 2), y=y); ev("finger_up", id=fid, x=clamp(x + d1 / 2), y=y)
    elif kind < 0.75:  # tap, sometimes on the bottom bar's buttons
        if rng.random() < 0.4: y = rng.uniform(0.93, 0.99)
        ev("finger_down", id=fid, x=x, y=y); t += 60; ev("finger_up", id=fid, x=x, y=y)
    elif kind < 0.85:  # double tap
        ev("finger_down", id=fid, x=x, y=y); t += 60; ev("finger_up", id=fid, x=x, y=y)
        t += 120; fid += 1
        ev("finger_down", id=fid, x=x, y=y); t += 60; ev("finger_up", id=fid, x=x, y=y)
    elif kind < 0.93:  # two-finger tap
        ev("finger_down", id=fid, x=x, y=y); fid += 1
        t += 10; ev("finger_down", id=fid, x=clamp(x + 0.05), y=y)
        t += 80; ev("finger_up", id=fid - 1, x=x, y=y); ev("finger_up", id=fid, x=clamp(x + 0.05), y=y)
    else:  # wheel
        ev("wheel", x=x, y=y, dy=rng.choice([-1, 1]))
    t += rng.uniform(200, 900)
