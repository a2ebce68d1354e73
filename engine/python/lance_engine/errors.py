"""Errors the engine reports to TypeScript. `kind` lets the caller choose an exit code."""


class EngineError(Exception):
    """A failure with a message meant for people. kind: 'input' (bad request) or 'build'."""

    def __init__(self, message: str, kind: str = "build"):
        super().__init__(message)
        self.kind = kind


class Cancelled(Exception):
    """Raised from a progress callback to stop a build the caller cancelled."""


import re

_RUST_LOCATION = re.compile(r",?\s*/\S+?\.rs:\d+:\d+")


def lance_message(exc: BaseException) -> str:
    """Lance's error text without the Rust source locations it appends (noise to a user)."""
    text = _RUST_LOCATION.sub("", str(exc)).strip()
    return text or type(exc).__name__
