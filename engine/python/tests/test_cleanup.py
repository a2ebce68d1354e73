"""Cleanup's reference set: every folder any version references is kept, whatever it is asked to
remove, and a version that can't be read stops the removal instead of shrinking the set."""

import os
from pathlib import Path

import lance
import pytest
from conftest import index_uuids

from lance_engine.cleanup import referenced_uuids, remove_unreferenced
from lance_engine.errors import EngineError


def test_folders_of_older_versions_count_as_referenced(dataset):
    ds = lance.dataset(dataset)
    ds.create_scalar_index("id", "BTREE", name="id_idx")
    first = index_uuids(dataset)
    lance.dataset(dataset).create_scalar_index("id", "BTREE", name="id_idx", replace=True)  # a newer version replaces it
    latest = index_uuids(dataset)
    assert first != latest
    assert referenced_uuids(dataset, {}) >= first | latest
    # From the latest version on, only the latest index is referenced.
    assert referenced_uuids(dataset, {}, since_version=lance.dataset(dataset).version) == latest


def test_remove_keeps_what_a_version_references_and_removes_the_rest(dataset):
    lance.dataset(dataset).create_scalar_index("id", "BTREE", name="id_idx")
    (committed,) = index_uuids(dataset)
    # An uncommitted segment: written by pylance, never committed.
    orphan = lance.dataset(dataset).create_index_uncommitted("id", "BTREE", name="other", replace=True, fragment_ids=[0]).uuid
    indices = Path(dataset, "_indices")
    assert {committed, orphan} <= set(os.listdir(indices))
    report = remove_unreferenced(dataset, {}, [orphan, committed])
    assert report == {"removed": [orphan], "kept_referenced": [committed]}
    assert set(os.listdir(indices)) == {committed}


def test_a_version_that_cannot_be_read_stops_the_removal(dataset):
    lance.dataset(dataset).create_scalar_index("id", "BTREE", name="id_idx")
    orphan = lance.dataset(dataset).create_index_uncommitted("id", "BTREE", name="other", replace=True, fragment_ids=[0]).uuid
    manifests = sorted(Path(dataset, "_versions").iterdir())
    manifests[1].write_bytes(b"not a manifest")  # an older version, damaged
    with pytest.raises(EngineError, match=r"can't (all )?be read .*; nothing was removed\.$"):
        remove_unreferenced(dataset, {}, [orphan])
    assert orphan in os.listdir(Path(dataset, "_indices"))
