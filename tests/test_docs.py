"""The README is checked against the code: a user who follows it must get what it says."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from test_readme_commands import documented_commands

from dashboard.cli import parser as _parser
from dashboard.ingest.aliases import CANONICAL_FIELDS
from dashboard.ingest.headers import ColumnMapping

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, flags=re.M | re.S)
    assert match, f"README has a section '{title}'"
    return match.group(1)


def _code_blocks(text: str) -> list[str]:
    return re.findall(r"```[a-z]*\n(.*?)```", text, flags=re.S)


def test_quick_start_is_exactly_two_commands():
    (block,) = _code_blocks(_section("Quick start"))
    assert block.split("\n")[:-1] == ["make run", "make test"]


def test_command_synopsis_matches_the_parser():
    """Every option README shows exists, and every option of a command is shown in one of its lines."""
    synopsis = _code_blocks(_section("Command line"))[0]
    commands = _parser()._subparsers._group_actions[0].choices
    documented: dict[str, set[str]] = {}
    for arguments in documented_commands():
        name = arguments.split()[0]
        documented.setdefault(name, set()).update(re.findall(r"--[a-z-]+", arguments))
    for line in synopsis.strip().splitlines():
        assert line.split()[3] in commands, line
    for name, options in documented.items():
        actual = _options(commands[name])
        assert options <= actual, name
        if name in {line.split()[3] for line in synopsis.strip().splitlines()}:
            assert actual - options <= {"--help"}, name


def _options(command) -> set[str]:
    """A command's options, those of its actions (calendar list, off, …) included."""
    options = set()
    for action in command._actions:
        options |= {opt for opt in action.option_strings if opt.startswith("--")}
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                options |= _options(sub)
    return options


def test_mapping_example_loads_and_names_real_fields(tmp_path):
    section = _section("Importing your own exports")
    (toml,) = [b for b in _code_blocks(section) if "[columns]" in b]
    path = tmp_path / "mapping.toml"
    path.write_text(toml, encoding="utf-8")
    mapping = ColumnMapping.load(path)
    assert set(mapping.by_folded.values()) <= set(CANONICAL_FIELDS)
    listed = re.findall(r"`([a-z_]+)`", section.split("canonical field")[1].split("```")[0])
    assert set(listed) - {"ignore"} <= set(CANONICAL_FIELDS)
