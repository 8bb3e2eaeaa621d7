"""The demo's history crosses the reorganisation of 1/7/2025 (issue 15 §6): before it the dossiers name the old
communes and wards each demo unit was made of, after it the new units; the catalog's list of old units is the
NSO conversion table's."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.demo.catalog import PREDECESSORS, PROVINCE, REORGANISATION, UNITS
from dashboard.demo.generator import generate_dossiers
from dashboard.units.national import national_register
from dashboard.units.province import within_province
from dashboard.units.resolve import NameIndex
from dashboard.units.successors import successor_of


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return generate_dossiers(30_000, seed=7)


def test_the_catalog_lists_each_units_old_communes_as_the_nso_table_does():
    register = within_province(national_register(), PROVINCE)
    names = NameIndex(register)
    for unit in UNITS:
        new = names.resolve(unit.name, date(2025, 8, 1), PROVINCE)
        assert new.status == "resolved", unit.name
        assert sorted(PREDECESSORS[unit.name]) == sorted(
            old.name for old in register.predecessors(new.unit.id)
        )


def test_only_xa_hoa_lien_is_a_split_without_default():
    register = within_province(national_register(), PROVINCE)
    names = NameIndex(register)
    undecided = set()
    for olds in PREDECESSORS.values():
        for old in olds:
            unit = names.resolve(old, date(2025, 3, 1), PROVINCE).unit
            if successor_of(unit, register).unit_id is None:
                undecided.add(unit.name)
    assert undecided == {"Xã Hòa Liên"}


def test_dossiers_name_old_communes_before_the_reorganisation_and_new_units_after(frame):
    before = frame["received_at"] < pd.Timestamp(REORGANISATION)
    old_names = {old for olds in PREDECESSORS.values() for old in olds}
    new_names = {unit.name for unit in UNITS}
    assert set(frame.loc[before, "unit"]) <= old_names
    assert set(frame.loc[~before, "unit"]) == new_names
    assert frame.loc[before, "unit"].nunique() >= 90  # most old communes have dossiers
    # A name both sides share (the old Phường Hải Châu, merged whole into the new one) is on both sides.
    assert {"Phường Hải Châu", "Phường An Khê"} <= set(frame.loc[before, "unit"]) & set(
        frame.loc[~before, "unit"]
    )
