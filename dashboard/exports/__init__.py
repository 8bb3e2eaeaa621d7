"""Files the dashboard lets a user download (pure builders: data in, bytes out; no Streamlit)."""
