"""The Dữ liệu page's "Đơn vị" tab (issue 15 §1–2): the database's province, the unit names that did not resolve
(an ambiguous name is given its unit here), and the split old communes (their successor is chosen here). Every
choice is written through dashboard.store.units_settings, the same functions as `python -m dashboard units`."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.formatting import format_count
from dashboard.kpi.unit_register import split_units, stored_units
from dashboard.safe_text import markdown_text
from dashboard.store import Database, units_store
from dashboard.store import units_settings as write
from dashboard.units.choice_text import ChoiceError
from dashboard.units.province import ProvinceError
from dashboard.views.cache import database, kpi
from dashboard.views.tables import show_table
from dashboard.views.units_text import tu

_FLASH = "_units_flash"


def render() -> None:
    flash = st.session_state.pop(_FLASH, None)
    if flash:
        st.success(flash)
    units = kpi(stored_units)
    province_section(units)
    if units.register is None:
        return
    names_section(units)
    splits_section()


def province_section(units) -> None:
    with st.container(key="units-province"):
        st.subheader(tu("units.province.title"))
        if units.province:
            st.markdown(
                tu("units.province.set", province=units.province, units=format_count(len(units.register)))
            )
        else:
            st.info(tu("units.province.none"))
        with st.form("units-province-form", border=True):
            name = st.selectbox(tu("units.province.choose"), kpi(province_names), key="units-province-name",
                                index=None, placeholder=tu("units.choose"))  # fmt: skip
            if st.form_submit_button(tu("units.province.save")) and name:
                with st.spinner():
                    _write(lambda db: tu("units.province.saved", province=name,
                                         changed=format_count(write.set_province(db, name)[1])))  # fmt: skip


def province_names(db: Database) -> list[str]:
    """The provinces in force today (the national register's: built on first use)."""
    from datetime import date

    from dashboard.units.national import national_register

    return national_register().provinces(date.today())


def unresolved(db: Database) -> pd.DataFrame:
    with db.read() as cur:
        return units_store.unresolved_names(cur)


def names_section(units) -> None:
    with st.container(key="units-names"):
        st.subheader(tu("units.names.title"))
        st.caption(tu("units.names.how"))
        frame = kpi(unresolved)
        if frame.empty:
            st.success(tu("units.names.none"))
            return
        shown = frame.assign(
            status=frame["status"].map(lambda s: tu(f"units.status.{s}")),
            candidates=frame["candidates"].map("; ".join),
        ).drop(columns="candidate_ids")
        labels = {c: tu(f"units.col.{c}") for c in shown.columns}
        show_table(
            shown, dates=["first_day", "last_day"], labels=labels, counts=["rows"], key="units-names-table"
        )
        in_force = _in_force_options(units)
        for position, row in enumerate(frame.itertuples(index=False)):
            options = dict(zip(row.candidate_ids, row.candidates, strict=True)) or in_force
            with st.form(f"units-name-{position}", border=True):
                chosen = st.selectbox(tu("units.names.pick", name=markdown_text(row.name)), list(options),
                                      format_func=options.get, index=None, key=f"units-name-pick-{position}",
                                      placeholder=tu("units.choose"))  # fmt: skip
                if st.form_submit_button(tu("units.names.save")) and chosen:
                    _write(lambda db, name=row.name, unit=chosen: tu(
                        "units.names.saved", name=markdown_text(name), changed=format_count(write.choose_unit_for_name(db, name, unit))
                    ))  # fmt: skip


def _in_force_options(units) -> dict[str, str]:
    """For a name no unit bore: the units in force now (the user maps an old name to one of them)."""
    from datetime import date

    today = date.today()
    return {
        u.id: f"{u.name} ({u.code})" for u in sorted(units.register.in_force(today), key=lambda u: u.name)
    }


def splits_section() -> None:
    with st.container(key="units-splits"):
        st.subheader(tu("units.splits.title"))
        st.caption(tu("units.splits.how"))
        frame = kpi(split_units)
        if frame.empty:
            st.info(tu("units.splits.none"))
            return
        names = {uid: label for row in frame.itertuples() for uid, label in row.successors.items()}
        shown = pd.DataFrame({
            "unit": frame["name"], "code": frame["code"], "district": frame["district"],
            "dossiers": frame["dossiers"],
            "goes": [f"{names[g]}, {tu(f'units.rule.{r}')}" if g else tu(f"units.rule.{r}")
                     for g, r in zip(frame["goes_to"], frame["rule"], strict=True)],
        })  # fmt: skip
        show_table(shown, labels={c: tu(f"units.col.{c}") for c in shown.columns}, counts=["dossiers"],
                   key="units-splits-table")  # fmt: skip
        for position, row in enumerate(frame.itertuples(index=False)):
            options = list(row.successors)
            current = options.index(row.goes_to) if row.goes_to in options else None
            with st.form(f"units-split-{position}", border=True):
                chosen = st.selectbox(tu("units.splits.pick", name=markdown_text(row.name), code=row.code), options,
                                      format_func=row.successors.get, index=current,
                                      key=f"units-split-pick-{position}", placeholder=tu("units.choose"))  # fmt: skip
                if st.form_submit_button(tu("units.splits.save")) and chosen:
                    _write(lambda db, old=row.unit_id, new=chosen, name=row.name: (
                        write.choose_successor_ids(db, old, new), tu("units.splits.saved", name=markdown_text(name))
                    )[1])  # fmt: skip


def _write(action) -> None:
    """Run a units_settings writer; its Vietnamese error is shown, nothing is stored; on success the page runs
    again on the new file version (the KPI cache is keyed by it) with the message."""
    try:
        message = action(database())
    except (ChoiceError, ProvinceError, ValueError) as error:
        st.error(markdown_text(error))
        return
    st.session_state[_FLASH] = message
    st.rerun()
