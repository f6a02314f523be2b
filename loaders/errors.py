"""Why a file is not turned into a record."""

from __future__ import annotations

from cskg.errors import InputRejected


class RejectedInput(InputRejected):
    """The file is not a report cskg can read; the message names the file, the reason and what to do."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
