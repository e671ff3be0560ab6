"""Dates of occurrence: time expressions found in a text and resolved to days or spans.

The date of an event is when it happened, not when it was reported. So:

- a full date (``April 22, 2025``, ``22/04/2025``, ``2025-04-22``) is taken as written;
- a day without a year (``April 22``) takes the year of the article's own date
  (the *anchor*), rolled back a year when past-tense text would otherwise land
  after the anchor; without an anchor it takes the year of the explicit dates
  elsewhere in the text (``infer_default_year``); otherwise it gets no date;
- relative expressions (``yesterday``, ``last week``, ``on Tuesday``) resolve
  against the anchor only, and get no date without one; ``the next day``,
  ``later that day`` and ``the same evening`` resolve against the last date
  the text named;
- clock times (``1700 hours``, ``5 p.m. IST``) are times of day, never years,
  and are attached to the date in the same sentence;
- a date after "since" (``the worst attack since 2019``) or "until" (``extended the
  truce until May 18``) is a reference point a
  period runs from or to, not a date of occurrence: it gets ``kind="reference"``, and
  events are not dated by it;
- a dateline or date line near the top (``New Delhi, May 13, 2025 –``, ``date 2025-05-13``)
  says when the story was filed: it gets ``kind="dateline"`` and dates no event.

The anchor is the document's *reference date* (``reference_date``): its metadata, else a
dateline or date line at the top, else a date in its URL, else the latest full date it states;
``ReferenceDate.provenance`` says which (docs/dates.md).

``context_span`` gives the span an undated event lies in from the dates around
it; the caller marks what it uses as inferred.
"""

from __future__ import annotations

import bisect
import calendar
import dataclasses
import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..ontology.lang import words
from .mentions import DateMention
from .pipeline import DocRecord, register_stage

__all__ = [
    "REPORT_DATED",
    "TO_REPORT",
    "DatesStage",
    "ReferenceDate",
    "context_span",
    "find_dates",
    "find_times",
    "infer_default_year",
    "names_a_month",
    "reference_date",
    "url_date",
]

# The English words of the patterns come from the language data (ontology/data/lang/en/dates.yaml).
_EN = words("dates")


