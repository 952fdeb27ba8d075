#!/usr/bin/env python3
# check_kill_probes.py: SIGKILL during imports and during a stream of decisions loses nothing committed
# SPDX-License-Identifier: GPL-3.0-or-later
"""Kills real programs on a workspace at many moments and checks what is left.

Import: biaozhu-cli imports a folder of reports (the samples, each made
distinct) with pre-annotation and is killed with SIGKILL at moments spread over
the time a whole import takes. After every kill the workspace passes SQLite's
integrity check, and every document in it is whole: its spans are exactly
those a clean import of the same report gives (a document is stored with its
suggestions in one transaction). A last import completes the set, without
duplicates.

Decisions: probe-decide decides the workspace's suggestions one by one and in
groups, printing each action once it is committed, and is killed at moments
spread over its run; every action it reported is in the workspace, with its
history row, and the next run goes on from there.

Where a kill lands depends on the machine's speed; what is checked does not.

Usage: check_kill_probes.py BIAOZHU_CLI PROBE_DECIDE SAMPLES"""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

from tap import Tap, query

cli, probe, samples = sys.argv[1:4]
# Kills per probe: enough moments to land in every phase of a run (fewer in a
# sanitizer build, where each run is several times slower; BZ_KILLS for more).
KILLS = int(os.environ.get('BZ_KILLS', sys.argv[4] if len(sys.argv) > 4 else '12'))
# Copies of each sample report in the import corpus.
COPIES = 6
# Decisions of one run of probe-decide.
DECISIONS = 1500
tap = Tap('check_kill_probes')
ok, fail = tap.ok, tap.fail


def check_integrity(db, when):
    result = query(db, 'PRAGMA integrity_check')
    if result != [('ok',)]:
        fail(f'integrity_check after {when}: {result}')
    result = query(db, 'PRAGMA foreign_key_check')
    if result:
        fail(f'foreign_key_check after {when}: {result[:5]}')


def documents(db):
    """Each document's canonical text hash with the set of its spans."""
    spans = {}
    for text_sha, start, end, label in query(
            db, 'SELECT d.text_sha256, s.start_offset, s.end_offset, s.label'
                ' FROM documents d LEFT JOIN spans s ON s.document_id = d.id'):
        entry = spans.setdefault(text_sha, set())
        if start is not None:
            entry.add((start, end, label))
    return spans


def make_corpus(folder):
    names = sorted(n for n in os.listdir(samples) if n.endswith('.txt'))
    for copy in range(COPIES):
        for name in names:
            with open(os.path.join(samples, name), 'rb') as f:
                data = f.read()
            # A last line of its own makes each copy another report (the
            # samples are UTF-8).
            with open(os.path.join(folder, f'{copy:02d}_{name}'), 'wb') as f:
                f.write(data + f'\n{copy}\n'.encode())


def run_killed(argv, after, stdout=subprocess.DEVNULL):
    """Starts @argv, kills it with SIGKILL after @after seconds (if it still
    runs), and returns its exit status and output."""
    proc = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.DEVNULL)
    try:
        proc.wait(timeout=after)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
    out = proc.communicate()[0]
    return proc.returncode, out


def probe_import(tmp, rng):
    corpus = os.path.join(tmp, 'corpus')
    os.mkdir(corpus)
    make_corpus(corpus)
    n_reports = len(os.listdir(corpus))

    reference_db = os.path.join(tmp, 'reference.db')
    start = time.monotonic()
    subprocess.run([cli, '--db', reference_db, 'import', corpus], check=True, capture_output=True)
    duration = time.monotonic() - start
    reference = documents(reference_db)
    if len(reference) != n_reports:
        fail(f'the clean import holds {len(reference)} documents, not {n_reports}')
    ok(f'a clean import of {n_reports} reports takes {duration:.1f} s')

    kills = 0
    for i in range(KILLS):
        # A new workspace each time, so that the kill lands in a whole import.
        db = os.path.join(tmp, f'killed-{i}.db')
        after = duration * rng.uniform(0.05, 1.0)
        status, _ = run_killed([cli, '--db', db, 'import', corpus], after)
        kills += status == -signal.SIGKILL
        if not os.path.exists(db):
            continue
        check_integrity(db, f'kill {i + 1} of an import')
        # The schema is made in one transaction: all of it, or nothing yet.
        tables = {row[0] for row in query(db, "SELECT name FROM sqlite_schema WHERE type = 'table'")}
        if not tables:
            continue
        if not {'documents', 'spans', 'history', 'actions', 'labels'} <= tables:
            fail(f'kill {i + 1}: a workspace with half a schema: {sorted(tables)}')
        stored = documents(db)
        for text_sha, spans in stored.items():
            if spans != reference.get(text_sha):
                fail(f'kill {i + 1}: a document is stored with {len(spans)} spans,'
                     f' a clean import gives {len(reference.get(text_sha, ()))}')
    ok(f'{kills} kills during imports: every stored document whole, integrity ok')

    subprocess.run([cli, '--db', db, 'import', corpus], check=True, capture_output=True)
    if documents(db) != reference:
        fail('the import after the kills differs from a clean one')
    ok('the next import completes the workspace, without duplicates')
    return db


def probe_decisions(db, rng):
    # How long a whole run takes, on a copy, sets the kill moments.
    copy = db + '.timing'
    with sqlite3.connect(db) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    start = time.monotonic()
    subprocess.run([probe, copy, str(DECISIONS)], check=True, capture_output=True)
    duration = time.monotonic() - start

    kills = reported_total = 0
    for i in range(KILLS):
        after = duration * rng.uniform(0.05, 1.0)
        status, out = run_killed([probe, db, str(DECISIONS)], after, stdout=subprocess.PIPE)
        kills += status == -signal.SIGKILL
        check_integrity(db, f'kill {i + 1} of the decisions')
        lines = out.decode().split('\n')
        # The last line may be cut by the kill: only whole lines were reported.
        reported = [line.split() for line in lines[:-1] if line.startswith('span ')]
        reported_total += len(reported)
        for _, span_id, status_name, label in reported:
            row = query(db, 'SELECT status, label FROM spans WHERE id = ?', int(span_id))
            if row != [(status_name, label)]:
                fail(f'kill {i + 1}: span {span_id} was reported {status_name} {label}, the workspace'
                     f' holds {row}')
    # Every decided span has the history row of its decision.
    missing = query(db, "SELECT count(*) FROM spans s WHERE s.status != 'suggested' AND NOT EXISTS"
                        " (SELECT 1 FROM history h WHERE h.entity = 'span' AND h.span_id = s.id)")[0][0]
    if missing:
        fail(f'{missing} decided spans have no history')
    ok(f'{kills} kills during {reported_total} reported decisions: none lost, each with its history')


def main():
    rng = random.Random(20261205)
    with tempfile.TemporaryDirectory() as tmp:
        db = probe_import(tmp, rng)
        probe_decisions(db, rng)
    tap.plan()


main()
