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

SCAN_BATCH = 65_536
# A plan that searches an ANN index (not a flat KNN over every row): the engine's own markers, read
# from the one file both languages take them from (this script runs without the engine on its path).
FACTS = Path(__file__).resolve().parent.parent / "engine" / "python" / "lance_engine" / "facts.json"
ANN_MARKERS = tuple(json.loads(FACTS.read_text())["index_plan_markers"]["vector"])


def matrix(column) -> np.ndarray:
    return column.flatten().to_numpy(zero_copy_only=False).astype(np.float32).reshape(-1, column.type.list_size)


def distances(x: np.ndarray, q: np.ndarray, metric: str) -> np.ndarray:
    """queries x rows, ordered as Lance orders them for the metric."""
    if metric == "dot":
        return -(q @ x.T)
    if metric == "cosine":
        xn = x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-30)
        qn = q / np.maximum(np.linalg.norm(q, axis=1, keepdims=True), 1e-30)
        return 1 - qn @ xn.T
    return (q * q).sum(1)[:, None] - 2 * (q @ x.T) + (x * x).sum(1)[None, :]


def the_index(ds, column: str) -> tuple[str, str]:
    """The one index on the column, with its type: a recall of some other index would mean nothing."""
    names = [d.name for d in ds.describe_indices() if column in d.field_names]
    if len(names) != 1:
        raise SystemExit(f"expected one index on {column}, found {names}")
    return names[0], ds.stats.index_stats(names[0])["index_type"]


def exact(ds, column: str, queries: np.ndarray, metric: str, k: int) -> np.ndarray:
    """Row ids of each query's k nearest rows, by a scan in batches (bounded memory)."""
    best_d = np.full((len(queries), 0), np.inf, dtype=np.float32)
    best_id = np.zeros((len(queries), 0), dtype=np.uint64)
    for batch in ds.scanner(columns=[column], with_row_id=True, batch_size=SCAN_BATCH).to_batches():
        if batch.num_rows == 0:
            continue
        d = distances(matrix(batch.column(0)), queries, metric)
        ids = batch.column(batch.schema.get_field_index("_rowid")).to_numpy()
        # The batch's own k best first (a partial sort), then a full sort of only 2k per query.
        if d.shape[1] > k:
            part = np.argpartition(d, k, axis=1)[:, :k]
            d, ids = np.take_along_axis(d, part, axis=1), ids[part]
        all_d = np.concatenate([best_d, d], axis=1)
        all_id = np.concatenate([best_id, np.broadcast_to(ids, d.shape)], axis=1)
        keep = np.argsort(all_d, axis=1, kind="stable")[:, :k]
        best_d, best_id = np.take_along_axis(all_d, keep, axis=1), np.take_along_axis(all_id, keep, axis=1)
    return best_id


def main() -> None:
    uri, column, spec = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    k, nprobes, metric = spec["k"], spec["nprobes"], spec["metric"]
    ds = lance.dataset(uri)
    name, index_type = the_index(ds, column)
    if index_type.upper() != spec["index_type"]:
        raise SystemExit(f"the index {name} is {index_type}, not the {spec['index_type']} the case asks for")
    rows = np.sort(np.random.default_rng(spec["seed"]).choice(ds.count_rows(), spec["queries"], replace=False))
    queries = matrix(ds.take(rows, columns=[column]).column(0).combine_chunks())

    def ann(q):
        return {"column": column, "q": q, "k": k, "nprobes": nprobes, "use_index": True}

    plan = ds.scanner(nearest=ann(queries[0]), columns=[], with_row_id=True).explain_plan()
    if not any(m in plan for m in ANN_MARKERS):
        steps = " / ".join(x.strip() for x in plan.splitlines())
        raise SystemExit(f"the nearest-neighbour query does not use the index {name}: {steps[:300]}")

    t0 = time.monotonic()
    truth = exact(ds, column, queries, metric, k)
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
