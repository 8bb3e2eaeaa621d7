"""Which dossiers a KPI looks at: units, fields, procedures, channels. Empty means all."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Filters:
    unit_keys: tuple[str, ...] = ()  # dashboard.text.unit_key of each unit
    fields: tuple[str, ...] = ()
    procedures: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()  # "direct", "online", "postal"

    def sql(self, alias: str = "d") -> tuple[str, list]:
        """A WHERE fragment and its parameters. Values travel as parameters, never inside the SQL text."""
        clauses, params = [], []
        for column, values in (
            ("unit_key", self.unit_keys),
            ("field_name", self.fields),
            ("procedure", self.procedures),
            ("channel", self.channels),
        ):
            if values:
                clauses.append(f"list_contains(?, {alias}.{column})")
                params.append(list(values))
        return (" AND ".join(clauses) or "true"), params


ALL = Filters()
