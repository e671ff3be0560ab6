"""PLOVER event types, modes, scores and contexts, CAMEO codes, and the CAMEO→PLOVER mapping.

The tables are the published PLOVER and CAMEO/GDELT files kept as package data
(origin and license in ``data/plover/README.md`` and ``data/cameo/README.md``);
the few corrections applied while loading are listed there. Loaders are cached:
the files are read once per process.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import NamedTuple

__all__ = [
    "DIRECTED",
    "EVENT_TYPES",
    "HOSTILE",
    "MATERIAL_CONFLICT",
    "OLD_NAMES",
    "QUAD_NAMES",
    "SPEECH_ACTS",
    "CameoInfo",
    "EventType",
    "PloverCode",
    "cameo_codes",
    "cameo_info",
    "cameo_score",
    "cameo_to_plover",
    "contexts",
    "event_types",
    "modes",
    "normalize_event",
    "plover_to_cameo_root",
    "quad_of",
    "score",
]

# The 16 PLOVER event types in the manual's order (cooperation to conflict).
EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

# Groups of event types the coder's rules read, defined once here next to the types.
# Acts done against someone (a target that is not named is sought in context).
HOSTILE: frozenset[str] = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN", "MOBILIZE"})
# Conflictual acts that a commitment ("will", "ready to") turns into a threat.
MATERIAL_CONFLICT: frozenset[str] = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"})
# Acts whose content is another act ("accused X of shelling", "demanded that Y withdraw").
SPEECH_ACTS: frozenset[str] = frozenset({"ACCUSE", "REQUEST", "REJECT", "THREATEN", "SUPPORT", "AGREE"})
# Acts one cannot do to oneself: a target equal to the source is a misreading.
DIRECTED: frozenset[str] = frozenset({"CONSULT", "ACCUSE", "REJECT", "THREATEN", "PROTEST"})

# Quad classes, numbered as in CAMEO/GDELT's QuadClass column.
QUAD_NAMES: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

# Names from PLOVER 0.5 (used in the PLOVER_GSR_CAMEO gold records) -> (current type, mode).
OLD_NAMES: dict[str, tuple[str, str | None]] = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "FIGHT": ("ASSAULT", None),
    "INVESTIGATE": ("ACCUSE", "investigate"),
}

# Events that several CAMEO roots map to: the root that best stands for the event alone.
_DEFAULT_ROOT = {
    "ASSAULT": "19",
    "ACCUSE": "11",
    "REQUEST": "10",
    "COERCE": "17",
    "RETREAT": "08",
    "CONCEDE": "08",
}

# The manual prints ACCUSE's base score as 3.0; its modes score -2.0..-3.5 (see data/plover/README.md).
_SCORE_FIXES: dict[tuple[str, str | None], float] = {("ACCUSE", None): -3.0}


@dataclass(frozen=True)
class EventType:
    """One PLOVER event type: its quad class, modes and definition."""

    name: str
    quad: int
    requires_recipient: bool
    modes: tuple[str, ...]
    definition: str

    @property
    def quad_name(self) -> str:
        return QUAD_NAMES[self.quad]


class CameoInfo(NamedTuple):
    description: str
    root: str
    quad: int
    goldstein: float


class PloverCode(NamedTuple):
    """A CAMEO code read as PLOVER: event type, mode (or None), contexts."""

    event: str
    mode: str | None
    context: tuple[str, ...]


def _data(*parts: str) -> str:
    return resources.files("offramp.ontology").joinpath("data", *parts).read_text(encoding="utf-8")


def _tsv(*parts: str) -> list[dict[str, str]]:
    lines = [ln for ln in _data(*parts).splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@functools.cache
def event_types() -> dict[str, EventType]:
    """The 16 PLOVER event types by name."""
    quads = {v.upper(): k for k, v in QUAD_NAMES.items()}
    out: dict[str, EventType] = {}
    for row in _tsv("plover", "plover_event_types.tsv"):
        listed = tuple(m.strip() for m in row["modes"].split(",") if m.strip())
        extra = tuple(m for m in modes_table().get(row["event"], ()) if m not in listed)
        out[row["event"]] = EventType(
            name=row["event"],
            quad=quads[row["quad_category_per_section"].strip().upper()],
            requires_recipient=row["requires_recipient"].strip().lower() == "yes",
            modes=listed + extra,
            definition=row["definition"].strip(),
        )
    return out


@functools.cache
def modes_table() -> dict[str, dict[str, str]]:
    """Mode definitions: event -> {mode: definition}."""
    out: dict[str, dict[str, str]] = {}
    for row in _tsv("plover", "plover_modes.tsv"):
        out.setdefault(row["event"], {})[row["mode"].strip()] = row["mode_definition"].strip()
    return out


@functools.cache
def _scores() -> dict[tuple[str, str | None], float]:
    out: dict[tuple[str, str | None], float] = {}
    for row in _tsv("plover", "plover_scores.tsv"):
        out[(row["event"], row["mode"].strip() or None)] = float(row["plover_score"])
    out.update(_SCORE_FIXES)
    return out


@functools.cache
def contexts() -> dict[str, str]:
    """PLOVER contexts: name -> what it covers."""
    return {
        row["context"].strip(): row["description"].strip() for row in _tsv("plover", "plover_contexts.tsv")
    }


def normalize_event(name: str) -> str:
    """The current PLOVER name for ``name`` (case-insensitive; old names mapped); KeyError if unknown."""
    key = name.strip().upper()
    if key in OLD_NAMES:
        return OLD_NAMES[key][0]
    if key not in event_types():
        raise KeyError(f"not a PLOVER event type: {name!r}")
    return key


def quad_of(event_type: str) -> int:
    """Quad class (1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict)."""
    return event_types()[normalize_event(event_type)].quad


def modes(event_type: str) -> tuple[str, ...]:
    """The modes the manual lists for ``event_type`` (may be empty)."""
    return event_types()[normalize_event(event_type)].modes


def score(event_type: str, mode: str | None = None) -> float:
    """PLOVER conflict–cooperation score (−10..+10) of an event and mode; an unknown or
    missing mode gets the event's base score."""
    event = normalize_event(event_type)
    if mode is None and event_type.strip().upper() in OLD_NAMES:
        mode = OLD_NAMES[event_type.strip().upper()][1]
    table = _scores()
    if mode and (event, mode.strip()) in table:
        return table[(event, mode.strip())]
    return table[(event, None)]


