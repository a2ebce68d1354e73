"""Finding index folders that no version of the dataset references (orphans) and removing them.

Orphans come from builds that failed, were cancelled or crashed, in this app or any other tool:
pylance writes `_indices/<uuid>/` before anything is committed. A folder is only an orphan if
no version references it; a build still running elsewhere also has unreferenced folders, which
is why `min_age_s` spares recent ones.
"""
from __future__ import annotations

import time
from typing import Any, Dict, Iterable, List, Optional, Set

import lance
import pyarrow.fs as pafs

from .object_store import filesystem, remove_index_dirs


def referenced_uuids(uri: str, storage_options: Dict[str, str], since_version: Optional[int] = None) -> Set[str]:
    ds = lance.dataset(uri, storage_options=storage_options or None)
    refs: Set[str] = set()
    for v in ds.versions():
        if since_version is not None and v["version"] < since_version:
            continue
        try:
            view = ds.checkout_version(v["version"])
        except Exception:
            continue  # a version whose manifest was cleaned up references nothing readable
        refs.update(info["uuid"] for info in view.list_indices())
    return refs


def index_dir_ages(uri: str, storage_options: Dict[str, str]) -> Dict[str, float]:
    """uuid -> seconds since the folder's newest file changed."""
    fs, root = filesystem(uri, storage_options)
    base = f"{root.rstrip('/')}/_indices"
    now = time.time()
    ages: Dict[str, float] = {}
    for info in fs.get_file_info(pafs.FileSelector(base, allow_not_found=True, recursive=True)):
        if info.type != pafs.FileType.File:
            continue
        rel = info.path[len(base):].lstrip("/")
        uuid = rel.split("/", 1)[0]
        mtime = info.mtime.timestamp() if info.mtime is not None else now
        ages[uuid] = min(ages.get(uuid, float("inf")), now - mtime)
    for info in fs.get_file_info(pafs.FileSelector(base, allow_not_found=True)):
        if info.type == pafs.FileType.Directory:
            ages.setdefault(info.base_name, float("inf"))  # an empty folder
    return ages


def find_orphans(params: Dict[str, Any]) -> Dict[str, Any]:
    uri, so = params["uri"], params.get("storage_options") or {}
    min_age = float(params.get("min_age_s", 0))
    only: Optional[Iterable[str]] = params.get("only")
    ages = index_dir_ages(uri, so)
    refs = referenced_uuids(uri, so, params.get("since_version"))
    candidates = set(ages) if only is None else set(only) & set(ages)
    orphans = sorted(u for u in candidates if u not in refs)
    old = [u for u in orphans if ages[u] >= min_age]
    young = [u for u in orphans if ages[u] < min_age]
    sizes = _sizes(uri, so, old)
    return {"orphans": [{"uuid": u, "bytes": sizes.get(u, 0), "age_s": _finite(ages[u])} for u in old],
            "too_recent": [{"uuid": u, "age_s": _finite(ages[u])} for u in young],
            "referenced": len(refs)}


def remove_orphans(params: Dict[str, Any]) -> Dict[str, Any]:
    """Removes the given folders, re-checking each is still unreferenced right before."""
    uri, so = params["uri"], params.get("storage_options") or {}
    refs = referenced_uuids(uri, so)
    safe = [u for u in params["uuids"] if u not in refs]
    return {"removed": remove_index_dirs(uri, so, safe), "kept_referenced": [u for u in params["uuids"] if u in refs]}


def list_dirs(params: Dict[str, Any]) -> Dict[str, Any]:
    return {"uuids": sorted(index_dir_ages(params["uri"], params.get("storage_options") or {}))}


def _sizes(uri: str, so: Dict[str, str], uuids: List[str]) -> Dict[str, int]:
    fs, root = filesystem(uri, so)
    out: Dict[str, int] = {}
    for u in uuids:
        sel = pafs.FileSelector(f"{root.rstrip('/')}/_indices/{u}", allow_not_found=True, recursive=True)
        out[u] = sum(i.size or 0 for i in fs.get_file_info(sel) if i.type == pafs.FileType.File)
    return out


def _finite(x: float) -> Optional[float]:
    return None if x == float("inf") else round(x, 1)
