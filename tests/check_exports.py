#!/usr/bin/env python3
# check_exports.py: reads every export format as a training pipeline would, independently of the C code
# SPDX-License-Identifier: GPL-3.0-or-later
"""An independent consumer of biaozhu-cli's exports (python3 standard library only).

Builds a workspace through the command line (a CRLF source and the Traditional
seed imported as reports, documents with 𠮷 and emoji), exports it in every
format, and reads each export the way a consumer would: Python string indexes
(code points) must cut out every span's surface, CLUENER's ends are inclusive,
BIO/BIOES characters joined again must give the documents' texts. Then it checks
the round trip (import into a fresh workspace, export again, same bytes), the
refusal of a malformed file with its line and column (the workspace untouched),
splits, chunks and a corrupted surface stopping the export.
"""
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

CLI = os.environ.get("BZ_CLI")
SAMPLES = os.environ.get("BZ_SAMPLES")
FORMATS = ["native", "doccano", "label-studio", "cluener", "spacy", "bio", "bioes", "brat"]
FLAT = {"cluener", "spacy", "bio", "bioes"}
EXT = {"native": ".json", "doccano": ".jsonl", "label-studio": ".json", "cluener": ".jsonl",
       "spacy": ".json", "bio": ".conll", "bioes": ".conll", "brat": ""}
SENTENCE_ENDS = "。！？；\n"
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("not ok: " + message, file=sys.stderr)


def cli(db, *args, expect=0):
    proc = subprocess.run([CLI, "--db", db, *args], capture_output=True, text=True,
                          env=dict(os.environ, LC_ALL="C.UTF-8"))
    if proc.returncode != expect:
        raise SystemExit("biaozhu-cli %s exited %d (wanted %d):\n%s%s"
                         % (" ".join(args), proc.returncode, expect, proc.stdout, proc.stderr))
    return proc


def spans_of(text, label, words):
    """Every occurrence of each word as (start, end, label), in code points."""
    found = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            found.append((at, at + len(word), label))
            at = text.find(word, at + 1)
    return found


def flatten(spans):
    """The documented rule: by start, longer first, then label; keep what overlaps nothing kept."""
    kept, kept_end = [], None
    for span in sorted(spans, key=lambda s: (s[0], -s[1], s[2])):
        if kept_end is None or span[0] >= kept_end:
            kept.append(span)
            kept_end = span[1]
    return kept


def canonical_texts(db, tmp):
    """The workspace's canonical texts by the name of the file each came from (a
    report is titled by its heading line), read from a native export as a
    consumer would."""
    path = os.path.join(tmp, "texts.json")
    cli(db, "export", "--format", "native", "-o", path)
    with open(path, encoding="utf-8") as f:
        return {os.path.basename(doc["source_path"]): doc["text"] for doc in json.load(f)["documents"]}


def make_corpus(db, tmp):
    """Reports imported by `biaozhu-cli import` (a CRLF source, the Traditional seed
    with its pinyin glosses) and texts with 𠮷, emoji and odd whitespace."""
    crlf_path = os.path.join(tmp, "crlf.txt")
    with open(crlf_path, "wb") as f:
        f.write("北京市东城区人民政府\r\n王府井大街𠮷野家😀\r\n".encode("utf-8"))
    seed_path = os.path.join(SAMPLES, "001_c8b0e577e10dc616.txt")
    cli(db, "import", "--no-extract", crlf_path, seed_path)
    texts = canonical_texts(db, tmp)
    crlf = texts["crlf.txt"]
    check(crlf == "北京市东城区人民政府\n王府井大街𠮷野家😀\n", "the CRLF source's canonical text: %r" % crlf)
    seed = texts["001_c8b0e577e10dc616.txt"]
    check("規劃" in seed and "規(guī)劃" not in seed, "the seed's glosses are gone")
    docs = [
        {"title": "crlf.txt", "text": crlf,
         "spans": spans_of(crlf, "PLACE", ["北京市", "东城区", "王府井大街"])
         + spans_of(crlf, "ORG", ["东城区人民政府"])},
        {"title": "001_c8b0e577e10dc616.txt", "text": seed,
         "spans": spans_of(seed, "PLACE", ["東城區", "北京市", "王府井"])
         + spans_of(seed, "ORG", ["人民政府"]) + spans_of(seed, "POLICY", ["規劃"])},
    ]
    astral = "𠮷野家在王府井开店😀，东城区第一人民医院异地迁建项目。\nGDP实现1112.6亿元，同比增长6.3%！"
    docs.append({
        "title": "astral.txt", "text": astral,
        "spans": spans_of(astral, "PLACE", ["王府井", "东城区"]) + spans_of(astral, "ORG", ["第一人民医院"])
        + spans_of(astral, "PROJECT", ["第一人民医院异地迁建项目"]) + spans_of(astral, "INDICATOR", ["GDP"])
        + spans_of(astral, "VALUE", ["1112.6亿元", "6.3%"]),
    })
    spaces = "天坛\u3000公园 \\ 在\t东城区；\n\n龙潭湖\u00a0公园"
    docs.append({"title": "spaces.txt", "text": spaces,
                 "spans": [(0, 5, "PLACE")] + spans_of(spaces, "PLACE", ["东城区", "龙潭湖"])})
    return docs


