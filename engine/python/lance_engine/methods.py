"""The engine's methods by name: one table, served over stdio (server.py) and run by Ray jobs
(ray_job.py), so a method behaves the same wherever it runs.

Each method takes (params, emit, is_cancelled): `emit` sends a progress event to the caller,
`is_cancelled` says whether the caller has given up on this request.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

Method = Callable[[dict[str, Any], Callable[[dict[str, Any]], None], Callable[[], bool]], Any]


def engine_methods() -> dict[str, Method]:
    # Imported here, not at module level: the server measures pylance's import in its ready message.
    from . import build, cleanup, commit, describe, explore, manage, sample, stats, vector_train, verify

    return {
        "describe": lambda p, emit, cancelled: describe.describe(p),
        "build_batch": build.build_batch,
        "train_vector": vector_train.train_vector,
        "prepare_merge": lambda p, emit, cancelled: build.prepare_merge(p),
        "commit": lambda p, emit, cancelled: commit.commit(p, emit),
        "verify": lambda p, emit, cancelled: verify.verify(p),
        "discard": lambda p, emit, cancelled: cleanup.discard(p),
        "sample": lambda p, emit, cancelled: sample.write_sample(p),
        "find_orphans": lambda p, emit, cancelled: cleanup.find_orphans(p),
        "remove_orphans": lambda p, emit, cancelled: cleanup.remove_orphans(p),
        "list_index_dirs": lambda p, emit, cancelled: cleanup.list_dirs(p),
        "preview_rows": lambda p, emit, cancelled: explore.preview_rows(p),
        "query": lambda p, emit, cancelled: explore.query(p),
        "drop_index": lambda p, emit, cancelled: manage.drop_index(p),
        "rename_index": lambda p, emit, cancelled: manage.rename_index(p),
        "column_stats": lambda p, emit, cancelled: stats.column_stats(p),
        "column_bytes": lambda p, emit, cancelled: stats.column_bytes(p),
        "ping": lambda p, emit, cancelled: {"pid": os.getpid()},
    }
