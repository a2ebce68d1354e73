"""Median query latency on a dataset, for the merged-vs-unmerged segments comparison."""
import json
import statistics
import sys
import time

import lance

uri, kind, column = sys.argv[1], sys.argv[2], sys.argv[3]
ds = lance.dataset(uri)
probes = ["battery", "refund", "camera", "quiet", "gift"] if kind == "fts" else [7, 70_000, 123_456, 500_001, 999_999]


def once(p):
    t = time.perf_counter()
    if kind == "fts":
        ds.to_table(full_text_query=p, columns=["id"], limit=100)
    else:
        ds.to_table(filter=f"{column} = {p}", columns=["id"])
    return (time.perf_counter() - t) * 1000


for p in probes:  # warm the index cache: steady-state latency is what a user feels
    once(p)
# 5 probes x 20 = 100 queries (bench/latency.ts QUERIES): enough for a stable median and p90.
times = [once(p) for _ in range(20) for p in probes]
print(json.dumps({"median_ms": statistics.median(times), "p90_ms": sorted(times)[int(len(times) * 0.9)]}))
