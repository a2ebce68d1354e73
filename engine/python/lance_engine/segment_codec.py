"""lance.Index <-> JSON, so a segment built in a worker can be committed by the driver."""

from __future__ import annotations

import base64
from typing import Any

from lance.dataset import Index


def encode(index: Index) -> dict[str, Any]:
    details = index.index_details
    return {
        "uuid": index.uuid,
        "name": index.name,
        "fields": list(index.fields),
        "dataset_version": index.dataset_version,
        "fragment_ids": sorted(index.fragment_ids),
        "index_version": index.index_version,
        "index_details": [details[0], base64.b64encode(details[1]).decode()] if details else None,
    }


def decode(data: dict[str, Any]) -> Index:
    details = data.get("index_details")
    # fragment_ids must be a set (a list is rejected); created_at/files/base_id are re-derived
    # by the commit, so they are not carried across processes.
    return Index(
        uuid=data["uuid"],
        name=data["name"],
        fields=list(data["fields"]),
        dataset_version=int(data["dataset_version"]),
        fragment_ids={int(f) for f in data["fragment_ids"]},
        index_version=int(data.get("index_version", 0)),
        created_at=None,
        base_id=None,
        files=None,
        index_details=(details[0], base64.b64decode(details[1])) if details else None,
    )
