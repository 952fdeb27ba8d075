#!/usr/bin/env python3
# check_translations.py: every translatable string of POTFILES.in has a zh_CN translation
# SPDX-License-Identifier: GPL-3.0-or-later
"""Extracts the strings of po/POTFILES.in with xgettext (the keywords of meson's
glib preset) and checks with msgcmp that po/zh_CN.po translates each of them,
and with msgfmt --check that the translations keep their format directives."""

import os
import subprocess
import sys
import tempfile

source_root = sys.argv[1]
po_dir = os.path.join(source_root, 'po')

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, 'biaozhu.pot')
    subprocess.run(['xgettext', '--package-name=biaozhu', '--from-code=UTF-8',
                    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
                    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3',
                    '--keyword=g_dpgettext2:2c,3', '--add-comments',
                    '-D', source_root, '-f', os.path.join(po_dir, 'POTFILES.in'), '-o', pot],
                   check=True)
    result = subprocess.run(['msgcmp', os.path.join(po_dir, 'zh_CN.po'), pot])
    if result.returncode != 0:
        sys.exit('po/zh_CN.po lacks translations (above); run meson compile biaozhu-update-po and translate')
    stats = subprocess.run(['msgfmt', '--check', '--statistics', '-o', os.devnull,
                            os.path.join(po_dir, 'zh_CN.po')], check=True, capture_output=True, text=True)
    print(stats.stderr.strip())
    # A fuzzy entry is one msgmerge guessed from a similar string: not a translation.
    if 'fuzzy' in stats.stderr or 'untranslated' in stats.stderr:
        sys.exit('po/zh_CN.po has fuzzy or untranslated entries: translate them')
