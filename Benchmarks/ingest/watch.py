#!/usr/bin/env python3
"""watch.py DB COUNT START TIMEOUT: wait until the Postdesk database at DB holds COUNT tickets and COUNT outbox rows
`sent`, reading it (read-only, WAL) every 10 ms while `serve` writes. START is the wall-clock time (time.time()) the
mails began to land. Prints one JSON line: seconds from START until every ticket existed, until every
acknowledgement was accepted by the relay, and the final counts (to spot anything lost or doubled)."""
import json
import sqlite3
import sys
import time

db, count, start, timeout = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
tickets_at = sent_at = None
tickets = sent = 0
states = {}
deadline = time.time() + timeout
connection = None
while time.time() < deadline:
    try:
        if connection is None:
            connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        tickets = connection.execute("SELECT COUNT(*) FROM ticket").fetchone()[0]
        sent = connection.execute("SELECT COUNT(*) FROM outbox WHERE state = 'sent'").fetchone()[0]
    except sqlite3.Error:
        connection = None  # not created or migrated yet
    now = time.time()
    if tickets_at is None and tickets >= count:
        tickets_at = now - start
    if sent_at is None and sent >= count:
        sent_at = now - start
    if tickets_at is not None and sent_at is not None:
        break
    time.sleep(0.01)
if connection is not None:
    states = dict(connection.execute("SELECT state, COUNT(*) FROM outbox GROUP BY state").fetchall())
print(json.dumps({"tickets_seconds": tickets_at, "sent_seconds": sent_at, "tickets": tickets, "sent": sent,
                  "states": states}))
