"""The one module that opens DuckDB.

Why the database file is never written in place: DuckDB lets no process write a file that any other process
holds open, even read-only. The dashboard must keep serving while `python -m dashboard ingest` runs, and the
import must not wait for the dashboard to let go. So:

- readers open the live file read-only (several processes may) and keep one connection per version of the
  file; each query runs on its own cursor, because DuckDB refuses to share a connection between threads
  (every Streamlit session is a thread);
- a writer takes an inter-process lock (writers queue up; readers never take it), copies the live file to a
  private file next to it, writes there in one transaction, checkpoints, closes, and atomically renames the
  copy over the live file. Readers that still hold the old version keep reading it; the next query after a
  browser refresh sees the new inode and opens the new version. A write that fails leaves the live file
  byte-for-byte as it was.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import duckdb

from dashboard.store import derived
from dashboard.store.schema import DDL, SCHEMA_VERSION

LOCK_TIMEOUT_SECONDS = 600.0


class DatabaseMissing(FileNotFoundError):
    """The database file does not exist yet (no demo built, nothing imported)."""


class WriteLockTimeout(TimeoutError):
    """Another import held the write lock for too long."""


class NotADatabase(Exception):
    """The database path names a file that is not a DuckDB database (nothing is written to it)."""


# Every DuckDB database file has these bytes at offset 8 (its main header); checked before a write copies it.
_DUCKDB_MAGIC = b"DUCK"


def _check_is_database(path: Path) -> None:
    try:
        with open(path, "rb") as file:
            head = file.read(12)
    except FileNotFoundError:
        return
    if head[8:12] != _DUCKDB_MAGIC:
        raise NotADatabase(str(path))


def _file_version(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return (st.st_ino, st.st_mtime_ns, st.st_size)


class _ReadConnections:
    """Read-only connections, one per (path, file version), shared by all threads of the process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_path: dict[str, tuple[tuple[int, int, int], duckdb.DuckDBPyConnection]] = {}

    def cursor(self, path: Path) -> duckdb.DuckDBPyConnection:
        key = str(path.resolve())
        for _attempt in range(5):
            try:
                version = _file_version(path)
            except FileNotFoundError:
                raise DatabaseMissing(str(path)) from None
            with self._lock:
                cached = self._by_path.get(key)
                if cached is not None and cached[0] == version:
                    return _live_cursor(cached[1])
                try:
                    connection = _open_read_only(key)
                except duckdb.IOException:
                    # The file was swapped between stat() and open(): look again.
                    time.sleep(0.05)
                    continue
                # The connection of the previous version is dropped, not closed: cursors handed out to
                # other threads may still be reading it; they keep it alive until they finish.
                # Keyed by the version seen before opening: if the file was swapped since, the next query
                # sees a different version and opens again (keyed by a stat() taken after opening, a swap in
                # between would pin the old file under the new version's key).
                self._by_path[key] = (version, connection)
                return _live_cursor(connection)
        raise duckdb.IOException(f"Không mở được cơ sở dữ liệu {path}")


def _open_read_only(path: str) -> duckdb.DuckDBPyConnection:
    """A new DuckDB instance reading the file as it is now, attached read-only under the name `live`.

    Not duckdb.connect(path, read_only=True): DuckDB keeps one instance per path in the process and hands it
    back as long as any connection or cursor to it is alive (duckdb issue 15912), i.e. the swapped-out file,
    so a running dashboard would never see an import. An in-memory instance is never shared.
    """
    connection = duckdb.connect(":memory:")
    try:
        quoted = path.replace("'", "''")
        connection.execute(f"ATTACH '{quoted}' AS {_LIVE} (READ_ONLY)")
    except BaseException:
        connection.close()
        raise
    return connection


