"""The report files' builds, tracked so that a failed one says why on the page (issue 12 §4).

A download button given a function builds its file on a thread of its own when clicked; if the function
raises, the browser gets nothing and is told nothing it can act on (a unit name holding a NUL once made every
Word report fail this way). So each build is recorded per browser session and kind: the button also reruns
the page, which waits for that build to end and shows its error, if any, in words.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

START_WAIT_SECONDS = 3.0  # the click's rerun and the build's request reach the server about together
FINISH_WAIT_SECONDS = 300.0


@dataclass
class Build:
    started: float
    done: threading.Event = field(default_factory=threading.Event)
    error: str | None = None


_LOCK = threading.Lock()
_BUILDS: dict[tuple[str | None, str], Build] = {}


def tracked(session_id: str | None, kind: str, build: Callable[[], bytes]) -> bytes:
    """Run `build`, recording when it started, that it ended, and why it failed."""
    record = Build(started=time.monotonic())
    with _LOCK:
        _BUILDS[(session_id, kind)] = record
    try:
        return build()
    except Exception as error:
        record.error = describe(error)
        raise
    finally:
        record.done.set()


def describe(error: Exception) -> str:
    """The error in one line: its kind and the first line of its message; a file of a bundle: which one too."""
    if isinstance(error, PartFailed):
        return str(error)
    reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return f"{type(error).__name__}: {reason[:300]}"


class PartFailed(Exception):
    """One file of a bundle could not be built (issue 11 §13): the bundle fails with it, naming it, rather
    than reach the user one file short."""

    def __init__(self, part: str, cause: Exception) -> None:
        super().__init__(f"{part}: {describe(cause)}")
        self.part = part


def built_parts(parts: Sequence[tuple[str, str, Callable[[], bytes]]]) -> list[tuple[str, bytes]]:
    """Each (label, file name, build) built, as (file name, bytes); the first that fails raises PartFailed
    with its label (the language's label, taken during the page run: no Streamlit call here)."""
    built = []
    for label, name, build in parts:
        try:
            built.append((name, build()))
        except Exception as error:
            raise PartFailed(label, error) from error
    return built


def outcome(session_id: str | None, kind: str, clicked_at: float) -> str | None:
    """After a click at `clicked_at` (time.monotonic()): wait for that click's build; its error, or None."""
    deadline = clicked_at + START_WAIT_SECONDS
    while True:
        with _LOCK:
            record = _BUILDS.get((session_id, kind))
        if record is not None and record.started >= clicked_at - START_WAIT_SECONDS:
            break
        if time.monotonic() > deadline:
            return None  # no build reached the server (the browser had the file already)
        time.sleep(0.05)
    if not record.done.wait(FINISH_WAIT_SECONDS):
        return None
    with _LOCK:
        _BUILDS.pop((session_id, kind), None)
    return record.error
