#!/usr/bin/env python3
# check_shared_workspace.py: the workbench and the command line on one workspace
# SPDX-License-Identifier: GPL-3.0-or-later
"""Starts the real workbench on a workspace of the sample reports under the X
server of the test run, opens its statistics, import and export dialogs and runs
an import and an export from them (each runs a task on its own connection), while
a second program (biaozhu-cli, and Python's sqlite3) opens and closes the same
workspace again and again. After every key the decision must be visible to the
other program at once, the window must still hold its locks on the workspace
(its file chooser reads the files of the workspace's folder) and must not write
into a log that another program deleted. Then the window is killed with
SIGKILL: every decision it made is still in the file, and the file passes
SQLite's integrity check.

Usage: check_shared_workspace.py BIAOZHU BIAOZHU_CLI SAMPLES"""

import fcntl
import os
import re
import signal
import subprocess
import sys
import tempfile

from tap import Tap, query
from xdo import choose_file, require_display, screenshot_windows, until_gone, wait_for, window_of, xdotool

biaozhu, cli, samples = sys.argv[1:4]
tap = Tap('check_shared_workspace', lambda: screenshot_windows(os.environ.get('BZ_TEST_SHOTS')))
ok, fail = tap.ok, tap.fail


def wait(what, check):
    return wait_for(what, check, fail)


def cli_run(db, *args):
    return subprocess.run([cli, '--db', db, *args], check=True, capture_output=True, text=True).stdout


def run_dialog(window, key, title, chooser, path, replace_name, what, done):
    """Opens a dialog of the window by @key, chooses @path in its file chooser
    (Ctrl+O), starts its task (Ctrl+Return), waits for @done and closes it."""
    xdotool('windowfocus', '--sync', window)
    xdotool('key', '--clearmodifiers', key)
    dialog = wait(f'the dialog {title}', lambda: window_of(title))[0]
    xdotool('windowfocus', '--sync', dialog)
    xdotool('key', '--clearmodifiers', 'ctrl+o')
    if not choose_file(chooser, path, replace_name):
        fail(f'the file chooser {chooser} does not take {path}')
    xdotool('windowfocus', '--sync', dialog)
    xdotool('key', '--clearmodifiers', 'ctrl+Return')
    wait(what, done)
    if not until_gone(title, 'Escape', f'{title} closed'):
        fail(f'Esc does not close {title}')


def lost_files(pid, db):
    """Files of the workspace that the process still has open but that no
    longer exist under their name (a log another program deleted)."""
    lost = []
    fd_dir = f'/proc/{pid}/fd'
    for fd in os.listdir(fd_dir):
        try:
            target = os.readlink(os.path.join(fd_dir, fd))
        except OSError:
            continue
        if target.startswith(db) and target.endswith(' (deleted)'):
            lost.append(target)
    return lost


