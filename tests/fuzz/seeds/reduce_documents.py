#!/usr/bin/env python3
"""Writes smaller variants of the whole-document seeds of catalogue_loader and results_reader
into OUT, for a merge that keeps the smallest files covering every edge (issue 18.1). These two
targets parse a whole document per input; the fixtures' API files (5-21 KB) and the big results
files made each input slow, and scripts/fuzz now caps their inputs at 6 KB (-max_len=6144).

Variants of each JSON seed: every array cut to its first 1, 2 or 3 elements (compact, and for
the catalogue also indented); for results files also minified, the cases without their heavy
members (transcript, observations, provenance, replay, answers, assertions), with one of them
kept at a time, and four times as many light cases (sorting paths that need more cases).

usage: reduce_documents.py OUT          then, in the fuzz tree (scripts/fuzz's build):
  fuzz_<t> -merge=1 -use_counters=0 -max_len=6144 NEW OUT/<t> tests/fuzz/corpus/<t> FINDS...
  fuzz_<t> -merge=1 -use_counters=0 -max_len=1000000 COPY_OF_NEW tests/fuzz/corpus/<t>
           (must add no file, or only ones for standard-library size paths), then NEW
           replaces tests/fuzz/corpus/<t>.
"""
import json, os, sys

here = os.path.dirname(os.path.abspath(__file__))
corpus = os.path.join(here, '..', 'corpus')
HEAVY = ('transcript', 'observations', 'provenance', 'replay', 'answers', 'assertions', 'coverage')


def cut(d, k):
    if isinstance(d, list):
        return [cut(x, k) for x in d[:k]]
    if isinstance(d, dict):
        return {a: cut(b, k) for a, b in d.items()}
    return d


def compact(d):
    return json.dumps(d, separators=(',', ':'), ensure_ascii=False)


def seeds(target, skip):
    """(name, leading bytes, parsed document) of the target's JSON seeds."""
    for f in sorted(os.listdir(os.path.join(corpus, target))):
        data = open(os.path.join(corpus, target, f), 'rb').read()
        try:
            yield f, data[:skip], json.loads(data[skip:])
        except (ValueError, UnicodeDecodeError):
            continue


def write(out, target, name, head, text):
    os.makedirs(os.path.join(out, target), exist_ok=True)
    with open(os.path.join(out, target, name), 'wb') as f:
        f.write(head + text.encode())


def catalogue(out):
    for f, role, doc in seeds('catalogue_loader', 1):  # byte 0: the file's role
        for k in (1, 2, 3):
            write(out, 'catalogue_loader', f'{f}.k{k}c', role, compact(cut(doc, k)))
            write(out, 'catalogue_loader', f'{f}.k{k}i', role,
                  json.dumps(cut(doc, k), indent=1, ensure_ascii=False))


def results(out):
    for f, command, doc in seeds('results_reader', 1):  # byte 0: the report command
        if not isinstance(doc, dict) or len(compact(doc)) < 1500:
            continue
        write(out, 'results_reader', f'{f}.min', command, compact(doc))
        for k in (1, 2, 3):
            write(out, 'results_reader', f'{f}.k{k}', command, compact(cut(doc, k)))
        cases = doc.get('cases')
        if not isinstance(cases, list) or not all(isinstance(c, dict) for c in cases):
            continue
        light = {k: v for k, v in doc.items() if k != 'coverage'}
        light['cases'] = [{k: v for k, v in c.items() if k not in HEAVY} for c in cases]
        write(out, 'results_reader', f'{f}.light', command, compact(light))
        for h in HEAVY:
            one = dict(doc) if h == 'coverage' else light.copy()
            one['cases'] = [{k: (v[:1] if isinstance(v, list) else v) for k, v in c.items()
                             if k not in HEAVY or k == h} for c in cases]
            write(out, 'results_reader', f'{f}.only-{h}', command, compact(one))
        many = dict(light)
        many['cases'] = [dict(c, id=f"{c.get('id', '')}{i}") for i in range(4) for c in light['cases']]
        write(out, 'results_reader', f'{f}.many', command, compact(many))


if len(sys.argv) != 2:
    sys.exit(__doc__)
catalogue(sys.argv[1])
results(sys.argv[1])
