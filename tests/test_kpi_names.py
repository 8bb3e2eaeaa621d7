"""Issue 11 §3: the two overdue counts (cols 10 + 13, and col 13) carry different names everywhere."""

from __future__ import annotations

import importlib

from dashboard.cli.output import KPI_HEADERS_VI
from dashboard.kpi.names import OPEN_OVERDUE_NAME, OVERDUE_TOTAL_NAME, kpi_name
from dashboard.kpi.targets import KPI_LABEL_VI
from dashboard.views.i18n import STRINGS

PAGES = ("overview_page", "actions_page", "units_page", "fields_page", "report_page", "present.strings")
AMBIGUOUS = {"hồ sơ quá hạn", "quá hạn", "overdue dossiers", "overdue"}


def _all_strings() -> dict[str, dict[str, str]]:
    for module in PAGES:
        importlib.import_module(f"dashboard.views.{module}")
    return STRINGS


def test_the_names_differ_and_say_what_they_count():
    assert kpi_name("overdue_count") == "Hồ sơ quá hạn (đã và đang giải quyết)"
    assert kpi_name("c13") == "Hồ sơ đang quá hạn"
    assert kpi_name("overdue_count", "en") != kpi_name("c13", "en")


def test_no_screen_names_an_overdue_count_without_saying_which():
    strings = _all_strings()
    for language, table in strings.items():
        bare = {key: text for key, text in table.items() if text.strip().casefold() in AMBIGUOUS}
        assert bare == {}, language


def test_the_cards_the_overdue_page_the_slides_and_the_targets_use_the_names():
    strings = _all_strings()["vi"]
    assert strings["ov.overdue"] == kpi_name("overdue_count")
    assert strings["pr.overdue"] == kpi_name("overdue_count")
    assert strings["actions.metric.overdue"] == kpi_name("c13")
    assert KPI_LABEL_VI["overdue_count"] == kpi_name("overdue_count")


def test_the_cli_table_uses_the_names():
    assert OVERDUE_TOTAL_NAME in KPI_HEADERS_VI["overdue_total"].casefold()
    assert OPEN_OVERDUE_NAME in KPI_HEADERS_VI["in_progress_overdue"].casefold()
