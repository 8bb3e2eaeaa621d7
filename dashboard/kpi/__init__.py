"""KPI layer: the only place that holds read SQL. Every function takes a Database and returns a DataFrame."""
