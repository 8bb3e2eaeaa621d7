"""Meeting mode (issue 5 §6): the slide deck, its navigation and auto-advance.

State lives in the URL so that a link or a reload opens the same view: `present=1` turns the mode on, `trang=N`
is the slide, `tu_dong=N` the auto-advance in seconds (a number input bound to the URL), `in=1` the stacked
print view; the shared filters (ky, nam, so, …) stay in the URL because streamlit_app.py keeps drawing the
sidebar, hidden by CSS.

Keys: Streamlit 1.67 buttons take a `shortcut` (bound on the whole document by the frontend, so no script of our
own is needed): → / PageDown / Space next, ← / PageUp previous, Home / End first / last, Esc leaves. A
presentation clicker sends PageDown / PageUp (or the arrows). The extra keys are buttons hidden by CSS.

Auto-advance: a fragment that reruns every second and compares the time the slide has been shown with N; only
when it is due does it ask for one full rerun. Streamlit folds rerun requests that arrive during a run into one,
so a slow slide cannot make them pile up.
"""

from __future__ import annotations

import time

import streamlit as st

from dashboard.views import pdf_button
from dashboard.views.i18n import t
from dashboard.views.present import slides, strings  # noqa: F401  (strings registers the texts)
from dashboard.views.present.style import NO_SCROLL_CSS, PDF_DECK_CSS, PRESENT_CSS
from dashboard.views.selection import Selection

PRESENT = "present"
SLIDE = "trang"
AUTO = "tu_dong"
PRINT_ALL = "in"
FOR_PDF = "pdf"  # the print view as exports.page_pdf prints it
_SHOWN = "_present_shown"  # (slide, auto seconds, monotonic time it was shown)
TOTAL = len(slides.SLIDES)
MAX_AUTO = 3600


def active() -> bool:
    return st.query_params.get(PRESENT) == "1"


def current_slide() -> int:
    """The slide in the URL, 1…TOTAL (anything else: 1)."""
    try:
        number = int(st.query_params.get(SLIDE, "1"))
    except ValueError:
        return 1
    return min(max(number, 1), TOTAL)


def go(number: int) -> None:
    st.query_params[SLIDE] = str(min(max(number, 1), TOTAL))


def step(delta: int) -> None:
    go(current_slide() + delta)


def enter() -> None:
    st.query_params[PRESENT] = "1"
    st.query_params[SLIDE] = "1"


def leave() -> None:
    for name in (PRESENT, SLIDE, PRINT_ALL):
        if name in st.query_params:
            del st.query_params[name]


def _print_all(on: bool) -> None:
    if on:
        st.query_params[PRINT_ALL] = "1"
    elif PRINT_ALL in st.query_params:
        del st.query_params[PRINT_ALL]


def sidebar_button() -> None:
    """The sidebar's way in; the filters already in the URL stay there."""
    st.sidebar.button(t("pr.open"), key="present-open", on_click=enter, icon=":material/slideshow:",
                      help=t("pr.open.help"), width="stretch")  # fmt: skip


def due(shown_at: float, now: float, seconds: int) -> bool:
    """Auto-advance: the slide has been on screen for `seconds` (0 = never)."""
    return seconds > 0 and now - shown_at >= seconds


def _auto_seconds() -> int:
    value = st.session_state.get(AUTO)
    return int(value) if value else 0


def _controls(number: int, period) -> None:
    with st.container(key="pr-controls", horizontal=True, gap="small"):
        st.button(t("pr.prev"), key="pr-prev", on_click=step, args=(-1,), shortcut="Left",
                  icon=":material/chevron_left:", disabled=number == 1)  # fmt: skip
        st.button(t("pr.next"), key="pr-next", on_click=step, args=(1,), shortcut="Right",
                  icon=":material/chevron_right:", disabled=number == TOTAL)  # fmt: skip
        st.number_input(t("pr.auto"), min_value=0, max_value=MAX_AUTO, value=0, step=5, key=AUTO,
                        bind="query-params", help=t("pr.auto.help"), width=150,
                        label_visibility="collapsed")  # fmt: skip
        st.html(f'<span class="pr-caption">{t("pr.auto")}</span>')
        st.button(t("pr.print_all"), key="pr-print", on_click=_print_all, args=(True,),
                  icon=":material/print:")  # fmt: skip
        pdf_button.deck_button(period)
        st.button(t("pr.exit"), key="pr-exit", on_click=leave, shortcut="Esc", icon=":material/close:")
    # A clicker's keys and the other usual ones, on buttons nobody needs to see.
    with st.container(key="pr-keys"):
        for key, shortcut, action, args in (
            ("pr-key-pagedown", "PageDown", step, (1,)),
            ("pr-key-space", "Space", step, (1,)),
            ("pr-key-pageup", "PageUp", step, (-1,)),
            ("pr-key-home", "Home", go, (1,)),
            ("pr-key-end", "End", go, (TOTAL,)),
        ):
            st.button(key, key=key, on_click=action, args=args, shortcut=shortcut)


def _auto_advance(number: int) -> None:
    seconds = _auto_seconds()
    shown = st.session_state.get(_SHOWN)
    if shown is None or shown[:2] != (number, seconds):
        st.session_state[_SHOWN] = (number, seconds, time.monotonic())
    if not seconds:
        return

    def tick() -> None:
        shown_at = st.session_state[_SHOWN][2]
        if due(shown_at, time.monotonic(), seconds):
            go(number % TOTAL + 1)  # after the last slide, the first again
            st.rerun(scope="app")

    st.fragment(tick, run_every=1)()


def render(chosen: Selection | None) -> None:
    """The deck in place of the pages; `chosen` is None when no dossier is stored."""
    st.html(PRESENT_CSS)
    stacked = st.query_params.get(PRINT_ALL) == "1"
    if not stacked:
        st.html(NO_SCROLL_CSS)
    if chosen is None:
        with st.container(key="pr-deck"), st.container(key="pr-slide-empty"):
            st.html(f'<div class="pr-head"><div class="pr-title" data-testid="pr-title">'
                    f'{t("pr.empty.title")}</div></div>')  # fmt: skip
            st.html(f'<div class="pr-message" data-testid="pr-message">{t("pr.empty.text")}</div>')
        with st.container(key="pr-controls", horizontal=True):
            st.button(t("pr.exit"), key="pr-exit", on_click=leave, shortcut="Esc", icon=":material/close:")
        return
    if stacked:
        if st.query_params.get(FOR_PDF) == "1":
            st.html(PDF_DECK_CSS)
        with st.container(key="pr-print-bar", horizontal=True):
            st.button(
                t("pr.back"), key="pr-back", on_click=_print_all, args=(False,), icon=":material/slideshow:"
            )
            st.html(f'<span class="pr-caption pr-noprint">{t("pr.print_hint")}</span>')
        with st.container(key="pr-deck-all"):
            for number, slide in enumerate(slides.SLIDES, start=1):
                with st.container(key=f"pr-slide-{number}"):
                    slide(chosen, number, TOTAL)
        return
    number = current_slide()
    if st.query_params.get(SLIDE) != str(number):
        go(number)  # an absent or out-of-range value: the URL shows the slide actually on screen
    with st.container(key="pr-deck"), st.container(key=f"pr-slide-{number}"):
        slides.SLIDES[number - 1](chosen, number, TOTAL)
    _controls(number, chosen.period)
    _auto_advance(number)
