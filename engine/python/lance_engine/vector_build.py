"""One batch of a vector build: the IVF partitions of just these fragments, built with the model
trained once for the whole build (vector_train.py), never trained again here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .errors import EngineError
from .vector_model import decode_vectors, model_id

# HNSW graph parameters, passed through only to the HNSW types.
HNSW_PARAMS = ("m", "ef_construction", "max_level")


def vector_index_args(params: dict[str, Any]) -> dict[str, Any]:
    """Keyword arguments for create_index_uncommitted, from the shared model and the settings.

    The model id is computed again from what arrived: a batch handed a different (or damaged)
    model would report a different id, so equal ids in the events mean one model.
    """
    model = params["vector_model"]
    received = model_id(model)
    if received != model.get("model_id"):
        raise EngineError(f"The vector model arrived damaged (id {received}, sent as {model.get('model_id')}).", "build")
    settings = params.get("index_params") or {}
    kwargs: dict[str, Any] = {
        "metric": model["metric"],
        "num_partitions": model["num_partitions"],
        "ivf_centroids": decode_vectors(model["ivf_centroids"]),
    }
    if model.get("pq_codebook"):
        kwargs["pq_codebook"] = decode_vectors(model["pq_codebook"])
        kwargs["num_sub_vectors"] = model["num_sub_vectors"]
        kwargs["num_bits"] = model["num_bits"]
    if "HNSW" in params["index_type"]:
        kwargs.update({k: settings[k] for k in HNSW_PARAMS if k in settings})
    return kwargs


def build_vector_segment(ds, params: dict[str, Any], ids: list[int], callback: Callable) -> Any:
    kwargs = vector_index_args(params)
    if params.get("segment_uuid"):
        kwargs["index_uuid"] = params["segment_uuid"]  # vector types are in facts.json's caller_chosen_uuid_types
    return ds.create_index_uncommitted(
        params["column"],
        params["index_type"],
        name=params["name"],
        replace=True,
        fragment_ids=ids,
        progress_callback=callback,
        **kwargs,
    )
