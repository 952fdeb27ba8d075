#!/usr/bin/env python3
# tests/data/gold/build_gold.py: turn the annotated surfaces in src/ into gold JSONL
# SPDX-License-Identifier: GPL-3.0-or-later
"""Build the gold JSONL files from the working files in src/.

A working file names its report on its first line (``report: NAME``) and holds one block
per paragraph (a line of the report, numbered from 1)::

    == 8
    上半年            DATE
    GDP               INDICATOR
    同比              ...
    6.3%              VALUE    @2

An optional second line ``paragraphs: FIRST-LAST`` limits the gold to a contiguous part of
the report that was annotated completely: only those paragraphs are written, and blocks
outside them are refused.

Entries are listed in text order.  Each surface is matched at its first occurrence at or
after the end of the previous entry; ``@N`` instead picks the N-th occurrence (from 1) in
the whole paragraph.  The script refuses a surface that is not found, spans that overlap or
go backwards, unknown labels and paragraphs that are listed twice.  Paragraphs without a
block have no entities; every non-empty paragraph is written.

With ``--check`` nothing is written; the script reports unannotated occurrences of every
annotated surface in all the reports (a consistency aid) and exits non-zero when the JSONL
on disk differs.

A report whose file is not its own canonical text (the Traditional sample, whose pinyin
glosses the workbench removes) is annotated on its canonical text, kept as
``DIR/<report>.canonical.txt``; tests/test-eval.c checks that file against the text module.

``--dir DIR`` works on another gold folder laid out the same way (DIR/src/*.txt in,
DIR/<report>.jsonl out), e.g. the held-out gold in tests/data/gold-heldout/; the default is
the folder of this script.
"""

import argparse
import json
import os
import re
import sys

LABELS = ("PLACE", "ORG", "PROJECT", "POLICY", "INDICATOR", "VALUE", "DATE")
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))


def fail(path, lineno, message):
    sys.exit(f"{path}:{lineno}: {message}")


def parse_src(path):
    report = None
    scope = None
    blocks = {}
    current = None
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if report is None:
                m = re.fullmatch(r"report:\s*(\S+)", line)
                if not m:
                    fail(path, lineno, "the first line must be 'report: NAME'")
                report = m.group(1)
                continue
            m = re.fullmatch(r"paragraphs:\s*(\d+)\s*-\s*(\d+)\s*", line)
            if m:
                if scope is not None or blocks:
                    fail(path, lineno, "'paragraphs: FIRST-LAST' must follow the report line")
                scope = (int(m.group(1)), int(m.group(2)))
                if scope[0] < 1 or scope[0] > scope[1]:
                    fail(path, lineno, "empty paragraph range")
                continue
            m = re.fullmatch(r"==\s*(\d+)\s*", line)
            if m:
                current = int(m.group(1))
                if current in blocks:
                    fail(path, lineno, f"paragraph {current} listed twice")
                blocks[current] = []
                continue
            if current is None:
                fail(path, lineno, "entity before the first '== N' block")
            m = re.fullmatch(r"(\S.*?)\s+(\S+)(?:\s+@(\d+))?\s*", line)
            if not m:
                fail(path, lineno, "expected 'SURFACE LABEL [@N]'")
            surface, label = m.group(1), m.group(2)
            if label not in LABELS:
                fail(path, lineno, f"unknown label {label!r}")
            occurrence = int(m.group(3)) if m.group(3) else None
            if occurrence == 0:
                fail(path, lineno, "occurrences count from @1")
            blocks[current].append((lineno, surface, label, occurrence))
    if report is None:
        fail(path, 1, "empty working file")
    return report, scope, blocks


def nth_occurrence(text, surface, n):
    pos = -1
    for _ in range(n):
        pos = text.find(surface, pos + 1)
        if pos < 0:
            return -1
    return pos