def _live_cursor(connection: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor whose unqualified table names resolve in the attached file (USE is per cursor)."""
    cursor = connection.cursor()
    try:
        cursor.execute(f"USE {_LIVE}")
    except BaseException:
        cursor.close()
        raise
    return cursor


_LIVE = "live"
_READERS = _ReadConnections()


@contextlib.contextmanager
def _interprocess_lock(lock_path: Path, timeout: float) -> Iterator[None]:
    handle = open(lock_path, "a+b")  # noqa: SIM115 - held for the duration of the with-block
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                _try_lock(handle)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise WriteLockTimeout(
                        f"Một lần nhập dữ liệu khác đang ghi vào {lock_path.with_suffix('')}"
                    ) from None
                time.sleep(0.1)
        yield
    finally:
        with contextlib.suppress(OSError):
            _unlock(handle)
        handle.close()


if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(handle) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _apply_schema(connection: duckdb.DuckDBPyConnection) -> bool:
    """Create what is missing; True when columns were added that need computing for stored dossiers."""
    for statement in DDL:
        connection.execute(statement)
    present = {
        name
        for (name,) in connection.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = 'dossier'"
        ).fetchall()
    }
    missing = [c for c in derived.DERIVED_COLUMNS if c not in present]
    for column in missing:  # a file from before schema 3 (names from our own constant)
        connection.execute(f"ALTER TABLE dossier ADD COLUMN {column} {derived.DERIVED_DDL[column]}")
    # CREATE TABLE IF NOT EXISTS above brought an older file up to date; record that it now is.
    connection.execute("DELETE FROM schema_version WHERE version < ?", [SCHEMA_VERSION])
    if connection.execute("SELECT count(*) FROM schema_version").fetchall()[0][0] == 0:
        connection.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION])
    return bool(missing)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Database:
    """A dashboard database file. Cheap to create; holds no connection itself."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def __repr__(self) -> str:
        return f"Database({str(self.path)!r})"

    @property
    def exists(self) -> bool:
        return self.path.exists()

    @contextlib.contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only cursor on the newest version of the file, closed after the block."""
        cursor = _READERS.cursor(self.path)
        try:
            yield cursor
        finally:
            cursor.close()

    @contextlib.contextmanager
    def write(
        self, lock_timeout: float = LOCK_TIMEOUT_SECONDS, start_empty: bool = False
    ) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-write connection inside one transaction on a private copy, swapped in on success.

        Nothing reaches the live file unless the block finishes without an exception. start_empty: begin
        from an empty database instead of a copy (the demo replaces everything).
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock_path = self.path.with_name(self.path.name + ".lock")
        with _interprocess_lock(lock_path, lock_timeout):
            # Holding the lock, no other write is under way: any private copy left is a killed writer's.
            self._remove_stale_copies()
            if not start_empty:
                _check_is_database(self.path)
            # A name never used before: DuckDB keeps one instance per path while anything holds it open.
            work_path = self.path.with_name(f".{self.path.name}.{os.getpid()}.{uuid.uuid4().hex[:12]}.tmp")
            try:
                if self.path.exists() and not start_empty:
                    shutil.copyfile(self.path, work_path)  # inside the try: a full disk keeps no half copy
                # Row order inside a table means nothing here (every query groups or sorts): letting DuckDB
                # write in any order makes large inserts faster.
                connection = duckdb.connect(str(work_path), config={"preserve_insertion_order": False})
                try:
                    columns_added = _apply_schema(connection)
                    settings_before = derived.settings_fingerprint(connection)
                    connection.execute("BEGIN TRANSACTION")
                    try:
                        yield connection
                        # The stored days depend on the calendar and the time limits: keep them true.
                        settings_after = derived.settings_fingerprint(connection)
                        if settings_after is not None and (
                            columns_added or settings_after != settings_before
                        ):
                            derived.recompute_all(connection)
                        elif settings_after is not None:
                            derived.recompute_all(connection, only_missing=True)
                    except BaseException:
                        connection.execute("ROLLBACK")
                        raise
                    connection.execute("COMMIT")
                    connection.execute("CHECKPOINT")
                finally:
                    connection.close()
                _fsync(work_path)
                os.replace(work_path, self.path)
                with contextlib.suppress(OSError):  # not possible on every platform
                    _fsync(self.path.parent)
            finally:
                _remove_quietly(work_path)
                _remove_quietly(work_path.with_name(work_path.name + ".wal"))
                shutil.rmtree(work_path.with_name(work_path.name + ".tmp"), ignore_errors=True)

    def _remove_stale_copies(self) -> None:
        """The private copies (and DuckDB's .wal and spill folder beside them) of writes that were killed
        (kill -9, power cut) before they could remove their own (issue 12 §7)."""
        for left in self.path.parent.glob(f".{glob.escape(self.path.name)}.*.tmp*"):
            if left.is_dir():
                shutil.rmtree(left, ignore_errors=True)
            else:
                _remove_quietly(left)

    def create_if_missing(self) -> None:
        """An empty database with the schema, so that the dashboard opens before any import."""
        if not self.path.exists():
            with self.write():
                pass

    def ensure_schema(self) -> None:
        """Bring a file made by an older version up to the current schema (a write that adds what is missing).

        Readers open the file read-only and cannot add tables; the dashboard calls this once at start.
        """
        if not self.path.exists():
            return
        try:
            with self.read() as cur:
                version = cur.execute("SELECT max(version) FROM schema_version").fetchall()[0][0] or 0
        except duckdb.CatalogException:
            version = 0
        if version < SCHEMA_VERSION:
            with self.write():
                pass


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
