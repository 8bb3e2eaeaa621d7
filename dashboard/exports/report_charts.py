"""The Word report's charts (issue 5 §2), built from one ReportContent with the dashboard's own builders.

Pure: a ReportContent in, Plotly figures out (chart_images turns them into PNG). The same builders as the pages
(dashboard/charts), so that the report and the screen draw the same thing, at the size of the page
(chart_geometry: 16 cm of text, 300 dpi, a 9,75-pt font), every axis given the room its labels and title need
(automargin), a white border all round. White background (styled()).
Charts that say nothing are left out: a one-unit report has no ranking of units, a period with nothing
resolved has no split; the report carries 2 to 4 charts.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import overview
from dashboard.charts.actions import overdue_by_unit_figure
from dashboard.charts.scales import rate_target
from dashboard.charts.style import BLUE
from dashboard.exports.chart_geometry import FONT_PX, MARGIN_PX, WIDTH_PX
from dashboard.exports.report_text import most_overdue
from dashboard.kpi.names import OVERDUE_TOTAL_NAME
from dashboard.kpi.report import ReportContent

WIDTH = WIDTH_PX  # CSS pixels: 16 cm at 96 dpi; the PNG is SCALE times that
FONT_SIZE = FONT_PX
# DejaVu Sans has every precomposed Vietnamese letter (U+1EA0–1EF9); the Liberation 1.x fonts Debian's
# fonts-liberation ships do not. Installed with chromium by `make run` (fonts-dejavu-core).
PRINT_FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
MOST_UNITS = 10  # units on a ranking or overdue chart
ROW_PX = 26  # one unit's bar on paper: 6,9 mm
MIN_HEIGHT_PX = 230


@dataclass(frozen=True)
class ReportFigure:
    caption: str  # "Biểu đồ n: " is put in front by the document
    figure: go.Figure
    width: int  # CSS pixels of the drawing; the picture is chart_geometry.SCALE times larger, plus its frame
    height: int


def report_figures(content: ReportContent) -> list[ReportFigure]:
    """The report's charts, in the order of the document."""
    figures = []
    if not content.monthly.empty:
        figures.append(
            _printed(
                overview.trend_figure(
                    with_partial_months(content.monthly),
                    font_size=FONT_SIZE,
                    target=rate_target(content.targets, "on_time_rate"),
                ),
                trend_caption(content.monthly),
                height=330,
            )
        )
    if int(content.total["c7"]):
        figures.append(
            _printed(
                overview.split_figure(content.total, font_size=FONT_SIZE),
                "Kết quả giải quyết: trước hạn, đúng hạn, quá hạn (trên số hồ sơ đã giải quyết)",
                height=170,
            )
        )
    ranked = _ranking(content.by_unit)
    if ranked is not None:
        units, caption = ranked
        figure = overview.ranking_figure(units, BLUE, font_size=FONT_SIZE)
        figures.append(_printed(figure, caption, height=ROW_PX * len(units) + 90))
    overdue = most_overdue(content.by_unit, MOST_UNITS)
    if len(content.by_unit) >= 2 and not overdue.empty:
        figures.append(
            _printed(
                overdue_by_unit_figure(overdue, font_size=FONT_SIZE),
                f"Các đơn vị có nhiều hồ sơ {OVERDUE_TOTAL_NAME} nhất (tối đa {MOST_UNITS} đơn vị)",
                height=ROW_PX * len(overdue) + 110,
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


def with_partial_months(monthly: pd.DataFrame) -> pd.DataFrame:
    """A month the period covers only in part (its first or last) is marked: the chart writes "*" after it."""
    if monthly.empty or "period_start" not in monthly:
        return monthly
    starts, ends = pd.to_datetime(monthly["period_start"]), pd.to_datetime(monthly["period_end"])
    return monthly.assign(partial=list((starts.dt.day != 1) | (ends != ends + pd.offsets.MonthEnd(0))))


def trend_caption(monthly: pd.DataFrame) -> str:
    text = "Số hồ sơ nhận giải quyết, đã giải quyết và tỷ lệ giải quyết trước hạn, đúng hạn theo tháng"
    partial = with_partial_months(monthly)
    if "partial" in partial and partial["partial"].any():
        text += " (*: tháng kỳ báo cáo chỉ gồm một phần)"
    return text


def _printed(figure: go.Figure, caption: str, height: int | None = None) -> ReportFigure:
    """The figure for the page's width (less the white frame chart_geometry.framed adds): print font, white,
    every axis and the legend given the room they need (the screen's builders keep thin margins; on paper unit
    names and titles were cut)."""
    figure.update_layout(
        font={"family": PRINT_FONT, "size": FONT_SIZE}, paper_bgcolor="white", plot_bgcolor="white",
        # Left and right: room for half of an end tick's label ("0%", "100%"), which Plotly drops otherwise.
        margin={"l": 18, "r": 18, "t": 4, "b": 4, "pad": 2}, hoverlabel={"font_size": FONT_SIZE},
    )  # fmt: skip
    # "allow": the margins leave room for an end tick's label, which Plotly would otherwise hide ("100%").
    figure.update_xaxes(automargin=True, title_standoff=8, ticklabeloverflow="allow")
    figure.update_yaxes(automargin=True, title_standoff=8)
    if figure.layout.legend.y is not None and figure.layout.legend.y > 1:  # above the plot: room for it too
        figure.update_layout(legend={"y": 1.02, "yanchor": "bottom"})
    # Plotly gives its margins no more than part of a small figure: a chart of two bars needs the height for its
    # legend above and its axis title below, or they are drawn over the bars and the ticks.
    height = max(height or int(figure.layout.height or 300), MIN_HEIGHT_PX) - 2 * MARGIN_PX
    width = WIDTH - 2 * MARGIN_PX
    figure.update_layout(height=height, width=width)
    return ReportFigure(caption, figure, width, height)
