"""Units for the rows of an import (issue 15 §1): each row's unit name and received date → the register's unit,
as the ingest pipeline will call it before the store writes the rows (docs/units.md).

A name resolves the same way on every day between two dates of the register (the days units began or ended), so
each distinct (name, district) is resolved once per such span, not once per row: an import of a million rows
costs a few hundred resolutions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
import pandas as pd

from dashboard.units.resolve import AMBIGUOUS, RESOLVED, UNKNOWN, NameIndex

UNRESOLVED_COLUMNS = ["name", "district", "status", "rows", "first_day", "last_day", "candidates", "note"]


@dataclass
class Assignment:
    """unit_id: the unit of each row (None where the name is ambiguous or unknown: the row loads under the name
    as recorded meanwhile, and nothing is lost); status: resolved / ambiguous / unknown per row; unresolved:
    one line per name that did not resolve, with its candidates, for the Dữ liệu page."""

    unit_id: pd.Series
    status: pd.Series
    unresolved: pd.DataFrame


def assign_units(
    index: NameIndex,
    names: pd.Series,
    received: pd.Series,
    province: str | None,
    districts: pd.Series | None = None,
    choices: Mapping[str, str] | None = None,
) -> Assignment:
    days = pd.to_datetime(received).dt.normalize().to_numpy(dtype="datetime64[D]")
    boundaries = np.array(index.register.dates(), dtype="datetime64[D]")
    span = np.searchsorted(boundaries, days, side="right")
    name_code, name_values = pd.factorize(names, use_na_sentinel=False)
    if districts is None:
        district_code, district_values = np.zeros(len(names), dtype=np.int64), np.array([None], dtype=object)
    else:
        district_code, district_values = pd.factorize(districts, use_na_sentinel=True)
        district_code = district_code + 1  # 0: no district given
        district_values = np.array([None, *district_values], dtype=object)
    combined = (name_code * len(district_values) + district_code) * (len(boundaries) + 1) + span
    unique, first, key = np.unique(combined, return_index=True, return_inverse=True)
    answers = np.empty(len(unique), dtype=object)
    for i, row in enumerate(first):
        on = _day_in_span(boundaries, int(span[row]))
        name, district = name_values[name_code[row]], district_values[district_code[row]]
        answers[i] = index.resolve(str(name), on, province, district, choices)
    ids = np.array([a.unit.id if a.status == RESOLVED else None for a in answers], dtype=object)
    statuses = np.array([a.status for a in answers], dtype=object)
    unit_id = pd.Series(ids[key], index=names.index, dtype=object)
    status = pd.Series(
        pd.Categorical(statuses[key], categories=[RESOLVED, AMBIGUOUS, UNKNOWN]), index=names.index
    )
    frame = pd.DataFrame({"key": key, "day": days})
    return Assignment(unit_id, status, _unresolved(frame, answers, name_values[name_code[first]],
                                                   district_values[district_code[first]]))  # fmt: skip


def _day_in_span(boundaries: np.ndarray, position: int):
    """A day of span `position`: the span before the first date is the day before it."""
    if len(boundaries) == 0:
        return pd.Timestamp("2000-01-01").date()
    if position == 0:
        return (boundaries[0].astype("M8[D]").astype(object)) - timedelta(days=1)
    return boundaries[position - 1].astype("M8[D]").astype(object)


def _unresolved(frame: pd.DataFrame, answers: np.ndarray, names, districts) -> pd.DataFrame:
    """One line per (name, district, status): the spans of one name that did not resolve are added up."""
    open_keys = np.array([i for i, answer in enumerate(answers) if answer.status != RESOLVED], dtype=np.int64)
    if len(open_keys) == 0:
        return pd.DataFrame(columns=UNRESOLVED_COLUMNS)
    rows = frame[np.isin(frame["key"].to_numpy(), open_keys)]
    per_key = rows.groupby("key").agg(rows=("day", "size"), first_day=("day", "min"), last_day=("day", "max"))
    keys = per_key.index.to_numpy()
    per_key["name"] = [names[i] for i in keys]
    per_key["district"] = [districts[i] for i in keys]
    per_key["status"] = [answers[i].status for i in keys]
    per_key["note"] = [answers[i].note for i in keys]
    per_key["candidates"] = [
        "; ".join(f"{u.name} ({u.code}, {u.district or u.province})" for u in answers[i].candidates)
        for i in keys
    ]
    grouped = per_key.groupby(["name", "district", "status", "candidates", "note"], dropna=False, sort=True)
    out = grouped.agg(rows=("rows", "sum"), first_day=("first_day", "min"), last_day=("last_day", "max"))
    return out.reset_index()[UNRESOLVED_COLUMNS]
