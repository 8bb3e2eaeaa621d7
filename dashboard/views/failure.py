"""What a page shows when something unexpected fails: a sentence and a code, not a traceback (issue 12 §7).

The traceback goes to the server's log under the same code, for the administrator. Streamlit's own error box
(with the traceback) stays for developers: when `client.showErrorDetails` is "full" (Streamlit's default,
and what the tests set), the error is raised on as before. The project's .streamlit/config.toml sets "none".
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Iterator

import streamlit as st

from dashboard.views.i18n import register, t

LOG = logging.getLogger("dashboard.views")

register(
    {
        "error.unexpected": "Trang gặp lỗi ngoài dự kiến nên không hiển thị hết. Dữ liệu không bị thay đổi. "
        "Hãy tải lại trang; nếu lỗi còn, báo cho quản trị viên mã lỗi {code} (ghi trong nhật ký máy chủ).",
    },
    {
        "error.unexpected": "The page hit an unexpected error and is not shown in full. No data was changed. "
        "Reload the page; if the error stays, give the administrator the code {code} (it is in the server log).",
    },
)


def developer_details() -> bool:
    return str(st.get_option("client.showErrorDetails")).lower() in ("full", "true")


@contextlib.contextmanager
def shown_as_message() -> Iterator[None]:
    """Run a page's body; an unexpected exception is logged with a code and shown as one sentence.

    Streamlit's st.rerun and st.stop raise BaseExceptions, not Exceptions: they pass through untouched."""
    try:
        yield
    except Exception:
        if developer_details():
            raise
        code = uuid.uuid4().hex[:8]
        LOG.exception("Unexpected error on a page (code %s)", code)
        st.error(t("error.unexpected", code=code), icon="⚠️")
