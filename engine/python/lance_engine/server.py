"""A long-lived engine process: JSON requests on stdin, JSON replies and events on stdout.

  -> {"id": 7, "method": "build_batch", "params": {...}}
  <- {"id": 7, "event": {...}}                       (any number, progress)
  <- {"id": 7, "ok": true, "result": {...}}  or  {"id": 7, "ok": false, "error": {"kind", "message"}}
  -> {"cancel": 7}                                   (stops request 7 at its next progress event)

The first line written is {"ready": true, ...} once pylance is imported, so the caller can
measure start-up and refuse a runtime that is too old before sending any work.

`--lanes N` (N > 1): up to N requests run at once, each on a thread of its own. pylance releases
the GIL while it builds, so two batches on two lanes take as long as on two processes, and the
second process's start and its ~100 MiB are saved (the CLI's engine; see docs/architecture.md).
Without it, one request at a time, in order.

`--warm-socket PATH`: a warm engine instead (lance_engine/warm.py). It imports pylance once and
forks a process like this one for each caller that connects, speaking the same protocol over the
connection.
"""

from __future__ import annotations

import json
import os
import queue
import sys
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor

PROTOCOL_OUT = os.fdopen(os.dup(sys.stdout.fileno()), "w", buffering=1)
# How much lower than its parent an engine runs: builds take every core they get, and the window
# (or the host serving it) must stay quick to answer meanwhile. 10 is the usual background niceness.
WORKER_NICENESS = 10
# Anything else that prints (libraries, warnings) goes to stderr, never into the protocol.
os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
_write_lock = threading.Lock()


def send(message) -> None:
    line = json.dumps(message, default=str)
    with _write_lock:
        PROTOCOL_OUT.write(line + "\n")


def main() -> None:
    started = time.monotonic()
    if hasattr(os, "nice"):  # POSIX; elsewhere the engine runs at its parent's priority
        os.nice(WORKER_NICENESS)
    from .native_memory import cap_malloc_arenas

    cap_malloc_arenas()  # before any thread allocates
    from .fast_import import defer_rest_client

    defer_rest_client()
    import lance  # noqa: F401  imported here, so that the ready message measures it
    import pyarrow  # noqa: F401

    from .methods import engine_methods

    engine_methods()  # imports every method's module now, before the ready message (and any fork)
    args = sys.argv[1:]
    if "--warm-socket" in args:
        from .warm import serve_warm

        serve_warm(args, started)
        return
    serve(sys.stdin, lanes_asked(args), started)


def speak_on(stream) -> None:
    """Where replies go from now on (a warm engine's child speaks on its connection)."""
    global PROTOCOL_OUT
    PROTOCOL_OUT = stream


def serve(lines, lanes: int, started: float, **ready_extra) -> None:
    """Answer requests read from `lines` until it ends, then exit the process at once."""
    import lance
    import pyarrow

    from .errors import Cancelled, EngineError, lance_message
    from .methods import engine_methods

    methods = engine_methods()

    requests: queue.Queue = queue.Queue()
    cancelled_ids = set()

    def read_stdin() -> None:
        for line in lines:
            line = line.strip()
            if not line:
                continue
            try:
                msg = json.loads(line)
            except json.JSONDecodeError:
                send({"protocol_error": f"not JSON: {line[:200]}"})
                continue
            if "cancel" in msg:
                cancelled_ids.add(msg["cancel"])
            else:
                requests.put(msg)
        # stdin closed: the parent asked us to stop, or died. Either way no one will read a
        # reply, so stop at once rather than finish a build nobody can commit.
        PROTOCOL_OUT.flush()
        os._exit(0)

    threading.Thread(target=read_stdin, daemon=True).start()
    send(
        {
            "ready": True,
            "lanes": lanes,
            "pid": os.getpid(),
            "pylance": lance.__version__,
            "pyarrow": pyarrow.__version__,
            "python": sys.version.split()[0],
            "startup_s": time.monotonic() - started,
            **ready_extra,
        }
    )

    def handle(msg) -> None:
        req_id = msg.get("id")
        handler = methods.get(msg.get("method"))
        if handler is None:
            send({"id": req_id, "ok": False, "error": {"kind": "protocol", "message": f"unknown method {msg.get('method')!r}"}})
            return
        bad = unpaired_surrogate(msg.get("params"))
        if bad is not None:
            send(
                {
                    "id": req_id,
                    "ok": False,
                    "error": {
                        "kind": "input",
                        "message": (
                            f"The request's {bad} holds text that is not valid Unicode (an unpaired UTF-16 surrogate); "
                            f"no file name, filter or parameter can hold it."
                        ),
                    },
                }
            )
            return
        try:
            result = handler(
                msg.get("params") or {},
                lambda event, rid=req_id: send({"id": rid, "event": event}),
                lambda rid=req_id: rid in cancelled_ids,
            )
            send({"id": req_id, "ok": True, "result": result})
        except Cancelled:
            send({"id": req_id, "ok": False, "error": {"kind": "cancelled", "message": "cancelled"}})
        except EngineError as exc:
            send({"id": req_id, "ok": False, "error": {"kind": exc.kind, "message": str(exc), "retryable": exc.retryable}})
        except Exception as exc:  # a bug or an unexpected Lance error: keep the trace for the log
            send(
                {
                    "id": req_id,
                    "ok": False,
                    "error": {
                        "kind": "internal",
                        "message": lance_message(exc),
                        "trace": traceback.format_exc(),
                    },
                }
            )
        finally:
            cancelled_ids.discard(req_id)

    lane_pool = ThreadPoolExecutor(lanes, thread_name_prefix="lane") if lanes > 1 else None
    while True:
        msg = requests.get()
        if lane_pool is None:
            handle(msg)
        else:
            lane_pool.submit(handle, msg)


def lanes_asked(args: list[str]) -> int:
    """`--lanes N`: how many requests may run at once (1 unless asked, and never below 1)."""
    if "--lanes" in args:
        i = args.index("--lanes")
        if i + 1 < len(args) and args[i + 1].isdigit():
            return max(1, int(args[i + 1]))
    return 1


def unpaired_surrogate(value, path: str = "input"):
    """Where the request holds a lone surrogate (JSON lets one through; pylance can't encode it)."""
    if isinstance(value, str):
        return path if any("\ud800" <= c <= "\udfff" for c in value) else None
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = ((str(i), v) for i, v in enumerate(value))
    else:
        return None
    for key, item in items:
        found = unpaired_surrogate(key, path) or unpaired_surrogate(item, f"{path}.{key}")
        if found:
            return found
    return None


if __name__ == "__main__":
    main()
