"""Peer: pylance's own single-process build (what a user without this app would run).
Scalar: `URI COLUMN TYPE`; vector: `URI COLUMN TYPE '<params json>'`, the case's parameters as
create_index keywords (num_partitions, num_sub_vectors, metric)."""
import json
import sys
import time

t0 = time.monotonic()
import lance  # noqa: E402

uri, column, index_type = sys.argv[1], sys.argv[2], sys.argv[3]
params = json.loads(sys.argv[4]) if len(sys.argv) > 4 else None
t1 = time.monotonic()
ds = lance.dataset(uri)
if params is None:
    ds.create_scalar_index(column, index_type, name=f"{column}_peer", replace=True)
else:
    ds.create_index(column, index_type, name=f"{column}_peer", replace=True, **params)
t2 = time.monotonic()
print(json.dumps({"import_s": t1 - t0, "build_s": t2 - t1}))
