"""Phase `train` of a vector build: the IVF centroids (and for PQ types the PQ codebook, trained
on the IVF residuals) from a sample of the planned fragments, once, in one worker.

SQ bounds have no training entry point in pylance 14: each segment computes its own from its
rows (see vector_build.py for what that means for merging).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from lance.lance import indices

from .build import check_fragment_ids
from .datasets import open_dataset
from .errors import Cancelled, EngineError, lance_failure
from .vector_model import encode_vectors, model_id

# Lance's k-means stops after this many rounds unless it converges first (pylance's default).
MAX_ITERS = 50


def train_vector(
    params: dict[str, Any], emit: Callable[[dict[str, Any]], None], is_cancelled: Callable[[], bool]
) -> dict[str, Any]:
    ds = open_dataset(params["uri"], params.get("storage_options") or {}, params["version"])
    ids = check_fragment_ids(ds, params.get("fragment_ids"))
    s = params["settings"]
    column, metric, dim = params["column"], s["metric"], int(s["dimension"])
    sample_rate, max_iters = int(s.get("sample_rate") or 256), int(s.get("max_iters") or MAX_ITERS)
    pq = "PQ" in params["index_type"]
    stages = ["train_ivf", "train_pq"] if pq else ["train_ivf"]
    timings: dict[str, float] = {}

    def stage(name: str, work):
        if is_cancelled():
            raise Cancelled("cancelled")
        emit({"event": "start", "stage": name, "completed": stages.index(name), "total": len(stages)})
        started = time.monotonic()
        try:
            value = work()
        except (Cancelled, EngineError):
            raise
        except Exception as exc:
            raise lance_failure(exc, f"Training ({name}) failed: ") from exc
        timings[name + "_s"] = time.monotonic() - started
        emit({"event": "complete", "stage": name, "completed": stages.index(name) + 1, "total": len(stages)})
        return value

    centroids = stage(
        "train_ivf",
        lambda: indices.train_ivf_model(ds._ds, column, dim, int(s["num_partitions"]), metric, sample_rate, max_iters, ids),
    )
    codebook = None
    if pq:
        codebook = stage(
            "train_pq",
            lambda: indices.train_pq_model(
                ds._ds,
                column,
                dim,
                int(s["num_sub_vectors"]),
                metric,
                sample_rate,
                max_iters,
                centroids,
                ids,
                int(s.get("num_bits") or 8),
            ),
        )
    model = {
        "index_type": params["index_type"],
        "metric": metric,
        "dimension": dim,
        "num_partitions": len(centroids),
        "num_sub_vectors": s.get("num_sub_vectors") if pq else None,
        "num_bits": s.get("num_bits") if pq else None,
        "ivf_centroids": encode_vectors(centroids),
        "pq_codebook": encode_vectors(codebook),
    }
    model["model_id"] = model_id(model)
    return {"model": model, "model_id": model["model_id"], "fragment_ids": ids, "timings": timings}
