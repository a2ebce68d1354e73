"""What a Ray job tells the app: one marked JSON line per event on the driver's stdout (the job's
log). Other lines in the log (Ray's own, library warnings) don't carry the marker and are ignored."""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path
from typing import Any

PROTOCOL: dict[str, str] = json.loads((Path(__file__).resolve().parent / "ray_protocol.json").read_text())
_lock = threading.Lock()


def emit(event: dict[str, Any]) -> None:
    """`ts` is the driver's clock: the app measures batches by it, not by when the log reached it."""
    line = PROTOCOL["event_prefix"] + json.dumps({**event, "ts": time.time()}, default=str)
    with _lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
