"""Query errors in words that say what to change. DataFusion reads a bare word in a filter as a
column name, so `category = books` fails with "No field named books": almost always a value
that wanted quotes."""

from __future__ import annotations

import re

_NO_FIELD = re.compile(r"No field named [\"`']?([^\"`'\s.,]+)")


def query_error(text: str, filter_text: str | None, columns: list[str]) -> str:
    """The message for a query that could not run, with a hint when a value lacks its quotes."""
    first = text.splitlines()[0] if text else "unknown error"
    m = _NO_FIELD.search(first)
    if not m or not filter_text:
        return f"The query could not run: {first}"
    name = m.group(1)
    quoted = re.sub(rf"(?<![\w'\"`.]){re.escape(name)}(?![\w'\"`])", f"'{name}'", filter_text, count=1)
    return (
        f"The query could not run: no column is named {name!r}. If {name} is a value, put it in single "
        f"quotes: {quoted}. The columns are {', '.join(columns)}."
    )
