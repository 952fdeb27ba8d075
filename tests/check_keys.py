#!/usr/bin/env python3
# check_keys.py: real key presses on the real workbench, checked in its database
# SPDX-License-Identifier: GPL-3.0-or-later
"""Starts the biaozhu binary on a fresh workspace of the sample reports under the
X server of the test run (xvfb-run), types review keys into it with xdotool (X
key events, as a reviewer's keyboard makes them) and checks after each key that
the decision is in the SQLite database: Tab to a suggestion, Return accepts and
moves on, Delete rejects and moves on, Alt+Shift+Right widens, Ctrl+Z undoes, Ctrl+Shift+Z redoes, a label key relabels,
Ctrl+Return marks the report reviewed.

Usage: check_keys.py BIAOZHU BIAOZHU_CLI SAMPLES"""

import os
import re
import sqlite3
import subprocess
import sys
import tempfile

from xdo import require_display, until_gone, wait_for, window_of, xdotool

biaozhu, cli, samples = sys.argv[1:4]
failures = []


def query(db, sql, *params):
    # A fresh connection each time: the workbench commits from another process.
    with sqlite3.connect(f'file:{db}?mode=ro', uri=True, timeout=10) as conn:
        return conn.execute(sql, params).fetchall()


def press(key, what, check):
    xdotool('key', '--clearmodifiers', key)
    value = wait_for(what, check)
    print(f'ok - {key}: {what}')
    return value


def main():
    require_display('check_keys')

    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, 'workspace.db')
        subprocess.run([cli, '--db', db, 'import', samples], check=True, capture_output=True)
        first = query(db, 'SELECT min(id) FROM documents')[0][0]

        def spans():
            return {row[0]: row[1:] for row in
                    query(db, 'SELECT id, start_offset, end_offset, label, status FROM spans WHERE document_id = ?',
                          first)}

        before = spans()
        suggestions = sorted((start, end, sid) for sid, (start, end, label, status) in before.items()
                             if status == 'suggested')
        env = dict(os.environ, GSETTINGS_BACKEND='memory')
        app = subprocess.Popen([biaozhu, '--db', db], env=env)
        try:
            # The window shows the report in its title once it is open.
            title = query(db, 'SELECT title FROM documents WHERE id = ?', first)[0][0]
            window = wait_for('the window', lambda: window_of(f'^{re.escape(title)} — (Biaozhu|标注)$'))[0]
            xdotool('windowfocus', '--sync', window)

            # The report opens on its first suggestion; Return accepts it and moves on.
            first_id = suggestions[0][2]
            press('Return', f'span {first_id} accepted',
                  lambda: spans()[first_id][3] == 'accepted')

            # Delete rejects the second, one key per decision.
            second_id = suggestions[1][2]
            press('Delete', f'span {second_id} rejected',
                  lambda: spans()[second_id][3] == 'rejected')

            # The third: its end one character further, then back with Ctrl+Z.
            third_start, third_end, third_id = suggestions[2]
            press('alt+shift+Right', f'span {third_id} ends at {third_end + 1}',
                  lambda: spans()[third_id][1] == third_end + 1)
            press('ctrl+z', f'span {third_id} ends at {third_end} again',
                  lambda: spans()[third_id][1] == third_end)
            press('ctrl+shift+z', f'span {third_id} ends at {third_end + 1} once more',
                  lambda: spans()[third_id][1] == third_end + 1)
            press('ctrl+z', f'span {third_id} ends at {third_end} for good',
                  lambda: spans()[third_id][1] == third_end)

            # A label key relabels the selected span and decides it.
            label = query(db, "SELECT name FROM labels WHERE shortcut = '3'")[0][0]
            press('3', f'span {third_id} is an accepted {label}',
                  lambda: spans()[third_id][2:] == (label, 'accepted'))

            # Nothing else changed.
            after = spans()
            touched = {first_id, second_id, third_id}
            for sid, row in before.items():
                if sid not in touched and after.get(sid) != row:
                    failures.append(f'span {sid} changed: {row} -> {after.get(sid)}')
            if len(after) != len(before):
                failures.append(f'{len(before)} spans before, {len(after)} after')

            # Ctrl+Return with undecided suggestions asks; Esc goes back to them.
            def status():
                return query(db, 'SELECT status FROM documents WHERE id = ?', first)[0][0]

            def undecided():
                return sum(1 for row in spans().values() if row[3] == 'suggested')

            def answer(key):
                xdotool('windowfocus', '--sync', window)
                xdotool('key', '--clearmodifiers', 'ctrl+Return')
                wait_for('the question about undecided suggestions', lambda: window_of(question))
                if not until_gone(question, key, 'the question answered'):
                    sys.exit(f'check_keys: {key} does not answer the question')
                xdotool('windowfocus', '--sync', window)

            question = '^Undecided Suggestions$'
            n_undecided = undecided()
            answer('Escape')
            if status() == 'reviewed' or undecided() != n_undecided:
                failures.append('Esc on the question changed the report')
            print('ok - Esc: the report stays as it was')

            # Alt+R rejects them and marks the report reviewed, as one action.
            answer('alt+r')
            wait_for(f'document {first} reviewed with no undecided suggestion',
                     lambda: status() == 'reviewed' and undecided() == 0)
            print(f'ok - alt+r: document {first} reviewed with no undecided suggestion')
            press('ctrl+z', f'document {first} back as it was, its {n_undecided} suggestions undecided',
                  lambda: status() != 'reviewed' and undecided() == n_undecided)
        finally:
            app.terminate()
            app.wait(timeout=30)

    if failures:
        sys.exit('check_keys: ' + '; '.join(failures))
    print('check_keys: every key reached the store')


main()
