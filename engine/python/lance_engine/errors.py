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


# Where a Rust source location ends (".rs:line:col"). The location is found from this end
# backwards: a regex that looked for the path's start first (",?\s*/\S+?\.rs:...") tried every
# slash as a start and scanned on from each, so a filter of 200,000 slashes, which Lance echoes in
# its error, kept the engine busy for minutes (found by test/security/wire-fuzz.test.ts).
_RUST_LOCATION_END = re.compile(r"\.rs:\d+:\d+")
# How pylance words failures of storage (it raises most of them as ValueError or OSError).
_IO_FAILURE = re.compile(r"^(LanceError\(IO\)|IO error|Not found|Io\b|Object at location)", re.IGNORECASE)


def lance_message(exc: BaseException) -> str:
    """Lance's error text without the Rust source locations it appends (noise to a user)."""
    text = without_rust_locations(str(exc)).strip()
    return text or type(exc).__name__


def without_rust_locations(text: str) -> str:
    """Removes each ", /path/to/file.rs:12:34": the path (from the first slash of the word that
    ends in .rs:line:col) and the spaces and comma before it. Each character is looked at a bounded
    number of times, so this takes linear time whatever the text."""
    kept: list[str] = []
    done = 0  # text before this is already copied or removed
    seen = 0  # text before this holds no path's start: no need to look there again
    for end in _RUST_LOCATION_END.finditer(text):
        word = end.start()
        while word > seen and not text[word - 1].isspace():
            word -= 1
        path = text.find("/", word, end.start())
        seen = end.end()
        if path < 0:
            continue
        start = path
        while start > done and text[start - 1].isspace():
            start -= 1
        if start > done and text[start - 1] == ",":
            start -= 1
        kept.append(text[done:start])
        done = end.end()
    kept.append(text[done:])
    return "".join(kept)


def lance_failure(exc: BaseException, prefix: str = "") -> EngineError:
    """A pylance exception as an EngineError: storage failures may pass on another try; bad input
    (a parameter or value pylance refuses) and anything else Lance decided will fail the same way."""
    text = lance_message(exc)
    if isinstance(exc, OSError) or _IO_FAILURE.match(text):
        return EngineError(prefix + text, "build", retryable=True)
    if isinstance(exc, (ValueError, TypeError, KeyError)):
        return EngineError(prefix + text, "input")
    return EngineError(prefix + text, "build")
