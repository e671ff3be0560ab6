"""ACLED CSV exports: each row an event coded to PLOVER from ACLED's event and sub-event type.

Columns as in the ACLED codebook (acledR::acled_codebook). ACLED types map to
PLOVER as in ``SUB_EVENT_MAP`` below; the choices are ours, made from the two
codebooks' definitions:

- Battles → ASSAULT (taking territory adds the ``territory`` context);
- Explosions/Remote violence → ASSAULT, mode from the weapon: air/drone strike
  ``aerial`` (``drone`` when the notes say drone/UAV), shelling/artillery/missile
  ``heavy-weapons``, remote explosive/grenade ``explosives``, suicide bomb
  ``suicide-attack``, chemical weapon ``unconventional``;
- Violence against civilians → ASSAULT (``sexual``, ``abduct`` where ACLED says so);
- Protests → PROTEST ``demo``, but excessive force against protesters → ASSAULT ``crowd-control``;
- Riots → PROTEST ``riot``;
- Strategic developments by sub-event: agreement → AGREE, arrests → COERCE
  ``arrest``, disrupted weapons use → COERCE ``seize``, looting/property
  destruction → ASSAULT ``destroy``, non-violent transfer of territory → RETREAT
  ``withdraw``, base established / change to group or activity → MOBILIZE.
  ACLED's catch-all "Other" says too little to code and is left out (counted in
  the file's document meta as ``skipped_other``).

Actors: "Military Forces of India (2014-)" → ``IND`` with sector ``MIL``
(Police → ``COP``, Government → ``GOV``); civilians, protesters and rioters →
``CVL``; unidentified armed groups → ``MIL`` (unnamed militants); a named group
"ABC: Full Name" → ``ABC``. The actor's country and sector go in ``attrs``.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa

from ..errors import FormatError, InputError
from ..ontology import plover
from ..ontology.calendar import MONTHS as _MONTHS
from ..records import Document
from ..schema import arrow_schema
from . import Dataset, Item, ReadOptions, register_reader
from .detect import first_line
from .text import decode_text, read_dataset_file

__all__ = ["REQUIRED", "SUB_EVENT_MAP", "actor_code", "read_acled"]

REQUIRED = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "country")
# Columns every ACLED export has, by which detection knows one (ACLED codebook, acledR::acled_codebook)
_HEADER_KEYS = {"event_id_cnty", "event_date", "event_type"}

# (event_type, sub_event_type) lower-cased -> (PLOVER event, mode, contexts)
SUB_EVENT_MAP: dict[tuple[str, str], tuple[str, str | None, tuple[str, ...]]] = {
    ("battles", "armed clash"): ("ASSAULT", None, ("military",)),
    ("battles", "government regains territory"): ("ASSAULT", None, ("military", "territory")),
    ("battles", "non-state actor overtakes territory"): ("ASSAULT", None, ("territory",)),
    ("explosions/remote violence", "chemical weapon"): ("ASSAULT", "unconventional", ("cbrn",)),
    ("explosions/remote violence", "air/drone strike"): ("ASSAULT", "aerial", ("military",)),
    ("explosions/remote violence", "suicide bomb"): ("ASSAULT", "suicide-attack", ("terrorism",)),
    ("explosions/remote violence", "shelling/artillery/missile attack"): (
        "ASSAULT",
        "heavy-weapons",
        ("military",),
    ),
    ("explosions/remote violence", "remote explosive/landmine/ied"): ("ASSAULT", "explosives", ()),
    ("explosions/remote violence", "grenade"): ("ASSAULT", "explosives", ()),
    ("violence against civilians", "sexual violence"): ("ASSAULT", "sexual", ("human_rights",)),
    ("violence against civilians", "attack"): ("ASSAULT", None, ("human_rights",)),
    ("violence against civilians", "abduction/forced disappearance"): (
        "ASSAULT",
        "abduct",
        ("human_rights",),
    ),
    ("protests", "peaceful protest"): ("PROTEST", "demo", ()),
    ("protests", "protest with intervention"): ("PROTEST", "demo", ()),
    ("protests", "excessive force against protesters"): ("ASSAULT", "crowd-control", ("repression",)),
    ("riots", "violent demonstration"): ("PROTEST", "riot", ()),
    ("riots", "mob violence"): ("PROTEST", "riot", ()),
    ("strategic developments", "agreement"): ("AGREE", None, ()),
    ("strategic developments", "arrests"): ("COERCE", "arrest", ("legal",)),
    ("strategic developments", "change to group/activity"): ("MOBILIZE", None, ()),
    ("strategic developments", "disrupted weapons use"): ("COERCE", "seize", ("military",)),
    ("strategic developments", "headquarters or base established"): ("MOBILIZE", "troops", ("military",)),
    ("strategic developments", "looting/property destruction"): ("ASSAULT", "destroy", ()),
    ("strategic developments", "non-violent transfer of territory"): ("RETREAT", "withdraw", ("territory",)),
}
_SKIPPED = {("strategic developments", "other")}

# Country names as ACLED spells them, and ISO 3166-1 numeric codes (ACLED's ``iso``), -> alpha-3.
_COUNTRY_ISO3 = {
    "india": "IND", "pakistan": "PAK", "afghanistan": "AFG", "bangladesh": "BGD", "china": "CHN",
    "nepal": "NPL", "sri lanka": "LKA", "bhutan": "BTN", "iran": "IRN", "myanmar": "MMR",
    "united states": "USA", "united kingdom": "GBR", "russia": "RUS", "saudi arabia": "SAU",
    "united arab emirates": "ARE", "qatar": "QAT", "turkey": "TUR", "israel": "ISR", "ukraine": "UKR",
}  # fmt: skip
_NUMERIC_ISO3 = {
    "356": "IND", "586": "PAK", "4": "AFG", "50": "BGD", "156": "CHN", "524": "NPL", "144": "LKA",
    "64": "BTN", "364": "IRN", "104": "MMR", "840": "USA", "826": "GBR", "643": "RUS", "682": "SAU",
    "784": "ARE", "634": "QAT", "792": "TUR", "376": "ISR", "804": "UKR",
}  # fmt: skip
_STATE = re.compile(r"^(Military|Police|Government|Border|Paramilitary|Naval|Air)?\s*(Forces of|Government of)\s+(.+?)"
                    r"(?:\s*\(\d{4}-\d{0,4}\))?(?:\s*\[.*\])?$", re.I)  # fmt: skip
_SECTOR = {
    "military": "MIL",
    "naval": "MIL",
    "air": "MIL",
    "police": "COP",
    "border": "MIL",
    "paramilitary": "MIL",
}
_PEOPLE = re.compile(r"^(Civilians|Protesters|Rioters|Labou?r Group|Students|Journalists)\b", re.I)
_DRONE = re.compile(r"\b(drones?|uavs?|loitering munitions?|quadcopters?)\b", re.I)

# the events table's columns an ACLED row fills, typed as the store has them (offramp.schema)
_SCHEMA = arrow_schema(
    "events",
    ["id", "type", "mode", "context", "quad", "cameo_root", "score", "source", "target", "source_text",
     "target_text", "date", "location", "country", "lat", "lon", "geo_precision", "fatalities", "certainty",
     "doc_id", "evidence", "dataset", "dataset_row", "dataset_id", "extractor", "attrs"],
)  # fmt: skip


def _iso3(name: str, fallback: str | None) -> str | None:
    key = name.strip().lower()
    return _COUNTRY_ISO3.get(key) or (fallback if fallback and key else None)


def actor_code(name: str, country_iso3: str | None, country: str = "") -> tuple[str | None, dict[str, str]]:
    """(code, what we know of the actor) for an ACLED actor name; the row's country (name and
    ISO3) names state forces of a country our table does not list."""
    name = (name or "").strip()
    if not name:
        return None, {}
    m = _STATE.match(name)
    if m:
        kind, form, place = (m.group(1) or "").lower(), m.group(2).lower(), m.group(3)
        code = _COUNTRY_ISO3.get(place.strip().lower())
        if code is None and country_iso3 and place.strip().lower() == country.strip().lower():
            code = country_iso3
        sector = "GOV" if form.startswith("government") or kind == "government" else _SECTOR.get(kind, "GOV")
        return code, {"country": code or place.strip(), "sector": sector}
    pm = re.search(r"\(([^()]+)\)\s*$", name)
    where = _iso3(pm.group(1), None) if pm else None
    if _PEOPLE.match(name):
        return "CVL", {"country": where or country_iso3 or "", "sector": "CVL"}
    if name.lower().startswith("unidentified"):
        return "MIL", {"country": where or "", "sector": "UAF"}
    if ":" in name:
        short = name.split(":", 1)[0].strip()
        if 1 < len(short) <= 12 and " " not in short:
            return short.upper(), {"sector": "UAF"}
    return "MIL", {"sector": "UAF", "name": name}


def parse_acled_date(text: str) -> dt.date:
    """ACLED writes dates as YYYY-MM-DD (API), DD-MM-YYYY (codebook) or '07 May 2025' (exports)."""
    s = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return dt.date.fromisoformat(s)
    m = re.fullmatch(r"(\d{1,2})[-/](\d{1,2})[-/](\d{4})", s)
    if m:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    m = re.fullmatch(r"(\d{1,2})[ -]([A-Za-z]{3,9})[ -,]*(\d{4})", s)
    if m and m.group(2)[:3].lower() in _MONTHS:
        return dt.date(int(m.group(3)), _MONTHS[m.group(2)[:3].lower()], int(m.group(1)))
    raise ValueError(f"event_date {s[:30]!r} is not a date (YYYY-MM-DD, DD-MM-YYYY or '7 May 2025')")


def _num(value: str, kind: type, field: str) -> Any:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return kind(float(value)) if kind is int else kind(value)
    except (ValueError, OverflowError):
        raise ValueError(f"{field} {value[:20]!r} is not a number") from None


def _row_event(row: dict[str, str], line: int, doc_id: str) -> dict[str, Any] | None:
    key = (row["event_type"].strip().lower(), row["sub_event_type"].strip().lower())
    if key in _SKIPPED:
        return None
    if key not in SUB_EVENT_MAP:
        raise ValueError(f"unknown ACLED event type {row['event_type']!r} / {row['sub_event_type']!r}")
    event, mode, context = SUB_EVENT_MAP[key]
    notes = row.get("notes") or ""
    if mode == "aerial" and _DRONE.search(notes):
        mode = "drone"
    event_id = row["event_id_cnty"].strip()
    if not event_id:
        raise ValueError("event_id_cnty is empty")
    date = parse_acled_date(row["event_date"])
    iso3 = (row.get("iso3") or "").strip().upper() or _NUMERIC_ISO3.get(
        (row.get("iso") or "").strip().lstrip("0")
    )
    iso3 = iso3 or _iso3(row["country"], None)
    a1, info1 = actor_code(row["actor1"], iso3, row["country"])
    a2, info2 = actor_code(row.get("actor2", ""), iso3, row["country"])
    lat = _num(row.get("latitude", ""), float, "latitude")
    lon = _num(row.get("longitude", ""), float, "longitude")
    if (lat is not None and not -90 <= lat <= 90) or (lon is not None and not -180 <= lon <= 180):
        raise ValueError("latitude/longitude out of range")
    precision = _num(row.get("geo_precision", ""), int, "geo_precision")
    fatalities = _num(row.get("fatalities", ""), int, "fatalities")
    if fatalities is not None and not 0 <= fatalities < 2**31:
        raise ValueError(f"fatalities {fatalities} out of range")
    attrs: dict[str, Any] = {
        k: row[k].strip()
        for k in ("event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "inter1",
                  "inter2", "interaction", "admin1", "admin2", "admin3", "source", "source_scale",
                  "time_precision", "civilian_targeting", "tags", "disorder_type", "event_id_no_cnty")
        if (row.get(k) or "").strip()
    }  # fmt: skip
    if info1:
        attrs["source_actor"] = info1
    if info2:
        attrs["target_actor"] = info2
    return {
        "id": f"acled_{event_id}",
        "type": event,
        "mode": mode,
        "context": list(context),
        "quad": plover.quad_of(event),
        "cameo_root": plover.plover_to_cameo_root(event, mode),
        "score": plover.score(event, mode),
        "source": [a1] if a1 else [],
        "target": [a2] if a2 else [],
        "source_text": row["actor1"].strip() or None,
        "target_text": (row.get("actor2") or "").strip() or None,
        "date": date,
        "location": ", ".join(
            p
            for p in (row.get("location", "").strip(), row.get("admin1", "").strip(), row["country"].strip())
            if p
        )
        or None,
        "country": iso3,
        "lat": lat,
        "lon": lon,
        "geo_precision": precision if precision is not None and 0 <= precision < 128 else None,
        "fatalities": fatalities,
        "certainty": "reported",
        "doc_id": doc_id,
        "evidence": notes.strip()[:2000] or None,
        "dataset": "acled",
        "dataset_row": line,
        "dataset_id": event_id,
        "extractor": "acled",
        "attrs": json.dumps(attrs, sort_keys=True),
    }


def acled_header(head: bytes, name: str) -> bool:
    """The first line is an ACLED header (comma- or semicolon-separated)."""
    line = first_line(head)
    cols = {c.strip().strip('"').strip().lower() for c in line.replace(";", ",").split(",")}
    return cols >= _HEADER_KEYS


@register_reader("acled", sniff=acled_header, inside={"csv": acled_header}, rank=50)
def read_acled(path: Path | str, options: ReadOptions) -> Iterator[Item]:
    """One ``Dataset`` with the file's events, after an ``InputError`` for each bad row."""
    path, data = read_dataset_file(path, "ACLED", hint="export the data from ACLED again")
    where = str(path)
    text, _ = decode_text(data, where)
    digest = hashlib.sha256(data).hexdigest()
    doc_id = f"doc_{digest[:16]}"
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except csv.Error as exc:
        raise FormatError(f"the header is not valid CSV ({exc})", where=f"{where}:line 1") from None
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise FormatError(
            f"missing ACLED column(s) {', '.join(missing)}",
            where=f"{where}:line 1",
            hint="export with ACLED's standard columns (see the ACLED codebook)",
        )
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    skipped = 0
    last = reader.line_num
    while True:
        start = last + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield InputError(
                f"not valid CSV ({exc})", where=f"{where}:line {start}", hint="check the quoting"
            )
            break
        last = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        rwhere = f"{where}:line {start}"
        if len(cells) != len(header):
            yield InputError(
                f"{len(cells)} fields where the header has {len(header)}",
                where=rwhere,
                hint="the row was skipped; check for a cut-off or hand-edited line",
            )
            continue
        try:
            event = _row_event(dict(zip(header, cells, strict=True)), start, doc_id)
        except ValueError as exc:
            yield InputError(str(exc), where=rwhere, hint="the row was skipped; the rest went in")
            continue
        if event is None:
            skipped += 1
            continue
        if event["id"] in seen:
            yield InputError(
                f"event {event['dataset_id']} appears twice", where=rwhere, hint="the repeat was skipped"
            )
            continue
        seen.add(event["id"])
        rows.append(event)
    if not rows and not skipped:
        raise FormatError(
            "no row could be read as an ACLED event", where=where, hint="check the file is an ACLED export"
        )
    doc = Document(
        text="",
        title=path.name,
        path=where,
        format="acled",
        kind="dataset",
        hash=digest,
        source="ACLED",
        url=options.url,
        meta={"rows": len(rows), "skipped_other": skipped},
    )
    yield Dataset(document=doc, events=pa.Table.from_pylist(rows, schema=_SCHEMA))
