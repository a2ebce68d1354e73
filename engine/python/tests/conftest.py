"""Real, small Lance datasets in a temporary folder: the engine's logic is tested against pylance,
not against stand-ins."""

from __future__ import annotations

import sys
from pathlib import Path

import lance
import pyarrow as pa
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # lance_engine, as the engine runs it


@pytest.fixture
def dataset(tmp_path: Path) -> str:
    """Four fragments of 100 rows: an int column and a text column."""
    uri = str(tmp_path / "small.lance")
    for f in range(4):
        rows = range(f * 100, f * 100 + 100)
        table = pa.table({"id": pa.array(rows, pa.int64()), "text": pa.array([f"word{i % 7} item{i}" for i in rows])})
        lance.write_dataset(table, uri, mode="create" if f == 0 else "append")
    return uri


def index_uuids(uri: str) -> set:
    return {i["uuid"] for i in lance.dataset(uri).list_indices()}
