"""The "Số liệu đến ngày" of an uploaded export (issue 11 §4): asked before the import, prefilled from the
file's title line when it has one. Without it the import day would stamp the data, and every page would then
claim data up to a day the export never reached."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard.formatting import format_date
from dashboard.views.data_import import newest_date, title_date
from dashboard.views.i18n import register, t

register(
    vi={
        "data.as_of": "Số liệu đến ngày",
        "data.as_of.help": "Ngày phần mềm một cửa chốt số liệu khi xuất tệp. Mọi trang tính kỳ đã trọn hay chưa "
        "theo ngày này của từng đơn vị.",
        "data.as_of.title": "Lấy từ dòng tiêu đề của tệp; sửa nếu chưa đúng.",
        "data.as_of.none": "Tệp không ghi ngày số liệu: hãy nhập ngày số liệu của lần xuất tệp.",
        "data.as_of.newest": "Ngày mới nhất có trong tệp (tiếp nhận, có kết quả hoặc trả): {day}.",
        "data.as_of.missing": "Chọn “Số liệu đến ngày” cho mỗi tệp trước khi nhập.",
    },
    en={
        "data.as_of": "Data as of",
        "data.as_of.help": "The day the one-stop software's figures stood at when the file was exported. Every "
        "page decides from it, per unit, whether a period is complete.",
        "data.as_of.title": "Taken from the file's title line; correct it if needed.",
        "data.as_of.none": "The file states no data date: enter the day of the export's figures.",
        "data.as_of.newest": "Newest day in the file (received, resolved or returned): {day}.",
        "data.as_of.missing": "Choose “Data as of” for each file before importing.",
    },
)


def ask(file_id: str, prepared) -> date | None:
    """The date input of one file; its value (None until the user chooses one for a file without a title
    date)."""
    stated = title_date(prepared)
    day = st.date_input(
        t("data.as_of"), value=stated, format="DD/MM/YYYY", key=f"as-of-{file_id}", help=t("data.as_of.help"),
        width=260,
    )  # fmt: skip
    notes = [t("data.as_of.title") if stated is not None else t("data.as_of.none")]
    newest = newest_date(prepared)
    if newest is not None:
        notes.append(t("data.as_of.newest", day=format_date(newest)))
    st.caption(" ".join(notes))
    return day
