"""describe: schema, fragments, indices and versions of a dataset, as plain JSON."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from .datasets import open_dataset, resolve
from .errors import lance_message


def arrow_type(t: pa.DataType) -> dict[str, Any]:
    """A small, stable description of an Arrow type that TypeScript's column rules read."""
    if pa.types.is_boolean(t):
        kind = "bool"
    elif pa.types.is_integer(t):
        kind = "int"
    elif pa.types.is_floating(t):
        kind = "float"
    elif pa.types.is_decimal(t):
        kind = "decimal"
    elif pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t):
        kind = "string"
    elif pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_fixed_size_binary(t):
        kind = "binary"
    elif pa.types.is_date(t):
        kind = "date"
    elif pa.types.is_timestamp(t):
        kind = "timestamp"
    elif pa.types.is_time(t) or pa.types.is_duration(t):
        kind = "time"
    elif pa.types.is_fixed_size_list(t):
        return {"kind": "fixed_size_list", "arrow": str(t), "item": arrow_type(t.value_type), "size": t.list_size}
    elif pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_list_view(t):
        return {"kind": "list", "arrow": str(t), "item": arrow_type(t.value_type)}
    elif pa.types.is_struct(t):
        kind = "struct"
    elif pa.types.is_dictionary(t):
        return {"kind": "dictionary", "arrow": str(t), "item": arrow_type(t.value_type)}
    else:
        kind = "other"
    return {"kind": kind, "arrow": str(t)}


def schema_fields(schema: pa.Schema) -> list[dict[str, Any]]:
    def field(f: pa.Field, prefix: str) -> dict[str, Any]:
        path = f"{prefix}{f.name}"
        out = {"name": f.name, "path": path, "type": arrow_type(f.type), "nullable": f.nullable}
        if pa.types.is_struct(f.type):
            out["children"] = [field(f.type.field(i), path + ".") for i in range(f.type.num_fields)]
        return out

    return [field(f, "") for f in schema]


def fragments(ds) -> list[dict[str, Any]]:
    out = []
    for frag in ds.get_fragments():
        meta = frag.metadata
        physical = meta.physical_rows
        deleted = meta.num_deletions if meta.deletion_file is not None else 0
        sizes = [f.file_size_bytes for f in meta.files]
        out.append(
            {
                "id": frag.fragment_id,
                "rows": (physical - deleted) if physical is not None else None,
                "physical_rows": physical,
                "deleted_rows": deleted,
                # Older datasets don't record file sizes; None means "unknown", not zero.
                "bytes": sum(sizes) if sizes and all(s is not None for s in sizes) else None,
            }
        )
    return out


def indices(ds) -> list[dict[str, Any]]:
    out = []
    for desc in ds.describe_indices():
        covered = sorted({fid for seg in desc.segments for fid in seg.fragment_ids})
        out.append(
            {
                "name": desc.name,
                "type": desc.index_type,
                "fields": list(desc.field_names),
                "segments": [
                    {
                        "uuid": seg.uuid,
                        "fragment_ids": sorted(seg.fragment_ids),
                        "dataset_version": seg.dataset_version_at_last_update,
                        "size_bytes": seg.size_bytes,
                    }
                    for seg in desc.segments
                ],
                "fragment_ids": covered,
                "num_rows_indexed": desc.num_rows_indexed,
            }
        )
    return out


# Reading what each version did costs one small read per version: the newest ones say enough.
OPERATIONS_READ = 200


def versions(ds) -> list[dict[str, Any]]:
    out = []
    listed = ds.versions()
    newest = {v["version"] for v in listed[-OPERATIONS_READ:]}
    for v in listed:
        ts = v.get("timestamp")
        meta = v.get("metadata") or {}
        out.append(
            {
                "version": v["version"],
                "timestamp": ts.isoformat() if ts is not None else None,
                "rows": int(meta["total_rows"]) if "total_rows" in meta else None,
                "fragments": int(meta["total_fragments"]) if "total_fragments" in meta else None,
                "operation": operation_of(ds, v["version"]) if v["version"] in newest else None,
            }
        )
    return out


def operation_of(ds, version: int) -> str | None:
    """What a version did, in a few words ("CreateIndex review_idx", "Append 2 fragments")."""
    try:
        transaction = ds.read_transaction(version)
    except Exception:
        return None  # its transaction file was cleaned up
    op = getattr(transaction, "operation", None)
    if op is None:
        return None
    kind = type(op).__name__
    detail = ""
    if getattr(op, "new_indices", None):
        detail = " " + ", ".join(sorted({i.name for i in op.new_indices}))
    elif getattr(op, "fragments", None) is not None and kind in ("Append", "Overwrite"):
        detail = f" {len(op.fragments)} fragment{'s' if len(op.fragments) != 1 else ''}"
    return kind + detail


def file_format(ds) -> dict[str, Any]:
    """The dataset's Lance file format, and whether this pylance can read it.

    Opening a dataset reads only its manifest, so a format newer than this pylance's stable one
    (e.g. pylance 14's "2.3", whose page encodings pylance 10 doesn't know) would only fail once
    every batch decodes data. One row of the first fragment, read here, tells at once.
    """
    import lance
    from lance.file import stable_version

    fmt = ds.data_storage_version
    problem = None
    if _version_key(fmt) > _version_key(stable_version()):
        first = next(iter(ds.get_fragments()), None)
        try:
            if first is not None:
                first.to_table(limit=1)
        except Exception as exc:
            problem = f"pylance {lance.__version__} can't read it ({lance_message(exc).splitlines()[0]})"
    return {"format": fmt, "format_problem": problem}


def _version_key(v: str):
    return tuple(int(p) if p.isdigit() else 0 for p in str(v).split("."))


def describe(params: dict[str, Any]) -> dict[str, Any]:
    uri, storage_options = resolve(params["target"])
    ds = open_dataset(uri, storage_options, params.get("version"))
    result = {
        "uri": uri,
        "storage_options": storage_options,
        "version": ds.version,
        "latest_version": ds.latest_version,
        "schema": schema_fields(ds.schema),
        "fragments": fragments(ds),
        "indices": indices(ds),
        **file_format(ds),
    }
    if params.get("with_versions"):
        result["versions"] = versions(ds)
    return result
