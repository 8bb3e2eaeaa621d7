"""The Word report's charts (issue 5 §2), built from one ReportContent with the dashboard's own builders.

Pure: a ReportContent in, Plotly figures out (chart_images turns them into PNG). The same builders as the pages
(dashboard/charts), so that the report and the screen draw the same thing, at a size for print: an 800-pixel
wide figure placed 16 cm wide on A4 makes a 16-pixel font about 9 pt on paper. White background (styled()).
Charts that say nothing are left out: a one-unit report has no ranking of units, a period with nothing
resolved has no split; the report carries 2 to 4 charts.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import overview
from dashboard.charts.actions import overdue_by_unit_figure
from dashboard.charts.style import BLUE
from dashboard.exports.report_text import most_overdue
from dashboard.kpi.names import OVERDUE_TOTAL_NAME
from dashboard.kpi.report import ReportContent

WIDTH = 800  # pixels; the picture is 16 cm wide in the document
FONT_SIZE = 16
# DejaVu Sans has every precomposed Vietnamese letter (U+1EA0–1EF9); the Liberation 1.x fonts Debian's
# fonts-liberation ships do not. Installed with chromium by `make run` (fonts-dejavu-core).
PRINT_FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
MOST_UNITS = 10  # units on a ranking or overdue chart


@dataclass(frozen=True)
class ReportFigure:
    caption: str  # "Biểu đồ n: " is put in front by the document
    figure: go.Figure
    width: int
    height: int


def report_figures(content: ReportContent) -> list[ReportFigure]:
    """The report's charts, in the order of the document."""
    figures = []
    if not content.monthly.empty:
        figures.append(
            _printed(
                overview.trend_figure(content.monthly, font_size=FONT_SIZE),
                "Số hồ sơ nhận giải quyết, đã giải quyết và tỷ lệ giải quyết trước hạn, đúng hạn theo tháng",
                height=440,
            )
        )
    if int(content.total["c7"]):
        figures.append(
            _printed(
                overview.split_figure(content.total, font_size=FONT_SIZE),
                "Kết quả giải quyết: trước hạn, đúng hạn, quá hạn (trên số hồ sơ đã giải quyết)",
                height=240,
            )
        )
    ranked = _ranking(content.by_unit)
    if ranked is not None:
        units, caption = ranked
        figures.append(_printed(overview.ranking_figure(units, BLUE, font_size=FONT_SIZE), caption))
    overdue = most_overdue(content.by_unit, MOST_UNITS)
    if len(content.by_unit) >= 2 and not overdue.empty:
        figures.append(
            _printed(
                overdue_by_unit_figure(overdue, font_size=FONT_SIZE),
                f"Các đơn vị có nhiều hồ sơ {OVERDUE_TOTAL_NAME} nhất (tối đa {MOST_UNITS} đơn vị)",
            )
        )
    return figures


def _ranking(by_unit: pd.DataFrame) -> tuple[pd.DataFrame, str] | None:
    """The units by on-time rate, lowest first (those needing attention); None for fewer than two units."""
    units = by_unit[by_unit["c7"] > 0] if not by_unit.empty else by_unit
    if len(units) < 2:
        return None
    units = units.sort_values(["on_time_rate", "unit"], kind="stable")
    if len(units) > MOST_UNITS:
        caption = f"{MOST_UNITS} đơn vị có tỷ lệ giải quyết trước hạn, đúng hạn thấp nhất"
        return units.head(MOST_UNITS), caption
    return units, "Tỷ lệ giải quyết trước hạn, đúng hạn theo đơn vị (thấp nhất ở trên)"


def _printed(figure: go.Figure, caption: str, height: int | None = None) -> ReportFigure:
    figure.update_layout(font_family=PRINT_FONT, paper_bgcolor="white", plot_bgcolor="white")
    height = height or int(figure.layout.height or 400)
    figure.update_layout(height=height, width=WIDTH)
    return ReportFigure(caption, figure, WIDTH, height)
