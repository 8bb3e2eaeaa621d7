"""The project ships its own copy of the national tables (issue 15 "Data"): it is package data, in git, equal to
the NSO files byte for byte, and the package never reads ../shared when it runs for a user."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.units.sources import COMMUNES_BEFORE_2025, CROSSWALK_2025, package_text

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "dashboard" / "units"
SHARED = ROOT.parent / "shared" / "data" / "real"
FILES = {
    CROSSWALK_2025: "nso_crosswalk_2025-07-01.csv",
    COMMUNES_BEFORE_2025: "nso_communes_before_2025-07-01.csv",
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_the_tables_are_package_data_tracked_by_git(name):
    assert (PACKAGE / "data" / name).is_file()
    tracked = subprocess.run(
        ["git", "ls-files", "--error-unmatch", f"dashboard/units/data/{name}"], cwd=ROOT, capture_output=True
    )
    assert tracked.returncode == 0, f"{name} is not in git: a fresh clone would miss it"


@pytest.mark.parametrize("name", sorted(FILES))
def test_the_copy_is_the_nso_file_byte_for_byte(name):
    original = SHARED / FILES[name]
    if not original.exists():
        pytest.skip("shared/data/real is not beside this checkout")
    assert gzip.decompress((PACKAGE / "data" / name).read_bytes()) == original.read_bytes()
    assert package_text(name) == original.read_text(encoding="utf-8")


def test_the_register_builds_from_another_working_directory_without_opening_shared(tmp_path):
    """As a user runs it: from anywhere, and no file outside the package is opened (an audit hook watches)."""
    code = (
        "import sys\n"
        "def watch(event, args):\n"
        "    if event == 'open' and 'shared' in str(args[0]):\n"
        "        raise RuntimeError('opened ' + str(args[0]))\n"
        "sys.addaudithook(watch)\n"
        "from datetime import date\n"
        "from dashboard.units.national import national_register\n"
        "print(len(national_register().in_force(date(2025, 7, 1))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "3321"
