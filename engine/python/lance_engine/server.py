"""A long-lived engine process: JSON requests on stdin, JSON replies and events on stdout.

  -> {"id": 7, "method": "build_batch", "params": {...}}
  <- {"id": 7, "event": {...}}                       (any number, progress)
  <- {"id": 7, "ok": true, "result": {...}}  or  {"id": 7, "ok": false, "error": {"kind", "message"}}
  -> {"cancel": 7}                                   (stops request 7 at its next progress event)

The first line written is {"ready": true, ...} once pylance is imported, so the caller can
measure start-up and refuse a runtime that is too old before sending any work.
"""
from __future__ import annotations

import json
import os
import queue
import sys
import threading
import time
import traceback

PROTOCOL_OUT = os.fdopen(os.dup(sys.stdout.fileno()), "w", buffering=1)
# Anything else that prints (libraries, warnings) goes to stderr, never into the protocol.
os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
_write_lock = threading.Lock()


def send(message) -> None:
    line = json.dumps(message, default=str)
    with _write_lock:
        PROTOCOL_OUT.write(line + "\n")


def main() -> None:
    started = time.monotonic()
    from .fast_import import defer_rest_client

    defer_rest_client()
    import lance  # noqa: F401  (imported here so that the ready message measures it)
    import pyarrow

    from . import build, cleanup, commit, describe, explore, sample, verify
    from .errors import Cancelled, EngineError, lance_message
    from .object_store import remove_index_dirs

    methods = {
        "describe": lambda p, emit, cancelled: describe.describe(p),
        "build_batch": build.build_batch,
        "prepare_merge": lambda p, emit, cancelled: build.prepare_merge(p),
        "commit": lambda p, emit, cancelled: commit.commit(p),
        "verify": lambda p, emit, cancelled: verify.verify(p),
        "discard": lambda p, emit, cancelled: {
            "removed": remove_index_dirs(p["uri"], p.get("storage_options") or {}, p["uuids"])
        },
        "sample": lambda p, emit, cancelled: sample.write_sample(p),
        "find_orphans": lambda p, emit, cancelled: cleanup.find_orphans(p),
        "remove_orphans": lambda p, emit, cancelled: cleanup.remove_orphans(p),
        "list_index_dirs": lambda p, emit, cancelled: cleanup.list_dirs(p),
        "preview_rows": lambda p, emit, cancelled: explore.preview_rows(p),
        "query": lambda p, emit, cancelled: explore.query(p),
        "ping": lambda p, emit, cancelled: {"pid": os.getpid()},
    }

    requests: "queue.Queue" = queue.Queue()
    cancelled_ids = set()

    def read_stdin() -> None:
        for line in sys.stdin:
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
    send({
        "ready": True, "pid": os.getpid(), "pylance": lance.__version__, "pyarrow": pyarrow.__version__,
        "python": sys.version.split()[0], "startup_s": time.monotonic() - started,
    })

    while True:
        msg = requests.get()
        req_id = msg.get("id")
        handler = methods.get(msg.get("method"))
        if handler is None:
            send({"id": req_id, "ok": False, "error": {"kind": "protocol", "message": f"unknown method {msg.get('method')!r}"}})
            continue
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
            send({"id": req_id, "ok": False, "error": {"kind": exc.kind, "message": str(exc)}})
        except Exception as exc:  # a bug or an unexpected Lance error: keep the trace for the log
            send({"id": req_id, "ok": False, "error": {
                "kind": "internal", "message": lance_message(exc), "trace": traceback.format_exc(),
            }})
        finally:
            cancelled_ids.discard(req_id)


if __name__ == "__main__":
    main()
