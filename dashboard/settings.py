"""Where things are. The database path is the only setting so far."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "data" / "cchc.duckdb"
SAMPLES_DIR = PROJECT_ROOT / "data" / "samples"


def database_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--db, else the CCHC_DB environment variable, else data/cchc.duckdb (issue 2, CLI contract)."""
    if explicit:
        return Path(explicit)
    from_env = os.environ.get("CCHC_DB")
    return Path(from_env) if from_env else DEFAULT_DB
