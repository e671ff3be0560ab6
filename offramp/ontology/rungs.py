"""The rules that put an event on the escalation ladder, and their SQL form.

Each event gets a rung from the first rule in ``RULES`` that matches its type, mode, source
(state or not) and words naming the target or place (mode, location, contexts, evidence). The
rules compile to SQL that DuckDB runs once per event when the event is written
(``offramp.store.Store.classify_rungs``), keeping the outcome in the ``event_ladder`` table under
``RULES_KEY``; only the part that depends on who is a state is decided when the ladder is read
(``offramp.analysis.escalation``).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "CEASEFIRE",
    "CEASE_SQL",
    "CEASE_TYPES",
    "DOCTRINE",
    "FIRST_SQL",
    "RULES",
    "RULES_KEY",
    "TEXT_TYPES",
    "TREATY",
    "VIOLATION",
    "WHO_RULES",
    "WHO_SQL",
    "RungRule",
    "classify_sql",
    "sql_list",
    "sql_str",
    "text_sql",
]

# Words, matched in lower case against "mode location contexts evidence attrs".
NUCLEAR = r"nuclear|atomic|national command authority|strategic (forces|plans) (command|division)|warhead"
NUCLEAR_USE = r"nuclear (weapon|strike|detonation|attack|bomb|explosion)s? (was |were )?(used|detonated|dropped|launched)"
STRATEGIC_TARGET = (
    r"\bcit(y|ies)\b|\bcapital\b|civilian|residential|populat|urban|\bdams?\b|power (plant|station|grid)"
    r"|refiner|\bports?\b|nuclear (site|facilit|plant|installation)|strategic (site|asset|target|installation)"
)
MILITARY_TARGET = (
    r"air ?bases?\b|airfield|air ?strip|radar|air[- ]defen[cs]e|military (site|base|installation|target|facilit|post)"
    r"|\bjets?\b|aircraft|fighter|garrison|cantonment|army (post|base|camp)|naval|warship|command (post|cent)"
    r"|ammunition|depot|missile (site|batter)|hangar|brigade|battalion"
)
MILITANT_TARGET = (
    r"militant|terror|launch ?pads?|hide-?outs?|training (cent|camp|facilit)|jihad|insurgent|\bcamps?\b"
)
FIRE = (
    r"shell|artillery|mortar|small[- ]arms|firing|gunfire|line of control|\bloc\b|border|ceasefire violation"
)
STRIKE = (
    r"missile|drone|air ?strikes?|air raid|bomb|rocket|\buavs?\b|loitering|precision strike|warplane|sortie"
)
TREATY = r"treat(y|ies)|\baccord\b|\bpact\b|convention|agreement|protocol"
DOCTRINE = (
    r"act of war|doctrine|new normal|red line|full force|all options|spectrum of national power|retaliat"
)
CEASEFIRE = r"cease-?fire|truce|cessation of hostilities|armistice|stop (the )?firing|halt (to )?(the )?(fighting|hostilities)"
VIOLATION = r"violat|breach|broke|broken"
_CEASE_WORDS = "cease|truce|hostilit|armistice|firing|fighting"  # a cheap pre-check before CEASEFIRE

FIRE_MODES = ("firearms", "heavy-weapons", "artillery", "primitive", "small-arms", "shelling")
STRIKE_MODES = (
    "aerial",
    "drone",
    "missile",
    "air strike",
    "airstrike",
    "missile strikes",
    "drones and missiles",
)


@dataclass(frozen=True)
class RungRule:
    """One mapping rule: events of ``types`` (any when empty) with a mode in ``modes`` and/or
    words matching ``words`` (and not ``unless``) go to rung ``level``. ``source`` restricts
    who acts (``state`` or ``nonstate``); ``standing`` marks measures that persist (a
    suspended treaty stays suspended) until the series says otherwise."""

    name: str
    level: int | None
    types: tuple[str, ...] = ()
    modes: tuple[str, ...] = ()
    words: str | None = None
    unless: str | None = None
    source: str | None = None
    standing: bool = False
    mode_or_words: bool = False  # match when either the mode or the words match (else both must)
    description: str = ""


RULES: tuple[RungRule, ...] = (
    RungRule("nuclear_use", 10, ("ASSAULT",), words=NUCLEAR_USE, description="a nuclear weapon used"),
    RungRule(
        "nuclear_signal",
        9,
        ("THREATEN", "MOBILIZE", "CONSULT", "COERCE"),
        words=NUCLEAR,
        description="nuclear threats, alerts or nuclear command meetings",
    ),
    RungRule(
        "non_state_attack",
        None,
        ("ASSAULT",),
        source="nonstate",
        description="an attack by a non-state group: a trigger, not a state's rung",
    ),
    RungRule("fire_by_mode", 5, ("ASSAULT",), modes=FIRE_MODES, description="small arms or artillery fire"),
    RungRule(
        "strike_strategic",
        8,
        ("ASSAULT",),
        words=STRATEGIC_TARGET,
        unless=r"militant|terror",
        description="strikes on cities, civilians or strategic sites",
    ),
    RungRule(
        "strike_military", 7, ("ASSAULT",), words=MILITARY_TARGET, description="strikes on military sites"
    ),
    RungRule(
        "strike_militant", 6, ("ASSAULT",), words=MILITANT_TARGET, description="strikes on militant sites"
    ),
    RungRule(
        "fire_by_words",
        5,
        ("ASSAULT",),
        words=FIRE,
        unless=STRIKE,
        description="shelling or firing across a border or line of control",
    ),
    RungRule(
        "strike_cross_border",
        7,
        ("ASSAULT",),
        modes=STRIKE_MODES,
        words=STRIKE,
        mode_or_words=True,
        description="missile, drone or air strikes on targets the text does not name",
    ),
    RungRule("assault_other", 5, ("ASSAULT",), description="other use of force between states"),
    RungRule("mobilisation", 4, ("MOBILIZE",), description="troops, weapons or forces readied or moved"),
    RungRule(
        "treaty_suspension",
        3,
        ("SANCTION", "REJECT", "COERCE"),
        words=TREATY,
        unless=CEASEFIRE,
        standing=True,
        description="a treaty or agreement suspended or abandoned",
    ),
    RungRule(
        "doctrine_or_threat",
        3,
        ("THREATEN",),
        modes=("violence",),
        words=DOCTRINE,
        mode_or_words=True,
        description="threats of force and doctrine declarations",
    ),
    RungRule(
        "diplomatic_coercion",
        2,
        ("SANCTION", "COERCE"),
        standing=True,
        description="expulsions, closures, suspended trade or visas",
    ),
    RungRule("threat_other", 2, ("THREATEN",), description="threats short of force"),
    RungRule(
        "verbal_hostility",
        1,
        ("ACCUSE", "REJECT", "PROTEST", "REQUEST"),
        description="accusations, protests, rejections and demands",
    ),
    RungRule("cooperation_or_other", 0, (), description="cooperation and anything else: baseline"),
)


def sql_list(values: Sequence[str]) -> str:
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


_re = sql_str  # a regular expression, as an SQL string


def matches(rule: RungRule) -> str:
    """The rule's conditions other than who acts: types, modes and words."""
    parts = []
    if rule.types:
        parts.append(f"e.type IN ({sql_list(rule.types)[1:-1]})")
    match = []
    if rule.modes:
        match.append(f"lower(e.mode) IN ({sql_list(rule.modes)[1:-1]})")
    if rule.words:
        match.append(f"regexp_matches(txt, {_re(rule.words)})")
    if match:
        parts.append("(" + (" OR " if rule.mode_or_words else " AND ").join(match) + ")")
    if rule.unless:
        parts.append(f"NOT regexp_matches(txt, {_re(rule.unless)})")
    return " AND ".join(parts) or "true"


