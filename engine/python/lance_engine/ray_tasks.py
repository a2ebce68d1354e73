"""The Ray tasks of a lance-index job: one batch of a build, or one engine method, on a cluster node.

Each task takes one CPU, so batches beyond the cluster's CPUs wait in Ray's queue, and reports
the node, process and pylance it ran on. Ray's own retries are off (max_retries=0): the driver
retries a failed batch itself, on another node (see ray_batches.py).
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Iterator
from typing import Any

import ray

from .errors import Cancelled, EngineError, lance_message
from .pins import pylance_problem

# A batch reports progress at most this often; the app needs a moving bar, not every row.
PROGRESS_INTERVAL_S = 0.25


def where_am_i() -> dict[str, Any]:
    import lance

    ctx = ray.get_runtime_context()
    return {
        "node_id": ctx.get_node_id(),
        "node_ip": ray.util.get_node_ip_address(),
        "pid": os.getpid(),
        "pylance": lance.__version__,
    }


def _version_problem(place: dict[str, Any]) -> str | None:
    return pylance_problem(place["pylance"], f"Node {place['node_ip']} ({place['node_id'][:12]})")


@ray.remote(num_cpus=1, max_retries=0)
def build_batch_task(params: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Yields {"t": "started"}, then {"t": "progress"}..., then {"t": "done"} or {"t": "failed"}.

    A streaming generator, so progress reaches the driver while pylance builds. pylance calls
    the progress callback from inside the build, so the build runs on a thread and this
    generator forwards what it reports.
    """
    from . import build

    place = where_am_i()
    yield {"t": "started", **place}
    problem = _version_problem(place)
    if problem:
        # Another node may have the right pylance: the driver retries there.
        yield {"t": "failed", "kind": "engine", "message": problem, "retryable": True}
        return

    events: queue.Queue[dict[str, Any]] = queue.Queue()
    outcome: dict[str, Any] = {}
    stop = threading.Event()

    def run() -> None:
        try:
            outcome["result"] = build.build_batch(params, events.put, stop.is_set)
        except Cancelled:
            outcome["error"] = {"kind": "cancelled", "message": "cancelled", "retryable": False}
        except EngineError as exc:
            outcome["error"] = {"kind": exc.kind, "message": str(exc), "retryable": exc.retryable}
        except Exception as exc:  # not from pylance's build (it is classified in build.py): a bug here
            outcome["error"] = {"kind": "internal", "message": f"{type(exc).__name__}: {lance_message(exc)}", "retryable": False}
        finally:
            events.put({"t": "finished"})

    worker = threading.Thread(target=run, name="build-batch", daemon=True)
    worker.start()
    latest, last_sent = None, 0.0
    try:
        while True:
            try:
                event = events.get(timeout=PROGRESS_INTERVAL_S)
            except queue.Empty:
                event = None
            if event is not None and event.get("t") == "finished":
                break
            if event is not None:
                latest = event
            now = time.monotonic()
            if latest is not None and (now - last_sent >= PROGRESS_INTERVAL_S or latest.get("event") != "progress"):
                yield {"t": "progress", **latest}
                latest, last_sent = None, now
    except BaseException:
        stop.set()  # ray.cancel() interrupts this thread; the build stops at its next progress call
        raise
    worker.join()
    if "error" in outcome:
        yield {"t": "failed", **outcome["error"]}
    else:
        yield {"t": "done", "result": outcome["result"]}


@ray.remote(num_cpus=1, max_retries=0)
def call_task(method: str, params: dict[str, Any]) -> dict[str, Any]:
    """One engine method on a cluster node (e.g. the probe: can the cluster open the dataset?)."""
    from .ray_calls import run_method

    place = where_am_i()
    problem = _version_problem(place)
    if problem:
        return {"place": place, "error": {"kind": "engine", "message": problem}}
    return {"place": place, **run_method(method, params)}
