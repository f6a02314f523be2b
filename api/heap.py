"""How the serving processes hand memory back to the system (glibc's allocator; elsewhere both calls do nothing).

A server passes answers of many megabytes through its threads. glibc serves a block of over 128 KiB by its own
mapping, but each time such a block is freed it raises that bound to the block's size (up to 32 MiB), so the
next answers of that size are carved from the threads' heaps, whose freed pages stay with the process: under a
mixed load of 8 clients the server held 410-580 MB after the load where it held 150 MB before it
(bench/serve_memory.py). Fixing the bound keeps every large answer in a mapping of its own, returned whole when
it is freed.
"""

from __future__ import annotations

import ctypes

_M_MMAP_THRESHOLD = -3  # mallopt's parameter number, from glibc's malloc.h
LARGE_BLOCK = 1 << 20  # bytes from which a block gets a mapping of its own


def _libc_call(name: str):
    try:  # the C library the process already has loaded: no search for it (find_library runs ldconfig)
        return getattr(ctypes.CDLL(None), name)
    except (OSError, AttributeError):
        return None


def map_large_blocks(threshold: int = LARGE_BLOCK) -> bool:
    """Give every block of `threshold` bytes or more its own mapping from now on, in this process and the
    processes it forks (a fixed bound also stops glibc raising it); whether the C library took it."""
    mallopt = _libc_call("mallopt")
    return bool(mallopt and mallopt(_M_MMAP_THRESHOLD, threshold))


def release_free_memory() -> None:
    """Hand the C heap's free pages back to the system (glibc's malloc_trim): freed Python objects otherwise
    leave the process as large as it ever was."""
    trim = _libc_call("malloc_trim")
    if trim is not None:
        trim(0)
