"""Issue 12 §2: an uploaded file's private copy goes away on import, on removal, when its session ends (a
sweep), when it is garbage, and, for a server that crashed, at the next server's start."""

from __future__ import annotations

import gc
import os
import stat
import tempfile
from pathlib import Path

import pytest

from dashboard.views import uploads


@pytest.fixture(autouse=True)
def private_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_copy_is_private_and_discarded(private_temp: Path) -> None:
    copy = uploads.UploadCopy("../../xuat 10-2026.xlsx", b"PK\x03\x04 data", session_id="s1")
    assert copy.folder.parent == private_temp and copy.folder.name.startswith(f"cchc_upload_{os.getpid()}_")
    assert copy.path.name == "xuat 10-2026.xlsx" and copy.path.read_bytes() == b"PK\x03\x04 data"
    assert stat.S_IMODE(copy.folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(copy.path.stat().st_mode) == 0o600
    copy.discard()
    assert not copy.folder.exists() and list(private_temp.iterdir()) == []
    copy.discard()  # twice is harmless


def test_copy_dropped_with_its_session_state_is_removed(private_temp: Path) -> None:
    copy = uploads.UploadCopy("a.csv", b"x", session_id="s2")
    folder = copy.folder
    del copy
    gc.collect()
    assert not folder.exists()


def test_sweep_removes_copies_of_ended_sessions_after_the_grace(private_temp: Path) -> None:
    registry = uploads._Registry()
    alive, ended = private_temp / "cchc_upload_1_alive", private_temp / "cchc_upload_1_ended"
    for folder in (alive, ended):
        folder.mkdir()
        registry._folders[folder] = ("alive" if folder is alive else "ended", 0.0)
    assert registry.sweep(lambda session: session == "alive", grace_seconds=120, now=60.0) == []
    assert registry.sweep(lambda session: session == "alive", grace_seconds=120, now=200.0) == [ended]
    assert alive.exists() and not ended.exists()
    assert registry.folders() == [alive]


def test_stale_folders_of_dead_servers_are_removed_at_start(private_temp: Path) -> None:
    dead_pid = 2**22 + 12345  # above pid_max on Linux: no such process
    for name in (f"cchc_upload_{dead_pid}_abc", "cchc_upload_old123", f"cchc_upload_{os.getpid()}_mine"):
        (private_temp / name).mkdir()
        (private_temp / name / "xuat.xlsx").write_bytes(b"citizens' data")
    (private_temp / "someone_else").mkdir()
    removed = uploads.remove_stale_folders()
    assert sorted(removed) == sorted([f"cchc_upload_{dead_pid}_abc", "cchc_upload_old123"])
    assert sorted(p.name for p in private_temp.iterdir()) == sorted(
        [f"cchc_upload_{os.getpid()}_mine", "someone_else"]
    )
