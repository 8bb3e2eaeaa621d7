"""Official Decision-766 score tables (KPI_SPEC §7) from a workbook: recognise them and prepare their rows.

The tables the national public-service portal publishes (shared/data/real/new766_*.xlsx) have a header row
with the portal's field names: TEN (name), LOAI_COQUAN (kind of unit), MA_COQUAN (agency code), the six group
scores CKMB, TDGQ, CLGQ, TTTT, MDHL, MDSH, TONG_SCORE and ROW_STT (the published rank). Every cell is text,
numbers included; names may be NFD and end with " - tỉnh An Giang"; ROW_STT ranks departments and communes
together, so it has gaps within a sheet. Opens no database: `prepare_766` gives what the store loads.

What is read from where
- A sheet is a score table when one of its first rows names TONG_SCORE and the six groups (any case); other
  sheets are left aside with a note (the "Xu hướng tháng/quý" sheets hold the province's total rounded to one
  decimal per month or quarter, with no unit name and no group scores: nothing this table can hold).
- Level, per row: the portal's LOAI_COQUAN code (1 province, 2 department, 3 commune) when the sheet has it;
  else the sheet name ("Sở Ban", "Sở ngành" → departments; "Xã", "Phường" → communes; "Tỉnh" → provinces);
  else the unit name ("UBND tỉnh …" → province, "UBND xã/phường/đặc khu …" → commune, "Sở …", "Ban …" →
  department). A row none of these place is rejected.
- Period kind, per sheet: the sheet name, else a title line above the header: "năm" → nam, "6 tháng" →
  6thang, "quý" → quy, "tháng" → thang; a sheet that says none ("Sở Ban", "Xã Phường", "Báo cáo 766") is
  stored as khong_ro (not stated) with a note, never guessed.
- Unit name: NFC, the " - tỉnh X" / " - thành phố X" suffix removed (X goes to `province`), and the leading
  "UBND" / "Ủy ban nhân dân" dropped as the dossier pipeline does for units named in titles (titles.py), so
  that "UBND phường Long Phú - tỉnh An Giang" is stored as "Phường Long Phú" and matches the dossiers of
  "Phường Long Phú" by unit_key. Provinces and departments without the suffix get `province` from their own
  name ("UBND tỉnh Bắc Ninh" → Bắc Ninh, "Thanh tra tỉnh An Giang" → An Giang).
- Snapshot date: --as-of; else a date a title line or cell above the header states ("Ngày cập nhật:
  16/10/2025", "Tính đến ngày …", "(Từ ngày … đến ngày …)", "…, ngày 16 tháng 10 năm 2025"); else the
  date the workbook was created (its document properties, Vietnam time: the exporter writes them when it
  fetches the scores); else the import time. File names are never read.

A row is rejected (with a Vietnamese reason, kept in quarantine) when it has no name, no level, a missing or
non-numeric group score or total, a total that differs from the sum of the six groups by more than 0.01, or
the same unit twice in one file with different scores. Blank rows, total rows, repeated headers and identical
repeats are skipped. rows_read = loaded + updated + unchanged + rejected + skipped, as for dossier exports.
"""

from __future__ import annotations

import json
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pyarrow as pa

from dashboard.ingest.grid import Sheet, Workbook
from dashboard.ingest.readers import file_sha256
from dashboard.ingest.report import ImportReport, RowNote
from dashboard.ingest.titles import period_from_titles
from dashboard.text import fold, nfc, unit_key

NOTE = "Bảng điểm Quyết định 766"

# KPI_SPEC §7: the six groups and their maximum points, in the order the spec lists them.
GROUPS: tuple[str, ...] = ("ckmb", "tdgq", "clgq", "tttt", "mdhl", "mdsh")
MAX_POINTS: dict[str, float] = {"ckmb": 18, "tdgq": 20, "clgq": 12, "tttt": 10, "mdhl": 18, "mdsh": 22}
TOTAL_TOLERANCE = 0.01