TEXT = (
    "lower(concat_ws(' ', e.mode, e.location, array_to_string(e.context, ' '), e.evidence, e.attrs::VARCHAR))"
)

# Only these types have rules that read words; the others are classified by type alone.
TEXT_TYPES = ", ".join(sorted({f"'{t}'" for r in RULES if r.words or r.unless for t in r.types}))
CEASE_TYPES = ("AGREE", "CONCEDE", "RETREAT", "CONSULT", "SUPPORT", "COOPERATE")
CEASE_SQL = (
    f"e.type IN ({sql_list(CEASE_TYPES)[1:-1]}) AND coalesce(lower(e.mode) = 'ceasefire' OR (regexp_matches(txt, "
    f"'{_CEASE_WORDS}') AND regexp_matches(txt, {_re(CEASEFIRE)}) AND NOT regexp_matches(txt, {_re(VIOLATION)})),"
    " false)"
)

# The word rules are run once per event, when it is written, and the outcome kept in the
# ``event_ladder`` table (offramp/schema.py): ``rule_ix`` is the first rule that matches when the
# rules about who acts are skipped, ``who`` has bit i set when rule i (one about who acts, before
# ``rule_ix``) matches on its other conditions, ``ceasefire`` says the event reads as a ceasefire.
# Who is a state can change with the actors table, so that part is decided at query time.
# ``RULES_KEY`` names the version of the rules that made a row: a hash of the SQL below, so
# changing a rule or a word list makes the kept rows stale (read as if missing).
WHO_RULES = tuple(i for i, r in enumerate(RULES) if r.source)
FIRST_SQL = (
    "CASE " + " ".join(f"WHEN {matches(r)} THEN {i}" for i, r in enumerate(RULES) if not r.source) + " END"
)
WHO_SQL = " + ".join(f"CASE WHEN {matches(RULES[i])} THEN {1 << i} ELSE 0 END" for i in WHO_RULES) or "0"
RULES_KEY = zlib.crc32("\n".join([TEXT, FIRST_SQL, WHO_SQL, CEASE_SQL]).encode()) & 0x7FFFFFFF


def text_sql(types: str) -> str:
    """The lower-case words of an event (``e``) of one of ``types`` (NULL for the others)."""
    return f"CASE WHEN e.type IN ({types}) THEN {TEXT} END AS txt"


def classify_sql(events: str) -> str:
    """SQL: the ``event_ladder`` rows (under ``RULES_KEY``) of the events ``events`` selects."""
    types = TEXT_TYPES + ", " + sql_list(CEASE_TYPES)[1:-1]
    return (
        f"SELECT e.id AS event_id, {RULES_KEY} AS rules_key, {FIRST_SQL} AS rule_ix, {WHO_SQL} AS who,"
        f" {CEASE_SQL} AS ceasefire FROM (SELECT *, {text_sql(types)} FROM ({events}) e) e"
    )
