"""Issue 12 §3 in Chromium: unit, field and procedure names that try to be Markdown or HTML are drawn as text
on the units, overview and report pages and in their charts; the image in a unit name is never fetched."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_text_fixture import BEACON, build
from live_server import live_server
from test_data_browser import RENDER_TIMEOUT_MS

pytestmark = pytest.mark.browser

# Elements anywhere in the page that would mean a name was rendered, not shown.
RENDERED = """() => {
  const bad = [];
  for (const e of document.querySelectorAll('img, a, strong, em, code, .katex, span[class*="colored"]')) {
    const where = e.href || e.src || '';
    if (where.includes('127.0.0.1:9') || /Phường Độc|nghiêng|mã|đậm/.test(e.textContent)) bad.push(e.outerHTML.slice(0, 120));
  }
  for (const e of document.querySelectorAll('.main-svg a, .main-svg b, .main-svg i')) bad.push('svg ' + e.outerHTML.slice(0, 120));
  return bad;
}"""
SVG_TEXT = "() => [...document.querySelectorAll('.main-svg text')].map(e => e.textContent).join(' | ')"


@pytest.mark.parametrize("page_path", ["/don-vi", "/", "/bao-cao"])
def test_hostile_names_are_text(browser, tmp_path: Path, screenshots: Path, page_path: str) -> None:
    db = build(tmp_path / "cchc.duckdb").path
    with live_server(db) as (port, _, _):
        context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="vi-VN")
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(f"http://127.0.0.1:{port}{page_path}")
        page.wait_for_selector('[data-testid="stMain"]', timeout=RENDER_TIMEOUT_MS)
        if page_path == "/bao-cao":
            page.get_by_text("Xem trước nội dung").click(timeout=RENDER_TIMEOUT_MS)
            page.locator(".st-key-report-preview-text").get_by_text("Phường Độc").first.wait_for(
                timeout=RENDER_TIMEOUT_MS
            )
        else:  # the charts drawn, the hostile unit among their labels
            page.wait_for_function(f"() => ({SVG_TEXT})().includes('Phường Độc')", timeout=RENDER_TIMEOUT_MS)
        page.wait_for_timeout(1000)
        assert not page.locator('[data-testid="stException"]').count()
        assert page.evaluate(RENDERED) == []
        assert "Phường Độc" in page.inner_text('[data-testid="stMain"]') or "Phường Độc" in page.evaluate(
            SVG_TEXT
        )
        if page_path != "/bao-cao":
            assert "<b>đậm</b>" in page.evaluate(SVG_TEXT)  # the tick label shows the name as written
        name = page_path.strip("/") or "tong-quan"
        page.screenshot(path=str(screenshots / f"hostile_text_{name}.png"), full_page=True)
        context.close()
    assert not [url for url in requests if url.startswith(BEACON.rsplit("/", 1)[0])]