LEVELS: tuple[str, ...] = ("tinh", "so_ban", "xa_phuong")
PERIOD_KINDS: tuple[str, ...] = ("nam", "6thang", "quy", "thang", "khong_ro")
LEVEL_LABEL = {"tinh": "tỉnh", "so_ban": "sở, ban, ngành", "xa_phuong": "xã, phường, đặc khu"}

# Columns of a score table, by folded header name (fold() makes "TONG_SCORE", "tong_score" the same).
_REQUIRED = {fold(code): code.lower() for code in ("CKMB", "TDGQ", "CLGQ", "TTTT", "MDHL", "MDSH")}
_REQUIRED[fold("TONG_SCORE")] = "total"
_NAME_HEADERS = ("ten", "ten coquan", "ten co quan", "ten don vi", "don vi")  # the first found wins
_RANK_HEADERS = ("row stt", "xep hang", "thu hang", "hang", "stt")
_LEVEL_HEADER = "loai coquan"
_CODE_HEADER = "ma coquan"
_LEVEL_CODES = {"1": "tinh", "2": "so_ban", "3": "xa_phuong"}  # LOAI_COQUAN in the portal's tables
SEARCH_ROWS = 20
_STORED_AS = {"name": "unit_name", "rank": "published_rank"}  # header field → official_766 column

_SUFFIX = re.compile(r"\s+[-–]\s+(?:tỉnh|thành phố|tp\.?)\s+(.+)$", re.IGNORECASE)
_OWN_PROVINCE = re.compile(r"(?:^|\s)(?:tỉnh|thành phố)\s+(.+)$", re.IGNORECASE)
_PREFIX = re.compile(r"^(?:ubnd|uy ban nhan dan)\s+")
# "Công an tỉnh" is a unit: "cộng" alone does not mark a total row here.
_TOTAL_ROW = re.compile(r"^(?:tong so|tong cong|total|trung binh|binh quan)\b")
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_RANK = re.compile(r"^\d+(?:[.,]0+)?$")
_DATE_WORDS = r"(?:ngay cap nhat|cap nhat ngay|cap nhat luc|cap nhat|ngay xuat|ngay bao cao|ngay lay so lieu|tinh den ngay|den ngay)"
_DMY = re.compile(_DATE_WORDS + r"\D{0,20}?(\d{1,2}) (\d{1,2}) (\d{4})\b")
_YMD = re.compile(_DATE_WORDS + r"\D{0,20}?(\d{4}) (\d{1,2}) (\d{1,2})\b")
_LETTER_DATE = re.compile(
    r"\bngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})\b"
)  # "An Giang, ngày 16 tháng 10 năm 2025"
_CREATED = re.compile(r"<dcterms:created[^>]*>([^<]+)</dcterms:created>")
VIETNAM = timezone(timedelta(hours=7))

SKIP_BLANK = "dòng trống"
SKIP_TOTAL = "dòng tổng"
SKIP_HEADER = "dòng tiêu đề lặp lại"
SKIP_DUPLICATE = "dòng trùng lặp (cùng đơn vị, cùng điểm)"

RECORD_SCHEMA = pa.schema(
    [
        ("snapshot_at", pa.date32()),
        ("level", pa.string()),
        ("period_kind", pa.string()),
        ("unit_name", pa.string()),
        ("unit_key", pa.string()),
        ("province", pa.string()),
        ("unit_code", pa.string()),
        ("published_rank", pa.int32()),
        *((group, pa.float64()) for group in GROUPS),
        ("total", pa.float64()),
    ]
)


@dataclass
class Prepared766:
    """Everything the store needs to load one file of official scores, and the report so far."""

    report: ImportReport
    records: pa.Table  # RECORD_SCHEMA, unique per (level, period_kind, unit_key)
    quarantine: list[tuple[int, str, str]]  # (row, cells as JSON, reason)
    file_name: str
    file_sha256: str
    file_kind: str
    sheet_names: list[str]  # the score sheets read
    snapshot_at: date
    snapshot_source: str  # as_of | title | file_created | import_time
    header_row: int | None
    column_map: dict[str, str] = field(default_factory=dict)


