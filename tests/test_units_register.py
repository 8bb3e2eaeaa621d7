"""The unit register on the hand-computed case (issue 15 §7): five old communes become two new ones, one split
with a same-name successor; a chosen successor moves the split commune; a later reorganisation chains."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pandas as pd
import pytest
from units_fixtures import DOSSIERS, EFFECTIVE, EFFECTIVE_2026, crosswalk_2026_text, five_to_two

from dashboard.units.apply_table import apply_table
from dashboard.units.crosswalk_reader import parse_crosswalk
from dashboard.units.mapping_table import mapping_frame, with_groups
from dashboard.units.resolve import NameIndex
from dashboard.units.sources import csv_rows
from dashboard.units.successors import choice_error, current_unit, successor_of, unit_mapping

AFTER = date(2025, 9, 30)
BEFORE = date(2025, 6, 30)


def _counts(register, mode: str, at: date, choices=None) -> dict[str, int]:
    mapping = unit_mapping(register, mode, at, DOSSIERS, choices)
    totals: Counter[str] = Counter()
    for unit_id, count in DOSSIERS.items():
        totals[register[mapping[unit_id].unit_id].name] += count
    return dict(totals)


def test_the_register_has_the_old_units_until_the_day_before_and_the_new_ones_from_it():
    register = five_to_two().register
    assert sorted(u.id for u in register.in_force(BEFORE)) == [
        "90001",
        "90002",
        "90003",
        "90004",
        "90005",
        "990",
        "991",
    ]
    assert sorted(u.id for u in register.in_force(EFFECTIVE)) == ["90001@2025-07-01", "90003@2025-07-01"]
    new = register["90003@2025-07-01"]
    assert (new.name, new.kind, new.province, new.valid_from, new.valid_to) == (
        "Xã Thái Bình", "xã", "Tỉnh Mẫu", EFFECTIVE, None
    )  # fmt: skip
    old = register["90003"]
    assert old.valid_to == EFFECTIVE and old.is_split
    assert [(s.unit_id, s.whole) for s in old.successors] == [
        ("90001@2025-07-01", False),
        ("90003@2025-07-01", False),
    ]
    assert [(s.unit_id, s.whole) for s in register["90004"].successors] == [("90003@2025-07-01", True)]


def test_current_units_put_the_split_commune_under_its_same_name_successor():
    register = five_to_two().register
    assert successor_of(register["90003"], register).rule == "same_name"
    assert _counts(register, "current", AFTER) == {"Xã An Bình": 15, "Xã Thái Bình": 12}


def test_recorded_units_keep_the_five_old_communes():
    register = five_to_two().register
    assert _counts(register, "recorded", AFTER) == {
        "Xã An Phú": 10, "Xã Bình Minh": 5, "Xã Thái Bình": 7, "Thị trấn Cầu Mới": 3, "Xã Hòa Lạc": 2,
    }  # fmt: skip


def test_a_period_that_ends_before_the_reorganisation_counts_the_old_units_both_ways():
    register = five_to_two().register
    assert _counts(register, "current", BEFORE) == _counts(register, "recorded", BEFORE)


def test_a_chosen_successor_moves_the_split_commune():
    register = five_to_two().register
    choices = {"90003": "90001@2025-07-01"}
    assert successor_of(register["90003"], register, choices).rule == "chosen"
    assert _counts(register, "current", AFTER, choices) == {"Xã An Bình": 22, "Xã Thái Bình": 5}


def test_a_choice_must_be_one_of_the_successors():
    register = five_to_two().register
    assert choice_error(register, "90003", "90001@2025-07-01") is None
    assert "không nhận" in choice_error(register, "90001", "90003@2025-07-01")
    assert "vẫn còn hiệu lực" in choice_error(register, "90003@2025-07-01", "90001@2025-07-01")
    # A choice that is not allowed is not followed: the rule of the table stands.
    assert successor_of(register["90001"], register, {"90001": "90003@2025-07-01"}).rule == "whole"


def test_without_a_same_name_successor_the_whole_population_mark_decides():
    build = five_to_two(second_name="Xã Hòa Thái", split_note_2="Nhập một phần diện tích, toàn bộ dân số")
    register = build.register
    assert successor_of(register["90003"], register).rule == "whole_population"
    assert _counts(register, "current", AFTER) == {"Xã An Bình": 15, "Xã Hòa Thái": 12}


def test_a_split_with_no_rule_stays_its_own_row_marked_as_split():
    register = five_to_two(second_name="Xã Hòa Thái").register
    pick = successor_of(register["90003"], register)
    assert (pick.unit_id, pick.rule) == (None, "split")
    current = current_unit("90003", AFTER, register)
    assert (current.unit_id, current.unresolved) == ("90003", "split")
    assert _counts(register, "current", AFTER) == {"Xã An Bình": 15, "Xã Thái Bình": 7, "Xã Hòa Thái": 5}
    frame = mapping_frame(register, "current", AFTER, DOSSIERS)
    assert frame.set_index("unit_id").loc["90003", "mark"] == "split"


def test_names_resolve_to_the_unit_in_force_on_the_received_date():
    register = five_to_two().register
    names = NameIndex(register)
    assert names.resolve("UBND xã Thái Bình", date(2025, 3, 3), "Tỉnh Mẫu").unit.id == "90003"
    assert names.resolve("Xã Thái Bình", date(2025, 8, 4), "Mẫu").unit.id == "90003@2025-07-01"
    assert names.resolve("Phường Thái Bình", date(2025, 8, 4), "Tỉnh Mẫu").status == "unknown"


def test_a_later_reorganisation_chains_through_the_successors():
    build = five_to_two()
    register = build.register
    later = parse_crosswalk(csv_rows(crosswalk_2026_text()), EFFECTIVE_2026, "2026.csv")
    applied = apply_table(register, later)
    assert applied.new_units == ["90010@2026-04-30"] and applied.links == 2
    assert register["90001@2025-07-01"].valid_to == EFFECTIVE_2026
    assert _counts(register, "current", date(2025, 12, 31)) == {"Xã An Bình": 15, "Xã Thái Bình": 12}
    assert _counts(register, "current", date(2026, 6, 30)) == {"Phường Mẫu Sơn": 27}
    path = current_unit("90003", date(2026, 6, 30), register).path
    assert path == ("90003", "90003@2025-07-01", "90010@2026-04-30")
    with pytest.raises(ValueError, match="đã có một lần sắp xếp"):
        apply_table(register, later)


def test_with_groups_gives_every_dossier_exactly_one_group():
    register = five_to_two().register
    dossiers = pd.DataFrame({"unit_id": [u for u, n in DOSSIERS.items() for _ in range(n)]})
    grouped = with_groups(dossiers, mapping_frame(register, "current", AFTER, DOSSIERS))
    assert len(grouped) == len(dossiers) == 27
    assert grouped.groupby("group_name").size().to_dict() == {"Xã An Bình": 15, "Xã Thái Bình": 12}
    with pytest.raises(KeyError):
        with_groups(
            pd.DataFrame({"unit_id": ["nowhere"]}), mapping_frame(register, "current", AFTER, DOSSIERS)
        )