def _alternation(names: Iterable[str]) -> str:
    """A regex alternation of words and phrases, longest first (a phrase's words may be spaced freely)."""
    ordered = sorted(names, key=lambda w: -len(w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


_MONTHS = {name[:3].lower(): n for name, n in _EN["months"].items()}
_WEEKDAYS = {name.lower(): n for name, n in _EN["weekdays"].items()}
_WEEKDAY_ABBR = {name.lower(): n for name, n in _EN["weekday_abbreviations"].items()}
_NUMBER_WORDS: dict[str, int] = {w.lower(): n for w, n in _EN["number_words"].items()}

# Month names are matched capitalised only: "may" and "march" are also common words.
_MON_FULL = "(?:" + "|".join(_EN["months"]) + r")\b"
_MON_ALT = _MON_FULL + "|(?:" + "|".join(_EN["month_abbreviations"]) + r")\b\.?"
_WD_FULL = "(?:" + "|".join(_EN["weekdays"]) + r")\b"
_WD_ANY = _WD_FULL[:-3] + "|" + "|".join(_EN["weekday_abbreviations"]) + r")\b\.?"
_COUNT = _alternation(_NUMBER_WORDS)


def _mon(name: str) -> str:
    return rf"(?P<{name}>{_MON_ALT})"


def _day(name: str) -> str:
    return rf"(?P<{name}>[0-3]?\d)(?P<{name}o>st|nd|rd|th)?\b"


def _year(name: str) -> str:
    # A year is four digits from 1900-2099 that is not a clock time ("2000 hours").
    return rf"(?P<{name}>(?:19|20)\d\d)\b(?!\s*(?:hours|hrs|hr|h)\b)"


_WEEK = r"(?:first|second|third|fourth|last|final)\s+week"
_LEAD = r"(?:(?P<lead>[Bb]etween|[Ff]rom)\s+)?"
_PART = (
    r"(?:(?P<part>(?:the\s+)?(?:intervening\s+)?(?:night|morning|evening|afternoon)s?)\s+(?:of|between)\s+)?"
)
_WD1 = rf"(?:(?P<wd>{_WD_ANY})\s*,?\s+(?:the\s+)?)?"
_WD2 = rf"(?:(?P<wd2>{_WD_ANY})\s*,?\s+(?:the\s+)?)?"
_RNG = r"(?P<rng>\s*[-–—/]\s*|\s+(?:to|and|till|until|through|thru)\s+(?:the\s+)?)"
_YR1 = rf"(?:,?\s+{_year('y1')})?"
_YR2 = rf"(?:,?\s+{_year('y2')})?"
_OF = r"(?:\s+of)?\s+"
_NOT_NUM_BEFORE = r"(?<![\d.,:/$£€₹-])"
_NOT_NUM_AFTER = r"(?![\d:]|\.\d|,\d{3})"

# (tag, pattern): the tag tells _resolve how to read the groups.
_PATTERNS: list[tuple[str, str]] = [
    ("iso", rf"\b{_year('y1')}-(?P<mo>0?[1-9]|1[0-2])-(?P<d1>[0-3]?\d)\b"),
    ("numeric", rf"{_NOT_NUM_BEFORE}\b(?P<a>[0-3]?\d)(?P<sep>[/.-])(?P<b>[0-3]?\d)(?P=sep){_year('y1')}"),
    # April 30 to May 2, 2025 / between May 7 and May 10
    ("md-md", rf"{_LEAD}{_PART}{_WD1}{_mon('m1')}\s+{_day('d1')}{_YR1}{_RNG}{_WD2}{_mon('m2')}\s+{_day('d2')}"
              rf"{_NOT_NUM_AFTER}{_YR2}"),
    # May 6th and 7th / from May 7 to 10 / May 6-7, 2025
    ("md-d", rf"{_LEAD}{_PART}{_WD1}{_mon('m1')}\s+{_day('d1')}{_RNG}{_day('d2')}{_NOT_NUM_AFTER}{_YR2}"),
    # 30 April to 2 May 2025
    ("dm-dm", rf"{_LEAD}{_PART}{_WD1}{_NOT_NUM_BEFORE}\b{_day('d1')}{_OF}{_mon('m1')}{_YR1}{_RNG}{_WD2}"
              rf"{_day('d2')}{_OF}{_mon('m2')}{_YR2}"),
    # 6-7 May / between 7 and 10 May / the night of 6/7 May
    ("d-dm", rf"{_LEAD}{_PART}{_WD1}{_NOT_NUM_BEFORE}\b{_day('d1')}{_RNG}{_day('d2')}{_OF}{_mon('m2')}{_YR2}"),
    # Friday, May 9 / April 22, 2025 / the night of May 9
    ("md", rf"{_PART}{_WD1}{_mon('m1')}\s+{_day('d1')}{_NOT_NUM_AFTER}{_YR1}"),
    # 22 April / Friday 9 May 2025 / 22nd of April
    ("dm", rf"{_PART}{_WD1}{_NOT_NUM_BEFORE}\b{_day('d1')}{_OF}{_mon('m1')}{_YR1}"),
    # Tuesday (April 22) / Monday (23 June 2025): the weekday with its date in brackets
    ("wd-md", rf"(?P<wd>{_WD_FULL})\s*\(\s*{_mon('m1')}\s+{_day('d1')}{_YR1}\s*\)"),
    ("wd-dm", rf"(?P<wd>{_WD_FULL})\s*\(\s*{_day('d1')}{_OF}{_mon('m1')}{_YR1}\s*\)"),
    # mid-May 2025 / May 2025
    ("my", rf"(?:(?P<q>[Ee]arly|[Mm]id|[Ll]ate|(?:the\s+)?(?:end|beginning|start|{_WEEK})\s+of)[\s-]+)?"
           rf"{_mon('m1')},?\s+{_year('y1')}"),
    # in May / since early March / mid-May / last May
    ("m", rf"(?:\b(?P<prep>[Ii]n|[Dd]uring|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Ff]rom|[Oo]f|[Tt]hroughout|[Ss]ince)\s+)?"
          rf"(?:\b(?P<q>[Ee]arly|[Mm]id|[Ll]ate|(?:[Tt]he\s+)?(?:end|beginning|start|{_WEEK})\s+of|"
          rf"[Ll]ast|[Nn]ext|[Tt]his)[\s-]+)?"
          rf"(?P<m1>{_MON_FULL})(?!\s*\d)"),
    # in 2019 / since 1999
    ("y", rf"\b(?P<prep>[Ii]n|[Ss]ince|[Dd]uring|[Uu]ntil|[Bb]y|[Ff]rom|[Oo]f|[Ee]arly|[Ll]ate|[Mm]id)[\s-]+"
          rf"{_year('y1')}(?![-–/]\d)"),
    # on Friday / last Tuesday / Saturday night
    ("wd", rf"(?:\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast|[Cc]oming)\s+)?(?P<wd>{_WD_FULL})(?:'s|’s)?"
           r"(?:\s+(?P<part>night|morning|evening|afternoon))?"),
    ("rel", r"\b(?P<w>[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight|[Ll]ast\s+night|[Tt]his\s+(?:morning|evening|afternoon))\b"),
    ("rel-period", r"\b(?P<w>(?:[Ee]arlier|[Ll]ater)\s+this|[Tt]his|[Ll]ast|[Nn]ext|[Pp]ast|[Pp]revious)\s+"
                   r"(?P<unit>week|month|year)\b"),
    ("weekend", r"\b(?P<w>(?:[Oo]ver|[Aa]t|[Dd]uring|[Oo]n)\s+the|[Ll]ast|[Tt]his|[Nn]ext|[Pp]ast)\s+weekend\b"),
    # "over the past three days", "in the last 24 hours": a period counted back to the report's date
    ("past-n", rf"\b(?P<w>[Pp]ast|[Ll]ast|[Pp]revious)\s+(?P<n>(?i:\d{{1,2}}|{_COUNT}))\s+(?P<unit>hours|days|weeks)\b"),
    ("ago", rf"\b(?P<n>(?i:\d{{1,2}}|{_COUNT}))\s+"
            r"(?P<unit>day|week|month|year)s?\s+(?P<dir>ago|earlier|later|before|after)\b"),
    # "in the early morning of the 13th", "on the 9th.": a day of the month without its month
    ("dom", r"\b(?:[Oo]n|[Oo]f|[Ss]ince|[Uu]ntil)\s+the\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)\b"
            r"(?=\s*(?:[.,;:!?)]|$|\s+(?:and|when|as|at|in|with|after|before|but)\b))"),
    ("seq", r"\b(?P<w>[Tt]he\s+(?:previous|next|following|preceding)\s+day|[Tt]he\s+day\s+(?:before|after)"
            r"|(?:(?:[Ll]ater|[Ee]arlier)\s+)?that\s+(?:same\s+)?(?:day|morning|afternoon|evening|night)"
            r"|[Tt]he\s+same\s+(?:day|morning|afternoon|evening|night)"
            r"|(?:[Ll]ater|[Ee]arlier)\s+in\s+the\s+(?:day|morning|afternoon|evening|night))\b"),
]  # fmt: skip
_COMPILED = [(tag, re.compile(p)) for tag, p in _PATTERNS]

_FUTURE = re.compile(
    r"\b(?:" + _alternation(w for w in _EN["future_words"] if w[:1].isalpha()) + r")\b"
    "|(?:" + _alternation(w for w in _EN["future_words"] if not w[:1].isalpha()) + r")\b",
    re.IGNORECASE,
)
# "since 2019", "ever since May": a reference point a period is measured from ("the worst since 2019"),
# and "until May 18", "no later than Friday": the bound a period runs to ("extended the ceasefire
# until May 18"); neither is when the thing told happened, so such mentions get kind "reference".
_SINCE = re.compile(r"\b(?:" + _alternation(_EN["bound_words"]) + r")\s+(?:the\s+)?$", re.IGNORECASE)
_BY = re.compile(r"\bby\s+(?:the\s+)?$", re.IGNORECASE)
_POSSESSIVE = re.compile(r".{0,2}['’]s\b")
# How an event dated by nothing but its report's date says so (the start of its date reason):
# the merger reads it as "on or before that day" (an act told as done may be an earlier one retold).
REPORT_DATED = "told as done"
# ... and an event dated as a period from a day to its report's ("killed since Friday") ends it so:
TO_REPORT = "to the report's date"
# Mention kinds that never date an event: a period's bound and when the story was filed.
NOT_OCCURRENCE = frozenset({"reference", "dateline"})
# A dateline opening a line near the top: a place (or a place and the day's name), a comma, the
# date, then a dash, colon or agency tag ("ISLAMABAD, May 8 (Reuters) -", "New Delhi, May 13, 2025–");
# or an agency with the date in brackets ("ANKARA (Jun 3) -").
_DATELINE_BEFORE = re.compile(r"\s*[A-Z][A-Za-z.'’ /-]{1,40},\s*(?:[A-Z][a-z]+,\s*)?")
_DATELINE_AFTER = re.compile(r"\s*(?:(?P<agency>\([A-Za-z .]{2,30}\))\s*[-–—:]?|[-–—:])")
_AGENCY_BEFORE = re.compile(r"\s*[A-Z][A-Za-z.&'’ -]{1,30}\s*\(\s*")
_AGENCY_AFTER = re.compile(r"\s*\)\s*[-–—:]")
# A date line: a label before the date ("date 2024-02-14", "Updated: 14 Feb 2024"), a byline
# ("By Jane Roe, 4 March 2024"), or a line that is little more than the date and a time.
_LABEL = re.compile(
    r"(?:(?:^|[|•·/])\s*(?i:" + _alternation(_EN["date_line_labels"]) + ")"
    r"|\b(?:" + _alternation(_EN["date_line_inline_labels"]) + r"))\s*[:-]?\s*(?i:on)?\s*:?\s*$"
)
# words a date line holds beside its date and time ("Updated 2 hours ago", "10:23 pm IST")
_DATE_LINE_WORDS = frozenset(w.lower() for w in _EN["date_line_words"])
_BYLINE = re.compile(r"\s*By\s+\S")
_TOP_CHARS, _TOP_LINES, _BYLINE_WORDS, _LINE_WORDS = 600, 12, 12, 2
_DAY_TAGS = frozenset({"iso", "numeric", "md", "dm", "wd-md", "wd-dm"})
_ABBREV = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Lt|Gen|Col|Maj|Capt|Sgt|St|Jr|Sr|Prof|Rep|Sen|Gov|No|vs|etc|a\.m|p\.m))\.$"
)


