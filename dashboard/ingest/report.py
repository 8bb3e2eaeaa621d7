"""What an import tells the user: every row accounted for (EXPORT_FORMATS "What nothing lost means")."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RowNote:
    row: int  # 1-based row in the sheet, or line in a CSV
    reason: str


@dataclass
class ImportReport:
    file: str
    rows_read: int = 0
    rows_loaded: int = 0
    rows_updated: int = 0
    rows_unchanged: int = 0
    rows_rejected: int = 0
    rows_skipped: int = 0
    rejects: list[RowNote] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # why → how many
    warnings: list[RowNote] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # file-level: sheet chosen, shift repaired, snapshot
    import_id: int | None = None

    @property
    def balanced(self) -> bool:
        parts = (
            self.rows_loaded
            + self.rows_updated
            + self.rows_unchanged
            + self.rows_rejected
            + self.rows_skipped
        )
        return parts == self.rows_read

    def as_json(self) -> dict:
        """The CLI's --json object (issue 2 contract), with extra keys after the fixed ones."""
        return {
            "file": self.file,
            "rows_read": self.rows_read,
            "rows_loaded": self.rows_loaded,
            "rows_updated": self.rows_updated,
            "rows_unchanged": self.rows_unchanged,
            "rows_rejected": self.rows_rejected,
            "rows_skipped": self.rows_skipped,
            "rejects": [{"row": r.row, "reason": r.reason} for r in self.rejects],
            "skipped": self.skipped,
            "warnings": [{"row": w.row, "message": w.reason} for w in self.warnings],
            "notes": self.notes,
            "import_id": self.import_id,
        }
