"""A real dataset with N tiny fragments of uneven sizes (1-5 rows), ids shuffled against sizes.

One write_fragments call per size and a single Overwrite commit keep it to ~25 s for 100,000
fragments; the sample command writes fragments one by one and would take minutes.
"""
import random
import sys

import lance
import pyarrow as pa

out, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(7)
per_size = n // 5
frags = []
schema = None
start = 0
for size in range(1, 6):
    count = per_size if size < 5 else n - 4 * per_size
    rows = count * size
    ids = list(range(start, start + rows))
    table = pa.table({"id": pa.array(ids, pa.int64()), "body": pa.array([f"word{i % 97} text" for i in ids], pa.string())})
    schema = table.schema
    frags.extend(lance.fragment.write_fragments(table, out, max_rows_per_file=size))
    start += rows
rng.shuffle(frags)  # fragment ids follow list order, so sizes are spread over the ids
lance.LanceDataset.commit(out, lance.LanceOperation.Overwrite(schema, frags))
print(len(frags))
