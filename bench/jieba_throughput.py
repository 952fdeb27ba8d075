#!/usr/bin/python3
# bench/jieba_throughput.py: jieba's part-of-speech tagger on a corpus, in MB/s
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tags CORPUS with jieba.posseg, cut into documents of about --doc-bytes bytes at
line ends like bench-extract does, and prints the throughput and the ns (place)
words found. Needs Debian's python3-jieba; run it with /usr/bin/python3."""

import argparse
import logging
import time

import jieba
import jieba.posseg


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("--doc-bytes", type=int, default=40000)
    args = parser.parse_args()

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    with open(args.corpus, "rb") as f:
        data = f.read()

    docs = []
    start = 0
    while start < len(data):
        end = min(start + args.doc_bytes, len(data))
        while end < len(data) and data[end - 1:end] != b"\n":
            end += 1
        docs.append(data[start:end].decode("utf-8"))
        start = end

    places = 0
    t0 = time.perf_counter()
    c0 = time.thread_time()
    for doc in docs:
        for pair in jieba.posseg.cut(doc):
            if pair.flag == "ns":
                places += 1
    elapsed = time.perf_counter() - t0
    cpu = time.thread_time() - c0
    mb = len(data) / 1e6
    print("jieba.posseg: %.1f MB in %d documents, %d ns words" % (mb, len(docs), places))
    print("jieba.posseg: %.2f s, %.3f MB/s (wall clock)" % (elapsed, mb / elapsed))
    print("per core (CPU time of the thread): %.3f MB/s" % (mb / cpu))


if __name__ == "__main__":
    main()
