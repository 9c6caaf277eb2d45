"""The access log: an append-only JSON-lines file of logins and every view or export of embargoed data.

Each record is one line, written with a single append under an exclusive lock and fsynced
before ``record`` returns, so several processes never interleave lines and a crash can at worst
leave the last line incomplete; earlier lines are never rewritten. The next writer first ends such
an incomplete line, and ``read_log`` skips it and reports it with a ``DamagedLineWarning``.
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from geo import paths
from geo.files import fsync, locked
from geo.schema import ROLES

EVENTS = ("login", "login_mislukt", "login_geblokkeerd", "uitloggen", "bekijken_embargo", "export_embargo",
          "upload_locaties")
FIELDS = ("tijd", "gebeurtenis", "gebruiker", "rol", "client", "details")


class AccessLogError(OSError):
    """The log cannot be written; the caller must not show or hand out embargoed data (Dutch message)."""


class DamagedLineWarning(UserWarning):
    """A line of the log is incomplete or not a record (a crash while writing); it was skipped."""


class AccessLog:
    """Appends records to one log file; safe to share between sessions, threads and processes."""

    def __init__(self, path: Path | None = None):
        self.path = path or paths.configured("access_log")

    def record(self, event: str, *, user: str | None, role: str | None, client: str | None,
               details: Mapping[str, Any] | None = None, now: datetime | None = None) -> dict[str, Any]:
        """Append one event durably and return the record; raises AccessLogError when it cannot."""
        entry = _entry(event, user=user, role=role, client=client, details=details, now=now)
        line = json.dumps(entry, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n"
        try:
            self._append(line)
        except OSError as error:
            problem = error.strerror or error
            raise AccessLogError(f"Het toegangslog {self.path} kan niet worden geschreven ({problem}).") from None
        return entry

    def _append(self, line: bytes) -> None:
        """Write one whole line at the end under an exclusive lock and fsync it."""
        with locked(self.path):
            created = not self.path.exists()
            fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                if not _ends_with_newline(fd):
                    _write_all(fd, b"\n")  # end the line a crashed writer left incomplete
                _write_all(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)
        if created:
            fsync(self.path.parent)  # make the new file's directory entry durable


def _entry(event: str, *, user: str | None, role: str | None, client: str | None,
              details: Mapping[str, Any] | None = None, now: datetime | None = None) -> dict[str, Any]:
    """A checked log record; an unknown event or role is a programming error and raises ValueError."""
    if event not in EVENTS:
        raise ValueError(f"Onbekende gebeurtenis voor het toegangslog: {event!r}; bekend zijn {', '.join(EVENTS)}")
    if role is not None and role not in ROLES:
        raise ValueError(f"Onbekende rol voor het toegangslog: {role!r}")
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    return {"tijd": moment.isoformat(timespec="milliseconds"), "gebeurtenis": event, "gebruiker": user,
            "rol": role, "client": client, "details": dict(details or {})}


def _ends_with_newline(fd: int) -> bool:
    """Whether the file is empty or its last byte ends a line."""
    size = os.fstat(fd).st_size
    return size == 0 or os.pread(fd, 1, size - 1) == b"\n"


def _write_all(fd: int, data: bytes) -> None:
    """Write every byte; a regular file takes it in one call, the loop covers a short write."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def read_log(path: Path | None = None) -> list[dict[str, Any]]:
    """Every complete record in order; damaged lines are skipped with a DamagedLineWarning each."""
    path = path or paths.configured("access_log")
    if not path.exists():
        return []
    records = []
    data = path.read_bytes()
    lines = data.split(b"\n")
    for number, line in enumerate(lines, start=1):
        last = number == len(lines)
        if last and not line:
            break
        record = None if last else _parsed(line)
        if record is None:
            problem = "onvolledig (schrijven onderbroken)" if last else "geen geldig logrecord"
            warnings.warn(DamagedLineWarning(f"{path}: regel {number} is {problem} en overgeslagen"), stacklevel=2)
        else:
            records.append(record)
    return records


def _parsed(line: bytes) -> dict[str, Any] | None:
    """The record on one line, or None when the line is not a complete, well-formed record."""
    try:
        record = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(record, dict) or set(record) != set(FIELDS) or record["gebeurtenis"] not in EVENTS:
        return None
    return record
