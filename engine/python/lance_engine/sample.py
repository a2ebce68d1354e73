"""A realistic sample dataset: mixed column types, uneven fragments, some deleted rows."""

from __future__ import annotations

import os
import shutil
from typing import Any

import lance
import numpy as np
import pyarrow as pa

from .errors import EngineError

WORDS = [
    "battery",
    "screen",
    "fast",
    "slow",
    "great",
    "terrible",
    "price",
    "value",
    "quality",
    "shipping",
    "arrived",
    "broken",
    "love",
    "hate",
    "works",
    "perfectly",
    "returned",
    "refund",
    "cheap",
    "expensive",
    "sturdy",
    "flimsy",
    "comfortable",
    "loud",
    "quiet",
    "bright",
    "dim",
    "easy",
    "hard",
    "setup",
    "manual",
    "support",
    "friendly",
    "rude",
    "recommend",
    "avoid",
    "gift",
    "daughter",
    "son",
    "kitchen",
    "garden",
    "office",
    "travel",
    "camera",
    "lens",
    "sound",
    "bass",
    "charger",
    "cable",
    "size",
    "fit",
    "color",
    "soft",
    "warm",
    "cold",
    "waterproof",
    "durable",
    "lightweight",
    "heavy",
]
CATEGORIES = ["electronics", "home", "garden", "toys", "books", "sports", "beauty", "grocery"]
COUNTRIES = ["US", "DE", "FR", "JP", "BR", "IN", "GB", "CA", "ES", "IT", "NL", "SE", "MX", "KR", "AU"]
TAGS = ["sale", "new", "gift", "bulk", "eco", "premium", "refurb", "imported", "local", "bundle"]


def _table(rng: np.random.Generator, start: int, n: int) -> pa.Table:
    ids = np.arange(start, start + n, dtype=np.int64)
    words = np.array(WORDS)
    lengths = rng.integers(6, 30, n)
    flat = words[rng.integers(0, len(words), int(lengths.sum()))]
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    reviews = [" ".join(flat[offsets[i] : offsets[i + 1]]) for i in range(n)]
    tag_counts = rng.integers(0, 4, n)
    tags = [list(rng.choice(TAGS, size=int(k), replace=False)) for k in tag_counts]
    return pa.table(
        {
            "id": pa.array(ids),
            "user_id": pa.array(rng.integers(0, 50_000, n, dtype=np.int32)),
            "rating": pa.array(np.round(rng.uniform(1, 5, n), 1)),
            "price": pa.array(rng.gamma(2.0, 20.0, n).astype(np.float32)),
            "category": pa.array(np.array(CATEGORIES)[rng.integers(0, len(CATEGORIES), n)], pa.string()),
            "country": pa.array(np.array(COUNTRIES)[rng.integers(0, len(COUNTRIES), n)], pa.string()),
            "review": pa.array(reviews, pa.string()),
            "tags": pa.array(tags, pa.list_(pa.string())),
            "meta": pa.StructArray.from_arrays(
                [pa.array(rng.integers(0, 100, n, dtype=np.int32)), pa.array(rng.random(n) < 0.8)],
                names=["score", "verified"],
            ),
            "created": pa.array(
                (np.datetime64("2024-01-01") + rng.integers(0, 700 * 86400, n).astype("timedelta64[s]")),
                pa.timestamp("s"),
            ),
        }
    )


def uneven_sizes(rng: np.random.Generator, rows: int, fragments: int) -> np.ndarray:
    """Fragment sizes that differ the way real appends do: a few big, many small."""
    weights = rng.pareto(1.5, fragments) + 0.2
    sizes = np.maximum(1, np.floor(weights / weights.sum() * rows)).astype(np.int64)
    sizes[np.argmax(sizes)] += rows - sizes.sum()
    return sizes


def write_sample(params: dict[str, Any]) -> dict[str, Any]:
    out, rows, fragments = params["out"], int(params.get("rows", 100_000)), int(params.get("fragments", 16))
    if rows < fragments or fragments < 1:
        raise EngineError(f"--rows ({rows}) must be at least --fragments ({fragments}), and both positive.", "input")
    if os.path.exists(out):
        if not params.get("overwrite"):
            raise EngineError(f"{out!r} already exists; pass --overwrite or choose another --out.", "input")
        shutil.rmtree(out)
    rng = np.random.default_rng(int(params.get("seed", 42)))
    start = 0
    frags = []
    schema = None
    for size in uneven_sizes(rng, rows, fragments):
        table = _table(rng, start, int(size))
        schema = table.schema
        frags.extend(lance.fragment.write_fragments(table, out, max_rows_per_file=int(size)))
        start += int(size)
    # One Overwrite commit for all fragments keeps their uneven sizes (write_dataset would even them).
    ds = lance.LanceDataset.commit(out, lance.LanceOperation.Overwrite(schema, frags))
    ds.delete("id % 97 = 0")
    ds = lance.dataset(out)
    return {"uri": out, "version": ds.version, "rows": ds.count_rows(), "fragments": len(ds.get_fragments())}
