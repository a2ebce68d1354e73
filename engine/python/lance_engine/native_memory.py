"""How many malloc arenas the engine's native (Rust) code may spread its memory over.

glibc gives threads that allocate at once their own malloc arenas, up to 8 per core, and an
arena keeps the pages freed in it. Lance's build threads (its thread pools, each lane's builder)
fill several arenas, so after two FTS segments the engine holds the high-water mark of each, and
merging the segments at commit allocates on top of that. One arena per core keeps the
threads apart as much as they can run apart, and lets later work reuse what earlier work freed.
Measured (FTS on 1M documents, 2 lanes, 2 cores, 5 interleaved runs each): the build's peak RSS
went from 538-591 to 433-465 MiB, median wall 8.28 -> 7.98 s. docs/architecture.md has the rest.

Where it is called: the local engine's start (server.py), and a Ray job's driver (ray_job.py),
where a commit that merges segments runs when this machine can't open the dataset (its peak on
that merge: 348-359 -> 307-315 MiB). Not in the Ray tasks: a Ray worker runs one batch at a time
and merges nothing, and capped or not its peak was the same (333-357 MiB, 4 runs each).

glibc only (Linux). Elsewhere (macOS' allocator, musl) this does nothing. A MALLOC_ARENA_MAX
the user set wins: glibc has read it already, and this leaves it alone. An engine forked from a
warm engine has the warm engine's setting (glibc read its environment, not the command's).
"""

from __future__ import annotations

import ctypes
import os

_M_ARENA_MAX = -8  # mallopt's parameter number, from glibc's malloc.h


def arenas_for_this_machine() -> int:
    return max(2, os.cpu_count() or 1)


def _glibc_mallopt():
    # The process's own symbols: the C library is loaded already. (ctypes.util.find_library
    # would run ldconfig in a subprocess, ~25 ms of every engine start.)
    try:
        return ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # no mallopt: not glibc
        return None


def cap_malloc_arenas() -> int | None:
    """Call before any thread allocates (arenas already made stay). Returns the cap it set."""
    mallopt = _glibc_mallopt()
    if mallopt is None or "MALLOC_ARENA_MAX" in os.environ:
        return None
    arenas = arenas_for_this_machine()
    return arenas if mallopt(_M_ARENA_MAX, arenas) == 1 else None
