#!/usr/bin/env python3
# bench/import-annotations-lock.py: how long another writer waits while import-annotations runs
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a doccano file of about --mb megabytes (new documents, every 王府井 a PLACE),
imports it with `biaozhu-cli import-annotations --new-documents` into a fresh
workspace, and meanwhile takes the workspace's write lock again and again from a
second connection (BEGIN IMMEDIATE; COMMIT), as a reviewer's decision would. The
longest of those waits is the import's longest transaction as other programs feel it.

By default the second writer waits as the workbench does, with SQLite's busy handler,
which sleeps up to 100 ms between attempts and can miss the short gaps between two
documents; --poll-ms N tries again every N ms instead, which shows the longest
transaction itself.

Usage: import-annotations-lock.py BIAOZHU_CLI [--mb 40] [--poll-ms N] [--dir DIR]"""

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

WORDS = ["王府井大街", "东城区", "隆福寺", "人民政府", "推进", "重点项目", "建设", "完成", "投资", "亿元",
         "同比增长", "百分之六", "胡同", "改造", "老旧小区", "公共服务", "医院", "学校", "绿地", "街道"]


def write_corpus(path, megabytes):
    rand = random.Random(20240611)
    target = int(megabytes * 1_000_000)
    written = 0
    n = 0
    with open(path, "w", encoding="utf-8") as out:
        while written < target:
            n += 1
            parts = ["第%d号报告：" % n]
            while sum(len(p) for p in parts) < 7000:
                parts.extend(rand.choice(WORDS) for _ in range(rand.randint(3, 8)))
                parts.append("。")
            text = "".join(parts)
            labels = []
            start = text.find("王府井")
            while start >= 0:
                labels.append([start, start + 3, "PLACE"])
                start = text.find("王府井", start + 1)
            line = json.dumps({"text": text, "title": "report-%05d.txt" % n, "label": labels},
                              ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
    return n, written


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cli")
    parser.add_argument("--mb", type=float, default=40.0)
    parser.add_argument("--poll-ms", type=float, default=0.0)
    parser.add_argument("--dir", default=None)
    args = parser.parse_args()

    work = args.dir or tempfile.mkdtemp(prefix="bz-import-lock-")
    corpus = os.path.join(work, "corpus.jsonl")
    db = os.path.join(work, "workspace.db")
    n_docs, size = write_corpus(corpus, args.mb)
    subprocess.run([args.cli, "--db", db, "list"], check=True, stdout=subprocess.DEVNULL)

    waits = []
    done = threading.Event()

    def take_lock(conn):
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) and "busy" not in str(e):
                    raise
                time.sleep(args.poll_ms / 1000)

    def other_writer():
        conn = sqlite3.connect(db, timeout=0 if args.poll_ms > 0 else 3600, isolation_level=None)
        while not done.is_set():
            start = time.monotonic()
            take_lock(conn)
            conn.execute("COMMIT")
            waits.append(time.monotonic() - start)
            time.sleep(0.05)
        conn.close()

    start = time.monotonic()
    proc = subprocess.Popen([args.cli, "--db", db, "import-annotations", "--format", "doccano",
                             "--new-documents", corpus], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    thread = threading.Thread(target=other_writer)
    thread.start()
    out, err = proc.communicate()
    elapsed = time.monotonic() - start
    done.set()
    thread.join()
    if proc.returncode != 0:
        sys.exit("import-annotations failed: " + err)
    print("file: %.1f MB, %d documents; import: %.1f s; %s" % (size / 1e6, n_docs, elapsed, out.strip()))
    print("second writer: %d commits during the import, longest wait %.3f s, median %.3f s"
          % (len(waits), max(waits), sorted(waits)[len(waits) // 2]))


if __name__ == "__main__":
    main()
