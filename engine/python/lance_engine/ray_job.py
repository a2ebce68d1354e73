"""The entry point of every lance-index Ray job: `python -m lance_engine.ray_job`.

The job's working_dir is this engine (its `lance_engine/` and `requirements.txt`); what to do
comes in a second small package on the job's py_modules path, a JSON spec:
  {"kind": "call", "method": "describe", "params": {...}, "in_task": true}
  {"kind": "build", "batches": [{"batch", "params", "segment_uuids"}], "retries", "timeout_s"}
A call runs one engine method (in the driver, or in a task when it must run on a worker node,
like the probe); a build runs every batch as a task (ray_batches.py). Everything the app needs
comes back as marked JSON lines in the job's log (job_output.py).
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import sys
from pathlib import Path
from typing import Any

from .job_output import PROTOCOL, emit

# Exit codes of the driver (the job's status says FAILED for any but 0).
EXIT_REFUSED = 3


def load_spec() -> dict[str, Any]:
    name = PROTOCOL["spec_file"]
    for entry in sys.path:
        candidate = Path(entry or ".") / name
        if candidate.is_file():
            return json.loads(candidate.read_text())
    raise FileNotFoundError(f"{name} is not on the job's path (its py_modules package is missing)")


def main() -> int:
    from .fast_import import defer_rest_client
    from .native_memory import cap_malloc_arenas

    cap_malloc_arenas()  # the driver is a fresh process: before any thread allocates

    defer_rest_client()
    import lance

    from .pins import pylance_problem

    emit(
        {
            "type": "job",
            "pid": os.getpid(),
            "python": platform.python_version(),
            "pylance": lance.__version__,
            "host": platform.node(),
        }
    )
    problem = pylance_problem(lance.__version__, "The cluster's head node (the job's driver)")
    if problem:
        emit({"type": "error", "kind": "engine", "message": problem})
        return EXIT_REFUSED
    spec = load_spec()

    if spec["kind"] == "call" and not spec.get("in_task"):
        from .ray_calls import run_method

        reply = run_method(spec["method"], spec.get("params") or {}, lambda event: emit({"type": "call-event", "event": event}))
        emit({"type": "call-result", **reply})
        return 0

    import ray

    # Everything the driver runs is imported before Ray starts: Ray unpacks a working_dir again
    # when another node on the same disk sets it up, and an import must not race with that.
    from .ray_batches import describe_ray_failure, run_build
    from .ray_tasks import call_task

    # Task output stays in the workers' own logs: the job log carries only the driver's events.
    ray.init(log_to_driver=False, logging_level="WARNING")
    emit({"type": "cluster", "ray": ray.__version__, "cpus": ray.cluster_resources().get("CPU", 0)})
    if spec["kind"] == "call":
        try:
            reply = ray.get(call_task.remote(spec["method"], spec.get("params") or {}))
        except ray.exceptions.RayError as exc:
            reply = {
                "error": {"kind": "engine", "message": f"The task running {spec['method']!r} failed: {describe_ray_failure(exc)}"}
            }
        emit({"type": "call-result", **reply})
        return 0
    if spec["kind"] == "build":
        return asyncio.run(run_build(spec))
    emit({"type": "error", "kind": "protocol", "message": f"unknown job kind {spec['kind']!r}"})
    return EXIT_REFUSED


if __name__ == "__main__":
    sys.exit(main())
