"""Units with history (issue 15, KPI_SPEC §9): the register of communes across the reorganisations, name
resolution on a date, successors, and the current / recorded mappings. Pure Python: no database, no Streamlit.
docs/units.md says how the store holds the register and how the KPI layer groups by unit with it.
"""
