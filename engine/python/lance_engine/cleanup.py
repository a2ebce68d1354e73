"""Finding index folders that no version of the dataset references (orphans) and removing them.

Orphans come from builds that failed, were cancelled or crashed, in this app or any other tool:
pylance writes `_indices/<uuid>/` before anything is committed. A folder is only an orphan if
no version references it; a build still running elsewhere also has unreferenced folders, which
is why `min_age_s` spares recent ones.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

import lance
import pyarrow.fs as pafs

from .containment import INDEX_UUID
from .errors import EngineError, lance_message
from .object_store import filesystem, remove_index_dirs


def referenced_uuids(uri: str, storage_options: dict[str, str], since_version: int | None = None) -> set[str]:
    """Every index folder a version references (from `since_version` on, when given).

    Fails closed: a version that exists but can't be read stops everything that would delete on
    the strength of this set, because a set missing that version's folders could let a delete
    take a folder it still needs.
    """
    ds = lance.dataset(uri, storage_options=storage_options or None)
    try:
        versions = ds.versions()
    except Exception as exc:
        raise EngineError(
            f"The versions of {uri} can't all be read ({lance_message(exc).splitlines()[0]}), so which index folders "
            f"they reference is unknown; nothing was removed.",
            "engine",
        ) from exc
    refs: set[str] = set()
    for v in versions:
        if since_version is not None and v["version"] < since_version:
            continue
        try:
            refs.update(info["uuid"] for info in ds.checkout_version(v["version"]).list_indices())
        except Exception as exc:
            raise EngineError(
                f"Version {v['version']} of {uri} can't be read ({lance_message(exc).splitlines()[0]}), so which index "
                f"folders it references is unknown; nothing was removed.",
                "engine",
            ) from exc
    return refs


def remove_unreferenced(
    uri: str, storage_options: dict[str, str], uuids: Iterable[str], since_version: int | None = None
) -> dict[str, list[str]]:
    """Removes index folders no version references, re-reading the versions right before.

    `since_version`: only versions from it on are read, for folders created after it (a build's
    own), which no older version can reference.
    """
    wanted = list(dict.fromkeys(uuids))
    if not wanted:
        return {"removed": [], "kept_referenced": []}
    refs = referenced_uuids(uri, storage_options, since_version)
    safe = [u for u in wanted if u not in refs]
    return {"removed": remove_index_dirs(uri, storage_options, safe), "kept_referenced": [u for u in wanted if u in refs]}


def index_dir_ages(uri: str, storage_options: dict[str, str]) -> dict[str, float]:
    """uuid -> seconds since the folder's newest file changed, for folders named like index uuids
    (anything else in _indices was put there by someone else and is none of cleanup's business)."""
    fs, root = filesystem(uri, storage_options)
    base = f"{root.rstrip('/')}/_indices"
    now = time.time()
    ages: dict[str, float] = {}
    for info in fs.get_file_info(pafs.FileSelector(base, allow_not_found=True, recursive=True)):
        if info.type != pafs.FileType.File:
            continue
        rel = info.path[len(base) :].lstrip("/")
        uuid = rel.split("/", 1)[0]
        mtime = info.mtime.timestamp() if info.mtime is not None else now
        ages[uuid] = min(ages.get(uuid, float("inf")), now - mtime)
    for info in fs.get_file_info(pafs.FileSelector(base, allow_not_found=True)):
        if info.type == pafs.FileType.Directory:
            ages.setdefault(info.base_name, float("inf"))  # an empty folder
    return {u: age for u, age in ages.items() if INDEX_UUID.match(u)}


def find_orphans(params: dict[str, Any]) -> dict[str, Any]:
    uri, so = params["uri"], params.get("storage_options") or {}
    min_age = float(params.get("min_age_s", 0))
    only: Iterable[str] | None = params.get("only")
    ages = index_dir_ages(uri, so)
    refs = referenced_uuids(uri, so, params.get("since_version"))
    candidates = set(ages) if only is None else set(only) & set(ages)
    orphans = sorted(u for u in candidates if u not in refs)
    old = [u for u in orphans if ages[u] >= min_age]
    young = [u for u in orphans if ages[u] < min_age]
    sizes = _sizes(uri, so, old)
    return {
        "orphans": [{"uuid": u, "bytes": sizes.get(u, 0), "age_s": _finite(ages[u])} for u in old],
        "too_recent": [{"uuid": u, "age_s": _finite(ages[u])} for u in young],
        "referenced": len(refs),
    }


def remove_orphans(params: dict[str, Any]) -> dict[str, Any]:
    """Removes the given folders, re-checking against every version that each is unreferenced."""
    return remove_unreferenced(params["uri"], params.get("storage_options") or {}, params["uuids"])


def discard(params: dict[str, Any]) -> dict[str, Any]:
    """Removes a build's own uncommitted folders; any that a version references is kept."""
    return remove_unreferenced(params["uri"], params.get("storage_options") or {}, params["uuids"], params.get("since_version"))


def list_dirs(params: dict[str, Any]) -> dict[str, Any]:
    return {"uuids": sorted(index_dir_ages(params["uri"], params.get("storage_options") or {}))}


def _sizes(uri: str, so: dict[str, str], uuids: list[str]) -> dict[str, int]:
    fs, root = filesystem(uri, so)
    out: dict[str, int] = {}
    for u in uuids:
        sel = pafs.FileSelector(f"{root.rstrip('/')}/_indices/{u}", allow_not_found=True, recursive=True)
        out[u] = sum(i.size or 0 for i in fs.get_file_info(sel) if i.type == pafs.FileType.File)
    return out


def _finite(x: float) -> float | None:
    return None if x == float("inf") else round(x, 1)