@dataclass
class _Header:
    row_index: int  # index in sheet.head()
    names: list[str | None]
    columns: dict[str, int]  # field → column index


def _folded_cells(row: list[str | None]) -> list[str]:
    return [fold(cell) if cell else "" for cell in row]


def _find_header(sheet: Sheet) -> _Header | None:
    """The first row naming TONG_SCORE and the six groups, with the columns it names."""
    for index, row in enumerate(sheet.head(SEARCH_ROWS)):
        folded = _folded_cells(row)
        if not set(_REQUIRED) <= set(folded):
            continue
        columns = {name: folded.index(key) for key, name in _REQUIRED.items()}
        for field_name, candidates in (("name", _NAME_HEADERS), ("rank", _RANK_HEADERS)):
            found = next((c for c in candidates if c in folded), None)
            if found is not None:
                columns[field_name] = folded.index(found)
        for field_name, key in (("level", _LEVEL_HEADER), ("unit_code", _CODE_HEADER)):
            if key in folded:
                columns[field_name] = folded.index(key)
        if "name" not in columns:
            continue
        # A name column that is empty on a row falls back to the portal's second name column.
        if "ten coquan" in folded and folded.index("ten coquan") != columns["name"]:
            columns["name_fallback"] = folded.index("ten coquan")
        return _Header(row_index=index, names=list(row), columns=columns)
    return None


def looks_like_766(workbook: Workbook) -> bool:
    """Whether a sheet of the workbook is a Decision-766 score table (TONG_SCORE and the six groups)."""
    return any(_find_header(sheet) is not None for sheet in workbook.sheets)


def _period_kind(sheet_name: str, title_lines: list[str]) -> str:
    """The most specific period a text names: "Tháng 10 năm 2025" is a month, "Quý 3 năm 2025" a quarter."""
    for text in (sheet_name, *title_lines):
        folded = f" {fold(text)} "
        for words, kind in (
            ((" 6 thang ", " sau thang "), "6thang"),
            ((" quy ",), "quy"),
            ((" thang ",), "thang"),
        ):
            if any(word in folded for word in words):
                return kind
        if " nam " in folded:
            return "nam"
    return "khong_ro"


def _level_from_sheet(sheet_name: str) -> str | None:
    """ "Sở Ban", "Sở ngành" → departments, "Xã Phường" → communes, "Tỉnh" → provinces ("Điểm số" → none)."""
    folded = f" {fold(sheet_name)} "
    words = set(folded.split())
    if folded.startswith(" so ") or {"ban", "nganh"} & words:
        return "so_ban"
    if {"xa", "phuong"} & words or " dac khu " in folded:
        return "xa_phuong"
    if "tinh" in words:
        return "tinh"
    return None


def _level_from_name(name: str) -> str | None:
    folded = _PREFIX.sub("", fold(name))
    if folded.startswith(("xa ", "phuong ", "dac khu ", "thi tran ")):
        return "xa_phuong"
    if folded.startswith(("tinh ", "thanh pho ")) and " - " not in name:
        return "tinh"
    if folded.startswith(("so ", "ban ", "thanh tra ", "van phong ", "cong an ", "bhxh ", "bao hiem ")):
        return "so_ban"
    return None


def split_name(published: str, level: str | None) -> tuple[str, str | None]:
    """(unit name, province) of a published name: NFC, suffix and "UBND" removed (see the module text)."""
    name = nfc(published)
    province = None
    match = _SUFFIX.search(name)
    if match:
        province = nfc(match.group(1))
        name = name[: match.start()].strip()
    prefix = _PREFIX.match(fold(name))
    if prefix:
        words = len(prefix.group(0).split())
        rest = " ".join(name.split()[words:])
        if rest:
            name = rest[0].upper() + rest[1:]
    if province is None and level in ("tinh", "so_ban"):
        own = _OWN_PROVINCE.search(name)
        if own:
            province = nfc(own.group(1))
    return name, province


