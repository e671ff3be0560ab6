"""Numbers in a sentence or clause: casualties, money in US dollars, counts of things.

Pure functions for the events stage. Figures may be written in digits
("1,200"), words ("twenty-six") or both ("3.5 million"). Hedged figures ("at
least 31", "about $1 billion") keep their number and are flagged approximate;
vague ones ("dozens", "scores") have no number and are flagged approximate.
Four-digit numbers from 1900 to 2099 are read as years, not counts.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..ontology.lang import words

__all__ = [
    "USD_PER_UNIT",
    "Money",
    "casualties",
    "count_of",
    "money_usd",
    "parse_number",
    "words_to_number",
]

_UNITS = dict(words("grammar")["number_units"])
_TENS = dict(words("grammar")["number_tens"])
_SCALES = dict(words("grammar")["number_scales"])
_NUMBER_WORD = "|".join(sorted([*_UNITS, *_TENS, *_SCALES, "dozen"], key=len, reverse=True))

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDS = rf"(?:an?\s+)?(?:{_NUMBER_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_NUMBER_WORD}))*"
# "3.5 million", "26", "twenty-six", "a dozen"
_NUM = rf"(?:(?:{_DIGITS})(?:\s+(?:million|billion|thousand|hundred))?|{_WORDS})\b"
_VAGUE = r"dozens|scores|hundreds|thousands|several|many|a\s+number\s+of|a\s+few|numerous"
_HEDGE = (
    r"at\s+least|more\s+than|over|nearly|almost|about|around|approximately|roughly|some|up\s+to|"
    r"as\s+many\s+as|close\s+to|an\s+estimated|estimated|reportedly|well\s+over|under|fewer\s+than|less\s+than"
)
_QN = rf"(?:(?P<q>{_HEDGE})\s+)?(?:(?P<n>{_NUM})|(?P<vague>{_VAGUE})(?:\s+of)?)"


def words_to_number(text: str) -> int | None:
    """English number words to an integer: "twenty-six" → 26, "one hundred and five" → 105,
    "a dozen" → 12, "two thousand" → 2000. None if any word is not a number word."""
    words = [w for w in re.split(r"[\s-]+", text.strip().lower()) if w and w != "and"]
    if not words:
        return None
    if words[0] in ("a", "an"):
        if len(words) == 1:
            return None
        words[0] = "one"
    total = current = 0
    seen = False
    for w in words:
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "dozen":
            current = (current or 1) * 12
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in _SCALES:
            total += (current or 1) * _SCALES[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(text: str) -> float | None:
    """A figure in digits, words or both ("1,200", "3.5 million", "twenty-six") as a number."""
    text = text.strip()
    m = re.fullmatch(rf"({_DIGITS})(?:\s+(million|billion|thousand|hundred))?", text, re.IGNORECASE)
    if m:
        value = float(m.group(1).replace(",", ""))
        return value * _SCALES[m.group(2).lower()] if m.group(2) else value
    n = words_to_number(text)
    return float(n) if n is not None else None


def _count(m: re.Match[str]) -> tuple[int | None, bool]:
    """The integer a matched figure stands for, and whether it is approximate."""
    approx = bool(m.group("q")) or bool(m.group("vague"))
    if m.group("vague") or not m.group("n"):
        return None, True
    raw = m.group("n")
    if re.fullmatch(r"(?:19|20)\d\d", raw):
        return None, approx  # a year, not a count
    value = parse_number(raw)
    if value is None or value != int(value):
        return None, approx
    if raw.lower().startswith(("a dozen", "dozen")):
        approx = True
    return int(value), approx


_PERSON = (
    r"(?:people|persons?|civilians?|soldiers?|troops|tourists?|militants?|terrorists?|insurgents?|personnel|"
    r"officers?|men|women|children|kids|villagers?|residents?|policemen|police(?:men)?|jawans?|pilgrims?|"
    r"Indians|Pakistanis|members|individuals|others|servicemen|fighters|worshippers|students|nationals?|"
    r"visitors|passengers|workers|infants|girls|boys|labourers|laborers)"
)
_BETWEEN = r"(?:[A-Za-z][\w'’-]*\s+){0,3}?"  # adjectives between a figure and its noun: "Indian", "local"
_ASIDE = r"(?:,[^,.;]{1,60},)?"  # "26 people, including a Nepali national, were killed"
_AUX = r"(?:(?:were|was|have|has|had|been|are|is|being|got|reportedly|allegedly|also|all|later)\s+)*"

_FATAL = [
    # 26 people were killed / 31 civilians died / 26 killed
    rf"\b{_QN}\s+(?:{_BETWEEN}{_PERSON}\s*{_ASIDE}\s*)?{_AUX}(?:killed|dead|died|slain|martyred|perished|"
    rf"shot\s+dead|lost\s+(?:their|his|her)\s+lives)\b",
    # 26 fatalities / 26 deaths
    rf"\b{_QN}\s+(?:fatalities|deaths|lives\s+lost|people\s+dead|bodies)\b",
    # killed 26 people / killing at least 31
    rf"\b(?:killed|killing|kills|kill|slew|martyred|martyring)\s+{_QN}\b",
    # left 26 dead / claimed 26 lives / took the lives of 26
    rf"\b(?:left|leaving)\s+{_QN}\s+(?:{_BETWEEN}{_PERSON}\s+)?dead\b",
    rf"\b(?:claimed|claiming|claims|took|taking)\s+(?:the\s+lives\s+of\s+)?{_QN}(?:\s+lives)?\b",
    # death toll rose to 26
    rf"\b(?:death\s+toll|toll|number\s+of\s+(?:dead|deaths|fatalities|people\s+killed))\s+(?:\w+\s+){{0,3}}?"
    rf"(?:to|at|of|is|was|reached|hit)\s+{_QN}",
]
_INJURED = [
    rf"\b{_QN}\s+(?:{_BETWEEN}{_PERSON}\s*{_ASIDE}\s*)?{_AUX}(?:injured|wounded|hurt)\b",
    rf"\b{_QN}\s+(?:injuries|injured|wounded)\b",
    rf"\b(?:injuring|injured|wounding|wounded|injures)\s+{_QN}\b",
    rf"\b(?:left|leaving)\s+{_QN}\s+(?:{_BETWEEN}{_PERSON}\s+)?(?:injured|wounded)\b",
    rf"\bnumber\s+of\s+(?:injured|wounded)\s+(?:\w+\s+){{0,3}}?(?:to|at|of|is|was|reached|hit)\s+{_QN}",
]
_FATAL_RX = [re.compile(p, re.IGNORECASE) for p in _FATAL]
_INJURED_RX = [re.compile(p, re.IGNORECASE) for p in _INJURED]
# The "claimed" pattern needs "lives" or "the lives of", else "claimed 5 jets" would count.
_CLAIM_NEEDS = re.compile(r"lives", re.IGNORECASE)


# Every pattern of a list needs one of these words: a text without any is skipped at once.
_FATAL_CUE = re.compile(
    r"kill|dead|died|slain|martyr|perish|lives|fatalit|deaths|bodies|slew|toll|number", re.I
)
_INJURED_CUE = re.compile(r"injur|wound|hurt|number", re.IGNORECASE)


def _first(patterns: list[re.Pattern[str]], text: str) -> tuple[int | None, bool, int] | None:
    cue = _FATAL_CUE if patterns is _FATAL_RX else _INJURED_CUE if patterns is _INJURED_RX else None
    if cue is not None and not cue.search(text):
        return None
    best: tuple[int | None, bool, int] | None = None
    for i, rx in enumerate(patterns):
        for m in rx.finditer(text):
            if patterns is _FATAL_RX and i == 4 and not _CLAIM_NEEDS.search(m.group()):
                continue
            value, approx = _count(m)
            if value is None and not approx:
                continue  # a year, not a figure
            if best is None or m.start() < best[2]:
                best = (value, approx, m.start())
            break
    return best


def casualties(text: str) -> dict[str, int | bool | None]:
    """Deaths and injuries told in a sentence or clause.

    Returns ``{"fatalities": int|None, "injured": int|None, "approximate": bool}``;
    the first figure of each kind in the text is taken. "at least 31" gives 31,
    "dozens" gives None, and both set ``approximate``.
    """
    fatal = _first(_FATAL_RX, text)
    injured = _first(_INJURED_RX, text)
    return {
        "fatalities": fatal[0] if fatal else None,
        "injured": injured[0] if injured else None,
        "approximate": bool((fatal and fatal[1]) or (injured and injured[1])),
    }


def count_of(text: str, noun: str) -> int | None:
    """How many of ``noun`` the text gives: "five Indian jets" → 5 for "jet",
    "downed 25 drones" → 25 for "drones". None when not given or vague ("dozens of drones")."""
    stem = noun.strip().lower()
    if stem.endswith("ies"):
        stem = stem[:-3] + "y"
    elif stem.endswith(("ses", "xes", "ches", "shes")):
        stem = stem[:-2]
    elif stem.endswith("s") and not stem.endswith("ss"):
        stem = stem[:-1]
    forms = {stem, stem + "s", stem + "es"}
    if stem.endswith("y"):
        forms.add(stem[:-1] + "ies")
    alt = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    rx = re.compile(rf"\b{_QN}\s+{_BETWEEN}(?:{alt})\b", re.IGNORECASE)
    for m in rx.finditer(text):
        value, _ = _count(m)
        if value is not None or m.group("vague"):
            return value
    return None


# US dollars per unit of each currency: round figures near market rates in May 2025,
# for orders of magnitude only; converted amounts are always flagged approximate.
# Source: IMF representative exchange rates, https://www.imf.org/external/np/fin/data/rms_mth.aspx
USD_PER_UNIT: dict[str, float] = {
    "USD": 1.0,
    "INR": 1 / 85.0,
    "PKR": 1 / 281.0,
    "EUR": 1.12,
    "GBP": 1.33,
    "CNY": 1 / 7.2,
    "SAR": 1 / 3.75,
    "AED": 1 / 3.6725,
}

_CURRENCY_BEFORE = {
    "$": "USD", "us$": "USD", "usd": "USD", "us $": "USD", "u.s.$": "USD",
    "rs": "INR", "rs.": "INR", "₹": "INR", "inr": "INR", "pkr": "PKR", "pak rs": "PKR",
    "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP", "¥": "CNY", "cny": "CNY", "rmb": "CNY",
    "sar": "SAR", "aed": "AED",
}  # fmt: skip
_CURRENCY_AFTER = {
    "dollars": "USD", "us dollars": "USD", "u.s. dollars": "USD", "usd": "USD",
    "rupees": "INR", "indian rupees": "INR", "pakistani rupees": "PKR", "pkr": "PKR", "inr": "INR",
    "euros": "EUR", "pounds": "GBP", "yuan": "CNY", "riyals": "SAR", "dirhams": "AED",
}  # fmt: skip
_MULTIPLIERS = {
    "trillion": 1e12, "tn": 1e12, "tr": 1e12, "billion": 1e9, "bn": 1e9, "b": 1e9, "bln": 1e9,
    "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6, "crore": 1e7, "crores": 1e7, "cr": 1e7,
    "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "thousand": 1e3, "k": 1e3,
}  # fmt: skip

_CUR_B = r"(?P<cur>US\s?\$|U\.S\.\s?\$|\$|USD|Rs\.?|₹|INR|PKR|Pak\s+Rs\.?|€|EUR|£|GBP|¥|CNY|RMB|SAR|AED)"
_AMOUNT = r"(?P<amt>\d{1,3}(?:,\d{2,3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_MULT = (
    r"(?:\s*(?P<mult>trillion|billion|million|thousand|crores?|lakhs?|lacs?|tn|bn|bln|mn|mln|cr|tr|[bmk])\b)?"
)
_CUR_A = (
    r"(?:\s+(?P<cur2>U\.?S\.?\s+dollars|dollars|USD|Indian\s+rupees|Pakistani\s+rupees|rupees|PKR|INR|"
    r"euros|pounds|yuan|riyals|dirhams))"
)
_APPROX_BEFORE = re.compile(
    r"(?:approximately|approx\.?|about|around|nearly|almost|roughly|some|over|more\s+than|up\s+to|"
    r"close\s+to|an\s+estimated|estimated|~|at\s+least|under|less\s+than)\s*$",
    re.IGNORECASE,
)
_MONEY_RX = [
    re.compile(rf"(?<![\w$]){_CUR_B}\s*{_AMOUNT}{_MULT}(?!\w)", re.IGNORECASE),
    re.compile(rf"(?<![\w$.,]){_AMOUNT}{_MULT}{_CUR_A}\b", re.IGNORECASE),
]


class Money(NamedTuple):
    """An amount in US dollars; ``approx`` when hedged or converted; ``span`` into the text."""

    amount_usd: float
    approx: bool
    span: tuple[int, int]


def _currency(token: str, table: dict[str, str]) -> str | None:
    key = " ".join(token.lower().split())
    return table.get(key) or table.get(key.replace(" ", ""))


def money_usd(text: str) -> list[Money]:
    """Amounts of money in ``text``, in US dollars, in text order.

    "$1.3 billion" → 1.3e9; "approximately $1 billion" is approximate; rupees
    ("Rs 5,000 crore"; "Rs" read as Indian unless PKR or Pakistani rupees is
    written) and other currencies are converted at the fixed ``USD_PER_UNIT``
    rates and flagged approximate.
    """
    found: list[Money] = []
    for i, rx in enumerate(_MONEY_RX):
        for m in rx.finditer(text):
            cur = _currency(m.group("cur"), _CURRENCY_BEFORE) if i == 0 else None
            if i == 1:
                cur = _currency(m.group("cur2"), _CURRENCY_AFTER)
            elif m.group("cur").lower().startswith("rs") and re.match(r"\s+Pakistani", text[m.end() :]):
                cur = "PKR"
            if cur is None or any(s < m.end() and m.start() < e for _, _, (s, e) in found):
                continue
            mult_token = (m.group("mult") or "").lower()
            amount = float(m.group("amt").replace(",", "")) * _MULTIPLIERS.get(mult_token, 1.0)
            approx = bool(_APPROX_BEFORE.search(text[max(0, m.start() - 20) : m.start()])) or cur != "USD"
            found.append(Money(amount * USD_PER_UNIT[cur], approx, (m.start(), m.end())))
    return sorted(found, key=lambda x: x.span)