@dataclass
class _Hit:
    tag: str
    start: int
    end: int
    groups: dict[str, str | None] = field(default_factory=dict)


def _month(token: str | None) -> int | None:
    return _MONTHS.get(token.strip(".")[:3].lower()) if token else None


def _weekday(token: str | None) -> int | None:
    if not token:
        return None
    t = token.strip(".").lower()
    return _WEEKDAYS.get(t, _WEEKDAY_ABBR.get(t))


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


# Patterns that cannot match without a month name run only in windows around one:
# the full-text scan of those long optional-prefix patterns was most of this stage's time.
_NEEDS_MONTH = {"md-md", "md-d", "dm-dm", "d-dm", "md", "dm", "wd-md", "wd-dm", "my", "m"}
_MONTH_WORD = re.compile(_MON_ALT)
_BEFORE, _AFTER = 120, 80


def names_a_month(text: str) -> bool:
    """Whether the text names a month at all (a cheap test before looking for dates in it)."""
    return _MONTH_WORD.search(text) is not None


def _month_windows(text: str) -> list[tuple[int, int]]:
    windows: list[tuple[int, int]] = []
    for m in _MONTH_WORD.finditer(text):
        lo, hi = max(0, m.start() - _BEFORE), min(len(text), m.end() + _AFTER)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def _matches(
    tag: str, rx: re.Pattern[str], text: str, windows: list[tuple[int, int]]
) -> Iterator[re.Match[str]]:
    if tag not in _NEEDS_MONTH:
        yield from rx.finditer(text)
        return
    for lo, hi in windows:
        yield from rx.finditer(text, lo, hi)


@functools.lru_cache(maxsize=8)
def _scan_cached(text: str) -> tuple[_Hit, ...]:
    return tuple(_scan_uncached(text))


def _scan(text: str) -> list[_Hit]:
    """Every pattern match, then the longest non-overlapping ones in text order (cached per text)."""
    return [dataclasses.replace(h, groups=dict(h.groups)) for h in _scan_cached(text)]


def _scan_uncached(text: str) -> list[_Hit]:
    hits: list[_Hit] = []
    windows = _month_windows(text)
    for tag, rx in _COMPILED:
        for m in _matches(tag, rx, text, windows):
            start, end = m.span()
            groups = m.groupdict()
            if tag == "m":
                if not groups.get("prep") and not groups.get("q"):
                    continue  # a month name alone is too ambiguous ("May", "March")
                start = m.start("q") if groups.get("q") else m.start("m1")
            elif tag == "y":
                qualified = (groups.get("prep") or "").lower() in ("early", "late", "mid")
                start = m.start("prep") if qualified else m.start("y1")
            if not _plausible(tag, groups):
                continue
            hits.append(_Hit(tag, start, end, groups))
    hits.sort(key=lambda h: (-(h.end - h.start), h.start))
    chosen: list[_Hit] = []
    taken: list[tuple[int, int]] = []
    for h in hits:
        if all(h.end <= s or h.start >= e for s, e in taken):
            chosen.append(h)
            taken.append((h.start, h.end))
    return sorted(chosen, key=lambda h: h.start)