def parse_score(text: str | None) -> float | None:
    """A score as the tables write it ("18", "17.5", "17,5"); None when the text is no number.

    Raises KeyError for an empty cell (so that the caller can tell "missing" from "not a number").
    """
    if text is None or not text.strip():
        raise KeyError("empty")
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if not _NUMBER.match(cleaned):
        return None
    return float(cleaned.replace(",", "."))


def _points(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def _date_in_titles(lines: list[str]) -> date | None:
    _, until = period_from_titles(lines)
    if until is not None:
        return until
    for line in lines:
        folded = fold(line)
        for pattern, order in ((_DMY, (2, 1, 0)), (_YMD, (0, 1, 2)), (_LETTER_DATE, (2, 1, 0))):
            match = pattern.search(folded)
            if match:
                parts = match.groups()
                try:
                    return date(int(parts[order[0]]), int(parts[order[1]]), int(parts[order[2]]))
                except ValueError:
                    continue
    return None


def _file_created(path: Path, kind: str) -> date | None:
    """The creation date in an xlsx file's document properties, as a date in Vietnam."""
    if kind != "xlsx":
        return None
    try:
        # At most 64 KB: the document properties are a few hundred bytes, whatever the zip says (issue 12 §1).
        with zipfile.ZipFile(path) as archive, archive.open("docProps/core.xml") as part:
            core = part.read(64 * 1024).decode("utf-8", errors="replace")
    except (OSError, KeyError, zipfile.BadZipFile, zlib.error, EOFError):
        return None
    match = _CREATED.search(core)
    if not match:
        return None
    try:
        created = datetime.fromisoformat(match.group(1).strip())
    except ValueError:
        return None
    if created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    return created.astimezone(VIETNAM).date()


def _title_lines(sheet: Sheet, header: _Header) -> list[str]:
    lines = []
    for row in sheet.head(header.row_index):
        cells = [nfc(c) for c in row if c and c.strip()]
        if cells:
            lines.append(" ".join(cells))
    return lines


@dataclass
class _Row:
    sheet: str
    row: int
    cells: str  # JSON of the original cells
    record: dict
    content: tuple


def _cell(header: _Header, row: list[str | None], field_name: str) -> str | None:
    column = header.columns.get(field_name)
    if column is None or column >= len(row):
        return None
    value = row[column]
    return value if value is not None and value.strip() else None


def _scores(header: _Header, row: list[str | None], problems: list[str]) -> dict[str, float]:
    """The six group scores and the total; what is missing or no number goes to `problems`."""
    scores: dict[str, float] = {}
    for group in (*GROUPS, "total"):
        label = "TONG_SCORE" if group == "total" else group.upper()
        raw = _cell(header, row, group)
        try:
            value = parse_score(raw)
        except KeyError:
            problems.append(f"Thiếu {'tổng điểm' if group == 'total' else 'điểm'} {label}")
            continue
        if value is None:
            problems.append(f"Điểm {label} '{raw}' không phải số")
            continue
        scores[group] = value
    if len(scores) == len(GROUPS) + 1:
        parts = round(sum(scores[g] for g in GROUPS), 2)
        if abs(scores["total"] - parts) > TOTAL_TOLERANCE + 1e-9:
            problems.append(
                f"Tổng điểm {_points(scores['total'])} khác tổng sáu nhóm điểm {_points(parts)} "
                f"(lệch {_points(abs(scores['total'] - parts))})"
            )
    return scores


class _SheetReader:
    """The rows of one score sheet, into the report (counts, rejects, warnings) and unit records."""

    def __init__(self, sheet: Sheet, header: _Header, report: ImportReport, quarantine: list) -> None:
        self.sheet, self.header, self.report, self.quarantine = sheet, header, report, quarantine
        self.titles = _title_lines(sheet, header)
        self.period_kind = _period_kind(sheet.name, self.titles)
        self.sheet_level = _level_from_sheet(sheet.name)
        self.header_folded = set(_folded_cells(header.names)) - {""}

    def skip(self, reason: str) -> None:
        self.report.rows_skipped += 1
        self.report.skipped[reason] = self.report.skipped.get(reason, 0) + 1

    def warn(self, row_number: int, message: str) -> None:
        self.report.warnings.append(RowNote(row_number, f"Trang '{self.sheet.name}': {message}"))

    def rows(self) -> list[_Row]:
        out = []
        cells = self.sheet.head(self.sheet.n_rows)
        for index in range(self.header.row_index + 1, self.sheet.n_rows):
            self.report.rows_read += 1
            row = self.read(cells[index], int(self.sheet.row_numbers[index]))
            if row is not None:
                out.append(row)
        return out

    def read(self, row: list[str | None], row_number: int) -> _Row | None:
        header = self.header
        folded = _folded_cells(row)
        if not any(folded):
            self.skip(SKIP_BLANK)
            return None
        if sum(1 for f in folded if f in self.header_folded) >= len(_REQUIRED):
            self.skip(SKIP_HEADER)
            return None
        published = _cell(header, row, "name") or _cell(header, row, "name_fallback")
        if _TOTAL_ROW.match(fold(published)) if published else any(_TOTAL_ROW.match(f) for f in folded if f):
            self.skip(SKIP_TOTAL)
            return None
        original = {
            nfc(header.names[c]): row[c]
            for c in range(min(len(row), len(header.names)))
            if header.names[c] and row[c] is not None
        }
        cells_json = json.dumps(original, ensure_ascii=False)
        problems: list[str] = []
        level = _LEVEL_CODES.get((_cell(header, row, "level") or "").strip())
        level = level or self.sheet_level or (_level_from_name(published) if published else None)
        if published is None:
            problems.append("Không có tên đơn vị")
        elif level is None:
            problems.append("Không xác định được cấp đơn vị (tỉnh, sở/ban/ngành hay xã/phường)")
        scores = _scores(header, row, problems)
        if problems:
            reason = f"Trang '{self.sheet.name}': " + "; ".join(problems)
            self.report.rows_rejected += 1
            self.report.rejects.append(RowNote(row_number, reason))
            self.quarantine.append((row_number, cells_json, reason))
            return None
        for group in GROUPS:
            if not 0 <= scores[group] <= MAX_POINTS[group]:
                self.warn(
                    row_number,
                    f"điểm {group.upper()} {_points(scores[group])} ngoài khoảng 0–{MAX_POINTS[group]:g}",
                )
        rank = None
        raw_rank = _cell(header, row, "rank")
        if raw_rank is not None:
            if _RANK.match(raw_rank.strip()) and len(raw_rank.strip().split(".")[0].split(",")[0]) <= 6:
                rank = int(float(raw_rank.strip().replace(",", ".")))  # at most 999.999: fits int32
            else:
                self.warn(row_number, f"thứ hạng '{raw_rank}' không phải số; để trống")
        name, province = split_name(published, level)
        code = _cell(header, row, "unit_code")
        record = {
            "level": level,
            "period_kind": self.period_kind,
            "unit_name": name,
            "unit_key": unit_key(name),
            "province": province,
            "unit_code": nfc(code) if code else None,
            "published_rank": rank,
            **{group: scores[group] for group in GROUPS},
            "total": scores["total"],
        }
        return _Row(self.sheet.name, row_number, cells_json, record, tuple(record.values()))


def prepare_766(
    path: str | Path,
    workbook: Workbook,
    as_of: date | None = None,
    now: datetime | None = None,
) -> Prepared766:
    """Every unit row of every score sheet of `workbook` (read from `path`), checked. Opens no database."""
    path = Path(path)
    now = now or datetime.now()
    report = ImportReport(file=str(path))
    report.notes.append(NOTE)
    quarantine: list[tuple[int, str, str]] = []
    rows: list[_Row] = []
    sheet_names: list[str] = []
    header_row: int | None = None
    column_map: dict[str, str] = {}
    title_date: date | None = None
    unstated: list[str] = []
    for sheet in workbook.sheets:
        header = _find_header(sheet)
        if header is None:
            report.notes.append(
                f"Trang '{sheet.name}' không phải bảng điểm (không có cột TONG_SCORE và sáu nhóm điểm): "
                f"không nhập {max(sheet.n_rows - 1, 0)} dòng của trang này"
            )
            continue
        sheet_names.append(sheet.name)
        if header_row is None:
            header_row = int(sheet.row_numbers[header.row_index])
        for name, index in sorted(header.columns.items(), key=lambda item: item[1]):
            if name != "name_fallback" and header.names[index]:
                column_map.setdefault(nfc(header.names[index]), _STORED_AS.get(name, name))
        reader = _SheetReader(sheet, header, report, quarantine)
        title_date = title_date or _date_in_titles(reader.titles)
        if reader.period_kind == "khong_ro":
            unstated.append(sheet.name)
        rows += reader.rows()

    kept = _drop_duplicates(rows, report, quarantine)
    if unstated:
        names = ", ".join(f"'{name}'" for name in unstated)
        report.notes.append(
            f"Trang {names}: tên trang không cho biết điểm năm hay điểm tháng; lưu với kỳ 'khong_ro' (không rõ)"
        )
    snapshot_at, source = _snapshot(as_of, title_date, _file_created(path, workbook.kind), now)
    if source == "file_created":
        report.notes.append(
            f"Ngày chốt {snapshot_at:%d/%m/%Y} lấy từ ngày tạo tệp (thuộc tính của tệp Excel)"
        )
    records = pa.Table.from_pylist(
        [{"snapshot_at": snapshot_at, **row.record} for row in kept], schema=RECORD_SCHEMA
    )
    return Prepared766(
        report=report,
        records=records,
        quarantine=quarantine,
        file_name=path.name,
        file_sha256=file_sha256(path),
        file_kind=workbook.kind,
        sheet_names=sheet_names,
        snapshot_at=snapshot_at,
        snapshot_source=source,
        header_row=header_row,
        column_map=column_map,
    )


def _drop_duplicates(rows: list[_Row], report: ImportReport, quarantine: list) -> list[_Row]:
    """One row per (level, period kind, unit): identical repeats are skipped, differing ones all rejected."""
    by_key: dict[tuple[str, str, str], list[int]] = {}
    for position, row in enumerate(rows):
        key = (row.record["level"], row.record["period_kind"], row.record["unit_key"])
        by_key.setdefault(key, []).append(position)
    kept: list[int] = []
    for positions in by_key.values():
        group = [rows[p] for p in positions]
        if len({row.content for row in group}) == 1:
            kept.append(positions[0])
            if len(group) > 1:
                report.rows_skipped += len(group) - 1
                report.skipped[SKIP_DUPLICATE] = report.skipped.get(SKIP_DUPLICATE, 0) + len(group) - 1
            continue
        where = ", ".join(f"'{row.sheet}' dòng {row.row}" for row in group)
        for row in group:
            reason = (
                f"Trang '{row.sheet}': đơn vị '{row.record['unit_name']}' "
                f"({LEVEL_LABEL[row.record['level']]}) xuất hiện nhiều lần với điểm khác nhau ({where})"
            )
            report.rows_rejected += 1
            report.rejects.append(RowNote(row.row, reason))
            quarantine.append((row.row, row.cells, reason))
    return [rows[p] for p in sorted(kept)]


def _snapshot(
    as_of: date | None, title_date: date | None, created: date | None, now: datetime
) -> tuple[date, str]:
    if as_of is not None:
        return as_of, "as_of"
    if title_date is not None:
        return title_date, "title"
    if created is not None:
        return created, "file_created"
    return now.date(), "import_time"
