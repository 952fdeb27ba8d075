#!/usr/bin/python3
# bench/ablate-lists.py: how the rules do on names no list holds
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: bench/ablate-lists.py BUILD_DIR LABEL[,LABEL] GOLD.jsonl...
#
# For each gold file: copies the gazetteers without the entries of LABEL that
# occur in that file's text (folded to simplified script by bench-extract fold),
# runs the extractor with those lists (BZ_DATADIR) and scores it on the file.
# The lists were partly written from the sample reports, so a set's scores with
# its own entries removed estimate what the rules find in a report the lists
# have not seen. Prints one line a gold file: LABEL and micro P/R/F1 (strict).
import glob
import os
import shutil
import subprocess
import sys
import tempfile

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def ablated_lists(labels, folded, out):
    gazetteer = os.path.join(out, 'gazetteer')
    os.makedirs(gazetteer)
    removed = 0
    for path in sorted(glob.glob(os.path.join(SRC, 'data', 'gazetteer', '*'))):
        name = os.path.basename(path)
        if not name.endswith('.txt'):
            shutil.copy(path, gazetteer)
            continue
        kept = []
        with open(path, encoding='utf-8') as f:
            for line in f:
                parts = line.rstrip('\n').split('\t')
                if not line.startswith('#') and len(parts) >= 2 and parts[1] in labels:
                    forms = [parts[0]] + (parts[2].split('|') if len(parts) > 2 else [])
                    if any(form and form in folded for form in forms):
                        removed += 1
                        continue
                kept.append(line)
        with open(os.path.join(gazetteer, name), 'w', encoding='utf-8') as f:
            f.writelines(kept)
    return removed


def main():
    if len(sys.argv) < 4:
        sys.exit('usage: ablate-lists.py BUILD_DIR LABEL[,LABEL] GOLD.jsonl...')
    build, labels, golds = sys.argv[1], set(sys.argv[2].split(',')), sys.argv[3:]
    bench = os.path.join(build, 'bench', 'bench-extract')
    cli = os.path.join(build, 'app', 'cli', 'biaozhu-cli')
    for gold in golds:
        folded = subprocess.run([bench, 'fold', gold], check=True, capture_output=True, text=True).stdout
        with tempfile.TemporaryDirectory() as tmp:
            removed = ablated_lists(labels, folded, tmp)
            pred = os.path.join(tmp, 'pred.jsonl')
            env = dict(os.environ, BZ_DATADIR=tmp)
            subprocess.run([bench, 'predict', gold, '-o', pred], check=True, env=env)
            report = subprocess.run([cli, 'eval', '--gold', gold, '--pred', pred, '--misses', '0'],
                                    check=True, capture_output=True, text=True).stdout
        scores = []
        for line in report.splitlines():
            cols = line.split()
            if cols and (cols[0] in labels or cols[0] == 'micro'):
                scores.append('%s P %s R %s F1 %s' % (cols[0], cols[5], cols[6], cols[7]))
        print('%s (%d entries removed): %s' % (os.path.basename(gold), removed, '; '.join(scores)))


if __name__ == '__main__':
    main()
