"""Find the header row under the title rows and say which column holds which field (EXPORT_FORMATS "Layout").

- The header is the row (or the 2–3 rows of a merged header) that names the most known fields.
- Merged header cells arrive as text in the top-left cell and empty cells beside it; an empty cell in an
  upper header row takes the text on its left when a lower row names a sub-column ("Ngày > Tiếp nhận").
- A user mapping (source header → canonical field) is consulted before the known names.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.ingest.aliases import CANONICAL_FIELDS, FOLDED_ALIASES, match_header
from dashboard.ingest.grid import UnreadableFile
from dashboard.text import fold, nfc

SEARCH_ROWS = 40  # real exports have 0–5 title rows; workbooks typed by hand a few more
MAX_HEADER_ROWS = 3
MIN_FIELDS = 2

_DATE_LIKE = re.compile(r"^\s*(\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{4}-\d{1,2}-\d{1,2})")
_NUMBER_LIKE = re.compile(r"^\s*\(?\s*[\d.,]+\s*\)?\s*$")
# "(1) (2) (3)": a row of column numbers under the header.
_COLUMN_NUMBER = re.compile(r"^\s*\(?\s*(\d{1,2})\s*\)?\s*$")


@dataclass
class ColumnMapping:
    """User-supplied mapping: folded source header → canonical field (or "ignore")."""

    by_folded: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path) -> ColumnMapping:
        """A TOML or JSON file: {"Source header" = "canonical_field", …}, optionally under [columns]."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8-sig")
            data = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
        except (OSError, ValueError, tomllib.TOMLDecodeError) as error:
            raise UnreadableFile(f"Không đọc được tệp ánh xạ cột {path.name}: {error}") from None
        if isinstance(data.get("columns"), dict):
            data = data["columns"]
        allowed = set(CANONICAL_FIELDS) | {"ignore"}
        mapping: dict[str, str] = {}
        for source, target in data.items():
            if not isinstance(target, str) or target not in allowed:
                raise UnreadableFile(
                    f"Tệp ánh xạ cột {path.name}: '{source}' → '{target}' không phải trường hợp lệ "
                    f"({', '.join(sorted(allowed))})"
                )
            mapping[fold(str(source))] = target
        return cls(mapping)


@dataclass
class HeaderLayout:
    header_rows: list[int]  # 0-based indices into the sheet's rows
    data_start: int  # first row after the header (and after a column-number row)
    parts: list[list[str]]  # each column's header, top to bottom ("Ngày", "Tiếp nhận")
    fields: dict[str, int]  # canonical field → column index (one column per field)
    title_lines: list[str]  # non-empty text above the header, for the snapshot date and the unit
    number_row: int | None = None  # the "(1) (2) (3)" row, skipped
    notes: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str | None]:
        """Flattened header text of every column ("Ngày > Tiếp nhận")."""
        return [" > ".join(p) if p else None for p in self.parts]

    def column_name(self, col: int) -> str:
        return (self.names[col] if col < len(self.parts) else None) or f"Cột {col + 1}"


def _is_text_label(cell: str | None) -> bool:
    return bool(cell) and not _DATE_LIKE.match(cell) and not _NUMBER_LIKE.match(cell)


def is_column_number_row(row: list[str | None]) -> bool:
    """A row like "(1) (2) (3) …" or "1 2 3 …": at least three cells, consecutive numbers."""
    numbers = []
    for cell in row:
        if cell is None or not cell.strip():
            continue
        match = _COLUMN_NUMBER.match(cell)
        if not match:
            return False
        numbers.append(int(match.group(1)))
    return len(numbers) >= 3 and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _is_continuation(row: list[str | None]) -> bool:
    """A lower header row: several text labels and nothing that looks like data."""
    cells = [c for c in row if c is not None and c.strip()]
    return len(cells) >= 2 and all(_is_text_label(c) for c in cells) and not is_column_number_row(row)


