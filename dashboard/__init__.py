"""CCHC dashboard: one-stop (Bộ phận Một cửa) KPIs from provincial exports.

Data flows one way: ingest (read → normalise → validate) → store (DuckDB) → kpi (SQL) → views/exports.
"""

__version__ = "0.1.0"