def other_can_lock(db):
    """Whether this program could lock the whole workspace for itself, as the
    last program to close it does before it deletes the write-ahead log. Every
    open SQLite connection keeps a shared lock on these bytes."""
    fd = os.open(db, os.O_RDWR)
    try:
        # SQLite's lock bytes: PENDING_BYTE (1 GiB) + 2, then SHARED_SIZE.
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 510, 0x40000000 + 2, os.SEEK_SET)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def main():
    require_display('check_shared_workspace')

    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, 'workspace.db')
        cli_run(db, 'import', samples)
        first = query(db, 'SELECT min(id) FROM documents')[0][0]
        n_documents = query(db, 'SELECT count(*) FROM documents')[0][0]

        def status_of(span_id):
            rows = query(db, 'SELECT status FROM spans WHERE id = ?', span_id)
            return rows[0][0] if rows else None

        suggestions = [row[0] for row in
                       query(db, "SELECT id FROM spans WHERE document_id = ? AND status = 'suggested'"
                                 ' ORDER BY start_offset, end_offset, id', first)]

        # A report to import from the window, written where the file chooser can find it.
        extra = os.path.join(tmp, 'extra.txt')
        with open(extra, 'w', encoding='utf-8') as f:
            f.write('东城区二〇二六年工作报告\n王府井地区完成投资12.5亿元，同比增长6.3%。\n')
        export_path = os.path.join(tmp, 'out.jsonl')

        # The file chooser keeps recent files: in the test's own folders.
        env = dict(os.environ, GSETTINGS_BACKEND='memory', HOME=tmp,
                   XDG_DATA_HOME=os.path.join(tmp, 'data'), XDG_CONFIG_HOME=os.path.join(tmp, 'config'),
                   XDG_CACHE_HOME=os.path.join(tmp, 'cache'))
        app = subprocess.Popen([biaozhu, '--db', db], env=env)
        decided = {}
        try:
            # The window shows the report in its title once it is open.
            title = query(db, 'SELECT title FROM documents WHERE id = ?', first)[0][0]
            window = wait('the window', lambda: window_of(f'^{re.escape(title)} — (Biaozhu|标注)$'))[0]
            xdotool('windowfocus', '--sync', window)
            wait('the window to hold its lock', lambda: not other_can_lock(db))
            ok('the window holds a lock on the workspace')

            def check_shared(step):
                # Another program opens and closes the workspace, twice.
                cli_run(db, 'list')
                cli_run(db, 'stats')
                if other_can_lock(db):
                    fail(f'after {step} the window no longer holds its lock on the workspace')
                lost = lost_files(app.pid, db)
                if lost:
                    fail(f'after {step} the window writes into deleted files: {lost}')
                ok(f'after {step} the window keeps its lock and its log')

            def decide(index, key, status):
                # The report opens on its first suggestion and a decision moves
                # on to the next: one key each.
                span_id = suggestions[index]
                xdotool('windowfocus', '--sync', window)
                xdotool('key', '--clearmodifiers', key)
                wait(f'span {span_id} {status}, seen by another program',
                     lambda: status_of(span_id) == status)
                decided[span_id] = status
                ok(f'{key}: span {span_id} {status}, seen by another program at once')

            check_shared('the start')
            decide(0, 'Return', 'accepted')

            # Statistics: counted by a task on its own connection.
            xdotool('key', '--clearmodifiers', 'ctrl+i')
            stats = wait('the statistics window', lambda: window_of('^(Statistics|统计)$'))[0]
            xdotool('windowfocus', '--sync', stats)
            xdotool('key', '--clearmodifiers', 'F5')
            if not until_gone('^(Statistics|统计)$', 'Escape', 'the statistics closed'):
                fail('Esc does not close the statistics')
            check_shared('the statistics')
            decide(1, 'Delete', 'rejected')
            check_shared('a decision')

            # Import: a task imports a report through the dialog.
            run_dialog(window, 'ctrl+o', '^(Import Reports|导入报告)$', '^(Add Report Files|添加报告文件)$',
                       extra, False, 'the report imported by the window',
                       lambda: query(db, 'SELECT count(*) FROM documents')[0][0] == n_documents + 1)
            check_shared('an import')
            decide(2, 'Return', 'accepted')

            # Export: a task writes the workspace's spans through the dialog.
            run_dialog(window, 'ctrl+e', '^(Export Annotations|导出标注)$', '^(Export to File|导出到文件)$',
                       export_path, True, 'the export written by the window',
                       lambda: os.path.exists(export_path))
            check_shared('an export')

            for i in range(3, 8):
                decide(i, 'Return' if i % 2 else 'Delete', 'accepted' if i % 2 else 'rejected')
                check_shared(f'decision {i + 1}')
        finally:
            # No chance to checkpoint or to close: what was committed must be in the file.
            app.send_signal(signal.SIGKILL)
            app.wait(timeout=30)

        for span_id, status in decided.items():
            if status_of(span_id) != status:
                fail(f'span {span_id} lost its decision ({status}) when the window was killed')
        ok(f'all {len(decided)} decisions survive SIGKILL of the window')
        check = query(db, 'PRAGMA integrity_check')
        if check != [('ok',)]:
            fail(f'integrity_check: {check}')
        ok('integrity_check ok after SIGKILL')
        tap.plan()


main()
