#!/usr/bin/env python3
"""Writes the replay traces shipped under Tests/EndToEndTests/Traces (normalised coordinates, ms).

Re-run after changing a gesture's shape: python3 scripts/make-traces.py
"""
import json, math, os

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "EndToEndTests", "Traces")
STEP = 1000 / 120  # touch screens report at ~120 Hz


def ev(t, type_, **kw):
    d = {"t": round(t, 1), "type": type_}
    d.update({k: (round(v, 5) if isinstance(v, float) else v) for k, v in kw.items()})
    return d


def drag(t0, fid, start, end, duration, release=True, rest=0):
    """One finger from start to end (normalised), at constant speed."""
    out = [ev(t0, "finger_down", id=fid, x=start[0], y=start[1])]
    n = max(1, int(duration / STEP))
    for i in range(1, n + 1):
        f = i / n
        out.append(ev(t0 + i * STEP, "finger_motion", id=fid,
                      x=start[0] + (end[0] - start[0]) * f, y=start[1] + (end[1] - start[1]) * f))
    t = t0 + n * STEP + rest
    if release:
        out.append(ev(t + 1, "finger_up", id=fid, x=end[0], y=end[1]))
    return out, t + 1


def pinch(t0, center, d0, d1, duration, ids=(1, 2), angle=0.0):
    """Two fingers spreading (d1 > d0) or closing about a fixed centre."""
    cx, cy = center
    def pos(d):
        dx, dy = d / 2 * math.cos(angle), d / 2 * math.sin(angle)
        return (cx - dx, cy - dy), (cx + dx, cy + dy)
    a, b = pos(d0)
    out = [ev(t0, "finger_down", id=ids[0], x=a[0], y=a[1]), ev(t0 + 3, "finger_down", id=ids[1], x=b[0], y=b[1])]
    n = max(1, int(duration / STEP))
    for i in range(1, n + 1):
        d = d0 + (d1 - d0) * i / n
        a, b = pos(d)
        t = t0 + 3 + i * STEP
        out.append(ev(t, "finger_motion", id=ids[0], x=a[0], y=a[1]))
        out.append(ev(t + 0.5, "finger_motion", id=ids[1], x=b[0], y=b[1]))
    t = t0 + 3 + n * STEP + 80
    out.append(ev(t, "finger_up", id=ids[0], x=a[0], y=a[1]))
    out.append(ev(t + 5, "finger_up", id=ids[1], x=b[0], y=b[1]))
    return out, t + 5


def write(name, events):
    with open(os.path.join(OUT, name), "w") as f:
        for e in events:
            f.write(json.dumps(e) + "\n")


os.makedirs(OUT, exist_ok=True)

# pan: drag the map right and down, finger rests before lifting (no glide).
events, _ = drag(100, 1, (0.40, 0.40), (0.60, 0.55), 500, rest=150)
write("pan.jsonl", events)

# fling: a quick flick to the left; the map glides after release.
events, _ = drag(100, 1, (0.70, 0.45), (0.45, 0.45), 120)
write("fling.jsonl", events)

# pinch: spread two fingers about a point left of centre (zoom in ~1.3 levels).
events, _ = pinch(100, (0.42, 0.45), 0.10, 0.25, 600)
write("pinch.jsonl", events)

# double-tap: two quick taps near Lille zoom in one level there.
events = [ev(100, "finger_down", id=1, x=0.55, y=0.30), ev(180, "finger_up", id=1, x=0.55, y=0.30),
          ev(300, "finger_down", id=2, x=0.551, y=0.301), ev(370, "finger_up", id=2, x=0.551, y=0.301)]
write("double-tap.jsonl", events)

# pan-pinch: the 600-frame benchmark tour (about 10 s): pans, a fling, pinches in and out.
tour = []
t = 100
for k in range(3):
    e, t = drag(t, 10 + k, (0.35, 0.50), (0.65, 0.40), 900, rest=100)
    tour += e; t += 200
    e, t = pinch(t, (0.50, 0.45), 0.10, 0.30, 900, ids=(20 + 2 * k, 21 + 2 * k))
    tour += e; t += 200
    e, t = drag(t, 30 + k, (0.65, 0.40), (0.35, 0.55), 900, rest=100)
    tour += e; t += 200
    e, t = pinch(t, (0.50, 0.45), 0.30, 0.10, 900, ids=(40 + 2 * k, 41 + 2 * k))
    tour += e; t += 200
e, t = drag(t, 50, (0.70, 0.45), (0.45, 0.45), 120)
tour += e
write("pan-pinch-tour.jsonl", tour)

# coverage-tour: the same tour in the coverage view (the communes shaded in the tiles).
write("coverage-tour.jsonl", [{"t": 20, "type": "tap", "target": "control:coverage"}] + tour)

# coverage-switches: the coverage view, then a change of layer, need or moment every 0.6 s while
# the map rests: each change recolours the communes, in the tiles as on screen.
switches = ["control:coverage", "control:layer:ifn", "control:chip:procedures", "control:layer:priority",
            "control:moment:saturdayMorning", "control:layer:distance", "control:moment:weekdayEvening",
            "control:chip:learning", "control:moment:anyTime", "control:layer:ifn", "control:chip:procedures",
            "control:layer:distance"]
write("coverage-switches.jsonl", [{"t": 100 + 600 * n, "type": "tap", "target": target} for n, target in enumerate(switches)]
      + [ev(100 + 600 * len(switches), "key", key="home")])
# key-tour: pans and zooms from the keyboard (56 presses over 10 s), and the same after a tap on
# "Écouter": frames while the kiosk reads aloud (a touch on the map would stop the reading).
keys = ["right", "right", "down", "plus", "left", "up", "minus", "right", "down", "plus", "left", "left", "up", "minus"] * 4
key_tour = [{"t": 500 + 180 * n, "type": "key", "key": k} for n, k in enumerate(keys)]
write("key-tour.jsonl", key_tour)
write("key-tour-speaking.jsonl", [{"t": 100, "type": "tap", "target": "control:listen:title"}] + key_tour)

print("traces written to", os.path.normpath(OUT))
