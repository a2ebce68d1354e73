"""A trained vector model (IVF centroids, PQ codebook) as JSON, so the coordinator can hand the
very same model to every batch and every retry, on this machine or on a Ray cluster.

The model id is a hash of the model's bytes and settings, computed again by each batch from what
it received: equal ids in the batch events prove every batch built with the same model.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

import numpy as np
import pyarrow as pa

# The settings that shape a segment's layout; every batch must use the same ones.
MODEL_SETTINGS = ("index_type", "metric", "dimension", "num_partitions", "num_sub_vectors", "num_bits")


def encode_vectors(array: pa.Array | None) -> dict[str, Any] | None:
    """A FixedSizeListArray of floats as {dtype, width, rows, data (base64 of the flat values)}."""
    if array is None:
        return None
    values = array.values.to_numpy(zero_copy_only=False)
    return {
        "dtype": str(values.dtype),
        "width": array.type.list_size,
        "rows": len(array),
        "data": base64.b64encode(np.ascontiguousarray(values).tobytes()).decode(),
    }


def decode_vectors(data: dict[str, Any] | None) -> pa.FixedSizeListArray | None:
    if data is None:
        return None
    values = np.frombuffer(base64.b64decode(data["data"]), dtype=np.dtype(data["dtype"]))
    return pa.FixedSizeListArray.from_arrays(pa.array(values), int(data["width"]))


def model_id(model: dict[str, Any]) -> str:
    """A short hash of the settings and the trained arrays, exactly as they travel."""
    h = hashlib.sha256()
    h.update(json.dumps({k: model.get(k) for k in MODEL_SETTINGS}, sort_keys=True).encode())
    for key in ("ivf_centroids", "pq_codebook"):
        part = model.get(key)
        h.update(json.dumps(part, sort_keys=True).encode() if part else b"-")
    return h.hexdigest()[:16]
