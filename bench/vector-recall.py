"""recall@k of the vector index a contender built, the same script for every contender (issue 14):
`python vector-recall.py URI COLUMN '<spec json>'`, prints one JSON line.

spec: {"index_type", "metric", "k", "queries", "nprobes", "seed"}

Queries are rows of the dataset picked with a fixed seed, so every copy is asked the same
questions; the answers are an ANN search through the index (nprobes fixed, no refine: the
index's own answer) against an exact search by numpy over every row. It runs on the pinned
pylance whichever tool built the index, so only the index differs.
"""

import json
import sys
import time
from pathlib import Path

import lance
import numpy as np

# The engine's own exact search and ANN-plan rule, so the benchmark measures recall exactly as
# the app's verification does (one piece of code); this script runs outside the engine's path.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "engine" / "python"))
from lance_engine.facts import plan_uses_vector_index  # noqa: E402
from lance_engine.vector_verify import K, exact_neighbours, matrix  # noqa: E402


def the_index(ds, column: str) -> tuple[str, str]:
    """The one index on the column, with its type: a recall of some other index would mean nothing."""
    names = [d.name for d in ds.describe_indices() if column in d.field_names]
    if len(names) != 1:
        raise SystemExit(f"expected one index on {column}, found {names}")
    return names[0], ds.stats.index_stats(names[0])["index_type"]


def main() -> None:
    uri, column, spec = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    k, nprobes, metric = spec["k"], spec["nprobes"], spec["metric"]
    if k != K:
        raise SystemExit(f"k is {k}; the engine's exact search keeps {K}")
    ds = lance.dataset(uri)
    name, index_type = the_index(ds, column)
    if index_type.upper() != spec["index_type"]:
        raise SystemExit(f"the index {name} is {index_type}, not the {spec['index_type']} the case asks for")
    rows = np.sort(np.random.default_rng(spec["seed"]).choice(ds.count_rows(), spec["queries"], replace=False))
    queries = matrix(ds.take(rows, columns=[column]).column(0).combine_chunks())

    def ann(q):
        return {"column": column, "q": q, "k": k, "nprobes": nprobes, "use_index": True}

    plan = ds.scanner(nearest=ann(queries[0]), columns=[], with_row_id=True).explain_plan()
    if not plan_uses_vector_index(plan):
        steps = " / ".join(x.strip() for x in plan.splitlines())
        raise SystemExit(f"the nearest-neighbour query does not use the index {name}: {steps[:300]}")

    t0 = time.monotonic()
    truth = exact_neighbours(ds, column, queries, metric)
    t1 = time.monotonic()
    found = [ds.to_table(nearest=ann(q), columns=[], with_row_id=True).column("_rowid").to_numpy() for q in queries]
    t2 = time.monotonic()
    hits = [len(np.intersect1d(f, t)) / k for f, t in zip(found, truth, strict=True)]
    print(
        json.dumps(
            {
                "recall": float(np.mean(hits)),
                "index": name,
                "index_type": index_type,
                "k": k,
                "queries": len(queries),
                "nprobes": nprobes,
                "exact_s": t1 - t0,
                "ann_s": t2 - t1,
            }
        )
    )


if __name__ == "__main__":
    main()
