"""Deleting index folders the dataset no longer references, on local disks and object stores."""
from __future__ import annotations

from typing import Dict, Iterable, List, Tuple
from urllib.parse import urlparse

import pyarrow.fs as pafs


def filesystem(uri: str, storage_options: Dict[str, str]) -> Tuple[pafs.FileSystem, str]:
    """A pyarrow filesystem and the dataset's root path in it."""
    parsed = urlparse(uri)
    if parsed.scheme in ("", "file"):
        return pafs.LocalFileSystem(), parsed.path if parsed.scheme else uri
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


def remove_index_dirs(uri: str, storage_options: Dict[str, str], uuids: Iterable[str]) -> List[str]:
    fs, root = filesystem(uri, storage_options)
    removed = []
    for uuid in uuids:
        path = f"{root.rstrip('/')}/_indices/{uuid}"
        if fs.get_file_info(path).type == pafs.FileType.Directory:
            fs.delete_dir(path)
            removed.append(uuid)
    return removed
