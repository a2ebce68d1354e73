"""Nothing outside the dataset: a link planted in a local dataset is refused, and removal never
follows one."""

import os
from pathlib import Path

import lance
import pytest

from lance_engine.containment import check_contained, check_uri, remove_local_index_dir
from lance_engine.errors import EngineError

UUID = "0b1c2d3e-4f50-4617-8899-aabbccddeeff"


def test_an_indices_folder_linked_outside_is_refused(dataset, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("not the dataset's")
    os.symlink(elsewhere, Path(dataset, "_indices"))
    with pytest.raises(EngineError) as caught:
        check_contained(dataset)
    assert caught.value.kind == "input"
    assert "_indices" in str(caught.value)
    assert (elsewhere / "keep.txt").exists()


def test_removing_a_linked_index_folder_removes_only_the_link(dataset, tmp_path):
    target = tmp_path / "precious"
    target.mkdir()
    (target / "data.bin").write_bytes(b"x")
    indices = Path(dataset, "_indices")
    indices.mkdir(exist_ok=True)
    os.symlink(target, indices / UUID)
    assert remove_local_index_dir(dataset, UUID) is True
    assert not (indices / UUID).exists()
    assert (target / "data.bin").read_bytes() == b"x"


def test_links_inside_an_index_folder_are_unlinked_not_followed(dataset, tmp_path):
    target = tmp_path / "precious"
    target.mkdir()
    (target / "data.bin").write_bytes(b"x")
    folder = Path(dataset, "_indices", UUID)
    folder.mkdir(parents=True)
    (folder / "part.idx").write_bytes(b"i")
    os.symlink(target, folder / "inner")
    assert remove_local_index_dir(dataset, UUID) is True
    assert not folder.exists()
    assert (target / "data.bin").exists()


def test_only_names_shaped_like_index_uuids_are_removed(dataset):
    folder = Path(dataset, "_indices", "notes")
    folder.mkdir(parents=True)
    assert remove_local_index_dir(dataset, "notes") is False
    assert folder.exists()


@pytest.mark.parametrize(
    "uri, problem",
    [
        ("", "empty"),
        ("/tmp/a\x00b.lance", "NUL"),
        ("/tmp/" + "n" * 256 + ".lance", "255 bytes"),
    ],
)
def test_a_uri_no_filesystem_could_hold_is_refused_by_name(uri, problem):
    with pytest.raises(EngineError, match=problem) as caught:
        check_uri(uri)
    assert caught.value.kind == "input"


def test_a_dataset_with_nothing_linked_passes(dataset):
    lance.dataset(dataset).create_scalar_index("id", "BTREE", name="id_idx")
    check_contained(dataset)
