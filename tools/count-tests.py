#!/usr/bin/env python3
# count-tests.py: read meson's testlog.json files and print "N passed, N failed".
# A TAP test counts each of its "ok"/"not ok" lines; any other test counts once.
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import re
import sys

passed = failed = skipped = 0
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            t = json.loads(line)
            result = t.get("result", "")
            out = t.get("stdout") or ""
            oks = re.findall(r"^(not ok|ok)\b(.*)$", out, re.M)
            if oks and result not in ("TIMEOUT", "ERROR"):
                for verdict, rest in oks:
                    if "# SKIP" in rest:
                        skipped += 1
                    elif verdict == "ok":
                        passed += 1
                    else:
                        failed += 1
                if result == "FAIL" and not any(v == "not ok" for v, _ in oks):
                    failed += 1
            elif result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                failed += 1
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
sys.exit(1 if failed else 0)
