"""Deleting index folders the dataset no longer references, on local disks and object stores."""

from __future__ import annotations

import os
from collections.abc import Iterable
from urllib.parse import urlparse

import pyarrow.fs as pafs

from .containment import INDEX_UUID, check_contained, local_root, remove_local_index_dir

# Deleting relative to open folders is what makes a local delete immune to links (POSIX has it).
_NO_FOLLOW_DELETES = {os.open, os.lstat, os.unlink, os.rmdir} <= os.supports_dir_fd


def filesystem(uri: str, storage_options: dict[str, str]) -> tuple[pafs.FileSystem, str]:
    """A pyarrow filesystem and the dataset's root path in it."""
    local = local_root(uri)
    if local is not None:
        check_contained(uri)
        return pafs.LocalFileSystem(), local
    parsed = urlparse(uri)
    if parsed.scheme in ("s3", "s3a"):
        opts = {k.lower(): v for k, v in storage_options.items()}
        endpoint = opts.get("aws_endpoint") or opts.get("endpoint")
        kwargs = {
            "access_key": opts.get("aws_access_key_id") or opts.get("access_key_id"),
            "secret_key": opts.get("aws_secret_access_key") or opts.get("secret_access_key"),
            "region": opts.get("aws_region") or opts.get("region"),
        }
        if endpoint:
            ep = urlparse(endpoint)
            kwargs["endpoint_override"] = ep.netloc or endpoint
            kwargs["scheme"] = ep.scheme or "https"
        return pafs.S3FileSystem(**{k: v for k, v in kwargs.items() if v}), parsed.netloc + parsed.path
    fs, path = pafs.FileSystem.from_uri(uri)
    return fs, path


def remove_index_dirs(uri: str, storage_options: dict[str, str], uuids: Iterable[str]) -> list[str]:
    """Removes `_indices/<uuid>` folders; names that aren't index uuids are never touched."""
    fs, root = filesystem(uri, storage_options)
    wanted = [u for u in uuids if INDEX_UUID.match(u)]
    if local_root(uri) is not None and _NO_FOLLOW_DELETES:
        return [u for u in wanted if remove_local_index_dir(root, u)]
    removed = []
    for uuid in wanted:
        path = f"{root.rstrip('/')}/_indices/{uuid}"
        if fs.get_file_info(path).type == pafs.FileType.Directory:
            fs.delete_dir(path)
            removed.append(uuid)
    return removed