def build(src_path):
    report, scope, blocks = parse_src(src_path)
    # A report whose file is not its canonical text (a Traditional one with pinyin
    # glosses) is annotated on the canonical text, kept beside the JSONL.
    report_path = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(src_path))),
                               report + ".canonical.txt")
    if not os.path.exists(report_path):
        report_path = os.path.join(ROOT, "data", "samples", report + ".txt")
    with open(report_path, encoding="utf-8", newline="") as f:
        content = f.read()
    if "\r" in content or content.startswith("\ufeff"):
        sys.exit(f"{report_path}: not canonical (BOM or CR)")
    paragraphs = content.split("\n")
    first, last = scope or (1, len(paragraphs))
    if last > len(paragraphs):
        sys.exit(f"{src_path}: the report has only {len(paragraphs)} paragraphs")
    records = []
    for number in blocks:
        if number < 1 or number > len(paragraphs) or not paragraphs[number - 1]:
            sys.exit(f"{src_path}: paragraph {number} does not exist or is empty")
        if not first <= number <= last:
            sys.exit(f"{src_path}: paragraph {number} is outside paragraphs {first}-{last}")
    for number, text in enumerate(paragraphs, 1):
        if not text or not first <= number <= last:
            continue
        spans = []
        cursor = 0
        for lineno, surface, label, occurrence in blocks.get(number, []):
            if occurrence is None:
                start = text.find(surface, cursor)
            else:
                start = nth_occurrence(text, surface, occurrence)
            if start < 0:
                fail(src_path, lineno, f"{surface!r} not found in paragraph {number}"
                     + ("" if occurrence else " after the previous entry"))
            if start < cursor:
                fail(src_path, lineno, f"{surface!r} overlaps or precedes the previous entry")
            end = start + len(surface)
            spans.append([start, end, label])
            cursor = end
        records.append({"id": f"{report}:{number}", "text": text, "label": spans})
    return report, records


def unannotated(records):
    """Occurrences of annotated surfaces that no span covers, per surface and label."""
    surfaces = {}
    for r in records:
        for s, e, label in r["label"]:
            surfaces.setdefault(r["text"][s:e], set()).add(label)
    report = []
    for r in records:
        covered = [False] * len(r["text"])
        for s, e, _ in r["label"]:
            for i in range(s, e):
                covered[i] = True
        for surface, labels in surfaces.items():
            pos = r["text"].find(surface)
            while pos >= 0:
                if not any(covered[pos:pos + len(surface)]):
                    context = r["text"][max(0, pos - 8):pos + len(surface) + 8]
                    report.append(f"{r['id']}: {surface} ({'/'.join(sorted(labels))}) "
                                  f"not annotated at {pos}: …{context}…")
                pos = r["text"].find(surface, pos + 1)
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; list unannotated repeats, fail on stale JSONL")
    parser.add_argument("--dir", default=HERE,
                        help="gold folder: src/*.txt in, <report>.jsonl out (default: %(default)s)")
    parser.add_argument("sources", nargs="*",
                        help="working files (default: every DIR/src/*.txt)")
    args = parser.parse_args()
    folder = os.path.abspath(args.dir)
    sources = args.sources or sorted(
        os.path.join(folder, "src", n) for n in os.listdir(os.path.join(folder, "src"))
        if n.endswith(".txt"))
    stale = False
    checked = []
    for src in sources:
        report, records = build(src)
        out = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        out_path = os.path.join(folder, report + ".jsonl")
        counts = {}
        for r in records:
            for _, _, label in r["label"]:
                counts[label] = counts.get(label, 0) + 1
        summary = ", ".join(f"{l} {counts.get(l, 0)}" for l in LABELS)
        if args.check:
            checked.extend(records)
            try:
                with open(out_path, encoding="utf-8") as f:
                    if f.read() != out:
                        stale = True
                        print(f"{out_path}: stale, run build_gold.py")
            except FileNotFoundError:
                stale = True
                print(f"{out_path}: missing, run build_gold.py")
        else:
            with open(out_path, "w", encoding="utf-8") as f:
                f.write(out)
        print(f"{report}: {len(records)} paragraphs, {sum(counts.values())} spans ({summary})")
    # Across all reports, so that a surface is judged alike everywhere.
    for line in unannotated(checked):
        print(line)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
