"""`ray start` for a node that joins a test cluster on 127.0.0.1 and stays there.

Ray turns 127.0.0.1 into the machine's outward address for every node that joins a cluster
(only a single-node setup keeps loopback, and that one refuses to let a second node join). The
tests may use loopback only, so this keeps the addresses it is given as they are, then runs
Ray's own `ray start`.
"""
import sys

import ray._private.services as services

services.resolve_ip_for_localhost = lambda host: host

from ray.scripts.scripts import main  # noqa: E402

sys.argv = ["ray", *sys.argv[1:]]
main()
