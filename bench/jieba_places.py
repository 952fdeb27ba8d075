#!/usr/bin/python3
# bench/jieba_places.py: jieba's place names (ns) as PLACE spans, scored like any extractor
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tag the texts of gold JSONL files with jieba.posseg and write jieba's ``ns`` words
(place names) as PLACE spans in the same JSONL format, for ``biaozhu-cli eval``:

    /usr/bin/python3 bench/jieba_places.py tests/data/gold/*.jsonl > /tmp/jieba.jsonl
    biaozhu-cli eval --gold tests/data/gold/000_….jsonl --gold tests/data/gold/002_….jsonl \\
        --pred /tmp/jieba.jsonl

Needs Debian's python3-jieba (``apt-get install python3-jieba``). Only the PLACE row of
the report is meaningful: jieba has no tags for the other labels.
"""

import argparse
import json
import logging
import sys

import jieba
import jieba.posseg


def place_spans(text):
    """[start, end, "PLACE"] for every word jieba tags ns, in code points."""
    spans = []
    offset = 0
    for pair in jieba.posseg.cut(text):
        end = offset + len(pair.word)
        if pair.flag == "ns":
            spans.append([offset, end, "PLACE"])
        offset = end
    if offset != len(text):
        raise RuntimeError("jieba's words do not cover the text")
    return spans


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", nargs="+", help="gold JSONL files (their texts are tagged)")
    parser.add_argument("-o", "--output", help="write here instead of standard output")
    args = parser.parse_args()

    jieba.setLogLevel(logging.WARNING)
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    with out:
        for path in args.gold:
            with open(path, encoding="utf-8") as f:
                for line in f:
                    if not line.strip():
                        continue
                    record = json.loads(line)
                    prediction = {"text": record["text"], "label": place_spans(record["text"])}
                    if "id" in record:
                        prediction = {"id": record["id"], **prediction}
                    out.write(json.dumps(prediction, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