def _plausible(tag: str, g: dict[str, str | None]) -> bool:
    """Reject matches that are probably not dates: day numbers out of range, "7 and 10 people"."""
    for k in ("d1", "d2"):
        if g.get(k) is not None and not 1 <= int(g[k] or 0) <= 31:
            return False
    rng = (g.get("rng") or "").strip().lower()
    lead = (g.get("lead") or "").lower()
    if tag in ("md-md", "dm-dm") and rng == "and" and lead != "between":
        return False  # "on 5 March and 9 March" are two days, not a span
    if tag in ("md-d", "d-dm"):
        d1, d2 = int(g["d1"] or 0), int(g["d2"] or 0)
        if d2 <= d1:
            return False
        if rng == "and" and lead != "between" and d2 - d1 > 2:
            return False
        if rng == "/" and not g.get("part") and d2 - d1 != 1:
            return False
    return True


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Rough sentence spans: split after . ! ? followed by space, not after abbreviations."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"[.!?][\"”’')]*\s+|\n+", text):
        if m.group().startswith(".") and _ABBREV.search(text[max(0, m.start() - 6) : m.start() + 1]):
            continue
        bounds.append((start, m.end()))
        start = m.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds or [(0, len(text))]


def _sentence_of(bounds: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    i = bisect.bisect_right(bounds, (pos, float("inf"))) - 1
    return bounds[max(0, min(i, len(bounds) - 1))]


def infer_default_year(text: str) -> int | None:
    """The year a date written without one most likely has: the latest year of the text's
    explicit dates, or None when it has none.

    Only dates that write a year beside a month count (a bare "2019" does not), and
    dates in sentences about the future ("will be reviewed by March 2026") are left out
    while any other is there. The latest rather than the most common year, because news
    gives the year for background dates ("the February 2019 Pulwama attack") and leaves
    it out for the current ones.
    """
    bounds = _sentence_bounds(text)
    past: list[int] = []
    future: list[int] = []
    for h in _scan(text):
        if h.tag == "y":
            continue
        s, e = _sentence_of(bounds, h.start)
        bucket = future if _FUTURE.search(text[s:e]) else past
        bucket.extend(int(y) for y in (h.groups.get("y1"), h.groups.get("y2")) if y)
    if past:
        return max(past)
    if future:
        counts = Counter(future)
        return max(counts, key=lambda y: (counts[y], y))
    return None


_GRACE = dt.timedelta(days=7)
_LAST_IS_WEEK_BEFORE = 2


class _Resolver:
    """Resolves one text's matches, given its anchor, default year and sentences."""

    def __init__(self, text: str, anchor: dt.date | None, default_year: int | None):
        self.text = text
        self.anchor = anchor
        self.default_year = default_year
        self._bounds: list[tuple[int, int]] | None = None
        self.previous: dt.date | None = None

    @property
    def bounds(self) -> list[tuple[int, int]]:
        if self._bounds is None:
            self._bounds = _sentence_bounds(self.text)
        return self._bounds

    def future(self, pos: int) -> bool:
        s, e = _sentence_of(self.bounds, pos)
        return bool(_FUTURE.search(self.text[s:e]))

    def year_for(self, month: int, day: int, pos: int, weekday: int | None = None) -> dt.date | None:
        """The date of a day-and-month without a year (see the module docstring)."""
        if self.anchor is not None:
            y = self.anchor.year
            candidates = [d for d in (_safe_date(y + k, month, day) for k in (-1, 0, 1)) if d]
            if self.future(pos):
                ok = [d for d in candidates if d >= self.anchor - _GRACE]
                best = min(ok) if ok else None
            else:
                ok = [d for d in candidates if d <= self.anchor + _GRACE]
                best = max(ok) if ok else None
        elif self.default_year is not None:
            candidates = [d for d in (_safe_date(self.default_year + k, month, day) for k in (0, -1, 1)) if d]
            best = candidates[0] if candidates and candidates[0].year == self.default_year else None
        else:
            return None
        if best is not None and weekday is not None and best.weekday() != weekday:
            # The weekday named beside the date disagrees: a neighbouring year may fit it.
            for alt in candidates:
                fits = self.anchor is None or alt <= self.anchor + _GRACE or self.future(pos)
                if fits and alt.weekday() == weekday and abs(alt.year - best.year) == 1:
                    return alt
        return best

    def day_of_month(self, day: int) -> dt.date | None:
        """ "the 13th" without a month: that day of the anchor's month, or of the month before
        when the anchor's month has not reached it (past tense; no anchor, no date)."""
        if self.anchor is None:
            return None
        a = self.anchor
        found = _safe_date(a.year, a.month, day)
        if found is None or found > a:
            before = a.replace(day=1) - dt.timedelta(days=1)
            found = _safe_date(before.year, before.month, day)
        return found

    def full(self, y: str | None, month: int | None, day: int, pos: int, wd: str | None) -> dt.date | None:
        if month is None:
            return None
        if y:
            return _safe_date(int(y), month, day)
        return self.year_for(month, day, pos, _weekday(wd))

    def month_year(self, month: int, pos: int, rel: str | None = None) -> int | None:
        """The year of a month named without one (``in March``, ``last May``)."""
        if self.anchor is not None:
            a = self.anchor
            if rel == "last":
                return a.year if month < a.month else a.year - 1
            if rel == "next":
                return a.year if month > a.month else a.year + 1
            if rel == "this":
                return a.year
            if self.future(pos):
                return a.year if month >= a.month else a.year + 1
            return a.year if month <= a.month else a.year - 1
        if rel:
            return None
        return self.default_year

    def resolve(self, h: _Hit) -> DateMention:
        g = h.groups
        text = self.text[h.start : h.end]
        mention = DateMention(start=h.start, end=h.end, text=text, date=None, kind="explicit")
        tag = h.tag
        if tag == "iso":
            mention.date = _safe_date(int(g["y1"] or 0), int(g["mo"] or 0), int(g["d1"] or 0))
        elif tag == "numeric":
            a, b = int(g["a"] or 0), int(g["b"] or 0)
            # Day first (as in South Asian and British usage) unless that cannot be.
            day, month = (b, a) if a <= 12 < b else (a, b)
            mention.date = _safe_date(int(g["y1"] or 0), month, day) if month <= 12 else None
        elif tag in ("md", "dm", "wd-md", "wd-dm"):
            mention.kind = "explicit" if g.get("y1") else "partial"
            mention.date = self.full(g.get("y1"), _month(g["m1"]), int(g["d1"] or 0), h.start, g.get("wd"))
        elif tag in ("md-md", "md-d", "dm-dm", "d-dm"):
            mention.kind = "span"
            m1 = _month(g.get("m1") or g.get("m2"))
            m2 = _month(g.get("m2") or g.get("m1"))
            y2 = g.get("y2") or g.get("y1")
            y1 = g.get("y1") or g.get("y2")
            end = self.full(y2, m2, int(g["d2"] or 0), h.start, g.get("wd2"))
            start = self.full(y1, m1, int(g["d1"] or 0), h.start, g.get("wd"))
            if start and end and start > end and not g.get("y1") and m1 and m1 > (m2 or 0):
                start = _safe_date(end.year - 1, m1, int(g["d1"] or 0))  # Dec 30 to Jan 2
            if start and end and start <= end:
                mention.date, mention.date_end = start, end
        elif tag == "my":
            mention.kind = "month" if not g.get("q") else "span"
            self._month_span(mention, int(g["y1"] or 0), _month(g["m1"]) or 1, g.get("q"))
        elif tag == "m":
            q = (g.get("q") or "").lower()
            rel = q if q in ("last", "next", "this") else None
            month = _month(g["m1"]) or 1
            y = self.month_year(month, h.start, rel)
            mention.kind = "relative" if rel else ("span" if q else "month")
            if y is not None:
                self._month_span(mention, y, month, None if rel else q)
        elif tag == "y":
            mention.kind = "year"
            y = int(g["y1"] or 0)
            q = (g.get("prep") or "").lower()
            lo, hi = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}.get(q, (1, 12))
            mention.date, mention.date_end = dt.date(y, lo, 1), dt.date(y, hi, _last_day(y, hi))
        elif tag == "dom":
            mention.kind = "partial"
            mention.date = self.day_of_month(int(g["d1"] or 0))
        elif tag == "wd":
            mention.kind = "weekday"
            self._weekday(mention, h, _weekday(g["wd"]) or 0, (g.get("rel") or "").lower())
        else:
            mention.kind = "relative"
            self._relative(mention, h)
        before = self.text[max(0, h.start - 20) : h.start]
        # "by Friday" is a deadline, but "hit by Saturday's strike" names the act
        by_day = _BY.search(before) and not _POSSESSIVE.match(self.text[h.end - 2 : h.end + 2])
        if _SINCE.search(before) or by_day:
            mention.kind = "reference"
            return mention  # a reference point is not a date the text moves on to ("the next day")
        if tag in _DAY_TAGS and _top_kind(self.text, h.start, h.end) is not None:
            mention.kind = "dateline"  # "New Delhi, May 13, 2025 –": when the story was filed
            return mention
        if mention.date is not None:
            self.previous = mention.date_end or mention.date
        return mention

    @staticmethod
    def _month_span(mention: DateMention, y: int, month: int, q: str | None) -> None:
        last = _last_day(y, month)
        q = re.sub(r"\s+", " ", (q or "").lower()).removeprefix("the ")
        lo, hi = {
            "early": (1, 10), "beginning of": (1, 10), "start of": (1, 10),
            "mid": (11, 20), "late": (21, last), "end of": (21, last),
            "first week of": (1, 7), "second week of": (8, 14), "third week of": (15, 21),
            "fourth week of": (22, 28), "last week of": (last - 6, last), "final week of": (last - 6, last),
        }.get(q, (1, last))  # fmt: skip
        mention.date, mention.date_end = dt.date(y, month, lo), dt.date(y, month, hi)

    def _weekday(self, mention: DateMention, h: _Hit, wd: int, rel: str) -> None:
        a = self.anchor
        if a is None:
            return
        back = (a.weekday() - wd) % 7  # days since the most recent such weekday, on or before a
        ahead = (wd - a.weekday()) % 7
        if rel == "last":
            # "last Friday": a day or two back is "yesterday" or plain "Friday"; said so close to
            # it, "last" means the week before
            days = back or 7
            mention.date = a - dt.timedelta(days=days + 7 if days <= _LAST_IS_WEEK_BEFORE else days)
        elif rel == "past":
            mention.date = a - dt.timedelta(days=back or 7)
        elif rel in ("next", "coming"):
            mention.date = a + dt.timedelta(days=ahead or 7)
        elif rel == "this":
            mention.date = a + dt.timedelta(days=wd - a.weekday())  # "this Sunday": the anchor's own week
        elif self.future(h.start):
            mention.date = a + dt.timedelta(days=ahead)
        else:
            mention.date = a - dt.timedelta(days=back)

    @staticmethod
    def _counted_back(mention: DateMention, g: dict[str, str | None], a: dt.date | None) -> None:
        """Rule counted_period: "over the past three days" in a report of 16 June is 13–16 June; "the
        last 24 hours" is the day before and the report's own."""
        n_text = (g["n"] or "").lower()
        n = int(n_text) if n_text.isdigit() else _NUMBER_WORDS.get(n_text)
        if a is None or not n:
            return
        unit = (g["unit"] or "").lower()
        days = -(-n // 24) if unit == "hours" else n * (7 if unit == "weeks" else 1)
        mention.kind = "span"
        mention.date, mention.date_end = a - dt.timedelta(days=days), a

    def _relative(self, mention: DateMention, h: _Hit) -> None:
        g, a, tag = h.groups, self.anchor, h.tag
        if tag == "seq":
            # "the next day": relative to the last date the text gave, not to the article's date.
            base = self.previous
            if base is not None:
                w = (g["w"] or "").lower()
                if "that" in w or "same" in w or " in the " in w:
                    step = 0  # "later that day", "the same evening": the day the text last named
                else:
                    step = -1 if ("previous" in w or "preceding" in w or "before" in w) else 1
                mention.date = base + dt.timedelta(days=step)
            return
        if tag == "past-n":
            self._counted_back(mention, g, a)
            return
        if tag == "ago":
            n_text = " ".join((g["n"] or "").lower().split())
            n = int(n_text) if n_text.isdigit() else _NUMBER_WORDS.get(n_text)
            direction = (g["dir"] or "").lower()
            # "two days later" counts from the text's last date; "two days after the attack"
            # counts from an event named next, which this function cannot see.
            base = a if direction == "ago" else self.previous if direction in ("later", "earlier") else None
            if base is None or n is None:
                return
            sign = 1 if direction in ("later", "after") else -1
            unit = (g["unit"] or "").lower()
            if unit in ("day", "week"):
                mention.date = base + dt.timedelta(days=sign * n * (7 if unit == "week" else 1))
            elif unit == "month":
                k = base.year * 12 + base.month - 1 + sign * n
                y, m = divmod(k, 12)
                mention.date, mention.date_end = dt.date(y, m + 1, 1), dt.date(y, m + 1, _last_day(y, m + 1))
            else:
                # "ten years ago" names a year, and a year alone never dates an act
                mention.kind = "year"
                y = base.year + sign * n
                mention.date, mention.date_end = dt.date(y, 1, 1), dt.date(y, 12, 31)
            return
        if a is None:
            return
        if tag == "weekend":
            w = (g["w"] or "").lower()
            saturday = a - dt.timedelta(days=(a.weekday() - 5) % 7)  # on or before the anchor
            if w == "next" or (w != "last" and w != "past" and self.future(h.start)):
                saturday = a + dt.timedelta(days=(5 - a.weekday()) % 7 or 7)
            elif w in ("last", "past") and a.weekday() >= 5:
                saturday -= dt.timedelta(days=7)  # on a weekend, "last weekend" is the one before
            mention.date, mention.date_end = saturday, saturday + dt.timedelta(days=1)
            return
        if tag == "rel":
            w = " ".join((g["w"] or "").lower().split())
            offset = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(w, 0)
            mention.date = a + dt.timedelta(days=offset)
            return
        w = " ".join((g["w"] or "").lower().split())
        unit = (g["unit"] or "").lower()
        if unit == "week":
            monday = a - dt.timedelta(days=a.weekday())
            if w in ("last", "past", "previous"):
                mention.date, mention.date_end = monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)
            elif w == "next":
                mention.date, mention.date_end = monday + dt.timedelta(days=7), monday + dt.timedelta(days=13)
            elif w.startswith("later"):
                mention.date, mention.date_end = a, monday + dt.timedelta(days=6)
            else:
                end = a - dt.timedelta(days=1) if w.startswith("earlier") else a
                mention.date, mention.date_end = monday, max(monday, end)
        elif unit == "month":
            first = a.replace(day=1)
            if w in ("last", "past", "previous"):
                prev_end = first - dt.timedelta(days=1)
                mention.date, mention.date_end = prev_end.replace(day=1), prev_end
            elif w == "next":
                nxt = (first + dt.timedelta(days=32)).replace(day=1)
                mention.date, mention.date_end = nxt, nxt.replace(day=_last_day(nxt.year, nxt.month))
            elif w.startswith("later"):
                mention.date, mention.date_end = a, a.replace(day=_last_day(a.year, a.month))
            else:
                end = a - dt.timedelta(days=1) if w.startswith("earlier") else a
                mention.date, mention.date_end = first, max(first, end)
        else:
            y = a.year + {"last": -1, "past": -1, "previous": -1, "next": 1}.get(w, 0)
            if y == a.year and not w.startswith("later"):
                end = a - dt.timedelta(days=1) if w.startswith("earlier") else a
                mention.date, mention.date_end = dt.date(y, 1, 1), max(dt.date(y, 1, 1), end)
            elif y == a.year:
                mention.date, mention.date_end = a, dt.date(y, 12, 31)
            else:
                mention.date, mention.date_end = dt.date(y, 1, 1), dt.date(y, 12, 31)


