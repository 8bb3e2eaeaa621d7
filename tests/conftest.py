"""Shared fixtures. The fixture database itself is built by fixture_data.py."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from streamlit import config as st_config

TESTS = Path(__file__).resolve().parent
# `pytest` run without `python -m` puts tests/ on sys.path but not the project root; make both explicit.
for directory in (TESTS.parent, TESTS):
    if str(directory) not in sys.path:
        sys.path.insert(0, str(directory))

from fixture_data import build_fixture_database  # noqa: E402

# Every exception of a page shown in full to the tests (AppTest in this process; the browser tests' servers
# through the environment, which `streamlit run` reads); the project's config hides them from users
# (dashboard/views/failure.py).
os.environ["STREAMLIT_CLIENT_SHOW_ERROR_DETAILS"] = "full"
st_config.set_option("client.showErrorDetails", "full")


@pytest.fixture
def tmp_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database with FIXTURE_UNITS' dossiers; CCHC_DB points the app at it."""
    path = build_fixture_database(tmp_path / "cchc.duckdb")
    monkeypatch.setenv("CCHC_DB", str(path))
    return path


@pytest.fixture(scope="session")
def sample_exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo's sample export files (what `python -m dashboard demo` writes to data/samples/), made afresh:
    a clean clone has no data/ folder."""
    from dashboard.demo.generator import generate_dossiers
    from dashboard.demo.samples import write_samples

    folder = tmp_path_factory.mktemp("samples")
    return {path.name: path for path in write_samples(generate_dossiers(), folder)}


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(database, samples folder) as `python -m dashboard demo` makes them, smaller: 30.000 dossiers. Read it,
    do not change it (tests that import build their own)."""
    from dashboard.cli import main

    folder = tmp_path_factory.mktemp("demo")
    db_path, samples = folder / "cchc.duckdb", folder / "samples"
    arguments = ["--db", str(db_path), "--dossiers", "30000", "--seed", "3", "--samples", str(samples)]
    assert main(["demo", *arguments]) == 0
    return db_path, samples
