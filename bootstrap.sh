#!/usr/bin/env bash
# bootstrap.sh: set up a Debian 12 machine for Biaozhu, build it, and run or test it.
#   bash bootstrap.sh run    install, build, import the sample reports, start the workbench
#   bash bootstrap.sh test   install, build (plain, with ASan/UBSan and the clang fuzz build),
#                            run every test and a short run of each fuzz harness
#   bash bootstrap.sh build-fuzz   install, build the fuzz build only (bench/run-fuzz.sh)
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"

mode=${1:-run}

install_packages() {
  mapfile -t wanted < <(grep -v -E '^\s*(#|$)' tools/debian-packages.txt)
  missing=()
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${missing[@]}"
}

build() { # build DIR [meson options...]
  local dir=$1; shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@"
  fi
  meson compile -C "$dir"
}

# The libFuzzer harnesses of fuzz/: clang with ASan and UBSan, the core, the CLI and the
# harnesses only.
build_fuzz() { # build_fuzz DIR
  CC=clang build "$1" -Dfuzz=true -Dgui=false -Db_sanitize=address,undefined -Db_lundef=false
}

case "$mode" in
  run)
    install_packages
    build build
    db=${XDG_DATA_HOME:-$HOME/.local/share}/biaozhu/workspace.db
    # The first start fills the default workspace with the sample reports, pre-annotated.
    if ! build/app/cli/biaozhu-cli --db "$db" list --json 2>/dev/null | grep -q '"id"'; then
      build/app/cli/biaozhu-cli --db "$db" import data/samples
    fi
    # Without a session bus (a bare X server, a container) dconf cannot save the
    # preferences: keep them in GLib's key file instead.
    if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && [ ! -S "${XDG_RUNTIME_DIR:-/nonexistent}/bus" ]; then
      export GSETTINGS_BACKEND=keyfile
    fi
    # Run from the build: its compiled settings schema and translations.
    GSETTINGS_SCHEMA_DIR="$PWD/build/data" BIAOZHU_LOCALEDIR="$PWD/build/po" \
      exec build/app/gui/biaozhu --db "$db"
    ;;
  test)
    install_packages
    build build
    build build-asan -Db_sanitize=address,undefined -Db_lundef=false
    build_fuzz build-fuzz
    status=0
    # A screen wider than the windows the display tests open (1600 px). Without
    # -noreset the X server resets whenever its last client leaves, and a program
    # started during the reset (slow on a loaded machine) finds no display.
    xvfb-run -a -s "-screen 0 1920x1200x24 -noreset" meson test -C build --print-errorlogs || status=1
    xvfb-run -a -s "-screen 0 1920x1200x24 -noreset" meson test -C build-asan --print-errorlogs || status=1
    # Each harness for fuzz_seconds (10 s) from its seeds: a crash, a leak or a sanitizer
    # report fails it, and the input is kept in build-fuzz/fuzz/ci/HARNESS/artifacts.
    meson test -C build-fuzz --print-errorlogs || status=1
    /usr/bin/python3 tools/count-tests.py build/meson-logs/testlog.json build-asan/meson-logs/testlog.json \
      build-fuzz/meson-logs/testlog.json || status=1
    exit $status
    ;;
  build-fuzz)
    install_packages
    build_fuzz build-fuzz
    ;;
  *)
    echo "usage: bash bootstrap.sh run|test|build-fuzz" >&2
    exit 2
    ;;
esac
