# xdo.py: driving the real workbench with X key events (xdotool), for the display tests
# SPDX-License-Identifier: GPL-3.0-or-later
"""Helpers of the scripts that start the biaozhu binary under the X server of the
test run and type into it as a reviewer's keyboard would."""

import os
import shutil
import subprocess
import sys
import time

# Long enough for a sanitizer build to start and answer on a loaded machine.
TIMEOUT = 90.0


def require_display(name):
    if shutil.which('xdotool') is None or 'DISPLAY' not in os.environ:
        sys.exit(f'{name}: needs xdotool and an X server (run the tests under xvfb-run)')


def xdotool(*args, check=True):
    return subprocess.run(['xdotool', *args], check=check, capture_output=True, text=True).stdout


def wait_for(what, check, on_timeout=None):
    """Polls @check until it returns a true value, and returns it."""
    limit = time.monotonic() + TIMEOUT
    while time.monotonic() < limit:
        value = check()
        if value:
            return value
        time.sleep(0.05)
    message = f'timed out waiting for {what}'
    if on_timeout is not None:
        on_timeout(message)
    sys.exit(message)


def window_of(pattern):
    return xdotool('search', '--onlyvisible', '--name', pattern, check=False).split()


def until_gone(title, key, what):
    """Presses @key in the window @title until it is gone: a key that comes while
    the window is busy may be taken for something else."""
    limit = time.monotonic() + TIMEOUT
    while window_of(title):
        if time.monotonic() > limit:
            return False
        for w in window_of(title):
            xdotool('windowfocus', '--sync', w, check=False)
            xdotool('key', '--clearmodifiers', key, check=False)
        deadline = time.monotonic() + 3
        while window_of(title) and time.monotonic() < deadline:
            time.sleep(0.05)
    return True


def choose_file(title, path, replace_name):
    """Types @path into the open file chooser @title and confirms it (its
    completion may swallow the first Return)."""
    chooser = wait_for(f'the file chooser {title}', lambda: window_of(title))[0]
    xdotool('windowfocus', '--sync', chooser)
    xdotool('key', '--clearmodifiers', 'ctrl+l')
    if replace_name:
        xdotool('key', '--clearmodifiers', 'ctrl+a')
    xdotool('type', '--delay', '20', path)
    return until_gone(title, 'Return', f'{path} chosen')


def screenshot_windows(folder):
    """Pictures of every window as it is, for whoever reads a failed test's log."""
    if folder and shutil.which('xwd'):
        for w in xdotool('search', '--onlyvisible', '--name', '.', check=False).split():
            subprocess.run(['xwd', '-id', w, '-silent', '-out', os.path.join(folder, f'window-{w}.xwd')],
                           check=False)
