"""Which dossiers a KPI looks at: units, fields, procedures, channels (empty means all), and how dossiers are
counted by unit (issue 15 §4: `current` or `recorded`, dashboard/kpi/unit_groups.py), so that the way of counting
travels with every query like the rest of the selection."""

from __future__ import annotations

from dataclasses import dataclass

UNIT_MODES = ("current", "recorded")


@dataclass(frozen=True)
class Filters:
    # Unit groups (unit_groups.py): a register unit's id ("02494@2025-07-01"), or for a dossier without one the
    # dashboard.text.unit_key of its recorded name.
    unit_keys: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    procedures: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()  # "direct", "online", "postal"
    units: str = "current"  # issue 15 §4: "current" (units in force at the period's end) or "recorded"

    def __post_init__(self) -> None:
        if self.units not in UNIT_MODES:
            raise ValueError(f"units must be one of {UNIT_MODES}, not {self.units!r}")

    def sql(self, alias: str = "d") -> tuple[str, list]:
        """A WHERE fragment and its parameters. Values travel as parameters, never inside the SQL text.
        The unit clause reads the unit map `m` that dossier_dates joins (unit_groups.SCOPE_SQL)."""
        clauses, params = [], []
        for column, values in (
            (f"coalesce(m.scope_id, {alias}.unit_key)", self.unit_keys),
            (f"{alias}.field_name", self.fields),
            (f"{alias}.procedure", self.procedures),
            (f"{alias}.channel", self.channels),
        ):
            if values:
                clauses.append(f"list_contains(?, {column})")
                params.append(list(values))
        return (" AND ".join(clauses) or "true"), params

    @property
    def selects(self) -> bool:
        """Whether any dossier is left out (the way of counting by unit leaves none out)."""
        return bool(self.unit_keys or self.fields or self.procedures or self.channels)


ALL = Filters()
