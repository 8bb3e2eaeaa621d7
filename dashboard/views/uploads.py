"""Where an uploaded file lives while it is previewed, and how it goes away (issue 12 §2).

The readers work on paths, so an upload is written to a private folder of the system's temporary directory
(mode 0700). Exports carry citizens' names and phone numbers, so nothing of an upload may outlive its use:

- the copy is removed as soon as the file is imported, or removed from the uploader;
- when its browser session ends (the tab is closed), a sweep every SWEEP_SECONDS removes the copies of every
  session the server no longer has (after Streamlit's own grace for reconnecting, server.disconnectedSessionTTL),
  and a finalizer removes a copy whose session state is dropped, or at the server's exit;
- at the server's start, folders left by a server that crashed (its process is gone) are removed.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import threading
import time
import weakref
from pathlib import Path

PREFIX = "cchc_upload_"
SWEEP_SECONDS = float(os.environ.get("CCHC_UPLOAD_SWEEP_SECONDS", "30"))  # the browser tests use 1
_FOLDER = re.compile(rf"^{PREFIX}(?:(\d+)_)?")


class UploadCopy:
    """The private copy of one uploaded file; `discard()` removes it (also done when it is garbage)."""

    def __init__(self, name: str, data: bytes, session_id: str | None) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}_"))
        self.path = self.folder / (Path(name).name or "tep_tai_len")
        with open(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
            out.write(data)
        self._finalizer = weakref.finalize(self, _remove, self.folder)
        _REGISTRY.add(self.folder, session_id)

    def discard(self) -> None:
        self._finalizer()  # runs _remove once, now
        _REGISTRY.forget(self.folder)

    @property
    def exists(self) -> bool:
        return self.folder.exists()


def _remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


class _Registry:
    """Upload folders of this server by browser session, and when each session was last seen alive."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._folders: dict[Path, tuple[str | None, float]] = {}
        self._sweeper: threading.Thread | None = None

    def add(self, folder: Path, session_id: str | None) -> None:
        with self._lock:
            self._folders[folder] = (session_id, time.monotonic())
            if self._sweeper is None:
                self._sweeper = threading.Thread(
                    target=self._sweep_forever, name="cchc-upload-sweep", daemon=True
                )
                self._sweeper.start()

    def forget(self, folder: Path) -> None:
        with self._lock:
            self._folders.pop(folder, None)

    def folders(self) -> list[Path]:
        with self._lock:
            return list(self._folders)

    def sweep(self, is_alive, grace_seconds: float, now: float | None = None) -> list[Path]:
        """Remove the folders of sessions not alive for longer than grace_seconds; returns what was removed."""
        now = time.monotonic() if now is None else now
        removed = []
        with self._lock:
            for folder, (session_id, seen) in list(self._folders.items()):
                if session_id is not None and is_alive(session_id):
                    self._folders[folder] = (session_id, now)
                elif now - seen > grace_seconds or not folder.exists():
                    del self._folders[folder]
                    removed.append(folder)
        for folder in removed:
            _remove(folder)
        return removed

    def _sweep_forever(self) -> None:
        while True:
            time.sleep(SWEEP_SECONDS)
            with contextlib.suppress(Exception):  # a sweep that fails is retried at the next one
                self.sweep(_session_is_alive, _grace_seconds())


_REGISTRY = _Registry()


def current_session_id() -> str | None:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    context = get_script_run_ctx(suppress_warning=True)
    return context.session_id if context is not None else None


def _session_is_alive(session_id: str) -> bool:
    from streamlit.runtime import Runtime

    return Runtime.exists() and Runtime.instance().is_active_session(session_id)


def _grace_seconds() -> float:
    from streamlit import config

    return float(config.get_option("server.disconnectedSessionTTL"))


def save_upload(name: str, data: bytes) -> UploadCopy:
    return UploadCopy(name, data, current_session_id())


def remove_stale_folders(temp_dir: str | os.PathLike[str] | None = None) -> list[str]:
    """Upload folders whose server process is gone (a crash, kill -9): removed at start; returns their names.

    Folders of a live process are another server's (or this one's) and stay; an old name without a process
    number is from a version that did not write one, and goes."""
    removed = []
    folder = Path(temp_dir or tempfile.gettempdir())
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            match = _FOLDER.match(entry.name)
            if not match or not entry.is_dir():
                continue
            pid = int(match.group(1)) if match.group(1) else None
            if pid is not None and (pid == os.getpid() or _process_alive(pid)):
                continue
            _remove(entry)
            removed.append(entry.name)
    return removed


def _process_alive(pid: int) -> bool:
    if (
        os.name == "nt"
    ):  # os.kill would end the process there; such folders go with the system's temp clean-up
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except OSError:
        return False
    return True
