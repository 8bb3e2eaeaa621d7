"""The app's pages in menu order, built once per run so that pages can link to each other."""

from __future__ import annotations

import streamlit as st

from dashboard.views.i18n import t

# (module in dashboard.views.pages, URL path, menu string key). No page icons: Streamlit turns a page's
# Material icon into the browser-tab icon fetched from Google's font server, and nothing may be fetched from
# the internet at run time; the menu reads fine without them.
PAGES = (
    ("overview", "tong-quan", "nav.overview"),
    ("units", "don-vi", "nav.units"),
    ("fields", "linh-vuc", "nav.fields"),
    ("actions", "qua-han", "nav.actions"),
    ("satisfaction", "hai-long", "nav.satisfaction"),
    ("index766", "chi-so-766", "nav.index766"),
    ("report", "bao-cao", "nav.report"),
    ("data", "du-lieu", "nav.data"),
)
_BUILT = "_pages"


def page_file(module: str) -> str:
    """The page's script, relative to the app's root: Streamlit runs it as `__main__` (and AppTest can open it)."""
    return f"dashboard/views/pages/{module}.py"


def build() -> list:
    pages = {}
    for module, path, label in PAGES:
        pages[module] = st.Page(
            page_file(module), title=t(label), url_path=path, default=module == "overview"
        )
    st.session_state[_BUILT] = pages
    return list(pages.values())


def page(module: str):
    """The page object of a module, for st.page_link and st.switch_page."""
    return st.session_state[_BUILT][module]
