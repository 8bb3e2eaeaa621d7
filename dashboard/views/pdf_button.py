"""The "Tải PDF" button of every page and of the meeting deck (issue 11 §14): the view on screen, as an
A4-landscape PDF printed server-side (exports.page_pdf) from the page's own URL, with its filters and the
user's cookies. The PDF is made only when the button is clicked (a callable for st.download_button, run by
Streamlit in a thread of its own while the server keeps serving the printing tab)."""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st

from dashboard.exports.chart_images import ChromiumMissing, browser_path
from dashboard.exports.page_pdf import app_url, page_pdf
from dashboard.kpi.periods import Period
from dashboard.views.i18n import register, t
from dashboard.views.navigation import PAGES

PDF = "application/pdf"
# Meeting-mode parameters that are not part of the printed deck (the slide on screen, the auto-advance).
_DECK_ONLY = ("trang", "tu_dong")

register(
    vi={
        "pdf.page": "Tải PDF trang này",
        "pdf.page.help": "Trang này đúng như đang xem (cùng bộ lọc), khổ A4 ngang, tạo trên máy chủ.",
        "pdf.deck": "PDF",
        "pdf.deck.help": "Cả bộ trình chiếu, mỗi trang một tờ A4 ngang, tạo trên máy chủ.",
        "pdf.no_chromium": "Cần trình duyệt Chromium trên máy chủ để tạo PDF (cách cài: xem README).",
    },
    en={
        "pdf.page": "Download this page as PDF",
        "pdf.page.help": "This page as shown (same filters), A4 landscape, made on the server.",
        "pdf.deck": "PDF",
        "pdf.deck.help": "The whole deck, one slide per A4-landscape sheet, made on the server.",
        "pdf.no_chromium": "Making a PDF needs Chromium on the server (see README to install it).",
    },
)


def chromium_ready() -> bool:
    try:
        browser_path()
    except ChromiumMissing:
        return False
    return True


def _query(drop: tuple[str, ...] = ()) -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params if key not in drop}


def _url(path: str, query: dict[str, list[str]]) -> str:
    return app_url(
        int(st.get_option("server.port")), path, query, address=st.get_option("server.address") or "",
        base=st.get_option("server.baseUrlPath") or "",
    )  # fmt: skip


def page_path(title_key: str) -> str:
    """The URL path of the page whose title is `title_key` ("" for the default page)."""
    for module, path, label in PAGES:
        if label == title_key:
            return "" if module == "overview" else path
    current = urlsplit(st.context.url or "").path
    return current.rsplit("/", 1)[-1]


def file_stem(title_key: str, period: Period) -> str:
    page = next((path for _, path, label in PAGES if label == title_key), "trang")
    return f"{page}_{period.start:%Y%m%d}_{period.end:%Y%m%d}"


def page_button(title_key: str, period: Period) -> None:
    url = _url(page_path(title_key), _query())
    cookies = dict(st.context.cookies)
    ready = chromium_ready()
    st.download_button(
        t("pdf.page"), data=lambda: page_pdf(url, cookies), file_name=f"{file_stem(title_key, period)}.pdf",
        mime=PDF, icon=":material/picture_as_pdf:", help=t("pdf.page.help") if ready else t("pdf.no_chromium"),
        key="page-pdf", on_click="ignore", disabled=not ready, width="stretch",
    )  # fmt: skip


def deck_button(period: Period) -> None:
    query = {**_query(drop=_DECK_ONLY), "present": ["1"], "in": ["1"], "pdf": ["1"]}
    url = _url("", query)
    cookies = dict(st.context.cookies)
    ready = chromium_ready()
    st.download_button(
        t("pdf.deck"), data=lambda: page_pdf(url, cookies, deck=True),
        file_name=f"trinh_chieu_{period.start:%Y%m%d}_{period.end:%Y%m%d}.pdf", mime=PDF,
        icon=":material/picture_as_pdf:", help=t("pdf.deck.help") if ready else t("pdf.no_chromium"),
        key="pr-pdf", on_click="ignore", disabled=not ready,
    )  # fmt: skip
