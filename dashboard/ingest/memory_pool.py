"""Which allocator Arrow uses for an import's columns (issue 12 §1: speed and memory of large imports).

pyarrow's default pool here is mimalloc, which on this kind of machine (a virtual machine where the first use of
a page of memory is slow) made the checks of a 200,000-row file take 3.9 s instead of 0.8 s with jemalloc: it
hands back fresh pages where jemalloc reuses the ones just freed. jemalloc also returns memory to the system
after a second of disuse, so a long-running dashboard does not keep an import's peak. Where a pyarrow build
has no jemalloc (Windows wheels), the default stays.
"""

from __future__ import annotations

import contextlib
import ctypes

import pyarrow as pa

_chosen = False


def use_jemalloc() -> None:
    """Make jemalloc Arrow's default pool, once per process."""
    global _chosen
    if _chosen:
        return
    _chosen = True
    with contextlib.suppress(NotImplementedError, AttributeError, pa.ArrowNotImplementedError):
        pa.set_memory_pool(pa.jemalloc_memory_pool())


def release_freed_memory() -> None:
    """Give memory freed by native code (the Excel reader's buffers) back to the system.

    glibc keeps freed blocks for reuse; after a large sheet that is hundreds of MB the process goes on holding
    while the import's next steps allocate their own. malloc_trim returns them. Elsewhere: nothing to do.
    """
    global _libc
    if _libc is None:
        try:
            _libc = ctypes.CDLL("libc.so.6")
            _libc.malloc_trim.argtypes = [ctypes.c_size_t]
        except (OSError, AttributeError):
            _libc = False
    if _libc:
        _libc.malloc_trim(0)


_libc = None