@functools.cache
def cameo_codes() -> dict[str, CameoInfo]:
    """All CAMEO event codes: code -> (description, root, quad, goldstein)."""
    return {
        row["cameo_code"]: CameoInfo(
            row["description"], row["root_code"], int(row["quad_class"]), float(row["goldstein_scale"])
        )
        for row in _tsv("cameo", "cameo_eventcodes_goldstein_quadclass.tsv")
    }


def cameo_info(code: str) -> CameoInfo | None:
    """Description, root, quad class and Goldstein score of a CAMEO code; None if unknown."""
    return cameo_codes().get(str(code).strip())


_MAP_LINE = re.compile(r"^\s*(\d{2,4})\s*:\s*([^#]*?)\s*(?:#.*)?$")


def _split_contexts(text: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in text.split(";") if c.strip())


@functools.cache
def _score_overrides() -> dict[str, float]:
    """Scores offramp's root-01 table sets (neutral statements score 0.0)."""
    return {
        row["cameo"]: float(row["score"])
        for row in _tsv("plover", "cameo01_offramp.tsv")
        if row["score"].strip()
    }


@functools.cache
def _mapping() -> dict[str, PloverCode]:
    """CAMEO2PLOVER-2021 parsed, with offramp's root-01 rows and root 02 derived from root 10."""
    known_contexts = contexts()
    out: dict[str, PloverCode] = {}
    for line in _data("plover", "CAMEO2PLOVER-2021.txt").splitlines():
        if line.lstrip().startswith(("#", "~")):
            continue
        m = _MAP_LINE.match(line)
        if not m:
            continue
        code, rest = m.groups()
        fields = [f.strip() for f in rest.split(",")]
        fields += [""] * (3 - len(fields))
        event, mode, context = fields[0].upper(), fields[1] or None, _split_contexts(",".join(fields[2:]))
        if event not in event_types():
            continue
        if mode and mode not in modes_table().get(event, {}) and mode in known_contexts:
            # a context written in the mode slot (code 175): keep it as a context
            context, mode = (mode, *context), None
        # the first line for a code wins (root 08 is listed for CONCEDE, then RETREAT;
        # 175 appears twice with the same mapping)
        out.setdefault(code, PloverCode(event, mode, context))
    for row in _tsv("plover", "cameo01_offramp.tsv"):
        out[row["cameo"]] = PloverCode(
            row["event"], row["mode"].strip() or None, _split_contexts(row["context"])
        )
    for code, mapped in list(out.items()):
        if code.startswith("10"):
            out.setdefault("02" + code[2:], mapped)
    return out


def cameo_to_plover(code: str) -> PloverCode | None:
    """PLOVER (event, mode, context) for a CAMEO code; a code not in the table falls back
    to its base code, then its root. None when even the root is unknown."""
    code = str(code).strip()
    table = _mapping()
    for candidate in (code, code[:3], code[:2]):
        if len(candidate) >= 2 and candidate in table:
            return table[candidate]
    return None


def cameo_score(code: str) -> float | None:
    """The PLOVER score of a CAMEO code: its mapped event and mode's score, or offramp's
    own for root-01 codes; None for an unknown code."""
    code = str(code).strip()
    mapped = cameo_to_plover(code)
    if mapped is None:
        return None
    overrides = _score_overrides()
    for candidate in (code, code[:3], code[:2]):
        if candidate in _mapping():
            return overrides.get(candidate, score(mapped.event, mapped.mode))
    return score(mapped.event, mapped.mode)


@functools.cache
def _roots_by_event() -> dict[tuple[str, str | None], str]:
    counts: dict[tuple[str, str | None], dict[str, int]] = {}
    for code, mapped in _mapping().items():
        root = code[:2]
        if root in ("01", "02"):
            continue  # offramp's own and derived rows: the PLOVER table's roots stand for the event
        for key in ((mapped.event, mapped.mode), (mapped.event, None)):
            counts.setdefault(key, {}).setdefault(root, 0)
            counts[key][root] += 1
    return {key: max(sorted(c), key=lambda r: c[r]) for key, c in counts.items()}


def plover_to_cameo_root(event: str, mode: str | None = None) -> str | None:
    """The CAMEO root code that best stands for a PLOVER event (and mode): the root most
    of the event+mode's codes sit under; without a mode, the event's main root."""
    name = normalize_event(event)
    if mode is None and event.strip().upper() in OLD_NAMES:
        mode = OLD_NAMES[event.strip().upper()][1]
    roots = _roots_by_event()
    if mode and (name, mode) in roots:
        return roots[(name, mode)]
    return _DEFAULT_ROOT.get(name) or roots.get((name, None))
