"""Month and weekday names, and reading a date value, for every module that reads dates.

One table of English month names (full names and the abbreviations reports and
datasets write: "Jan", "Sept") and one of weekdays, so that a reader, the date
stage and the gazetteer's name rules agree; ``as_date`` reads a date from a file's
field (a date, a timestamp, or ``YYYY-MM-DD`` text).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

__all__ = ["MONTHS", "MONTH_NAMES", "WEEKDAY_NAMES", "as_date"]

MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# A month's number by its name, its first three letters, or "sept".
MONTHS: dict[str, int] = {
    **{name: i for i, name in enumerate(MONTH_NAMES, start=1)},
    **{name[:3]: i for i, name in enumerate(MONTH_NAMES, start=1)},
    "sept": 9,
}

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?")


def as_date(value: Any) -> dt.date | None:
    """A date from a date, a datetime, ``YYYY-MM-DD`` text or an ISO timestamp; None if empty.

    ``ValueError`` for anything else, so callers can name the file, line or record.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    if _DAY.fullmatch(text):
        return dt.date.fromisoformat(text)
    if _TIMESTAMP.fullmatch(text):
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    raise ValueError(f"{text[:40]!r} is not a date (YYYY-MM-DD)")