def _top_kind(text: str, start: int, end: int) -> str | None:
    """``"dateline"`` or ``"date-line"`` when the date at ``start:end`` says when the story was
    filed: a dateline or a date line (see the module docstring) near the top of the text."""
    if start > _TOP_CHARS:
        return None
    line_start = text.rfind("\n", 0, start) + 1
    if text.count("\n", 0, line_start) > _TOP_LINES:
        return None
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before, after = text[line_start:start], text[end:line_end]
    if _DATELINE_BEFORE.fullmatch(before) and _DATELINE_AFTER.match(after):
        return "dateline"  # "YEREVAN, Sept. 19 —", "ISLAMABAD, May 8 (Reuters) -"
    dash = _DATELINE_AFTER.match(after)
    if not before.strip() and dash and (dash.group("agency") or not text[:line_start].strip()):
        return "dateline"  # "May 8 (Reuters) -"; or the text opens "May 8, 2025 – ..."
    if _AGENCY_BEFORE.fullmatch(before) and _AGENCY_AFTER.match(after):
        return "dateline"  # "ANKARA (Jun 3) -"
    if _LABEL.search(before):
        return "date-line"  # "date 2024-02-14", "Updated: 14 Feb 2024"
    words_before = _words_besides_dates(before)
    byline = _BYLINE.match(before) is not None and len(words_before) <= _BYLINE_WORDS
    if not byline and len(words_before) > _LINE_WORDS:
        # a date inside a sentence: the rest of its line (maybe the whole text) need not be scanned
        return None
    words_after = _words_besides_dates(after)
    if byline and not words_after:
        return "date-line"  # "By Jane Roe, Kyiv bureau, 4 March 2024"
    if len(words_before) + len(words_after) <= _LINE_WORDS:
        return "date-line"  # "February 14, 2024", "Asia 09:12 AM - 2024-02-14"
    return None


