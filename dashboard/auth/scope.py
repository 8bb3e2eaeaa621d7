"""The units a caller may see: an access scope, enforced in the KPI and export layers (issue 14 §5).

A Scope is either every unit (an admin, a leader without listed units, the one-PC mode without accounts) or a
set of unit keys (dashboard.text.unit_key). It is applied as its own SQL condition ANDed with the user's filters,
never merged into them: a filter naming another unit then finds nothing, instead of widening what is seen.
`narrow` is the only way to derive a scope from another, and the result is never wider than where it started.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from dashboard.text import unit_key

# Columns that name a unit in the KPI layer's frames: by key, or by display name (whose key is unit_key(name)).
UNIT_KEY_COLUMNS = ("unit_key",)
UNIT_NAME_COLUMNS = ("unit", "unit_name")


class ScopeViolation(PermissionError):
    """Data of a unit outside the caller's scope reached a function that must not let it through."""


@dataclass(frozen=True)
class Scope:
    unit_keys: frozenset[str] | None = None  # None: every unit

    @classmethod
    def units(cls, keys: Iterable[str]) -> Scope:
        """A scope of exactly these unit keys (an empty one sees nothing)."""
        return cls(frozenset(keys))

    @property
    def everything(self) -> bool:
        return self.unit_keys is None

    def allows(self, key: str | None) -> bool:
        return self.unit_keys is None or key in self.unit_keys

    def allows_name(self, name: str | None) -> bool:
        return self.unit_keys is None or (name is not None and unit_key(name) in self.unit_keys)

    def narrow(self, keys: Iterable[str] | None) -> Scope:
        """This scope limited to `keys` (None or empty: unchanged). Never wider than self: a key outside it is
        dropped, so asking for other units gives a scope that sees nothing of them."""
        if keys is None:
            return self
        wanted = frozenset(keys)
        if not wanted:
            return self
        return Scope(wanted if self.unit_keys is None else wanted & self.unit_keys)

    def sql(self, alias: str = "d", column: str = "unit_key") -> tuple[str, list]:
        """A WHERE fragment and its parameter; the keys travel as a parameter, never inside the SQL text."""
        if self.unit_keys is None:
            return "true", []
        return f"list_contains(?, {alias}.{column})", [sorted(self.unit_keys)]

    def cache_key(self) -> tuple[str, ...] | None:
        """A plain, hashable value naming this scope, for cache keys."""
        return None if self.unit_keys is None else tuple(sorted(self.unit_keys))

    @classmethod
    def from_cache_key(cls, key: tuple[str, ...] | None) -> Scope:
        return cls(None if key is None else frozenset(key))

    def check_frame(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The frame itself when every unit it names is inside the scope; ScopeViolation otherwise.

        For the export layer: a file is built only from data this scope may see, whatever the caller passed.
        """
        if self.unit_keys is None or frame is None or len(frame) == 0:
            return frame
        for column in UNIT_KEY_COLUMNS:
            if column in frame:
                outside = {k for k in frame[column].dropna().unique() if k not in self.unit_keys}
                if outside:
                    raise ScopeViolation(f"Dữ liệu ngoài phạm vi được xem: {len(outside)} đơn vị")
        for column in UNIT_NAME_COLUMNS:
            if column in frame and _is_text(frame[column]):
                names = [n for n in frame[column].dropna().unique() if isinstance(n, str)]
                outside = [n for n in names if unit_key(n) not in self.unit_keys]
                if outside:
                    raise ScopeViolation(f"Dữ liệu ngoài phạm vi được xem: {len(outside)} đơn vị")
        return frame


def _is_text(column: pd.Series) -> bool:
    return pd.api.types.is_string_dtype(column) or column.dtype == object


EVERY_UNIT = Scope()
NOTHING = Scope(frozenset())
