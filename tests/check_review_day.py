#!/usr/bin/env python3
# check_review_day.py: a reviewer's keys on the real workbench, one key per decision
# SPDX-License-Identifier: GPL-3.0-or-later
"""Starts the biaozhu binary on a workspace of the sample reports under the X
server of the test run and reviews as an analyst does, with real key presses
(xdotool), checking the workspace's SQLite file after every key:

- 50 suggestions decided with 50 keys (Enter accepts, Delete rejects, a digit
  labels), each decision stored at once, in the order Tab would visit them;
- other reports opened with Alt+Down and Alt+Up, marking nothing;
- a note written with N and Ctrl+Enter;
- every kind of action undone by one Ctrl+Z: accept, reject, label, moving a
  boundary, a note, and marking the report reviewed (which asks first).

Usage: check_review_day.py BIAOZHU BIAOZHU_CLI SAMPLES"""

import os
import re
import subprocess
import sys
import tempfile

from tap import Tap, query
from xdo import require_display, screenshot_windows, until_gone, wait_for, window_of, xdotool

biaozhu, cli, samples = sys.argv[1:4]
tap = Tap('check_review_day', lambda: screenshot_windows(os.environ.get('BZ_TEST_SHOTS')))
ok, fail = tap.ok, tap.fail
N_DECISIONS = 50


def wait(what, check):
    return wait_for(what, check, fail)


def main():
    require_display('check_review_day')
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, 'workspace.db')
        subprocess.run([cli, '--db', db, 'import', samples], check=True, capture_output=True)
        documents = query(db, 'SELECT id, title FROM documents ORDER BY id')
        first, title = documents[0]
        second_title = documents[1][1]
        labels = dict(query(db, 'SELECT shortcut, name FROM labels WHERE shortcut IS NOT NULL'))

        def span(span_id):
            rows = query(db, 'SELECT status, label, start_offset, end_offset, note FROM spans WHERE id = ?', span_id)
            return rows[0] if rows else None

        def status_of_document(document_id):
            return query(db, 'SELECT status FROM documents WHERE id = ?', document_id)[0][0]

        # The order Tab visits the suggestions in: by start, the longer first, by label.
        order = [row[0] for row in query(
            db, "SELECT id FROM spans WHERE document_id = ? AND status = 'suggested'"
                ' ORDER BY start_offset, end_offset DESC, label', first)]
        if len(order) < N_DECISIONS + 10:
            fail(f'the first report has only {len(order)} suggestions')

        env = dict(os.environ, GSETTINGS_BACKEND='memory', HOME=tmp,
                   XDG_DATA_HOME=os.path.join(tmp, 'data'), XDG_CONFIG_HOME=os.path.join(tmp, 'config'),
                   XDG_CACHE_HOME=os.path.join(tmp, 'cache'))
        app = subprocess.Popen([biaozhu, '--db', db], env=env)
        try:
            def titled(name):
                return window_of(f'^{re.escape(name)} — (Biaozhu|标注)$')

            window = wait('the window', lambda: titled(title))[0]
            xdotool('windowfocus', '--sync', window)

            def press(key):
                xdotool('key', '--clearmodifiers', key)

            # 50 decisions, 50 keys: the report opens on its first suggestion
            # and every decision moves on to the next.
            keys = ['Return', 'Delete', 'Return', '3', 'Delete']
            for i in range(N_DECISIONS):
                key = keys[i % len(keys)]
                span_id = order[i]
                before = span(span_id)
                press(key)
                if key == 'Return':
                    expected = ('accepted', before[1])
                elif key == 'Delete':
                    expected = ('rejected', before[1])
                else:
                    expected = ('accepted', labels[key])
                wait(f'key {i + 1} ({key}): span {span_id} {expected}', lambda: span(span_id)[:2] == expected)
            ok(f'{N_DECISIONS} suggestions decided with {N_DECISIONS} keys, each stored at once')
            undecided = query(db, "SELECT count(*) FROM spans WHERE document_id = ? AND status = 'suggested'",
                              first)[0][0]
            if undecided != len(order) - N_DECISIONS:
                fail(f'{len(order) - undecided} decisions stored, not {N_DECISIONS}')

            # Other reports, marking nothing.
            press('alt+Down')
            wait('the second report', lambda: titled(second_title))
            press('alt+Up')
            wait('the first report again', lambda: titled(title))
            if status_of_document(first) == 'reviewed' or status_of_document(documents[1][0]) == 'reviewed':
                fail('opening reports marked one reviewed')
            ok('Alt+Down and Alt+Up open the next and previous report, marking nothing')

            # The first report opened again on its next undecided suggestion.
            current = order[N_DECISIONS]

            def undo_one(what, check):
                press('ctrl+z')
                wait(f'Ctrl+Z to undo {what}', check)
                ok(f'one Ctrl+Z undoes {what}')

            press('Return')
            wait('an accept', lambda: span(current)[0] == 'accepted')
            undo_one('an accept', lambda: span(current)[0] == 'suggested')
            current = order[N_DECISIONS + 1]
            press('Delete')
            wait('a rejection', lambda: span(current)[0] == 'rejected')
            undo_one('a rejection', lambda: span(current)[0] == 'suggested')
            current = order[N_DECISIONS + 2]
            before = span(current)
            label_key = '2' if before[1] != labels['2'] else '1'
            press(label_key)
            wait('a label', lambda: span(current)[:2] == ('accepted', labels[label_key]))
            undo_one('a label key (relabel and accept)', lambda: span(current)[:2] == before[:2])
            current = order[N_DECISIONS + 3]
            before = span(current)
            # Alt+Shift+Right moves the end of the selected span, which is now this one.
            press('alt+shift+Right')
            wait('a boundary moved', lambda: span(current)[3] == before[3] + 1)
            undo_one('a boundary moved', lambda: span(current)[3] == before[3])

            # A note: N, the text, Ctrl+Enter.
            press('n')
            xdotool('type', '--delay', '30', 'check the unit')
            press('ctrl+Return')
            wait('the note', lambda: span(current)[4] == 'check the unit')
            ok('N writes a note, Ctrl+Enter stores it')
            undo_one('a note', lambda: span(current)[4] is None)

            # Marking reviewed asks about the undecided suggestions; Alt+R
            # rejects them with the mark, and one Ctrl+Z takes both back.
            n_undecided = query(db, "SELECT count(*) FROM spans WHERE document_id = ? AND status = 'suggested'",
                                first)[0][0]
            press('ctrl+Return')
            wait('the question', lambda: window_of('^(Undecided Suggestions|未决建议)$'))
            if not until_gone('^(Undecided Suggestions|未决建议)$', 'alt+r', 'the question answered'):
                fail('Alt+R does not answer the question')
            wait('the report reviewed', lambda: status_of_document(first) == 'reviewed')
            xdotool('windowfocus', '--sync', window)
            undo_one('marking reviewed with its rejections',
                     lambda: status_of_document(first) != 'reviewed'
                     and query(db, "SELECT count(*) FROM spans WHERE document_id = ? AND status = 'suggested'",
                               first)[0][0] == n_undecided)
        finally:
            app.terminate()
            app.wait(timeout=30)
    tap.plan()


main()
