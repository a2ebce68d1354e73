"""The engine's malloc arena cap (lance_engine/native_memory.py), seen in glibc's own account of
its arenas (malloc_info) from a process whose threads allocate at once, as Lance's do."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lance_engine.native_memory import arenas_for_this_machine

ENGINE_PYTHON = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(
    platform.system() != "Linux" or platform.libc_ver()[0] != "glibc", reason="malloc arenas are glibc's (Linux only)"
)

THREADS_ALLOCATING_AT_ONCE = textwrap.dedent(
    """
    import ctypes, sys, tempfile, threading
    sys.path.insert(0, sys.argv[1])
    from lance_engine.native_memory import cap_malloc_arenas

    cap = None
    if sys.argv[2] == "cap":
        cap = cap_malloc_arenas()
    elif sys.argv[2] == "ray-driver":
        from lance_engine import ray_job

        try:
            ray_job.main()  # with no job spec on the path it stops after its start-up
        except FileNotFoundError:
            pass
    threads = int(sys.argv[3])
    libc = ctypes.CDLL("libc.so.6")
    libc.malloc.restype, libc.malloc.argtypes = ctypes.c_void_p, [ctypes.c_size_t]
    libc.free.argtypes = [ctypes.c_void_p]
    libc.fopen.restype, libc.fopen.argtypes = ctypes.c_void_p, [ctypes.c_char_p, ctypes.c_char_p]
    libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
    libc.fclose.argtypes = [ctypes.c_void_p]
    together = threading.Barrier(threads)

    def allocate():
        together.wait()
        blocks = [libc.malloc(4096) for _ in range(64)]
        together.wait()  # all alive and holding memory before any frees
        for block in blocks:
            libc.free(block)

    running = [threading.Thread(target=allocate) for _ in range(threads)]
    for t in running:
        t.start()
    for t in running:
        t.join()
    with tempfile.NamedTemporaryFile("r", suffix=".xml") as report:
        fp = libc.fopen(report.name.encode(), b"w")
        libc.malloc_info(0, fp)
        libc.fclose(fp)
        print()  # the result on a line of its own: the driver prints events before it
        print(cap, report.read().count("<heap nr="))
    """
)


# More threads than the cap allows arenas, fewer than glibc's default limit (8 per core).
THREADS = 2 * arenas_for_this_machine() + 2


def arenas_after_threads_allocate(mode: str, env: dict[str, str]) -> tuple[str, int]:
    run = subprocess.run(
        [sys.executable, "-c", THREADS_ALLOCATING_AT_ONCE, str(ENGINE_PYTHON), mode, str(THREADS)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=60,
    )
    cap, arenas = run.stdout.splitlines()[-1].split()
    return cap, int(arenas)


def without_arena_max() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}


def test_threads_allocating_at_once_share_one_arena_per_core_when_capped():
    cap, arenas = arenas_after_threads_allocate("cap", without_arena_max())
    assert cap == str(arenas_for_this_machine())
    assert arenas <= arenas_for_this_machine()


def test_without_the_cap_the_same_threads_spread_over_more_arenas():
    # What the cap is for: glibc's default lets each of these threads take an arena of its own.
    _, arenas = arenas_after_threads_allocate("none", without_arena_max())
    assert arenas > arenas_for_this_machine()


def test_a_ray_jobs_driver_caps_its_arenas_too():
    # The driver is a fresh process, and a commit that merges segments on the cluster runs there.
    _, arenas = arenas_after_threads_allocate("ray-driver", without_arena_max())
    assert arenas <= arenas_for_this_machine()


def test_a_malloc_arena_max_the_user_set_is_left_alone():
    cap, arenas = arenas_after_threads_allocate("cap", {**without_arena_max(), "MALLOC_ARENA_MAX": str(THREADS + 1)})
    assert cap == "None"
    assert arenas > arenas_for_this_machine()
