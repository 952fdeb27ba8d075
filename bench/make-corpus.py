#!/usr/bin/env python3
# bench/make-corpus.py: a corpus of at least N megabytes made from the sample reports
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the sample reports one after another, again and again, until the corpus
holds at least --mb megabytes. Usage: make-corpus.py SAMPLES_DIR OUT [--mb 50]"""

import argparse
import pathlib
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("samples")
    parser.add_argument("output")
    parser.add_argument("--mb", type=float, default=50.0)
    args = parser.parse_args()

    texts = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(args.samples).glob("*.txt"))]
    if not texts:
        sys.exit("no sample reports in %s" % args.samples)
    target = int(args.mb * 1_000_000)
    written = 0
    with open(args.output, "w", encoding="utf-8") as out:
        i = 0
        while written < target:
            text = texts[i % len(texts)]
            if not text.endswith("\n"):
                text += "\n"
            out.write(text)
            written += len(text.encode("utf-8"))
            i += 1
    print("%s: %.1f MB from %d copies of %d reports" % (args.output, written / 1e6, i, len(texts)))


if __name__ == "__main__":
    main()
