"""Streamlit's own English texts in Vietnamese: the file uploader, the download button's failure note (issue
12 §8) and the lists of the select boxes (issue 11 §6).

Streamlit's uploader writes its own texts in the browser, in English and with no setting to change them: the
drop zone ("Drag and drop files here", "200MB per file • XLSX, …", "Upload") and the refusals it makes before
anything reaches the server ("File must be 200.0MB or smaller.", "application/pdf files are not allowed.").
A small fixed script replaces exactly those texts inside the uploader, as they appear. It inserts no text of
any file: a file's name is never part of a pattern's replacement except as the browser's own MIME type or
size, which are copied as text nodes (never as HTML).
"""

from __future__ import annotations

import json

import streamlit as st

from dashboard.views.i18n import current_language

# (regular expression on a whole text node, replacement with $1 …): what the uploader writes → Vietnamese.
TRANSLATIONS_VI: tuple[tuple[str, str], ...] = (
    (r"^Drag and drop files here$", "Kéo thả tệp vào đây"),
    (r"^Drag and drop a file here$", "Kéo thả một tệp vào đây"),
    (r"^(.+) per file$", "Tối đa $1 mỗi tệp"),
    (r"^Upload$", "Chọn tệp"),
    (r"^Browse files$", "Chọn tệp"),
    (r"^Add files$", "Thêm tệp"),
    (r"^File must be (.+) or smaller\.$", "Tệp quá lớn: tối đa $1 mỗi tệp."),
    (
        r"^(?:This type of )?files are not allowed\.$",
        "Không nhận loại tệp này: chỉ nhận .xlsx, .xls, .csv, .html.",
    ),
    (r"^(.*) files are not allowed\.$", "Không nhận loại tệp này ($1): chỉ nhận .xlsx, .xls, .csv, .html."),
    (r"^File size is too small\.$", "Tệp rỗng."),
    (r"^Only one file is allowed\.$", "Chỉ được chọn một tệp."),
    (r"^Upload failed$", "Tải lên không thành công"),
    (r"^Unexpected error\. Please try again\.$", "Lỗi không mong đợi. Hãy thử lại."),
    (r"^Click to retry upload$", "Bấm để tải lên lại"),
    (r"^Error: ?$", "Lỗi: "),
    # The download button's own note when the file could not be built (the page says why, report_builds.py).
    (r"^Failed to generate file for download$", "Không tạo được tệp"),
    (r"^Download failed$", "Tải về không thành công"),
    # The lists of the select boxes and multiselects (issue 11 §6): Streamlit writes these in English.
    (r"^No results$", "Không có kết quả"),
    (r"^Select all$", "Chọn tất cả"),
    (r"^Clear all$", "Bỏ chọn tất cả"),
)

# Runs in the page itself (st.html with JavaScript allowed); rewrites text nodes under every uploader now and
# whenever the uploader redraws. A replaced text no longer matches any pattern, so nothing loops.
_SCRIPT = """
<script>
(() => {
  const rules = %s.map(([pattern, text]) => [new RegExp(pattern), text]);
  const translate = (root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue.trim();
      for (const [pattern, replacement] of rules) {
        if (pattern.test(text)) { node.nodeValue = text.replace(pattern, replacement); break; }
      }
    }
  };
  const sweep = () => document.querySelectorAll(
    '[data-testid="stFileUploader"], [data-testid="stDownloadButton"], [role="listbox"]').forEach(translate);
  if (window.__cchcUploaderObserver) { sweep(); return; }
  window.__cchcUploaderObserver = new MutationObserver(sweep);
  window.__cchcUploaderObserver.observe(document.body, {childList: true, subtree: true, characterData: true});
  sweep();
})();
</script>
"""


def script(translations: tuple[tuple[str, str], ...] = TRANSLATIONS_VI) -> str:
    """The script that puts `translations` into the uploaders of the page (JSON-encoded, no imported text)."""
    return _SCRIPT % json.dumps([list(pair) for pair in translations], ensure_ascii=False)


SCRIPT_KEY = "page-scripts"


def translate_streamlit_texts() -> None:
    """Called once per run by streamlit_app.py, for every page: the uploader, the download buttons and the
    lists of the select boxes; nothing to do in English."""
    if current_language() == "vi":
        with st.container(key=SCRIPT_KEY):  # hidden by screen_style: no gap above the page's title
            st.html(script(), unsafe_allow_javascript=True)