def write_doccano(path, docs, key="spans"):
    with open(path, "w", encoding="utf-8") as f:
        for doc in docs:
            f.write(json.dumps({"text": doc["text"], "title": doc["title"],
                                "label": [list(s) for s in doc[key]]}, ensure_ascii=False) + "\n")


def unescape(token):
    named = {"\\n": "\n", "\\t": "\t", "\\r": "\r", "\\s": " ", "\\\\": "\\"}
    if token in named:
        return named[token]
    if token.startswith("\\u") or token.startswith("\\U"):
        return chr(int(token[2:], 16))
    if len(token) != 1:
        raise ValueError("not one character: %r" % token)
    return token


def read_conll(path, bioes):
    """Documents as (text, spans) from a character-level BIO/BIOES file."""
    docs = []
    with open(path, encoding="utf-8") as f:
        for line in f.read().split("\n"):
            if line == "":
                continue
            char, tag = line.split("\t")
            if char == "-DOCSTART-":
                docs.append([[], [], None])
                continue
            chars, spans, open_span = docs[-1]
            pos = len(chars)
            chars.append(unescape(char))
            kind, _, label = tag.partition("-")
            if kind in ("B", "S", "O") and open_span is not None:
                check(not bioes, "%s: entity not closed before %s" % (path, tag))
                spans.append((open_span[0], pos, open_span[1]))
                open_span = None
            if kind in ("B", "S"):
                open_span = (pos, label)
            if kind in ("I", "E"):
                check(open_span is not None and open_span[1] == label, "%s: %s continues nothing" % (path, tag))
            if kind in ("E", "S"):
                spans.append((open_span[0], pos + 1, label))
                open_span = None
            docs[-1][2] = open_span
    result = []
    for chars, spans, open_span in docs:
        if open_span is not None:
            spans.append((open_span[0], len(chars), open_span[1]))
        result.append(("".join(chars), spans))
    return result


def consume(fmt, path):
    """Reads an export as its consumer would: a list of (text, spans), surfaces checked."""
    out = []
    if fmt == "native":
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        check(data["offset_unit"] == "codepoint", "native records its offset unit")
        for doc in data["documents"]:
            for s in doc["spans"]:
                check(doc["text"][s["start"]:s["end"]] == s["surface"], "native surface %r" % s["surface"])
            out.append((doc["text"], [(s["start"], s["end"], s["label"]) for s in doc["spans"]]))
    elif fmt in ("doccano", "cluener"):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                doc = json.loads(line)
                text = doc["text"]
                check(doc["offset_unit"] == "codepoint", fmt + " records its offset unit")
                if fmt == "doccano":
                    out.append((text, [tuple(x) for x in doc["label"]]))
                    continue
                spans = []
                for label, surfaces in doc["label"].items():
                    for surface, positions in surfaces.items():
                        for start, last in positions:
                            # CLUENER's end is inclusive.
                            check(text[start:last + 1] == surface, "cluener %r at [%d, %d]" % (surface, start, last))
                            spans.append((start, last + 1, label))
                out.append((text, spans))
    elif fmt == "label-studio":
        with open(path, encoding="utf-8") as f:
            tasks = json.load(f)
        for task in tasks:
            text = task["data"]["text"]
            spans = []
            for annotation in task["annotations"]:
                for r in annotation["result"]:
                    if r["type"] != "labels":
                        continue
                    v = r["value"]
                    check(text[v["start"]:v["end"]] == v["text"], "label-studio %r" % v["text"])
                    spans += [(v["start"], v["end"], label) for label in v["labels"]]
            out.append((text, spans))
    elif fmt == "spacy":
        with open(path, encoding="utf-8") as f:
            for text, annotations in json.load(f):
                out.append((text, [tuple(e) for e in annotations["entities"]]))
    elif fmt in ("bio", "bioes"):
        out = read_conll(path, fmt == "bioes")
    elif fmt == "brat":
        for name in sorted(n for n in os.listdir(path) if n.endswith(".ann")):
            with open(os.path.join(path, name[:-4] + ".txt"), encoding="utf-8", newline="") as f:
                text = f.read()
            spans = []
            with open(os.path.join(path, name), encoding="utf-8") as f:
                for line in f:
                    if not line.startswith("T"):
                        continue
                    _, middle, surface = line.rstrip("\n").split("\t")
                    label, _, fragments = middle.partition(" ")
                    pieces = [tuple(int(x) for x in frag.split()) for frag in fragments.split(";")]
                    check(" ".join(text[s:e] for s, e in pieces) == surface, "brat %r" % surface)
                    spans.append((pieces[0][0], pieces[-1][1], label))
            out.append((text, spans))
    return out


