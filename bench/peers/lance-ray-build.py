"""Peer: lance-ray's create_scalar_index from a fresh driver process, connected to the Ray head the
benchmark started on 127.0.0.1 (as a lance-ray user runs it on a cluster that is already up).
Prints the time to import, to connect and to build, each apart: Ray's own start-up is not in it."""
import json
import os
import sys
import time

t0 = time.monotonic()
import lance_ray  # noqa: E402
import ray  # noqa: E402

uri, column, index_type, workers = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
t1 = time.monotonic()
# The node's address as the head registered it: left to itself the driver may pick the
# machine's outward address and fail to find the loopback-only node.
ray.init(address=os.environ["BENCH_RAY_GCS"], _node_ip_address="127.0.0.1", log_to_driver=False, logging_level="ERROR")
t2 = time.monotonic()
lance_ray.create_scalar_index(uri, column=column, index_type=index_type, name=f"{column}_peer", num_workers=workers)
t3 = time.monotonic()
ray.shutdown()
print(json.dumps({"import_s": t1 - t0, "connect_s": t2 - t1, "build_s": t3 - t2}))
