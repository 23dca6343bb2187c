#!/usr/bin/env python3
"""Adds N copies of the outbox's first answer, each with its own UUID, straight into outbox.sqlite
(queueing them one by one through the CLI would take minutes): for the delivery benchmarks and the
SIGTERM-during-sync and fleet tests. Usage: fill-outbox.py OUTBOX.sqlite N [KIOSK_ID] (every row then
belongs to KIOSK_ID, as if twenty kiosks had each queued their own)."""
import sqlite3, sys, time, uuid

db = sqlite3.connect(sys.argv[1])
row = db.execute("SELECT kiosk_id, place_id, kind, payload, schema_version, app_version FROM outbox ORDER BY seq").fetchone()
if row is None:
    sys.exit("fill-outbox: the outbox is empty; queue one answer first (inclusion-map feedback add …)")
now = time.time()
db.executemany(
    "INSERT INTO outbox (id, created_at, kiosk_id, place_id, kind, payload, schema_version, app_version, next_attempt_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
    ((str(uuid.uuid4()), now + i * 1e-6) + row for i in range(int(sys.argv[2]))))
if len(sys.argv) > 3:
    db.execute("UPDATE outbox SET kiosk_id = ?", (sys.argv[3],))
db.commit()
