#!/bin/sh
# bench/run-extract.sh: the extractor's figures (throughput, build, memory, F1) against jieba,
# and its rules' F1 without the lists (ablate-lists.py)
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: bench/run-extract.sh [BUILD_DIR] [JIEBA_MB]
# Needs a build (meson compile -C BUILD_DIR) and Debian's python3-jieba for the
# comparison (run with /usr/bin/python3, not a python3 earlier on PATH). jieba
# tags the first JIEBA_MB megabytes (2 by default) of the same corpus: the whole
# 50 MB would take it well over an hour.
set -eu

SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-"$SRC/build"}
JIEBA_MB=${2:-2}
BENCH="$BUILD/bench/bench-extract"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
GOLD="$SRC/tests/data/gold/000_3f1c054c4ba4af40.jsonl $SRC/tests/data/gold/002_f996e536b5069f20.jsonl"

echo "== corpus"
python3 "$SRC/bench/make-corpus.py" "$SRC/data/samples" "$TMP/corpus.txt" --mb 50
python3 - "$TMP/corpus.txt" "$TMP/prefix.txt" "$JIEBA_MB" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
end = int(float(sys.argv[3]) * 1_000_000)
while end < len(data) and data[end - 1:end] != b"\n":
    end += 1
open(sys.argv[2], "wb").write(data[:end])
PY

# Three passes over the corpus each: every pass is printed, and the summary is the
# pass that took the least CPU time, the one a shared machine's other load disturbed least.
echo "== extractor, 100,000 entries (synthetic names of uniform characters), 3 passes"
"$BENCH" throughput "$TMP/corpus.txt" --passes 3
echo "== extractor, 100,000 entries (synthetic names of corpus-weighted characters), 3 passes"
"$BENCH" throughput "$TMP/corpus.txt" --weighted --passes 3
echo "== extractor on the first $JIEBA_MB MB"
"$BENCH" throughput "$TMP/prefix.txt"
echo "== jieba.posseg on the first $JIEBA_MB MB"
/usr/bin/python3 "$SRC/bench/jieba_throughput.py" "$TMP/prefix.txt"

echo "== extractor on the gold"
# shellcheck disable=SC2086
"$BENCH" predict $GOLD -o "$TMP/extractor.jsonl"
# shellcheck disable=SC2086
"$BENCH" score "$TMP/extractor.jsonl" $GOLD
echo "== jieba ns as PLACE on the gold"
# shellcheck disable=SC2086
/usr/bin/python3 "$SRC/bench/jieba_places.py" $GOLD -o "$TMP/jieba.jsonl"
# shellcheck disable=SC2086
"$BENCH" score "$TMP/jieba.jsonl" $GOLD
echo "== the rules without the lists: each gold file's own ORG and INDICATOR entries removed"
for LABEL in ORG INDICATOR; do
  # shellcheck disable=SC2086
  /usr/bin/python3 "$SRC/bench/ablate-lists.py" "$BUILD" "$LABEL" $GOLD \
    "$SRC/tests/data/gold-dev/004_abfdc79be98c6e8f.jsonl" "$SRC/tests/data/gold-dev/001_c8b0e577e10dc616.jsonl"
done
