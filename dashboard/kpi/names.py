"""The names of the overdue counts (issue 11 §3), one place for every page, slide, export and the CLI.

Three different numbers, three different names, so that "348" on one screen and "136" on another are never
read as the same figure (KPI_SPEC §4–5):
- overdue_count = col 10 + col 13: "quá hạn (đã và đang giải quyết)", resolved late in the period plus still
  open past the deadline at its end;
- c13: "đang quá hạn", still open past the deadline at the period's end (the overdue page's list);
- c10: "đã giải quyết quá hạn", resolved late in the period.
"""

from __future__ import annotations

OVERDUE_TOTAL_NAME = "quá hạn (đã và đang giải quyết)"
OPEN_OVERDUE_NAME = "đang quá hạn"
RESOLVED_LATE_NAME = "đã giải quyết quá hạn"

# kpi_table column → {language: name as a card or column title}.
NAMES: dict[str, dict[str, str]] = {
    "overdue_count": {
        "vi": f"Hồ sơ {OVERDUE_TOTAL_NAME}",
        "en": "Overdue dossiers (resolved late and still open)",
    },
    "c13": {"vi": f"Hồ sơ {OPEN_OVERDUE_NAME}", "en": "Dossiers open and overdue"},
    "c10": {"vi": f"Hồ sơ {RESOLVED_LATE_NAME}", "en": "Dossiers resolved late"},
}


def kpi_name(kpi: str, lang: str = "vi") -> str:
    """The title of one of the overdue counts in a language (Vietnamese when the language is unknown)."""
    names = NAMES[kpi]
    return names.get(lang, names["vi"])
