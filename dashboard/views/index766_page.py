"""Page under construction in this session (issue 4); replaced by its real content before it is called done."""

from __future__ import annotations

from dashboard.views.page_common import page_header


def render() -> None:
    page_header("nav.index766")
