"""Issue 11 §6: every page's rendered text in Vietnamese has no code identifiers (`dossier_code`, `on_time_rate`),
no command lines and none of the English words Streamlit writes by itself ("Upload", "200MB per file",
"No results"). Read from the rendered page in Chromium, hidden tabs included."""

from __future__ import annotations

import re

import pytest
from conftest import wait_until_idle

from dashboard.views.navigation import PAGES

pytestmark = pytest.mark.browser

TIMEOUT_MS = 90_000
IDENTIFIER = re.compile(r"\b[A-Za-z]+_[A-Za-z0-9_]+\b")  # snake_case: a name from the code
COMMAND = re.compile(r"python -m|make (run|test)|\.venv/")
STREAMLIT_ENGLISH = ("Upload", "per file", "No results", "Browse files", "Drag and drop", "Choose an option",
                     "Press Enter", "Deploy", "Clear all", "Remove an item", "Page not found")  # fmt: skip

# Every text node of the page (hidden tabs too), except style sheets, scripts and Material icons' names, and except the cells of data
# grids: they hold imported text (file names, unit names), which is shown as it is. Grid headers are ours.
_TEXTS = """() => {
  const ICON = '[data-testid="stIconMaterial"], span[role="img"][translate="no"]';
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, parent = node.parentElement;
    if (!parent || parent.closest('style, script, noscript')) continue;
    if (parent.closest(ICON)) continue;  // an icon's ligature name, drawn as a glyph
    const grid = parent.closest('[data-testid="stDataFrame"], [data-testid="stTable"]');
    if (grid && !parent.closest('[role="columnheader"], th')) continue;
    const text = node.textContent.trim();
    if (text) out.push(text);
  }
  for (const element of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
    for (const name of ['placeholder', 'aria-label', 'title']) {
      const value = element.getAttribute(name);
      if (value && !element.closest('[data-testid="stDataFrame"]') && !element.closest(ICON)) out.push(value);
    }
  }
  return out;
}"""


def _page_texts(page, url: str) -> list[str]:
    page.goto(url)
    page.wait_for_selector("h1", timeout=TIMEOUT_MS)
    wait_until_idle(page)
    return page.evaluate(_TEXTS)


# The overview is the default page, served at "/" (Streamlit answers its url_path with "Page not found").
@pytest.mark.parametrize("path", ["" if module == "overview" else path for module, path, _ in PAGES])
def test_a_vietnamese_page_shows_no_code_words(page, demo_server, path):
    texts = _page_texts(page, f"{demo_server.url}/{path}")
    assert len(texts) > 20  # the page was drawn
    identifiers = sorted({m for text in texts for m in IDENTIFIER.findall(text)})
    commands = [text for text in texts if COMMAND.search(text)]
    english = sorted({word for text in texts for word in STREAMLIT_ENGLISH if word in text})
    found = {"identifiers": identifiers, "commands": commands, "english": english}
    assert found == {"identifiers": [], "commands": [], "english": []}, found


def test_the_lists_of_the_filters_speak_vietnamese(page, demo_server):
    """Streamlit writes "No results" under a list that matches nothing: the page shows it in Vietnamese."""
    page.goto(demo_server.url)
    page.wait_for_selector("h1", timeout=TIMEOUT_MS)
    wait_until_idle(page)
    title_top = page.locator("h1").first.bounding_box()["y"]
    fields = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
        has_text="Lĩnh vực"
    )
    fields.locator("input").first.click()
    fields.locator("input").first.fill("zzzz")
    listbox = page.locator('[role="listbox"]').filter(has_text="Không có kết quả").first
    listbox.wait_for(timeout=TIMEOUT_MS)
    assert "No results" not in listbox.inner_text()
    assert title_top < 60  # the hidden script adds no gap above the title
