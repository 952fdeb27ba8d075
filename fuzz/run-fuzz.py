#!/usr/bin/env python3
# run-fuzz.py: run libFuzzer harnesses of a fuzz build from their seeds, one at a time
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs each named harness (native, doccano, label-studio, cluener, spacy, bio,
bioes, brat, report, work) of a fuzz build for SECONDS, from seeds that the build's
fuzz-seeds makes of the project's test data, and prints per harness the inputs
executed, executions per second, the corpus size and the crashes. Exits 1 when
a harness crashed, leaked or tripped a sanitizer; the input that did it is kept
under WORK/HARNESS/artifacts.

  run-fuzz.py --build-dir build-fuzz --seconds 20 [--work DIR] [--corpus DIR] HARNESS...

Without --corpus each run starts from the seeds alone (WORK/HARNESS/corpus is
emptied); with it, the corpus of each harness lives in CORPUS/HARNESS and grows
from run to run."""

import argparse
import os
import re
import shutil
import subprocess
import sys
import time

SOURCE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGETS = ["native", "doccano", "label-studio", "cluener", "spacy", "bio", "bioes", "brat",
           "report", "work"]
# The dictionary of each harness, in fuzz/.
DICTS = {
    "native": "json.dict", "doccano": "json.dict", "label-studio": "json.dict",
    "cluener": "json.dict", "spacy": "json.dict",
    "bio": "conll.dict", "bioes": "conll.dict", "brat": "brat.dict", "report": "report.dict",
    "work": "work.dict",
}
MAX_LEN = 8192


def environment():
    env = dict(os.environ)
    env["G_SLICE"] = "always-malloc"
    env["G_DEBUG"] = "gc-friendly"
    env["LC_ALL"] = "C.UTF-8"
    env["LSAN_OPTIONS"] = "suppressions=%s:print_suppressions=0" % os.path.join(SOURCE, "tests", "lsan.supp")
    env["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"
    # ASan keeps 256 MB of freed memory from reuse by default: every input then
    # touches new pages, and the runs spend their time in page faults. A few MB
    # per input are freed; 16 MB still catch a use after free within one.
    # g_error() and fatal criticals stop the process with SIGTRAP, a crash too.
    env["ASAN_OPTIONS"] = "quarantine_size_mb=16:detect_leaks=1:handle_sigtrap=1"
    return env


def run(build, work, corpus_root, seconds, target):
    harness = os.path.join(build, "fuzz", "fuzz-" + target)
    base = os.path.join(work, target)
    seeds_root = os.path.join(base, "seeds")
    seeds = os.path.join(seeds_root, target)
    artifacts = os.path.join(base, "artifacts")
    corpus = os.path.join(corpus_root, target) if corpus_root else os.path.join(base, "corpus")
    log = os.path.join(base, "fuzz.log")

    for d in (seeds_root, artifacts) + (() if corpus_root else (corpus,)):
        shutil.rmtree(d, ignore_errors=True)
    for d in (artifacts, corpus):
        os.makedirs(d, exist_ok=True)
    subprocess.run([os.path.join(build, "fuzz", "fuzz-seeds"), SOURCE, seeds_root, target],
                   check=True, stdout=subprocess.DEVNULL, env=environment())

    args = [harness, "-max_total_time=%d" % seconds, "-print_final_stats=1", "-max_len=%d" % MAX_LEN,
            # Far above any input's time, so that a loaded machine does not make one.
            "-timeout=60", "-report_slow_units=60", "-rss_limit_mb=2048", "-artifact_prefix=" + artifacts + "/",
            "-dict=" + os.path.join(SOURCE, "fuzz", DICTS[target]), corpus, seeds]
    started = time.monotonic()
    with open(log, "w") as out:
        status = subprocess.run(args, stdout=out, stderr=subprocess.STDOUT, env=environment()).returncode
    elapsed = time.monotonic() - started
    with open(log, errors="replace") as f:
        text = f.read()

    def stat(name):
        m = re.search(r"^stat::%s:\s*(\d+)" % name, text, re.M)
        return int(m.group(1)) if m else None

    execs = stat("number_of_executed_units") or 0
    per_second = stat("average_exec_per_sec")
    if per_second is None:
        per_second = round(execs / elapsed) if elapsed > 0 else 0
    corp = re.findall(r"corp: (\d+)/", text)
    cov = re.findall(r"cov: (\d+)", text)
    # libFuzzer keeps an input that took long as slow-unit-*: on a loaded
    # machine a stall of the disk makes one, so it is reported, not failed.
    kept = sorted(os.listdir(artifacts))
    crashes = [name for name in kept if not name.startswith("slow-unit-")]
    slow = [name for name in kept if name.startswith("slow-unit-")]
    result = {
        "target": target, "execs": execs, "per_second": per_second,
        "corpus": int(corp[-1]) if corp else 0, "seeds": len(os.listdir(seeds)),
        "cov": int(cov[-1]) if cov else 0, "crashes": len(crashes), "slow": len(slow), "status": status,
        "seconds": round(elapsed), "log": log,
    }
    print("%-13s %9d execs %6d/s  corpus %5d (seeds %3d)  cov %5d  crashes %d  slow %d  (%d s, exit %d)" % (
        target, execs, per_second, result["corpus"], result["seeds"], result["cov"], len(crashes),
        len(slow), elapsed, status), flush=True)
    for name in slow:
        print("    slow input (kept, not a failure): " + os.path.join(artifacts, name), flush=True)
    if status != 0 or crashes:
        tail = text.splitlines()[-60:]
        print("\n".join("    " + line for line in tail), flush=True)
        for c in crashes:
            print("    input: " + os.path.join(artifacts, c), flush=True)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--work")
    parser.add_argument("--corpus")
    parser.add_argument("targets", nargs="*")
    args = parser.parse_args()
    targets = args.targets or TARGETS
    for t in targets:
        if t not in TARGETS:
            parser.error("unknown harness %s (known: %s)" % (t, ", ".join(TARGETS)))
    build = os.path.abspath(args.build_dir)
    work = os.path.abspath(args.work or os.path.join(build, "fuzz", "runs"))
    corpus = os.path.abspath(args.corpus) if args.corpus else None
    results = [run(build, work, corpus, args.seconds, t) for t in targets]
    failed = [r["target"] for r in results if r["status"] != 0 or r["crashes"]]
    if len(results) > 1:
        print("total: %d execs, %d crashes%s" % (
            sum(r["execs"] for r in results), sum(r["crashes"] for r in results),
            " (" + ", ".join(failed) + ")" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
