#!/usr/bin/env python3
# external-places.py: a stand-in for a team's own model, used by test-extractor.c
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads a text on stdin and writes doccano-style JSON spans on stdout: every
occurrence of the words given as arguments, as PLACE, in code points.

With --malformed it writes output that is not the expected JSON; with --bad-offsets
a span past the end of the text; with --deep a list nested a hundred thousand
levels deep; with --fail it exits with status 3; with --sleep
it waits far longer than the test's timeout."""

import json
import sys
import time


def main():
    args = sys.argv[1:]
    text = sys.stdin.read()
    if "--fail" in args:
        sys.stderr.write("model not found\n")
        return 3
    if "--sleep" in args:
        time.sleep(30)
    if "--malformed" in args:
        sys.stdout.write('{"label": [[0, 2, "PLACE"]')
        return 0
    if "--deep" in args:
        sys.stdout.write('{"label": ' + "[" * 100000 + "]" * 100000 + "}")
        return 0
    if "--bad-offsets" in args:
        json.dump({"label": [[0, len(text) + 5, "PLACE"]]}, sys.stdout)
        return 0
    spans = []
    for word in (a for a in args if not a.startswith("--")):
        start = text.find(word)
        while start >= 0:
            spans.append([start, start + len(word), "PLACE"])
            start = text.find(word, start + 1)
    json.dump({"label": spans}, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
