# tap.py: TAP lines and workspace queries for the test scripts that run real programs
# SPDX-License-Identifier: GPL-3.0-or-later

import sqlite3
import sys


class Tap:
    """Numbers "ok" lines; the first failure prints "not ok", runs @on_fail
    (pictures of the windows, say) and ends the script."""

    def __init__(self, name, on_fail=None):
        self.name = name
        self.on_fail = on_fail
        self.n = 0

    def ok(self, what):
        self.n += 1
        print(f'ok {self.n} - {what}', flush=True)

    def fail(self, what):
        print(f'not ok {self.n + 1} - {what}', flush=True)
        if self.on_fail is not None:
            self.on_fail()
        sys.exit(f'{self.name}: {what}')

    def plan(self):
        print(f'1..{self.n}')


def query(db, sql, *params):
    """Runs @sql on a fresh connection, closed at once: each call is another
    program that opens and closes the workspace."""
    conn = sqlite3.connect(db, timeout=30)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()
