"""Peer: pylance's own single-process build (what a user without this app would run)."""
import json
import sys
import time

t0 = time.monotonic()
import lance  # noqa: E402

uri, column, index_type = sys.argv[1], sys.argv[2], sys.argv[3]
t1 = time.monotonic()
ds = lance.dataset(uri)
ds.create_scalar_index(column, index_type, name=f"{column}_peer", replace=True)
t2 = time.monotonic()
print(json.dumps({"import_s": t1 - t0, "build_s": t2 - t1}))