def _words_besides_dates(piece: str) -> list[str]:
    """The words of ``piece`` outside any date or clock time."""
    cut = [(h.start, h.end) for h in _scan_uncached(piece)] + [(s, e) for s, e, _ in find_times(piece)]
    for s, e in sorted(cut, reverse=True):
        piece = piece[:s] + " " + piece[e:]
    return [w for w in re.findall(r"[^\W\d_]{2,}", piece) if w.lower() not in _DATE_LINE_WORDS]


# --- clock times ---------------------------------------------------------------------------

_TZ = r"(?:\s*\(?(?P<tz>IST|PKT|PST|GMT|UTC|BST|CET|EST|EDT|ET|local\s+time)\)?)?"
_TIME_PATTERNS = [
    # 1700 hours / 0530 hrs: military style; needs a preposition before or a zone after
    re.compile(
        r"(?:\b(?P<prep>at|from|by|since|until|till|before|after|around|about|approximately|effective|to)\s+)?"
        r"(?<![\d,.])\b(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s*(?:hours|hrs\.?|hr|h)\b" + _TZ
    ),
    # 17:00 / 5:30 p.m.
    re.compile(
        r"(?<![\d:.])\b(?P<h>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d)(?![\d:])"
        r"(?:\s*(?P<ap>[ap]\.\s?m\.?|[ap]m\b|[AP]M\b))?" + _TZ
    ),
    # 5 pm / 11 a.m. IST
    re.compile(r"(?<![\d:.,])\b(?P<h>1[0-2]|0?[1-9])\s*(?P<ap>[ap]\.\s?m\.?|[ap]m\b|[AP]M\b)" + _TZ),
    # 1130 GMT: four digits with a time zone and no "hours"
    re.compile(r"(?<![\d,.])\b(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s*\(?(?P<tz>GMT|UTC|IST|PKT|Zulu)\b"),
]
_TIME_WORDS = re.compile(r"\b(?P<w>noon|midday)\b", re.IGNORECASE)


