"""What a local path that is no dataset is instead: a file, a folder holding datasets, or a part
of one. People point at the file they see, or at the folder above their datasets; Lance only
says it found no `_versions/`, so the folders that would open are listed here instead."""

from __future__ import annotations

import os

from .containment import local_root

# Enough to find the datasets in a data folder without walking a big tree.
MAX_LISTED = 10
MAX_ENTRIES_READ = 2000


def is_dataset_folder(path: str) -> bool:
    return os.path.isdir(os.path.join(path, "_versions"))


def datasets_inside(folder: str) -> list[str]:
    """Dataset folders directly inside `folder` or one level further down, sorted."""
    found: list[str] = []
    for sub in _subfolders(folder):
        if is_dataset_folder(sub):
            found.append(sub)
        else:
            found.extend(p for p in _subfolders(sub) if is_dataset_folder(p))
    return sorted(found)


def _subfolders(folder: str) -> list[str]:
    out: list[str] = []
    try:
        with os.scandir(folder) as entries:
            for i, entry in enumerate(entries):
                if i >= MAX_ENTRIES_READ:
                    break
                if entry.is_dir(follow_symlinks=False) and not entry.name.startswith(("_", ".")):
                    out.append(entry.path)
    except OSError:
        pass
    return out


def listing(paths: list[str]) -> str:
    shown = ", ".join(paths[:MAX_LISTED])
    more = len(paths) - MAX_LISTED
    return shown + (f" and {more} more" if more > 0 else "")


def enclosing_dataset(path: str) -> str | None:
    """The dataset folder that `path` lies inside (its _versions, data or _indices), if any."""
    parent = os.path.dirname(path.rstrip(os.sep))
    while parent and parent != os.path.dirname(parent):
        if is_dataset_folder(parent):
            return parent
        parent = os.path.dirname(parent)
    return None


def not_a_dataset(uri: str) -> str | None:
    """Why a local path that exists is not a dataset, with the folders to open instead; None otherwise."""
    root = local_root(uri)
    if root is None or not os.path.exists(root) or is_dataset_folder(root):
        return None
    inside = enclosing_dataset(root)
    if inside:
        return f"{uri!r} is inside the Lance dataset {inside!r}; open that folder instead."
    if os.path.isfile(root):
        near = datasets_inside(os.path.dirname(root))
        hint = f" Datasets next to it: {listing(near)}." if near else ""
        return f"{uri!r} is a file, not a Lance dataset: a dataset is a folder with _versions/ inside.{hint}"
    found = datasets_inside(root)
    if found:
        return f"{uri!r} is a folder that holds Lance datasets, not a dataset itself; open one of them: {listing(found)}."
    return None
