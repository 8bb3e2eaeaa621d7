"""Text from imported files, made safe to show (issue 12 §3: "text from imported files is never rendered as
HTML or Markdown").

Streamlit renders Markdown in st.markdown, st.caption, st.info/warning/error/success, metric labels, expander,
tab and button labels: a unit named "**Phường** ![x](http://…)" showed bold text and fetched the image from
the browser (a tracking beacon), ":red[…]" coloured it, "$…$" would be typeset. Plotly renders a subset of
HTML in every text it draws (tick labels, legends, hover labels): "<b>", "<a href>". So a name from a file is
escaped for the place it goes to: every ASCII punctuation character backslash-escaped for Markdown (CommonMark
allows exactly that; it also breaks Streamlit's ":colour[…]" and ":icon:" directives and bare links), and
"&", "<", ">" as entities for Plotly. st.text, st.dataframe and st.table show text as text and need nothing.
"""

from __future__ import annotations

import re
import string

_MARKDOWN_SPECIAL = re.compile("([" + re.escape(string.punctuation) + "])")
_PLOTLY_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_PLOTLY_PATTERN = re.compile("[&<>]")


# Streamlit turns "http://…", "www.…" and "name@host" into links even when their punctuation is escaped: an
# invisible WORD JOINER (U+2060) after "://", "www" and "@" breaks the pattern and changes nothing on screen.
_AUTOLINK = re.compile(r"(:(?=//)|(?<![^\W_])www(?=\.)|@)", re.IGNORECASE)
WORD_JOINER = "\u2060"


def markdown_text(value: object) -> str:
    """`value` as literal text inside Markdown: one line, every punctuation character escaped, no links."""
    text = _AUTOLINK.sub(lambda match: match.group(0) + WORD_JOINER, " ".join(str(value).split()))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def plotly_text(value: object) -> object:
    """A string as literal text in a Plotly label; anything else unchanged (numbers, dates, None)."""
    if not isinstance(value, str):
        return value
    return _PLOTLY_PATTERN.sub(lambda match: _PLOTLY_SPECIAL[match.group(0)], value)