def find_times(text: str) -> list[tuple[int, int, str]]:
    """Clock times as ``(start, end, "HH:MM")``; "1700 hours" is 17:00, never a year."""
    found: list[tuple[int, int, str]] = []
    for i, rx in enumerate(_TIME_PATTERNS):
        for m in rx.finditer(text):
            g = m.groupdict()
            if i == 0 and not (g.get("prep") or g.get("tz")):
                continue
            if i == 1 and m.group(0)[m.end("h") - m.start()] == "." and not (g.get("ap") or g.get("tz")):
                continue  # "5.30" alone is more often a number than a time
            h, mi = int(g["h"]), int(g.get("mi") or 0)
            ap = (g.get("ap") or "").replace(".", "").replace(" ", "").lower()
            if ap == "pm" and h < 12:
                h += 12
            elif ap == "am" and h == 12:
                h = 0
            start = m.start("h")
            if any(not (m.end() <= s or start >= e) for s, e, _ in found):
                continue
            found.append((start, m.end(), f"{h:02d}:{mi:02d}"))
    for m in _TIME_WORDS.finditer(text):
        # "12:00 noon" is one time
        if all((m.end() <= s or m.start() >= e) and not 0 <= m.start() - e <= 1 for s, e, _ in found):
            found.append((m.start(), m.end(), "12:00"))
    return sorted(found)


# --- public API ----------------------------------------------------------------------------


def find_dates(
    text: str, anchor: dt.date | None = None, default_year: int | None = None
) -> list[DateMention]:
    """Every time expression in ``text``, in order, resolved where the text allows.

    ``anchor`` is the article's own date (for relative expressions and missing
    years); ``default_year`` is used for missing years when there is no anchor,
    and is inferred from the text's explicit dates when not given. A mention
    that cannot be resolved is still returned, with ``date=None``. Clock times
    come as ``kind="time"`` mentions carrying the date of their sentence, and
    set ``time`` on that date mention too.
    """
    if default_year is None and anchor is None:
        default_year = infer_default_year(text)
    resolver = _Resolver(text, anchor, default_year)
    mentions = [resolver.resolve(h) for h in _scan(text)]
    for start, end, hhmm in find_times(text):
        if any(m.start <= start < m.end for m in mentions):
            continue
        s, e = _sentence_of(resolver.bounds, start)
        near = [
            m
            for m in mentions
            if m.date is not None and s <= m.start < e and m.kind != "time" and m.kind not in NOT_OCCURRENCE
        ]
        host = min(near, key=lambda m: min(abs(m.start - end), abs(start - m.end)), default=None)
        if host is not None and host.time is None:
            host.time = hhmm
        mentions.append(
            DateMention(
                start=start,
                end=end,
                text=text[start:end],
                date=host.date if host else None,
                date_end=host.date_end if host else None,
                time=hhmm,
                kind="time",
            )
        )
    return sorted(mentions, key=lambda m: m.start)


@dataclass(frozen=True)
class ReferenceDate:
    """A document's own date, which relative and partial dates resolve against, and where it
    came from: ``provenance`` is the metadata field's origin (``column``, ``front-matter``, ...),
    or ``dateline``, ``date-line``, ``url`` or ``latest-date`` (the latest full date the text
    states); ``text`` is the words that gave it."""

    date: dt.date | None
    provenance: str | None = None
    text: str | None = None


# A date in a URL's path: /2025/05/07/, /20250507/, 2025-05-07, /202505/07/
_URL_DATE = re.compile(
    r"(?<![\d])(?P<y>20\d\d)(?P<s>[/_-]?)(?P<m>0[1-9]|1[0-2])(?:(?P=s)|/)(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"
)


def url_date(url: str | None) -> dt.date | None:
    """The date written in a URL's path (``/2025/05/07/``, ``/20250507/``, ``-2025-05-07``), if any."""
    if not url:
        return None
    path = re.sub(r"^[a-z][a-z0-9+.-]*://[^/]+", "", url.strip(), flags=re.IGNORECASE).split("?")[0]
    for m in _URL_DATE.finditer(path):
        day = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if day is not None:
            return day
    return None


