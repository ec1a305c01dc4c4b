#!/usr/bin/env python3
"""The peer of Benchmarks/tm-lookup.sh: translate-toolkit's translation-memory matcher.

    python3 peer_tm.py OUT [SAMPLE]

Reads OUT/memory.tsv (source TAB target) and OUT/queries.txt written by TMBench, builds a
`translate.search.match.matcher` over the same units (min_similarity 75, 3 candidates, no length
cap: max_length 1000) and times `matches()` for SAMPLE of the queries (every len/SAMPLE-th one, so
near-duplicates and new strings keep their shares), extrapolated to all of them. translate-toolkit
compares characters (Levenshtein through RapidFuzz when installed) over every unit whose length is
within the similarity window, so its scores are not ours: only the time compares.
Writes OUT/tm-peer.json.
"""
import json
import os
import sys
import time


def main():
    out = sys.argv[1]
    sample = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    from translate.search import lshtein, match
    from translate.storage import base

    # matcher keeps its best candidates in a heap of (similarity, unit): two candidates with the
    # same similarity make heapq compare the units, which TranslationUnit does not support.
    base.TranslationUnit.__lt__ = lambda self, other: id(self) < id(other)
    native = lshtein.distance is not lshtein.python_distance
    start = time.perf_counter()
    store = base.TranslationStore()
    with open(os.path.join(out, "memory.tsv"), encoding="utf-8") as f:
        for line in f:
            source, _, target = line.rstrip("\n").partition("\t")
            unit = base.TranslationUnit(source)
            unit.target = target
            store.addunit(unit)
    matcher = match.matcher(store, max_candidates=3, min_similarity=75, max_length=1000)
    import_s = time.perf_counter() - start

    with open(os.path.join(out, "queries.txt"), encoding="utf-8") as f:
        queries = [line.rstrip("\n") for line in f]
    step = max(1, len(queries) // sample)
    chosen = queries[::step][:sample]
    start = time.perf_counter()
    with_suggestion = sum(1 for query in chosen if matcher.matches(query))
    lookup_s = time.perf_counter() - start
    extrapolated = lookup_s * len(queries) / len(chosen)
    report = {
        "units": len(matcher.candidates.units), "import_s": import_s, "queries": len(queries), "timed": len(chosen),
        "lookup_timed_s": lookup_s, "lookup_extrapolated_s": extrapolated,
        "with_suggestion_timed": with_suggestion, "rapidfuzz": native,
    }
    with open(os.path.join(out, "tm-peer.json"), "w") as f:
        json.dump(report, f, indent=2)
    print(f"translate-toolkit matcher ({'RapidFuzz' if native else 'pure Python'} Levenshtein): "
          f"{len(matcher.candidates.units)} units loaded in {import_s:.2f} s; {len(chosen)} of {len(queries)} queries "
          f"in {lookup_s:.2f} s ({with_suggestion} got a suggestion), "
          f"{extrapolated:.1f} s extrapolated to all {len(queries)}")


if __name__ == "__main__":
    main()
