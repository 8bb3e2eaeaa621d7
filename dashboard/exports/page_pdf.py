"""Any page of the dashboard, and the meeting deck, as an A4-landscape PDF (issue 11 §14), printed server-side
by the Chromium that draws the Word report's charts (chart_images): a tab of it opens the running app at the
page's own URL (its filters are in the URL, so it shows the same view), with the print stylesheet
(present.style.PRINT_CSS: A4 landscape, 10 mm margins, no sidebar or buttons), waits until Streamlit has drawn
everything, and prints. The user's cookies go along, so that a signed-in session prints what it may see.

The tab is as wide as an A4-landscape sheet's printable width (277 mm = 1047 CSS px), so the page is laid out
for the sheet, and as tall as the page, so that Streamlit draws every chart (it draws those it is shown).
The deck (its stacked print view with `pdf=1`) is laid out at 1920 pixels, the width its slides are designed
for, and Chromium's printer scales each slide to its sheet. Pure of Streamlit: a URL and cookies in, PDF out.
"""

from __future__ import annotations

import asyncio
import base64
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

A4_LANDSCAPE_INCHES = (11.69, 8.27)
MARGIN_INCHES = 0.39  # 10 mm, as PRINT_CSS's @page
PAGE_WIDTH_PX = 1047  # 277 mm at 96 px per inch
DECK_WIDTH_PX = 1920
START_HEIGHT_PX = 2000
MAX_HEIGHT_PX = 30_000
READY_TIMEOUT = 60  # seconds for the app to draw the page
SETTLE_SECONDS = 0.8  # the page must stay the same this long before it is printed

# True once the app has run and drawn: its frame is there, no script run in progress, no placeholder left, every
# Plotly chart drawn; the page's height to make the tab tall enough for all of it.
_STATE = """(() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const main = document.querySelector('[data-testid="stMain"]');
  if (!app || !main || !document.querySelector('[data-testid="stMainBlockContainer"] *')) return null;
  const running = document.querySelector('[data-testid="stStatusWidget"]') !== null;
  const waiting = document.querySelectorAll('[data-testid="stSkeleton"], .stSpinner').length;
  const charts = document.querySelectorAll('.stPlotlyChart').length;
  const drawn = document.querySelectorAll('.stPlotlyChart .main-svg').length;
  const height = Math.max(document.documentElement.scrollHeight, main.scrollHeight,
    document.querySelector('[data-testid="stMainBlockContainer"]').scrollHeight);
  return JSON.stringify({ready: !running && !waiting && drawn >= charts, height,
                         size: document.body.innerHTML.length});
})()"""


class PdfError(RuntimeError):
    """The page could not be printed (it did not finish drawing, or Chromium refused)."""


@dataclass(frozen=True)
class PrintJob:
    url: str
    cookies: Mapping[str, str]
    width: int  # CSS pixels of the tab

    @property
    def scale(self) -> float:
        """Chromium's print scale: the layout's width onto the sheet's printable width (1 for a page)."""
        return min(1.0, PAGE_WIDTH_PX / self.width)


def app_url(port: int, path: str, query: Mapping[str, list[str]], address: str = "", base: str = "") -> str:
    """The app's own address for a page, as the server reaches itself: loopback unless it listens on one
    address only. query: every URL parameter's values (a multiselect bound to the URL repeats its key)."""
    host = address if address and address not in ("0.0.0.0", "::", "localhost") else "127.0.0.1"
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    prefix = "/" + base.strip("/") if base.strip("/") else ""
    page = "/" + path.strip("/") if path.strip("/") else "/"
    pairs = [(key, value) for key, values in query.items() for value in values]
    return f"http://{host}:{port}{prefix}{page}" + (f"?{urlencode(pairs)}" if pairs else "")


def page_pdf(url: str, cookies: Mapping[str, str] | None = None, deck: bool = False) -> bytes:
    """The page at `url` printed to an A4-landscape PDF (deck: the meeting deck's print view, one slide a sheet)."""
    from dashboard.exports.chart_images import renderer

    job = PrintJob(url, dict(cookies or {}), DECK_WIDTH_PX if deck else PAGE_WIDTH_PX)
    return renderer().run(lambda browser: _print(browser, job), timeout=READY_TIMEOUT + 60)


async def _print(browser, job: PrintJob) -> bytes:
    tab = await browser.create_tab("about:blank", window=True)  # its size is set by Emulation below
    try:
        await _command(tab, "Emulation.setEmulatedMedia", {"media": "print"})
        await _size(tab, job.width, START_HEIGHT_PX)
        host = urlsplit(job.url)
        for name, value in job.cookies.items():
            await _command(tab, "Network.setCookie", {"name": name, "value": value, "domain": host.hostname,
                                                     "path": "/"})  # fmt: skip
        await _command(tab, "Page.navigate", {"url": job.url})
        height = await _wait_until_drawn(tab, START_HEIGHT_PX)
        if height > START_HEIGHT_PX:  # a long page: draw the rest too, then wait again
            await _size(tab, job.width, min(height + 200, MAX_HEIGHT_PX))
            await _wait_until_drawn(tab, MAX_HEIGHT_PX)
        width, sheet = A4_LANDSCAPE_INCHES
        printed = await _command(tab, "Page.printToPDF", {
            "landscape": False, "paperWidth": width, "paperHeight": sheet, "preferCSSPageSize": True,
            "printBackground": True, "scale": job.scale, "marginTop": MARGIN_INCHES, "marginBottom": MARGIN_INCHES,
            "marginLeft": MARGIN_INCHES, "marginRight": MARGIN_INCHES,
        })  # fmt: skip
        return base64.b64decode(printed["data"])
    finally:
        await browser.close_tab(tab)


async def _size(tab, width: int, height: int) -> None:
    await _command(tab, "Emulation.setDeviceMetricsOverride",
                   {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})  # fmt: skip


async def _wait_until_drawn(tab, tall_enough: int) -> int:
    """Until the page is ready and unchanged for SETTLE_SECONDS; its height."""
    deadline = time.monotonic() + READY_TIMEOUT
    last, since = None, None
    while time.monotonic() < deadline:
        answer = await _command(tab, "Runtime.evaluate", {"expression": _STATE, "returnByValue": True})
        value = answer.get("result", {}).get("value")
        state = json.loads(value) if value else None
        if state and state["ready"]:
            key = (state["height"], state["size"])
            if key == last and time.monotonic() - since >= SETTLE_SECONDS:
                return int(state["height"])
            if key != last:
                last, since = key, time.monotonic()
        else:
            last = None
        await asyncio.sleep(0.25)
    raise PdfError(f"Trang chưa hiển thị xong sau {READY_TIMEOUT} giây, không in được PDF.")


async def _command(tab, method: str, params: dict) -> dict:
    response = await tab.send_command(method, params=params)
    if "error" in response:
        raise PdfError(f"Chromium: {method}: {response['error'].get('message', response['error'])}")
    return response.get("result", {})
