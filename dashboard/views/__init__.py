"""Streamlit pages. The only package that imports streamlit; everything it shows comes from dashboard.kpi."""
