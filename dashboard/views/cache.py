"""KPI answers cached per version of the database file.

An import replaces the file (new inode and mtime), so the next browser refresh misses the cache and reads the
new data, while reruns on the same version (a click elsewhere on the page, switching language) do not query
again. Pages call `kpi(function, *args)` with a function of the KPI layer whose first argument is the Database.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

from dashboard.settings import database_path
from dashboard.store import Database


def database() -> Database:
    return Database(database_path())


def file_version(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


@st.cache_data(max_entries=256, show_spinner=False)
def _cached(path: str, version: tuple[int, int, int] | None, name: str, _function: Callable, args: tuple,
            kwargs: tuple):  # fmt: skip
    # `name` identifies the function in the cache key; the function itself is not hashable.
    return _function(Database(path), *args, **dict(kwargs))


def kpi(function: Callable, *args, **kwargs):
    """function(database, *args, **kwargs), computed once per file version and arguments."""
    path = database_path()
    name = f"{function.__module__}.{function.__qualname__}"
    return _cached(str(path), file_version(path), name, function, args, tuple(sorted(kwargs.items())))
