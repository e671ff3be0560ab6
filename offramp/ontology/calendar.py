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

from .lang import words

__all__ = ["MONTHS", "MONTH_NAMES", "WEEKDAY_NAMES", "as_date", "stored_day"]

# The English names come from the language data (ontology/data/lang/en/dates.yaml), which the date
# stage's patterns read too.
_EN = words("dates")
MONTH_NAMES = tuple(name.lower() for name, _ in sorted(_EN["months"].items(), key=lambda kv: kv[1]))
WEEKDAY_NAMES = tuple(name.lower() for name, _ in sorted(_EN["weekdays"].items(), key=lambda kv: kv[1]))
# A month's number by its name, its first three letters, or an abbreviation such as "sept".
MONTHS: dict[str, int] = {
    **{name: i for i, name in enumerate(MONTH_NAMES, start=1)},
    **{name[:3]: i for i, name in enumerate(MONTH_NAMES, start=1)},
    **{abbr.lower(): n for abbr, n in _EN["month_abbreviations"].items()},
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


def stored_day(value: Any) -> dt.date | None:
    """A day read back from the store or a DataFrame: a date, a datetime or pandas Timestamp, ISO
    text; None for a missing value (None, NaN, NaT)."""
    if value is None or value != value:  # NaN and NaT are not equal to themselves
        return None
    return as_date(value)
