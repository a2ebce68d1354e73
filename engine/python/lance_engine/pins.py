"""The exact versions this engine is built and tested against, read from its requirements.txt
(the one place they are written), so a Ray job can refuse a cluster that runs another pylance."""

from __future__ import annotations

import re
from pathlib import Path

REQUIREMENTS = Path(__file__).resolve().parent.parent / "requirements.txt"
_PIN = re.compile(r"^\s*([A-Za-z0-9_.-]+)\s*==\s*([^\s;#]+)")


def pinned_versions(path: Path = REQUIREMENTS) -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in path.read_text().splitlines():
        m = _PIN.match(line)
        if m:
            pins[m.group(1).lower().replace("_", "-")] = m.group(2)
    return pins


def pylance_problem(installed: str, where: str) -> str | None:
    """A message naming both versions and the fixes, or None when `installed` is the pinned one."""
    wanted = pinned_versions().get("pylance")
    if wanted is None or installed == wanted:
        return None
    return (
        f"{where} runs pylance {installed}, but this engine is built for pylance {wanted}. "
        f"Install it on every node of the cluster (pip install 'pylance=={wanted}'), "
        f"or let lance-index add it to the job (--ray-pip, for clusters that reach a package index)."
    )
