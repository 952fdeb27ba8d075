#!/usr/bin/env python3
# check_agreement.py: every agreement figure against a computation of its own from the definitions
# SPDX-License-Identifier: GPL-3.0-or-later
"""check_agreement.py AGREEMENT_DUMP

Generates random documents (fixed seed: 2 to 4 reviewers, overlapping and nested
spans, several labels, reviewers without spans, documents only one reviewer
annotated, label and reviewer filters), runs agreement-dump on each and compares
every number of its JSON with the figures computed here, literally from the
definitions of include/biaozhu/bz-agreement.h (a tag per character found by
looking for the covering span, a confusion table for κ, a coincidence matrix per
unit for α), to 1e-9. Standard library only; prints TAP."""

import itertools
import json
import math
import os
import random
import subprocess
import sys
import tempfile
from collections import Counter

EPS = 1e-9
LABELS = ['DATE', 'ORG', 'PLACE', 'VALUE']
REVIEWERS = ['ann', 'bo', 'chen', 'dai']


def generate(rng):
    """A random input in agreement-dump's format."""
    reviewers = rng.sample(REVIEWERS, rng.randint(2, 4))
    labels = rng.sample(LABELS, rng.randint(1, 4))
    documents = []
    for d in range(rng.randint(1, 6)):
        n_chars = rng.choice([0, 1, 5, 12, 30, 60])
        annotators = {}
        for reviewer in reviewers:
            if rng.random() < 0.2:
                continue  # did not annotate this document
            spans = []
            if n_chars > 0 and rng.random() > 0.15:
                for _ in range(rng.randint(0, max(1, n_chars // 4))):
                    start = rng.randrange(n_chars)
                    end = rng.randint(start + 1, min(n_chars, start + 12))
                    spans.append([start, end, rng.choice(labels)])
                # Copies of another reviewer's spans make agreement, and duplicates.
                for other in annotators.values():
                    for span in other:
                        if rng.random() < 0.5:
                            spans.append(list(span))
                if spans and rng.random() < 0.3:
                    spans.append(list(rng.choice(spans)))
            annotators[reviewer] = spans
        documents.append({'key': f'doc-{d}', 'n_chars': n_chars, 'annotators': annotators})
    data = {'documents': documents}
    if rng.random() < 0.25:
        data['labels'] = rng.sample(LABELS, rng.randint(1, 3))
    if rng.random() < 0.25 and len(reviewers) > 2:
        data['reviewers'] = rng.sample(reviewers, rng.randint(2, len(reviewers)))
    return data


def tags_of(spans, n_chars, label_index):
    """One tag per character: 0 for O, 1 + 2l for B-l, 2 + 2l for I-l. A character
    belongs to the first span, by (start, longer, label name), that covers it; a
    span's first character of its own is B."""
    order = sorted(set(spans), key=lambda s: (s[0], -s[1], s[2]))
    owner = []
    for c in range(n_chars):
        owner.append(next((s for s in order if s[0] <= c < s[1]), None))
    tags = []
    for c in range(n_chars):
        s = owner[c]
        if s is None:
            tags.append(0)
        elif c > 0 and owner[c - 1] == s:
            tags.append(2 + 2 * label_index[s[2]])
        else:
            tags.append(1 + 2 * label_index[s[2]])
    return tags


def nan_to_none(x):
    return None if x is None or math.isnan(x) else x


def f1_figures(ref_spans, other_spans, matched):
    return {
        'reference_spans': ref_spans, 'other_spans': other_spans, 'matched': matched,
        'precision': matched / other_spans if other_spans else None,
        'recall': matched / ref_spans if ref_spans else None,
        'f1': 2 * matched / (ref_spans + other_spans) if ref_spans + other_spans else None,
    }


def cohen(units):
    """units: list of (a, b) values."""
    n = len(units)
    if n == 0:
        return {'units': 0, 'observed': None, 'expected': None, 'value': None}
    a = Counter(u[0] for u in units)
    b = Counter(u[1] for u in units)
    p_o = sum(1 for x, y in units if x == y) / n
    p_e = sum(a[c] * b[c] for c in set(a) | set(b)) / (n * n)
    value = (p_o - p_e) / (1 - p_e) if p_e < 1 else None
    return {'units': n, 'observed': p_o, 'expected': p_e, 'value': value}


def krippendorff(units):
    """units: list of lists of values (each with at least two values)."""
    o = Counter()
    for values in units:
        m = len(values)
        for i, j in itertools.permutations(range(m), 2):
            o[(values[i], values[j])] += 1 / (m - 1)
    n_c = Counter()
    for (c, k), w in o.items():
        n_c[c] += w
    n = sum(n_c.values())
    disagree = sum(w for (c, k), w in o.items() if c != k)
    apart = sum(n_c[c] * n_c[k] for c in n_c for k in n_c if c != k)
    return {
        'units': len(units),
        'observed': disagree / n if n > 0 else None,
        'expected': apart / (n * (n - 1)) if n > 1 else None,
        'value': 1 - (n - 1) * disagree / apart if n > 1 and apart > 0 else None,
    }


def light(kappas, key):
    defined = [k[key]['value'] for k in kappas if k[key]['value'] is not None]
    return {'units': sum(k[key]['units'] for k in kappas), 'observed': None, 'expected': None,
            'value': sum(defined) / len(defined) if defined else None}


def pair_score(docs, a, b, label):
    """Figures of reviewers a, b over docs (each: spans and tags per reviewer);
    label None for all labels, else a label index (binary values)."""
    ref = other = matched = 0
    units = []
    for doc in docs:
        sa = {s for s in doc['spans'][a] if label is None or s[2] == label}
        sb = {s for s in doc['spans'][b] if label is None or s[2] == label}
        ref += len(sa)
        other += len(sb)
        matched += len(sa & sb)
        units += list(zip(doc['values'](a, label), doc['values'](b, label)))
    tagged = [u for u in units if u != (0, 0)]
    return {
        'f1': f1_figures(ref, other, matched),
        'kappa': cohen(units), 'kappa_no_o': cohen(tagged),
        'alpha': krippendorff([list(u) for u in units]),
        'alpha_no_o': krippendorff([list(u) for u in tagged]),
    }


def group_alpha(docs, label):
    units = []
    for doc in docs:
        values = [doc['values'](r, label) for r in doc['reviewers']]
        units += [list(u) for u in zip(*values)]
    tagged = [u for u in units if any(v != 0 for v in u)]
    return krippendorff(units), krippendorff(tagged)


def expected_report(data):
    keep_reviewers = set(data['reviewers']) if 'reviewers' in data else None
    keep_labels = set(data['labels']) if 'labels' in data else None
    shared = []
    for document in data['documents']:
        annotators = {r: s for r, s in document['annotators'].items()
                      if keep_reviewers is None or r in keep_reviewers}
        if len(annotators) >= 2:
            shared.append((document, annotators))
    reviewers = sorted({r for _, annotators in shared for r in annotators})
    if keep_labels is not None:
        labels = sorted(keep_labels)
    else:
        labels = sorted({s[2] for _, annotators in shared for spans in annotators.values() for s in spans})
    label_index = {name: i for i, name in enumerate(labels)}

    docs = []
    for document, annotators in shared:
        spans = {r: {(s[0], s[1], label_index[s[2]]) for s in annotators[r] if s[2] in label_index}
                 for r in annotators}
        tags = {r: tags_of([(s[0], s[1], labels[s[2]]) for s in spans[r]], document['n_chars'], label_index)
                for r in annotators}

        def values(r, label, tags=tags):
            if label is None:
                return tags[r]
            return [1 if t != 0 and (t - 1) // 2 == label else 0 for t in tags[r]]

        docs.append({'key': document['key'], 'n_chars': document['n_chars'],
                     'reviewers': sorted(annotators), 'spans': spans, 'values': values})

    pairs = [(a, b) for a, b in itertools.combinations(reviewers, 2)
             if any(a in d['reviewers'] and b in d['reviewers'] for d in docs)]

    def docs_of(a, b):
        return [d for d in docs if a in d['reviewers'] and b in d['reviewers']]

    def scope(label):
        pair_scores = [pair_score(docs_of(a, b), a, b, label) for a, b in pairs]
        alpha, alpha_no_o = group_alpha(docs, label)
        f1 = [p['f1'] for p in pair_scores]
        return pair_scores, {
            'f1': f1_figures(sum(x['reference_spans'] for x in f1), sum(x['other_spans'] for x in f1),
                             sum(x['matched'] for x in f1)),
            'kappa': light(pair_scores, 'kappa'), 'kappa_no_o': light(pair_scores, 'kappa_no_o'),
            'alpha': alpha, 'alpha_no_o': alpha_no_o,
        }

    overall_pairs, overall = scope(None)
    per_label = {}
    per_label_pairs = {}
    for i, name in enumerate(labels):
        per_label_pairs[name], per_label[name] = scope(i)

    report = {
        'reviewers': reviewers, 'labels': labels, 'n_documents': len(docs),
        'n_chars': sum(d['n_chars'] for d in docs),
        'overall': overall, 'per_label': per_label,
        'pairs': [{'reference': a, 'other': b, 'n_documents': len(docs_of(a, b)),
                   'overall': overall_pairs[p],
                   'per_label': {name: per_label_pairs[name][p] for name in labels}}
                  for p, (a, b) in enumerate(pairs)],
        'documents': [],
    }
    for d in docs:
        doc_pairs = [{'reference': a, 'other': b, 'overall': pair_score([d], a, b, None)}
                     for a, b in itertools.combinations(d['reviewers'], 2)]
        f1 = [p['overall']['f1'] for p in doc_pairs]
        alpha, alpha_no_o = group_alpha([d], None)
        kappas = [p['overall'] for p in doc_pairs]
        report['documents'].append({
            'key': d['key'], 'n_chars': d['n_chars'], 'reviewers': d['reviewers'],
            'overall': {
                'f1': f1_figures(sum(x['reference_spans'] for x in f1), sum(x['other_spans'] for x in f1),
                                 sum(x['matched'] for x in f1)),
                'kappa': light(kappas, 'kappa'), 'kappa_no_o': light(kappas, 'kappa_no_o'),
                'alpha': alpha, 'alpha_no_o': alpha_no_o,
            },
            'pairs': doc_pairs,
        })
    return report


def compare(expected, actual, path, problems):
    if isinstance(expected, dict):
        if not isinstance(actual, dict) or set(expected) != set(actual):
            problems.append(f'{path}: keys {sorted(expected)} != {sorted(actual) if isinstance(actual, dict) else actual}')
            return
        for key in expected:
            compare(expected[key], actual[key], f'{path}.{key}', problems)
    elif isinstance(expected, list):
        if not isinstance(actual, list) or len(expected) != len(actual):
            problems.append(f'{path}: {expected} != {actual}')
            return
        for i, (e, a) in enumerate(zip(expected, actual)):
            compare(e, a, f'{path}[{i}]', problems)
    elif isinstance(expected, float) or isinstance(actual, float):
        e, a = nan_to_none(expected), nan_to_none(actual)
        if (e is None) != (a is None) or (e is not None and abs(e - a) > EPS):
            problems.append(f'{path}: expected {e}, got {a}')
    elif expected != actual:
        problems.append(f'{path}: expected {expected!r}, got {actual!r}')


def main():
    dump = sys.argv[1]
    rng = random.Random(20261205)
    n_cases = 40
    shared_case = None
    with tempfile.TemporaryDirectory() as tmp:
        for case in range(n_cases):
            data = generate(rng)
            path = os.path.join(tmp, f'case-{case}.json')
            with open(path, 'w', encoding='utf-8') as f:
                json.dump(data, f)
            run = subprocess.run([dump, path], capture_output=True, encoding='utf-8')
            if run.returncode != 0:
                print(f'not ok {case + 1} - case {case}: agreement-dump failed: {run.stderr.strip()}')
                sys.exit(1)
            problems = []
            compare(expected_report(data), json.loads(run.stdout), 'report', problems)
            if problems:
                print(f'not ok {case + 1} - case {case}: {len(problems)} figures differ')
                for problem in problems[:20]:
                    print(f'# {problem}')
                print(f'# input: {json.dumps(data)}')
                sys.exit(1)
            print(f'ok {case + 1} - case {case}: {len(data["documents"])} documents, every figure agrees')
            if shared_case is None and json.loads(run.stdout)['n_documents'] > 0:
                shared_case = path
        text = subprocess.run([dump, '--text', shared_case], capture_output=True, encoding='utf-8',
                              env=dict(os.environ, LC_ALL='C.UTF-8'))
        if text.returncode != 0 or 'α' not in text.stdout:
            print(f'not ok {n_cases + 1} - the text report: {text.stderr.strip()}')
            sys.exit(1)
        print(f'ok {n_cases + 1} - the text report')
    print(f'1..{n_cases + 1}')


if __name__ == '__main__':
    main()
