"""Turn the exports' push-style writers (they write into a stream) into a pull-style iterator of
byte chunks for an HTTP response, without holding the export in memory.

A producer thread runs the export into a pipe whose writes fill a small bounded queue; the
response drains it. Memory stays at a few chunks whatever the size of the export, and when the
client goes away the producer's next write fails, which ends the export.
"""

from __future__ import annotations

import io
import queue
import threading
from collections.abc import Callable, Iterator
from typing import IO

CHUNK = 64 * 1024
_DONE = object()


class ExportCancelled(Exception):
    """The reader went away; the writer stops."""


class _Pipe(io.RawIOBase):
    """A write-only, non-seekable stream feeding a bounded queue in CHUNK-sized pieces."""

    def __init__(self, chunks: queue.Queue, cancelled: threading.Event) -> None:
        super().__init__()
        self._chunks = chunks
        self._cancelled = cancelled
        self._buffer = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # type: ignore[override]
        view = memoryview(data).cast("B")
        self._buffer += view
        if len(self._buffer) >= CHUNK:
            self._push(bytes(self._buffer))
            self._buffer.clear()
        return view.nbytes

    def _push(self, chunk: bytes) -> None:
        while True:
            if self._cancelled.is_set():
                raise ExportCancelled()
            try:
                self._chunks.put(chunk, timeout=0.2)
                return
            except queue.Full:
                continue

    def finish(self) -> None:
        if self._buffer:
            self._push(bytes(self._buffer))
            self._buffer.clear()


def iter_export(write: Callable[[IO[bytes]], None], *, depth: int = 4) -> Iterator[bytes]:
    """Chunks of what `write(stream)` writes, produced in a background thread. An error raised
    by `write` is raised from the iterator, in order, after the chunks written before it."""
    chunks: queue.Queue = queue.Queue(maxsize=depth)
    cancelled = threading.Event()

    def produce() -> None:
        pipe = _Pipe(chunks, cancelled)
        try:
            write(pipe)
            pipe.finish()
            outcome: object = _DONE
        except ExportCancelled:
            return
        except BaseException as exc:  # handed to the reader, which raises it
            outcome = exc
        while not cancelled.is_set():
            try:
                chunks.put(outcome, timeout=0.2)
                return
            except queue.Full:
                continue

    producer = threading.Thread(target=produce, name="cskg-export", daemon=True)
    producer.start()
    try:
        while True:
            item = chunks.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        cancelled.set()
        while not chunks.empty():  # unblock a producer waiting on a full queue
            chunks.get_nowait()
