"""Tables as CSV or XLSX, with the filters that made them written above the header.

Plain Python (no Flask): CSV is produced line by line so a long export streams; XLSX uses
openpyxl's write-only mode, which keeps one row in memory at a time.
"""

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook

from caseflow.domain.clocks import MALAYSIA


@dataclass(frozen=True, slots=True)
class Table:
    title: str
    filters: Sequence[tuple[str, str]]  # (label, value) written above the header
    columns: Sequence[str]
    rows: Iterable[Sequence[Any]]


def _cell(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(MALAYSIA)  # people read Malaysia time, not UTC
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return ""
    if not isinstance(value, int | float):
        value = str(value)  # also translated labels, which are lazy strings
        if value[:1] in ("=", "+", "-", "@"):
            return "'" + value  # a name is never run as a spreadsheet formula
    return value


def csv_lines(table: Table) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(values: Sequence[Any]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([_cell(v) for v in values])
        return buffer.getvalue()

    yield "\ufeff" + line([table.title])  # the BOM makes spreadsheet programs read UTF-8
    for label, value in table.filters:
        yield line([label, value])
    yield line([])
    yield line(table.columns)
    for row in table.rows:
        yield line(row)


def xlsx_chunks(table: Table, chunk_size: int = 64 * 1024) -> Iterator[bytes]:
    """The workbook written to a temporary file, then read out in chunks: memory stays flat
    however many rows there are (openpyxl's write-only sheets spool rows to disk too)."""
    with tempfile.TemporaryFile() as spool:
        _write_xlsx(table, spool)
        spool.seek(0)
        while chunk := spool.read(chunk_size):
            yield chunk


def xlsx_bytes(table: Table) -> bytes:
    out = io.BytesIO()
    _write_xlsx(table, out)
    return out.getvalue()


def _write_xlsx(table: Table, out) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(table.title[:31])
    sheet.append([_cell(table.title)])
    for label, value in table.filters:
        sheet.append([_cell(label), _cell(value)])
    sheet.append([])
    sheet.append([_cell(c) for c in table.columns])
    for row in table.rows:
        sheet.append([_cell(v) for v in row])
    workbook.save(out)
