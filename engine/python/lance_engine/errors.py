"""Errors the engine reports to TypeScript. `kind` lets the caller choose an exit code;
`retryable` says whether trying again (on another worker) could end differently."""

import re

from .facts import ERROR_KINDS


class EngineError(Exception):
    """A failure with a message meant for people. kind: 'input' (bad request) or 'build'."""

    def __init__(self, message: str, kind: str = "build", retryable: bool = False):
        if kind not in ERROR_KINDS:
            raise ValueError(f"unknown error kind {kind!r}; the app knows {sorted(ERROR_KINDS)}")
        super().__init__(message)
        self.kind = kind
        self.retryable = retryable


class Cancelled(Exception):
    """Raised from a progress callback to stop a build the caller cancelled."""


_RUST_LOCATION = re.compile(r",?\s*/\S+?\.rs:\d+:\d+")
# How pylance words failures of storage (it raises most of them as ValueError or OSError).
_IO_FAILURE = re.compile(r"^(LanceError\(IO\)|IO error|Not found|Io\b|Object at location)", re.IGNORECASE)


def lance_message(exc: BaseException) -> str:
    """Lance's error text without the Rust source locations it appends (noise to a user)."""
    text = _RUST_LOCATION.sub("", str(exc)).strip()
    return text or type(exc).__name__


def lance_failure(exc: BaseException, prefix: str = "") -> EngineError:
    """A pylance exception as an EngineError: storage failures may pass on another try; bad input
    (a parameter or value pylance refuses) and anything else Lance decided will fail the same way."""
    text = lance_message(exc)
    if isinstance(exc, OSError) or _IO_FAILURE.match(text):
        return EngineError(prefix + text, "build", retryable=True)
    if isinstance(exc, (ValueError, TypeError, KeyError)):
        return EngineError(prefix + text, "input")
    return EngineError(prefix + text, "build")