def export(db, fmt, out, *extra, expect=0):
    return cli(db, "export", "--format", fmt, "-o", out, *extra, expect=expect)


def same_output(a, b):
    if os.path.isdir(a):
        names = sorted(os.listdir(a))
        return names == sorted(os.listdir(b)) and all(same_output(os.path.join(a, n), os.path.join(b, n))
                                                      for n in names)
    with open(a, "rb") as fa, open(b, "rb") as fb:
        return fa.read() == fb.read()


def main():
    if not CLI or not os.path.exists(CLI):
        print("skipped: biaozhu-cli is not built")
        return 77
    tmp = tempfile.mkdtemp(prefix="bz-check-exports-")
    try:
        return run(tmp)
    finally:
        shutil.rmtree(tmp)


def run(tmp):
    db = os.path.join(tmp, "ws.db")
    docs = make_corpus(db, tmp)

    seed = os.path.join(tmp, "seed.jsonl")
    write_doccano(seed, docs)
    cli(db, "import-annotations", "--format", "doccano", "--new-documents", seed)
    # One undecided suggestion: it leaves only when asked.
    for doc in docs:
        doc["suggested"] = spans_of(doc["text"], "ORG", ["𠮷野家"])
    suggestions = os.path.join(tmp, "suggestions.jsonl")
    write_doccano(suggestions, docs, key="suggested")
    cli(db, "import-annotations", "--format", "doccano", "--as", "suggested", suggestions)

    by_text = {doc["text"]: doc for doc in docs}
    for fmt in FORMATS:
        out = os.path.join(tmp, "out-" + fmt + EXT[fmt])
        proc = export(db, fmt, out)
        got = consume(fmt, out)
        check(len(got) == len(docs), "%s: %d documents, wanted %d" % (fmt, len(got), len(docs)))
        for text, spans in got:
            doc = by_text.get(text)
            check(doc is not None, "%s: a text that is no document's: %r" % (fmt, text[:30]))
            if doc is None:
                continue
            want = flatten(doc["spans"]) if fmt in FLAT else doc["spans"]
            check(sorted(spans) == sorted(set(want)), "%s: spans of %s differ: %s vs %s"
                  % (fmt, doc["title"], sorted(spans)[:6], sorted(set(want))[:6]))
        if fmt in FLAT:
            n_dropped = sum(len(set(d["spans"])) - len(flatten(d["spans"])) for d in docs)
            check(proc.stderr.count("dropped: it overlaps") == n_dropped,
                  "%s: every dropped span reported (%d)" % (fmt, n_dropped))

        # Round trip: a fresh workspace from the export gives the same export again.
        db2 = os.path.join(tmp, "rt-" + fmt + ".db")
        cli(db2, "import-annotations", "--format", fmt, "--new-documents", out)
        again = os.path.join(tmp, "again-" + fmt + EXT[fmt])
        export(db2, fmt, again)
        check(same_output(out, again), "%s: the round trip changed the export" % fmt)

    # Suggestions leave when asked.
    with_suggestions = os.path.join(tmp, "with-suggestions.jsonl")
    export(db, "doccano", with_suggestions, "--include-suggestions")
    n_suggested = sum(len(t[1]) for t in consume("doccano", with_suggestions)) \
        - sum(len(t[1]) for t in consume("doccano", os.path.join(tmp, "out-doccano.jsonl")))
    check(n_suggested == sum(len(d["suggested"]) for d in docs), "suggestions exported when asked")
    everything = os.path.join(tmp, "everything.json")
    export(db, "native", everything, "--statuses", "accepted,suggested")
    with open(everything, encoding="utf-8") as f:
        spans = [s for doc in json.load(f)["documents"] for s in doc["spans"]]
    check(all(s["origin"] == "import:doccano" for s in spans), "imported spans carry the origin import:doccano")
    check(sum(s["status"] == "suggested" for s in spans) == n_suggested, "imported --as suggested stay suggestions")

    # A malformed file is refused with its line and column, and nothing is written.
    before = os.path.join(tmp, "before.json")
    export(db, "native", before, "--statuses", "accepted,suggested,rejected")
    bad = os.path.join(tmp, "bad.jsonl")
    with open(os.path.join(tmp, "out-doccano.jsonl"), encoding="utf-8") as f:
        lines = f.read().split("\n")
    lines[1] = re.sub(r'"label":\[\[(\d+),', r'"label":[["\1",', lines[1], count=1)
    with open(bad, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    proc = cli(db, "import-annotations", "--format", "doccano", "--new-documents", bad, expect=1)
    check(bad + ":2:" in proc.stderr, "malformed input names line 2: " + proc.stderr.strip())
    check("should be an integer" in proc.stderr, "malformed input names the cause: " + proc.stderr.strip())
    after = os.path.join(tmp, "after.json")
    export(db, "native", after, "--statuses", "accepted,suggested,rejected")
    check(same_output(before, after), "a refused import wrote nothing")

    # Splits: disjoint, complete, and stable when documents are added.
    split_dir = os.path.join(tmp, "split")
    export(db, "doccano", split_dir, "--split", "8:1:1")
    parts = {}
    for part in ("train", "dev", "test"):
        for text, _ in consume("doccano", os.path.join(split_dir, part + ".jsonl")):
            check(text not in parts, "a document in two parts")
            parts[text] = part
    check(set(parts) == set(by_text), "the split holds every document once")
    extra = os.path.join(tmp, "extra.jsonl")
    with open(extra, "w", encoding="utf-8") as f:
        for i in range(30):
            f.write(json.dumps({"text": "新增文档%d号：东城区。" % i, "label": [[6 + len(str(i)), 9 + len(str(i)), "PLACE"]]},
                               ensure_ascii=False) + "\n")
    cli(db, "import-annotations", "--format", "doccano", "--new-documents", extra)
    split2 = os.path.join(tmp, "split2")
    export(db, "doccano", split2, "--split", "8:1:1")
    for part in ("train", "dev", "test"):
        for text, _ in consume("doccano", os.path.join(split2, part + ".jsonl")):
            check(parts.get(text, part) == part, "a document moved to another part when others were added")

    # Chunks: at most N characters, cut after a sentence end where one fits, spans whole.
    chunked = os.path.join(tmp, "chunked.jsonl")
    export(db, "doccano", chunked, "--max-chars", "60")
    pieces = {}
    with open(chunked, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            check(len(rec["text"]) <= 60, "a chunk of %d characters" % len(rec["text"]))
            for start, end, label in rec["label"]:
                check(0 <= start < end <= len(rec["text"]), "a span outside its chunk")
            pieces.setdefault(rec["id"], []).append((rec.get("chunk_offset", 0), rec["text"], rec["label"]))
    for doc_id, parts_of in pieces.items():
        parts_of.sort()
        whole = "".join(t for _, t, _ in parts_of)
        doc = by_text.get(whole)
        if doc is None:
            continue
        rebased = sorted((off + s, off + e, l) for off, _, labels in parts_of for s, e, l in labels)
        check(rebased == sorted(set(doc["spans"])), "chunk offsets rebase onto %s" % doc["title"])
        for off, text, labels in parts_of[:-1]:
            if text[-1] in SENTENCE_ENDS:
                continue
            # Cut elsewhere only when no sentence end outside a span was in reach.
            inside = {p for s, e, _ in labels for p in range(s + 1, e)}
            check(not any(c in SENTENCE_ENDS and i + 1 not in inside for i, c in enumerate(text)),
                  "a chunk of %s ends mid-sentence with a sentence end in reach" % doc["title"])

    # A stored surface that no longer matches its offsets stops the export.
    conn = sqlite3.connect(db)
    conn.execute("UPDATE spans SET surface = 'XX' WHERE id = (SELECT MIN(id) FROM spans WHERE status = 'accepted')")
    span_id, doc_id = conn.execute("SELECT id, document_id FROM spans WHERE surface = 'XX'").fetchone()
    conn.commit()
    conn.close()
    stopped = os.path.join(tmp, "stopped.jsonl")
    proc = export(db, "doccano", stopped, expect=1)
    check(("document %d" % doc_id) in proc.stderr and ("span %d" % span_id) in proc.stderr,
          "the mismatch names document and span: " + proc.stderr.strip())
    check(not os.path.exists(stopped), "a stopped export leaves no file")

    if failures:
        print("%d checks failed" % len(failures))
        return 1
    print("every export read back by an independent consumer")
    return 0


if __name__ == "__main__":
    sys.exit(main())
