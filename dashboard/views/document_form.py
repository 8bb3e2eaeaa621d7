"""The Word report's document particulars, set once (issue 11 §12): who issues the report, the sign of its
number, the place of its date line, its recipients and who signs it (Nghị định 30/2020/NĐ-CP). A form on the
Báo cáo page; an empty field is derived from the report's unit (shown as the field's placeholder)."""

from __future__ import annotations

import streamlit as st

from dashboard.kpi.document_settings import FIELDS, DocumentHeading, resolve, stored_heading
from dashboard.store.document_settings import set_document_heading
from dashboard.views.cache import database
from dashboard.views.i18n import register, t

_SAVED = "_document_saved"

register(
    vi={
        "doc.title": "Thông tin văn bản (thể thức Nghị định 30/2020/NĐ-CP)",
        "doc.how": "Ghi một lần, dùng cho mọi báo cáo Word. Ô để trống thì lấy theo đơn vị của báo cáo (chữ mờ "
        "trong ô là giá trị sẽ dùng). Số văn bản để trống cho văn thư ghi khi phát hành.",
        "doc.superior": "Cơ quan chủ quản (nếu có)",
        "doc.issuer": "Cơ quan ban hành",
        "doc.code": "Ký hiệu cơ quan trong số văn bản (Số: …/BC-…)",
        "doc.place": "Địa danh ghi trước ngày tháng",
        "doc.recipients": "Nơi nhận (mỗi dòng một nơi)",
        "doc.signer_authority": "Thẩm quyền ký (TM., KT., …)",
        "doc.signer_title": "Chức vụ người ký",
        "doc.signer_name": "Họ và tên người ký",
        "doc.save": "Lưu thông tin văn bản",
        "doc.saved": "Đã lưu. Các báo cáo Word tạo từ bây giờ dùng thông tin này.",
    },
    en={
        "doc.title": "Document particulars (Decree 30/2020/NĐ-CP form)",
        "doc.how": "Set once, used by every Word report. An empty field follows the report's unit (the grey text "
        "in it is what will be used). The document number is left blank for the registry to write in.",
        "doc.superior": "Superior body (if any)",
        "doc.issuer": "Issuing body",
        "doc.code": "Body's sign in the number (Số: …/BC-…)",
        "doc.place": "Place before the date",
        "doc.recipients": "Recipients (one per line)",
        "doc.signer_authority": "Signing authority (TM., KT., …)",
        "doc.signer_title": "Signer's title",
        "doc.signer_name": "Signer's full name",
        "doc.save": "Save the document particulars",
        "doc.saved": "Saved. Word reports made from now on use these particulars.",
    },
)


def draw(scope: str) -> None:
    stored = stored_heading(database())
    derived = resolve(DocumentHeading(), scope)
    with st.expander(t("doc.title"), icon=":material/description:"), st.form("document-form", border=False):
        st.caption(t("doc.how"))
        values = {}
        for name in FIELDS:
            current, hint = getattr(stored, name), getattr(derived, name)
            if name == "recipients":
                values[name] = st.text_area(t(f"doc.{name}"), value=current, placeholder=hint, height=100,
                                            key=f"doc-{name}")  # fmt: skip
            else:
                values[name] = st.text_input(
                    t(f"doc.{name}"), value=current, placeholder=hint, key=f"doc-{name}"
                )
        if st.form_submit_button(t("doc.save"), icon=":material/save:"):
            try:
                set_document_heading(database(), values)
            except ValueError as error:
                st.error(str(error))
            else:
                st.session_state[_SAVED] = True
    if st.session_state.pop(_SAVED, False):
        st.success(t("doc.saved"))
