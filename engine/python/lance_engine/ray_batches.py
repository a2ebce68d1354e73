"""The driver's half of a build on Ray: every batch of the app's plan as a task, all submitted at
once (Ray queues what doesn't fit), each retried on another node when it fails.

Events go to the job log (job_output.emit); the app turns them into the same build events the
local worker pool produces.
"""

from __future__ import annotations

import asyncio
from typing import Any

import ray

from .job_output import emit
from .ray_tasks import build_batch_task

# Ray's label for a node's id exists on every node (Ray >= 2.49); "!in(...)" keeps a retry off
# the nodes where the batch already failed.
NODE_ID_LABEL = "ray.io/node-id"


def node_ip(node_id: str | None) -> str | None:
    return next((n.get("NodeManagerAddress") for n in ray.nodes() if n["NodeID"] == node_id), None) if node_id else None


def alive_node_ids() -> list[str]:
    return [n["NodeID"] for n in ray.nodes() if n.get("Alive") and n.get("Resources", {}).get("CPU", 0) >= 1]


def placement_avoiding(failed_on: list[str]) -> dict[str, Any]:
    """Task options that keep a retry off nodes where it failed, while another node can take it."""
    if not failed_on:
        return {}
    others = [n for n in alive_node_ids() if n not in failed_on]
    if not others:
        return {}  # only the failed nodes are left: try there again rather than wait forever
    return {"label_selector": {NODE_ID_LABEL: f"!in({','.join(sorted(set(failed_on)))})"}}


def describe_ray_failure(exc: BaseException) -> str:
    """Ray's exception as one line: what happened to the task (its process or node died, ...)."""
    name = type(exc).__name__
    text = str(exc).strip().splitlines()
    first = next((line for line in text if line.strip()), "")
    what = {
        "WorkerCrashedError": "the worker process running the batch died",
        "NodeDiedError": "the node running the batch died",
        "OwnerDiedError": "the job's driver died",
        "ObjectLostError": "the batch's output was lost with its node",
        "OutOfMemoryError": "the node ran out of memory and Ray killed the worker",
        "TaskCancelledError": "the task was cancelled",
    }.get(name)
    return f"{what} ({name})" if what else f"{name}: {first[:300]}"


async def node_of_task(gen) -> str | None:
    """The node a task was placed on, from Ray's state API, for a task that died before it could
    say where it ran (killed while starting, or its node lost): so the retry can avoid that node."""
    try:
        from ray.util.state import get_task

        # The generator's own ref names the task; Ray has no public accessor for it.
        task_id = gen._generator_ref.task_id().hex()
        for _ in range(20):  # the state API learns of a task's end a moment after the driver does
            found = get_task(task_id, timeout=5)
            attempts = found if isinstance(found, list) else [found] if found else []
            nodes = [a.node_id for a in attempts if getattr(a, "node_id", None)]
            if nodes:
                return nodes[-1]
            await asyncio.sleep(0.25)
    except Exception:
        return None  # no state API (e.g. no dashboard): the retry may land anywhere
    return None


async def run_batch(batch: dict[str, Any], retries: int, timeout_s: float | None) -> bool:
    index = batch["batch"]
    failed_on: list[str] = []
    segment_uuids: list[str | None] = list(batch.get("segment_uuids") or [])
    for attempt in range(1, retries + 2):
        params = dict(batch["params"])
        if attempt <= len(segment_uuids) and segment_uuids[attempt - 1]:
            params["segment_uuid"] = segment_uuids[attempt - 1]
        gen = build_batch_task.options(**placement_avoiding(failed_on)).remote(params)
        node_id = None
        # Crashes, lost nodes and timeouts may pass elsewhere; what the task reports says itself.
        kind, message, retryable = "build", None, True
        try:
            deadline = None
            while True:
                wait = None if deadline is None else max(0.0, deadline - asyncio.get_running_loop().time())
                try:
                    ref = await asyncio.wait_for(gen.__anext__(), wait)
                except StopAsyncIteration:
                    message = "the task ended without a result"
                    break
                event = await ref
                t = event.pop("t")
                if t == "started":
                    node_id = event["node_id"]
                    if timeout_s:  # the clock starts when the batch runs, not while it queues
                        deadline = asyncio.get_running_loop().time() + timeout_s
                    emit({"type": "batch-started", "batch": index, "attempt": attempt, **event})
                elif t == "progress":
                    emit({"type": "batch-progress", "batch": index, **event})
                elif t == "done":
                    emit(
                        {"type": "batch-done", "batch": index, "attempt": attempt, "node_id": node_id, "result": event["result"]}
                    )
                    return True
                else:
                    kind, message, retryable = event["kind"], event["message"], bool(event.get("retryable"))
                    break
        except asyncio.TimeoutError:
            ray.cancel(gen, force=True)  # pylance can't be interrupted mid-build: stop its process
            message = f"batch timed out after {timeout_s:g} s; its worker was stopped"
        except ray.exceptions.RayError as exc:
            message = describe_ray_failure(exc)
            node_id = node_id or await node_of_task(gen)
        will_retry = attempt <= retries and retryable
        emit(
            {
                "type": "batch-failed",
                "batch": index,
                "attempt": attempt,
                "kind": kind,
                "message": message,
                "will_retry": will_retry,
                "node_id": node_id,
                "node_ip": node_ip(node_id),
            }
        )
        if not will_retry:
            return False
        if node_id:
            failed_on.append(node_id)
    return False


async def run_build(spec: dict[str, Any]) -> int:
    retries = int(spec.get("retries", 2))
    timeout_s = spec.get("timeout_s")
    outcomes = await asyncio.gather(*(run_batch(b, retries, timeout_s) for b in spec["batches"]))
    emit({"type": "build-finished", "succeeded": sum(outcomes), "failed": len(outcomes) - sum(outcomes)})
    return 0
