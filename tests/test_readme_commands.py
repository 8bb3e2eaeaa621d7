"""Every `python -m dashboard …` line README.md shows runs, as a user would type it (issue 10 §5).

The lines of README's code blocks are run in order, each as its own process, against a copy of a demo database
(CCHC_DB) with the sample exports put where the README says they are (~/Downloads/DanhSachHoSo.xls, export.xlsx,
mapping.toml). A synopsis line ("ingest FILE [FILE ...] [--db DB] …") is run with its placeholders filled in and
every optional part taken (the first of a|b alternatives). A command mentioned inline in the prose must exist.
So a documented command cannot be missing, and cannot fail.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from units_fixtures import demo_crosswalk_2026_text

from dashboard.cli import parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMAND = re.compile(r"(?:\.venv[/\\](?:bin|Scripts)[/\\])?python -m dashboard\s+(.*)")
# Placeholder → what the test puts there; the option before it decides where it has several meanings.
PLACEHOLDERS = {
    "DB": "{db}",
    "N": {"--dossiers": "30000", "--seed": "3"},
    "NAME": {"province": "Đà Nẵng", None: "Phường Hải Châu"},
    "OLD": "Xã Hòa Liên",  # the demo's split commune (issue 15)
    "NEW": "Phường Hải Vân",
    "FILE": {"--mapping": "mapping.toml", "crosswalk": "bang_chuyen_doi.csv", None: "export.xlsx"},
    "FILE.xlsx": "out/readme.xlsx",
    "FILE.docx": "out/readme.docx",
    "DIR": "out/samples",
    "YYYY-MM-DD": {
        "--from": "2026-06-15",
        "--to": "2026-09-14",
        "--as-of": "2026-11-14",
        "--effective": "2026-12-01",
        "--at": "2025-06-30",
    },
}
PLACEHOLDER = re.compile(r"^[A-Z][A-Z\-]*(\.[a-z]+)?$|^Y{4}-M{2}-D{2}$")


def code_block_lines(text: str) -> list[str]:
    lines = []
    for block in re.findall(r"```[a-z]*\n(.*?)```", text, flags=re.S):
        lines += block.splitlines()
    return lines


def documented_commands(text: str = README) -> list[str]:
    """The argument part of every command line in README's code blocks, comments removed, in order."""
    commands = []
    for line in code_block_lines(text):
        match = COMMAND.search(line)
        if match:
            arguments = re.split(r"\s+#\s", match.group(1), maxsplit=1)[0].strip()
            commands.append(arguments)
    return commands


def concrete(arguments: str) -> list[str]:
    """A synopsis made runnable: every optional part taken, placeholders filled, alternatives' first one."""
    words: list[str] = []
    for token in shlex.split(arguments):
        if token in ("[FILE", "...]"):  # "[FILE ...]": more files may follow; one is enough
            continue
        word = token.strip("[]")
        if "|" in word:
            word = word.split("|")[0]
        if PLACEHOLDER.match(word):
            assert word in PLACEHOLDERS, f"README placeholder {word} has no value in {__name__}"
            value = PLACEHOLDERS[word]
            if isinstance(value, dict):
                value = value.get(words[-1] if words else None, value.get(None))
                assert value is not None, f"no value for {word} after {words[-1]}"
            word = value
        words.append(word)
    return words


@pytest.fixture(scope="module")
def workspace(demo_database, tmp_path_factory):
    """A folder laid out as README's examples expect, and the environment they run in."""
    db_source, samples = demo_database
    folder = tmp_path_factory.mktemp("readme")
    db = folder / "cchc.duckdb"
    shutil.copy(db_source, db)
    (folder / "home" / "Downloads").mkdir(parents=True)
    shutil.copy(samples / "mau_html.xls", folder / "home" / "Downloads" / "DanhSachHoSo.xls")
    shutil.copy(samples / "mau_xlsx_tieu_de_gop_o.xlsx", folder / "export.xlsx")
    (mapping,) = [block for block in re.findall(r"```toml\n(.*?)```", README, flags=re.S)]
    (folder / "mapping.toml").write_text(mapping, encoding="utf-8")
    # A conversion table in the NSO layout for `units crosswalk FILE` (made up: two demo wards merge on 1/12/2026).
    crosswalk = demo_crosswalk_2026_text().replace("30/4/2026", "1/12/2026")
    (folder / "bang_chuyen_doi.csv").write_text(crosswalk, encoding="utf-8")
    (folder / "out").mkdir()
    env = os.environ | {"CCHC_DB": str(db), "HOME": str(folder / "home"), "PYTHONPATH": str(ROOT)}
    return folder, db, env


def test_readme_shows_the_commands_of_every_module():
    shown = {concrete(arguments)[0] for arguments in documented_commands()}
    assert shown >= {"ingest", "demo", "report", "kpi", "calendar", "time-limit", "targets"}


def test_every_documented_command_line_runs(workspace):
    folder, db, env = workspace
    commands = documented_commands()
    assert len(commands) >= 15
    for arguments in commands:
        words, redirect = concrete(arguments), None
        if ">" in words:  # "… --format csv > file.csv": the shell's redirection, done here
            words, redirect = words[: words.index(">")], folder / words[words.index(">") + 1]
        words = [
            word.replace("~", str(folder / "home"), 1) if word.startswith("~/") else word for word in words
        ]
        words = [word.format(db=db) for word in words]
        done = subprocess.run(
            [sys.executable, "-m", "dashboard", *words], cwd=folder, env=env, capture_output=True, timeout=600
        )
        assert done.returncode == 0, (
            f"python -m dashboard {arguments}\n{done.stderr.decode(errors='replace')}"
        )
        if redirect is not None:
            redirect.write_bytes(done.stdout)
            assert redirect.stat().st_size > 0
    assert (folder / "out" / "readme.xlsx").stat().st_size > 0  # the report synopsis wrote its file


def test_commands_named_in_the_prose_exist():
    commands = parser()._subparsers._group_actions[0].choices
    inline = re.findall(r"`(?:\.venv/bin/)?python -m dashboard ([a-z-]+)[^`]*`", README)
    assert inline, "README names commands in its text"
    for name in inline:
        assert name in commands, name


def test_the_synopsis_placeholders_are_filled():
    words = concrete("ingest FILE [FILE ...] [--db DB] [--as-of YYYY-MM-DD] [--mapping FILE] [--json]")
    assert words == [
        "ingest", "export.xlsx", "--db", "{db}", "--as-of", "2026-11-14", "--mapping", "mapping.toml", "--json"
    ]  # fmt: skip
    words = concrete("report --from YYYY-MM-DD --to YYYY-MM-DD [--by unit|field] --out FILE.xlsx|FILE.docx")
    assert words == [
        "report",
        "--from",
        "2026-06-15",
        "--to",
        "2026-09-14",
        "--by",
        "unit",
        "--out",
        "out/readme.xlsx",
    ]
