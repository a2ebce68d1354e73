"""Running one engine method for a Ray job, with errors turned into data the app understands."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from .errors import EngineError, lance_message
from .methods import engine_methods


def run_method(
    method: str, params: dict[str, Any], emit: Callable[[dict[str, Any]], None] = lambda event: None
) -> dict[str, Any]:
    """{"result": ...} or {"error": {"kind", "message"}}, like one reply of the stdio server;
    the method's events (e.g. 'committing') go to `emit`."""
    handler = engine_methods().get(method)
    if handler is None:
        return {"error": {"kind": "protocol", "message": f"unknown method {method!r}"}}
    try:
        return {"result": handler(params, emit, lambda: False)}
    except EngineError as exc:
        return {"error": {"kind": exc.kind, "message": str(exc)}}
    except Exception as exc:
        return {"error": {"kind": "internal", "message": lance_message(exc), "trace": traceback.format_exc()}}
