#!/usr/bin/env bash
# bench/run-fuzz.sh: run the libFuzzer harnesses for as long as asked, one at a time
#   bash bench/run-fuzz.sh [SECONDS [HARNESS...]]      (default: 600 s each, every harness)
# Builds build-fuzz (bash bootstrap.sh build-fuzz), then runs each harness from
# its seeds and the corpus it has gathered in earlier runs (build-fuzz/fuzz/corpus/HARNESS),
# and prints per harness the inputs executed, executions per second, the corpus size and
# the crashes (each crashing input is kept in build-fuzz/fuzz/bench/HARNESS/artifacts; add
# it to tests/data/fuzz-regressions/HARNESS/ once fixed). One harness at a time, one job:
# the machine is shared.
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"

seconds=${1:-600}
[ $# -gt 0 ] && shift

bash bootstrap.sh build-fuzz

exec /usr/bin/python3 fuzz/run-fuzz.py --build-dir build-fuzz --seconds "$seconds" \
  --work build-fuzz/fuzz/bench --corpus build-fuzz/fuzz/corpus "$@"
