"""Serving a store folder that an ingest may change: notice the change, load the new state beside the old, swap.

The server reads a copy of the store held in memory, and holds no handle on the folder once the copy is made,
because RocksDB leaves a read-only reader undefined while another process writes. A watcher compares the
folder's files every second; when they have changed and no writer holds the store's lock, and they stayed the
same for one more look (an ingest reopens the store once at its end, when it compacts), the server loads the
new state and swaps it in for the next requests.
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

FolderState = tuple[tuple[str, int, int], ...]
# RocksDB's own log files change while the store is only read; they say nothing about the data.
_IGNORED = ("LOG", "LOCK")


def folder_state(location: str) -> FolderState:
    """Name, size and modification time of every data file of the store folder."""
    found = []
    for entry in os.scandir(location):
        if entry.is_file() and not entry.name.startswith(_IGNORED):
            stat = entry.stat()
            found.append((entry.name, stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(found))


def writer_active(location: str) -> bool:
    """Whether a process holds the store open for writing (RocksDB keeps a write lock on its LOCK file)."""
    lock = Path(location) / "LOCK"
    try:
        fd = os.open(lock, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


class StoreWatcher:
    """Calls `reload()` from its own thread after the store folder changed and settled."""

    def __init__(self, location: str, reload: Callable[[], None], interval: float = 1.0,
                 first: Callable[[], None] | None = None) -> None:
        self.location = location
        self.interval = interval
        self._reload = reload
        self._first = first  # run once in the watcher's thread before it starts watching
        self._served = folder_state(location)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="cskg-store-watcher", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, wait: float = 30.0) -> None:
        self._stop.set()
        self._thread.join(timeout=wait)

    def _run(self) -> None:
        if self._first is not None:
            try:
                self._first()
            except Exception:
                log.exception("could not load the store at %s into memory; serving it in place", self.location)
        seen = self._served
        while not self._stop.wait(self.interval):
            try:
                state = folder_state(self.location)
                settled = state == seen and state != self._served and not writer_active(self.location)
                seen = state
                if settled:
                    self._reload()
                    self._served = state
            except Exception:  # keep serving what is loaded; the next change tries again
                log.exception("could not load the changed store at %s", self.location)