def reference_date(
    text: str,
    *,
    url: str | None = None,
    published: dt.date | None = None,
    published_from: str | None = None,
    default_year: int | None = None,
) -> ReferenceDate:
    """The date a document speaks from, in this order of trust: its metadata (``published``), a
    dateline or date line at the top of the text, a date in its URL's path, else the latest full
    date the text states outside sentences about the future. ``ReferenceDate(None)`` when none.
    ``default_year`` serves a text that names no year at all (the year of the documents it came with)."""
    if published is not None:
        return ReferenceDate(published, published_from or "metadata")
    from_url = url_date(url)
    resolver: _Resolver | None = None

    def resolver_() -> _Resolver:
        nonlocal resolver
        if resolver is None:  # the text's own year only when a date lacks one (it scans the whole text)
            year = from_url.year if from_url else (infer_default_year(text) or default_year)
            resolver = _Resolver(text, None, year)
        return resolver

    # the top alone first: most documents are dated there, and their text need not be scanned
    for h in _scan_uncached(text[: _TOP_CHARS + _AFTER]):
        if h.start > _TOP_CHARS:
            break
        kind = _top_kind(text, h.start, h.end) if h.tag in _DAY_TAGS else None
        if kind is not None:
            mention = _Resolver(text, None, None).resolve(h)
            if mention.date is None:  # no year written: the text's, the URL's or the given one
                mention = resolver_().resolve(h)
            if mention.date is not None:
                return ReferenceDate(mention.date, kind, mention.text)
    if from_url is not None:
        return ReferenceDate(from_url, "url", url)
    latest: DateMention | None = None
    for h in _scan(text):
        if h.tag not in _DAY_TAGS or resolver_().future(h.start):
            continue
        mention = resolver_().resolve(h)
        if mention.date is None or mention.kind not in ("explicit", "partial"):
            continue
        if latest is None or latest.date is None or mention.date > latest.date:
            latest = mention
    if latest is not None:
        return ReferenceDate(latest.date, "latest-date", latest.text)
    return ReferenceDate(None)


_CLUSTER_DAYS = 60
_SPAN_DAYS = 7  # a month or a year ("in May", "in 2019") is too coarse to bound an event


def context_span(dates: list[DateMention], position: int) -> tuple[dt.date, dt.date] | None:
    """The span an undated event at ``position`` lies in: from the latest date told before it
    to the next later-or-equal date told after it ("subsequent exchanges" between the strike
    of 7 May and the ceasefire of 10 May → 7–10 May).

    Dates far (over 60 days) from the median of the text's dates, and spans longer
    than a week ("in May", "in 2019"), are left out, so background history does not
    stretch the span. None when either side is missing.
    """
    dated = [
        m
        for m in dates
        if m.date is not None
        and m.kind != "time"
        and m.kind not in NOT_OCCURRENCE
        and not m.inferred
        and (m.date_end is None or (m.date_end - m.date).days <= _SPAN_DAYS)
    ]
    if not dated:
        return None
    days = sorted(m.date.toordinal() for m in dated if m.date)
    median = days[len(days) // 2]
    cluster = [m for m in dated if m.date and abs(m.date.toordinal() - median) <= _CLUSTER_DAYS]
    before = [m for m in cluster if m.end <= position]
    if not before:
        return None
    lo = max((m.date_end or m.date) for m in before if m.date)
    after = sorted(
        (m for m in cluster if m.start >= position and m.date and m.date >= lo), key=lambda m: m.start
    )
    if not after or after[0].date is None:
        return None
    return lo, after[0].date


def _only_a_bound(reference: ReferenceDate) -> bool:
    """The reference date is the latest date the text states: the report was written that day or
    any day after, so "on Sunday" or "last week" counted back from it may be weeks off."""
    return (reference.provenance or "").startswith("latest-date")


def _weekday_of_the_latest_date(mentions: list[DateMention], latest: dt.date, text: str) -> None:
    """Rule weekday_of_the_latest_date: a text with no date of its own that states "14 June 2025" and
    says "Kyiv confirmed Saturday" or "the embassy closed on Wednesday": a bare weekday in a sentence not
    about the future, at most three days before the latest date the text states, is counted back from
    it, as if the report were of that day (it was written then or soon after). The day is marked
    inferred (the report's own day is unknown) unless it is the weekday of that very date."""
    bounds = _sentence_bounds(text)
    for m in mentions:
        if m.kind != "weekday" or m.date is not None or not m.text.split():
            continue
        first = m.text.split()[0]
        wd = _weekday(first)
        if first.lower() in _WEEKDAY_RELATIONS or wd is None:
            continue
        if wd == latest.weekday():
            m.date = latest  # "confirmed Saturday" beside "14 June 2025", a Saturday: that day
            continue
        back = (latest.weekday() - wd) % 7
        s, e = _sentence_of(bounds, m.start)
        if back > _NEAR_LATEST_DAYS or _FUTURE.search(text[s:e]):
            continue  # further back, the weekday may as well fall after the latest date (a later report)
        m.date = latest - dt.timedelta(days=back)
        m.inferred = True


# how many days before the latest stated date a weekday may be counted back to
_NEAR_LATEST_DAYS = 3
# words before a weekday that move it off the plain "on Saturday" ("last Saturday", "next Saturday")
_WEEKDAY_RELATIONS = frozenset({"last", "next", "this", "past", "coming"})


@register_stage("dates")
class DatesStage:
    """Find and resolve the document's dates; the anchor is the document's own date."""

    requires = ("doc",)
    provides = ("dates",)

    def __init__(self, **_: Any) -> None:
        pass

    def __call__(self, record: DocRecord) -> DocRecord:
        text, document = record.text, record.document
        reference = reference_date(
            text, url=document.url, published=document.published, published_from=document.published_from
        )
        default_year = infer_default_year(text)
        anchor = reference.date
        if anchor is not None and _only_a_bound(reference):
            default_year = default_year or anchor.year
            anchor = None
        record.dates = find_dates(text, anchor=anchor, default_year=default_year)
        if reference.date is not None and _only_a_bound(reference):
            _weekday_of_the_latest_date(record.dates, reference.date, text)
        record.data["default_year"] = default_year
        record.data["anchor"] = reference.date  # the report-date fallback still uses it
        record.data["anchor_from"] = reference.provenance
        return record