def flatten(block: list[list[str | None]]) -> list[list[str]]:
    """Parts of each column's name, top to bottom, with merged upper cells spread over their sub-columns."""
    width = max(len(r) for r in block)
    rows = [[nfc(c) if c else None for c in r] + [None] * (width - len(r)) for r in block]
    parts: list[list[str]] = [[] for _ in range(width)]
    for level, row in enumerate(rows):
        carried: str | None = None
        for col in range(width):
            cell = row[col]
            if cell:
                carried = cell
            below = any(rows[lower][col] for lower in range(level + 1, len(rows)))
            text = cell or (carried if below else None)
            if not cell and not below:
                carried = None  # a column empty from here down ends the merged span
            if text and (not parts[col] or parts[col][-1] != text):
                parts[col].append(text)
    return parts


def _field_for(parts: list[str], mapping: ColumnMapping | None) -> str | None:
    if not parts:
        return None
    candidates = [fold(" ".join(parts)), fold(parts[-1]), fold(" > ".join(parts))]
    if len(parts) > 1:
        candidates.append(fold(parts[0]))
    if mapping is not None:
        for candidate in candidates[:3]:
            if candidate in mapping.by_folded:
                return mapping.by_folded[candidate]
    for candidate in candidates[:2]:
        found = match_header(candidate)
        if found:
            return found
    return None


def _alias_rank(field_name: str, parts: list[str]) -> int:
    folded = {fold(" ".join(parts)), fold(parts[-1])}
    aliases = FOLDED_ALIASES.get(field_name, ())
    ranks = [aliases.index(name) for name in folded if name in aliases]
    return min(ranks) if ranks else len(aliases)


def assign_fields(parts: list[list[str]], mapping: ColumnMapping | None) -> tuple[dict[str, int], list[str]]:
    """canonical field → column; when two columns name one field, the preferred name wins."""
    chosen: dict[str, tuple[int, int]] = {}
    notes: list[str] = []
    for col, col_parts in enumerate(parts):
        field_name = _field_for(col_parts, mapping)
        if field_name is None or field_name == "ignore":
            continue
        if field_name in ("personal",):
            chosen.setdefault(f"personal:{col}", (0, col))
            continue
        rank = _alias_rank(field_name, col_parts)
        if field_name in chosen:
            kept_rank, kept_col = chosen[field_name]
            if rank < kept_rank:
                chosen[field_name] = (rank, col)
                kept_col, col = col, kept_col
            notes.append(
                f"Cột '{' > '.join(parts[col])}' cũng là {field_name}; dùng cột '{' > '.join(parts[kept_col])}'"
            )
            continue
        chosen[field_name] = (rank, col)
    return {name: col for name, (_, col) in chosen.items()}, notes


def _score(fields: dict[str, int]) -> int:
    return len({name.split(":")[0] for name in fields})


def locate_header(rows: list[list[str | None]], mapping: ColumnMapping | None = None) -> HeaderLayout | None:
    """The header among the first rows, or None when no row names at least two known fields."""
    best: tuple[int, int, int] | None = None  # (score, -height, -start)
    best_layout: HeaderLayout | None = None
    limit = min(len(rows), SEARCH_ROWS)
    for start in range(limit):
        if not any(c for c in rows[start]) or not _is_continuation(rows[start]):
            continue
        height = 1
        while (
            height < MAX_HEADER_ROWS and start + height < len(rows) and _is_continuation(rows[start + height])
        ):
            height += 1
        # A merged header is at most as tall as it needs to be: try each height and keep the best.
        for h in range(height, 0, -1):
            block = rows[start : start + h]
            parts = flatten(block)
            fields, notes = assign_fields(parts, mapping)
            score = _score(fields)
            if score < MIN_FIELDS:
                continue
            key = (score, -h, -start)
            if best is None or key > best:
                best = key
                best_layout = HeaderLayout(
                    header_rows=list(range(start, start + h)),
                    data_start=start + h,
                    parts=parts,
                    fields=fields,
                    title_lines=[nfc(c) for r in rows[:start] for c in r if c and c.strip()],
                    notes=notes,
                )
    if best_layout is not None:
        after = best_layout.data_start
        if after < len(rows) and is_column_number_row(rows[after]):
            best_layout.number_row = after
            best_layout.data_start = after + 1
    return best_layout
