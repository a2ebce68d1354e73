"""Keeping every write and delete inside a local dataset's own folder.

Datasets get copied, shared and unpacked from archives; a link planted in one (its `_indices`, or
one index folder in it) would make a build write, or a cleanup delete, wherever the link points.
So a local dataset is refused when a part that this app writes into or deletes from resolves
outside the dataset's folder, and deletions never follow links (see remove_local_index_dir).
"""

from __future__ import annotations

import os
import re
import stat
from urllib.parse import urlparse

from .errors import EngineError

# pylance names every index folder with a lowercase uuid; nothing else in _indices is ours to delete.
INDEX_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
# Where a build or commit writes (index files; manifests; transaction files) and cleanup deletes.
WRITTEN_PARTS = ("_indices", "_versions", "_transactions")


def local_root(uri: str) -> str | None:
    """The folder of a local dataset, or None for an object store."""
    parsed = urlparse(uri)
    if parsed.scheme == "file":
        return os.path.abspath(parsed.path)
    if parsed.scheme == "" or (len(parsed.scheme) == 1 and os.name == "nt"):  # c:\... is a drive, not a scheme
        return os.path.abspath(uri)
    return None


def check_uri(uri) -> None:
    """Refuse a uri no filesystem or object store could hold, naming it (not a Python error)."""
    problem = None
    if not isinstance(uri, str) or not uri:
        problem = "it is empty or not text"
    elif "\x00" in uri:
        problem = "it contains a NUL character"
    elif any("\ud800" <= c <= "\udfff" for c in uri):
        problem = "it contains an unpaired UTF-16 surrogate, which no file name can hold"
    elif any(len(part.encode("utf-8")) > 255 for part in re.split(r"[/\\]", uri)):
        problem = "one of its names is longer than 255 bytes, the longest file name filesystems take"
    if problem:
        raise EngineError(f"The dataset path {uri!r} can't be opened: {problem}.", "input")


def check_contained(uri: str) -> None:
    """Raise an input error when a part of a local dataset that the app writes or deletes is a
    link leading outside the dataset's folder. The dataset's own path may be a link."""
    check_uri(uri)
    root = local_root(uri)
    if root is None:
        return
    real_root = os.path.realpath(root)
    for part in WRITTEN_PARTS:
        _refuse_if_outside(uri, root, real_root, part)
    try:
        entries = list(os.scandir(os.path.join(root, "_indices")))
    except (FileNotFoundError, NotADirectoryError):
        return
    for entry in entries:
        if entry.is_symlink():
            _refuse_if_outside(uri, root, real_root, f"_indices/{entry.name}")


def _refuse_if_outside(uri: str, root: str, real_root: str, part: str) -> None:
    path = os.path.join(root, part)
    if not os.path.islink(path):
        return
    target = os.path.realpath(path)
    if target == real_root or target.startswith(real_root.rstrip(os.sep) + os.sep):
        return
    raise EngineError(
        f"Refusing the dataset at {uri!r}: its {part} is a link to {target!r}, outside the dataset folder "
        f"{real_root!r}. lance-index writes and deletes only inside a dataset's own folder; "
        f"replace the link with the folder it points to (or open the dataset where its files are).",
        "input",
    )


def remove_local_index_dir(root: str, uuid: str) -> bool:
    """Remove `<root>/_indices/<uuid>` without following any link: `_indices` is opened with
    O_NOFOLLOW (a link swapped in after check_contained is refused), an index folder that is a
    link loses only the link, and links inside are unlinked, never descended into."""
    if not INDEX_UUID.match(uuid):
        return False
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        indices_fd = os.open(os.path.join(root, "_indices"), flags)
    except FileNotFoundError:
        return False
    try:
        try:
            st = os.lstat(uuid, dir_fd=indices_fd)
        except FileNotFoundError:
            return False
        if stat.S_ISLNK(st.st_mode):
            os.unlink(uuid, dir_fd=indices_fd)
        elif stat.S_ISDIR(st.st_mode):
            _remove_tree_at(indices_fd, uuid, flags)
        else:
            return False
        return True
    finally:
        os.close(indices_fd)


def _remove_tree_at(parent_fd: int, name: str, flags: int) -> None:
    fd = os.open(name, flags, dir_fd=parent_fd)
    try:
        for entry in os.scandir(fd):
            if entry.is_dir(follow_symlinks=False):
                _remove_tree_at(fd, entry.name, flags)
            else:
                os.unlink(entry.name, dir_fd=fd)
    finally:
        os.close(fd)
    os.rmdir(name, dir_fd=parent_fd)
