"""The facts the app's TypeScript side rests on too, read from facts.json (said once, for both)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

_FACTS: dict[str, Any] = json.loads((Path(__file__).resolve().parent / "facts.json").read_text())

MAX_FRAGMENT_ID: int = _FACTS["max_fragment_id"]
# The type name pylance is given (FTS is pylance's own alias of INVERTED).
PYLANCE_TYPE: dict[str, str] = _FACTS["pylance_type"]
# Lance's own names for the index types, as describe_indices reports them.
LANCE_TYPE_NAME: dict[str, str] = _FACTS["lance_type_name"]
# Types whose segment uuid the caller may choose (pylance names BTREE, NGRAM and LABEL_LIST
# segments itself). Choosing it lets the caller remove a killed batch's partial folder.
CALLER_UUID_TYPES = frozenset(_FACTS["caller_chosen_uuid_types"])
ERROR_KINDS = frozenset(_FACTS["error_kinds"])
_MARKERS = _FACTS["index_plan_markers"]


def plan_uses_index(plan: str, full_text: bool) -> bool:
    """Whether a query plan reads an index: a full-text match not done flat, or a scalar index step."""
    if full_text:
        return _MARKERS["full_text"] in plan and _MARKERS["full_text_without_index"] not in plan
    return any(m in plan for m in _MARKERS["scalar"])


def plan_uses_vector_index(plan: str) -> bool:
    """Whether a nearest-neighbour query's plan searches an ANN index (not a flat KNN over all rows)."""
    return any(m in plan for m in _MARKERS["vector"])
