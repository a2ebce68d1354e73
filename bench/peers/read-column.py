"""The floor: read the indexed column once, in one process with pylance. Any index build has to
do at least this, so a tool's time over this time is what its build costs beyond reading."""
import json
import sys
import time

t0 = time.monotonic()
import lance  # noqa: E402

uri, column = sys.argv[1], sys.argv[2]
t1 = time.monotonic()
rows = 0
nbytes = 0
# Batches, not one table: the floor should not pay for holding 5M documents at once.
for batch in lance.dataset(uri).to_batches(columns=[column]):
    rows += batch.num_rows
    nbytes += batch.nbytes
t2 = time.monotonic()
print(json.dumps({"import_s": t1 - t0, "read_s": t2 - t1, "rows": rows, "bytes": nbytes}))
