"""Stylesheets of meeting mode and of printing (issue 5 §6, §8).

Meeting mode: a 1920×1080 projector read from the back of the room. Dark text on white (#111 on #fff is 18.9:1;
the grade colours below are all ≥ 7:1 on white, WCAG AAA), body text ≥ 24 px, key figures ≥ 64 px, chart text
≥ 20 px (Plotly ignores CSS, so the figures get FONT_CHART through the builders' font_size). Streamlit's chrome
(sidebar, header, toolbar, status widget, footer) is hidden with CSS: `client.toolbarMode = "viewer"` in
.streamlit/config.toml already drops the developer menu, and st.set_page_config cannot remove the rest.

Printing (A4 landscape): Streamlit keeps the page in fixed-height scrolling containers, which a printer cuts at
the first sheet; the print sheet lets them flow and hides what cannot be used on paper (sidebar, toolbar,
widgets). In meeting mode each slide is one sheet.
"""

from __future__ import annotations

FONT_BODY = 26  # px, ≥ 24
FONT_FIGURE = 84  # px, ≥ 64
FONT_TITLE = 46  # px
FONT_CHART = 22  # px, ≥ 20 (Plotly font_size)

TEXT = "#111111"
MUTED = "#333333"  # 12.6:1 on white
# Every slide chart's element key: each takes the height its slide leaves it, up to its own (slides.chart).
CHART_KEYS = (
    "pr-trend", "pr-rank-all", "pr-rank-both", "pr-aging", "pr-sat", "pr-766-official",
    "pr-766-estimate",
)  # fmt: skip
# Grade and change colours for TEXT on white, each ≥ 7:1 (WCAG AAA): dark green 8.4, dark amber 8.1, dark red 8.4.
GOOD, WARN, BAD = "#005A32", "#7A4100", "#9E0B0B"
GRADE_COLOUR = {"dat": GOOD, "gan_dat": WARN, "chua_dat": BAD, None: MUTED}
# Symbols present in the fonts of a Debian desktop (DejaVu), unlike emoji; always beside a word.
GRADE_SYMBOL = {"dat": "✔", "gan_dat": "⚠", "chua_dat": "✖", None: "–"}
# Bar colours dark enough for white text inside them (≥ 7:1) and distinct in grey print.
BAR, BAR_BEST, BAR_WORST = "#0B3C6E", "#005A32", "#9E0B0B"

_CHROME = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], [data-testid="stBottom"], footer { display: none !important; }
"""

PRESENT_CSS = (
    "<style>"
    + _CHROME
    + f"""
.stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] {{ background: #FFFFFF; color: {TEXT}; }}
[data-testid="stMainBlockContainer"] {{ padding: 18px 40px 0 40px !important; max-width: 100% !important; }}
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] {{ gap: 10px; }}
.pr-head {{ display: flex; justify-content: space-between; align-items: flex-start; gap: 32px;
            border-bottom: 3px solid {TEXT}; padding-bottom: 8px; }}
.pr-title {{ font-size: {FONT_TITLE}px; font-weight: 700; line-height: 1.15; color: {TEXT}; }}
.pr-meta {{ font-size: 24px; color: {MUTED}; text-align: right; white-space: nowrap; line-height: 1.35; }}
.pr-number {{ font-size: 30px; font-weight: 700; color: {TEXT}; }}
.pr-cards {{ display: flex; gap: 24px; }}
.pr-card {{ flex: 1 1 0; border: 2px solid #555555; border-radius: 12px; padding: 12px 20px; background: #FFFFFF; }}
.pr-label {{ font-size: {FONT_BODY}px; font-weight: 600; color: {TEXT}; line-height: 1.2; }}
.pr-figure {{ font-size: {FONT_FIGURE}px; font-weight: 700; color: {TEXT}; line-height: 1.1; white-space: nowrap; }}
.pr-figure small {{ font-size: {FONT_BODY}px; font-weight: 600; color: {MUTED}; }}
.pr-line {{ font-size: 24px; color: {MUTED}; line-height: 1.3; }}
.pr-text {{ font-size: {FONT_BODY}px; color: {TEXT}; line-height: 1.3; }}
.pr-caption {{ font-size: 24px; color: {MUTED}; line-height: 1.3; }}
.pr-badge {{ font-size: {FONT_BODY}px; font-weight: 700; color: {WARN}; border: 3px solid {WARN};
             border-radius: 8px; padding: 6px 14px; }}
.pr-message {{ font-size: 34px; color: {TEXT}; border: 2px solid #555555; border-radius: 12px; padding: 32px; }}
.pr-table {{ border-collapse: collapse; width: 100%; font-size: 24px; color: {TEXT}; }}
.pr-table th {{ text-align: left; border-bottom: 2px solid {TEXT}; padding: 6px 10px; font-weight: 700; }}
.pr-table td {{ border-bottom: 1px solid #999999; padding: 6px 10px; }}
.pr-table td.num, .pr-table th.num {{ text-align: right; }}
.pr-table td.nowrap {{ white-space: nowrap; }}
/* The control bar sits at the bottom right, out of the slide's flow, readable but quiet. */
.st-key-pr-controls {{ position: fixed; right: 32px; bottom: 10px; width: auto !important; z-index: 1000;
                       background: #FFFFFF; align-items: center; }}
.st-key-pr-controls p, .st-key-pr-controls input, .st-key-pr-controls label,
.st-key-pr-controls span {{ font-size: 24px !important; color: {TEXT}; }}
.st-key-pr-controls button {{ min-height: 48px; border: 2px solid #555555; }}
.st-key-pr-keys {{ display: none !important; }}
/* The stacked print view has no screen to fill: a chart drawn to "stretch" gets a height of its own (520 px,
   or its figure's, slides.chart). */
{", ".join(f".st-key-pr-deck-all .st-key-{key}" for key in CHART_KEYS)} {{
  height: 520px; flex: 0 0 auto !important; }}
/* The small key badges Streamlit adds to buttons with a shortcut: the keys are listed in the button's help. */
.st-key-pr-controls [aria-label^="Shortcut"] {{ display: none !important; }}
"""
    + "</style>"
)

# One screen, no scrolling, while presenting (not in the stacked print view, which scrolls), at any size (issue
# 11 §9: projectors at 1024×768 and 1280×720, laptops at 125%): the slide is laid out on a canvas 1080 pixels
# high and as wide as the screen's shape allows (1440 for 4:3 to 1920 for 16:9), then zoomed to the screen, so
# every slide keeps its layout and its type keeps the same share of the screen (26 px of 1080 is 18.5 px on a
# 768-pixel screen). CSS zoom (unlike a transform) lays the charts out at the canvas size, so Plotly draws them
# for it. The control bar has its own strip under the slide: it never covers the slide.
CANVAS_HEIGHT = 1080
CANVAS_MIN_WIDTH, CANVAS_MAX_WIDTH = 1440, 1920
CANVAS_PADDING_TOP = 12
CONTROLS_HEIGHT = 64
DECK_HEIGHT = (
    CANVAS_HEIGHT - CANVAS_PADDING_TOP - CONTROLS_HEIGHT - 24
)  # 980: what a slide may fill (gaps: 24)
NO_SCROLL_CSS = f"""<style>
:root {{
  --pr-ratio: calc(100vw / 100vh);
  --pr-w: clamp({CANVAS_MIN_WIDTH}px, calc({CANVAS_HEIGHT}px * var(--pr-ratio)), {CANVAS_MAX_WIDTH}px);
  --pr-zoom: min(calc(100vw / var(--pr-w)), calc(100vh / {CANVAS_HEIGHT}px));
}}
[data-testid="stMain"] {{ overflow: hidden !important; }}
[data-testid="stMainBlockContainer"] {{
  zoom: var(--pr-zoom); width: var(--pr-w) !important; max-width: none !important; min-width: 0 !important;
  height: {CANVAS_HEIGHT}px; overflow: hidden; margin: 0 auto;
  padding: {CANVAS_PADDING_TOP}px 40px 0 40px !important; }}
/* The padding keeps the accents above a capital (Ở, Ấ) of a 46-pixel title inside the slide's box. */
.st-key-pr-deck {{ height: {DECK_HEIGHT}px; flex: 0 0 auto; overflow: hidden; padding-top: 6px; }}
/* A 4:3 screen's canvas is narrower (1440): the list of the oldest overdue dossiers keeps its first four, which
   still fit under the cards; the caption says "the oldest", never how many. */
@media (max-aspect-ratio: 16/10) {{
  .st-key-pr-deck [data-testid="pr-oldest"] tr:nth-child(n+6) {{ display: none; }}
}}
/* The slide fills the deck, so that a chart drawn to "stretch" takes what the rest leaves. */
.st-key-pr-deck > [data-testid="stLayoutWrapper"], .st-key-pr-deck [class*="st-key-pr-slide-"] {{
  flex: 1 1 auto; min-height: 0; }}
.st-key-pr-deck [data-testid="stHorizontalBlock"],
.st-key-pr-deck [data-testid="stLayoutWrapper"]:has(> [data-testid="stHorizontalBlock"]) {{
  flex: 1 1 0; min-height: 0; }}
.st-key-pr-deck [data-testid="stColumn"] {{ display: flex; flex-direction: column; }}
.st-key-pr-deck [data-testid="stColumn"] > [data-testid="stVerticalBlock"] {{ flex: 1 1 0; min-height: 0; }}
{", ".join(f".st-key-pr-deck .st-key-{key}" for key in CHART_KEYS)} {{
  flex: 1 1 0 !important; min-height: 0 !important; height: auto !important; }}
.st-key-pr-controls {{ position: static !important; align-self: flex-end; height: {CONTROLS_HEIGHT}px;
                       flex: 0 0 auto; }}
/* Streamlit sizes a Plotly chart from its box as seen on the screen (zoomed), and Plotly would draw in the page's
   pixels (zoomed again, a chart 0.7 × 0.7 of its box at 1366×768): undone on the chart, which fills its box in
   the screen's own pixels; its text keeps the 22 px it has at 1920×1080, the charts taking the height the slide
   leaves them (CHART_KEYS) so that their rows keep room for it. */
.st-key-pr-deck .stPlotlyChart {{ zoom: calc(1 / var(--pr-zoom)); }}
</style>"""

# The deck printed server-side (exports.page_pdf, `pdf=1`): laid out at 1920 pixels and scaled by Chromium's
# printer to the sheet, so the print sheet's zoom is not wanted (a zoom makes Streamlit size the charts twice).
PDF_DECK_CSS = '<style>@media print { [class*="st-key-pr-deck"] { zoom: 1 !important; } }</style>'

PRINT_CSS = (
    """<style>
@page { size: A4 landscape; margin: 10mm; }
@media print {
  """
    + _CHROME.strip()
    + """
  [data-testid="stSidebar"], .stButton, .stDownloadButton, [data-testid="stPageLink"],
  [data-testid="stNumberInput"], [data-testid="stSelectbox"], [data-testid="stMultiSelect"],
  [data-testid="stRadio"], [data-testid="stCheckbox"], [data-testid="stToggle"], [data-testid="stDateInput"],
  [data-testid="stFileUploader"], [data-testid="stTabs"] [role="tablist"], [data-testid="stElementToolbar"],
  .modebar-container, .st-key-pr-controls, .st-key-pr-keys, .st-key-pr-print-bar { display: none !important; }
  /* Let the content flow over as many sheets as it needs: no fixed heights, no inner scrolling. */
  html, body, #root, .stApp, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"],
  [data-testid="stMainBlockContainer"], .main {
    height: auto !important; min-height: 0 !important; max-height: none !important;
    overflow: visible !important; position: static !important;
  }
  [data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0 !important; }
  .stPlotlyChart, [data-testid="stDataFrame"], [data-testid="stMetric"], [data-testid="stTable"],
  [data-testid="stVerticalBlockBorderWrapper"] { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  /* Columns stay side by side as on screen (the charts inside keep their on-screen width). */
  [data-testid="stHorizontalBlock"] { display: flex !important; flex-wrap: nowrap !important; }
  [data-testid="stColumn"] { min-width: 0 !important; }
  /* Meeting mode: one slide per sheet, the 1920-pixel slide scaled to the sheet's width. */
  [class*="st-key-pr-deck"] { zoom: 0.55; }
  [class*="st-key-pr-slide-"] { break-inside: avoid; }
  .st-key-pr-deck-all [class*="st-key-pr-slide-"]:not(.st-key-pr-slide-1) { break-before: page; }
  .pr-noprint { display: none !important; }
}
</style>"""
)
