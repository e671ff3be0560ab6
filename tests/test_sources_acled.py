"""ACLED reader on generated exports with the codebook's real column set."""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
from pathlib import Path

import pytest

from offramp.errors import FormatError, InputError
from offramp.ingest import ingest
from offramp.ontology import plover
from offramp.sources import Dataset, ReadOptions, detect_format, get_reader
from offramp.sources.acled import SUB_EVENT_MAP, actor_code

ACTORS = {
    "IND": (
        "Military Forces of India (2014-)",
        "Police Forces of India (2014-)",
        "Government of India (2014-)",
    ),
    "PAK": (
        "Military Forces of Pakistan (2024-)",
        "Police Forces of Pakistan (2024-)",
        "Government of Pakistan (2024-)",
    ),
}
OTHERS = (
    "Civilians (India)",
    "Protesters (Pakistan)",
    "Unidentified Armed Group (Pakistan)",
    "TTP: Tehreek-i-Taliban Pakistan",
    "",
)
PLACES = {
    "IND": ("India", 356, "Jammu and Kashmir", "Poonch", 33.77, 74.09),
    "PAK": ("Pakistan", 586, "Punjab", "Bahawalpur", 29.39, 71.68),
}


@pytest.fixture(scope="module")
def acled_columns(shared: Path) -> list[str]:
    with open(shared / "data/events/acled/acledR__acled_codebook.csv", encoding="utf-8") as f:
        return [row["Variable"] for row in csv.DictReader(f)]


@pytest.fixture(scope="module")
def acled_types(shared: Path) -> list[tuple[str, str]]:
    with open(shared / "data/events/acled/acledR__acled_event_categories.csv", encoding="utf-8") as f:
        return [(r["event_type"], r["sub_event_type"]) for r in csv.DictReader(f)]


def make_rows(
    columns: list[str], types: list[tuple[str, str]], n: int, seed: int = 7
) -> list[dict[str, str]]:
    """Realistic ACLED rows: India/Pakistan actors and places, every event type, dates in May 2025."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        iso3 = rng.choice(["IND", "PAK"])
        other = "PAK" if iso3 == "IND" else "IND"
        country, iso, admin1, loc, lat, lon = PLACES[iso3]
        event_type, sub = types[i % len(types)]
        day = dt.date(2025, 5, 1) + dt.timedelta(days=rng.randrange(12))
        values = {
            "data_id": str(10_000 + i),
            "iso": str(iso),
            "event_id_cnty": f"{iso3}{5000 + i}",
            "event_id_no_cnty": str(5000 + i),
            "event_date": day.isoformat(),
            "year": "2025",
            "time_precision": "1",
            "event_type": event_type,
            "sub_event_type": sub,
            "actor1": rng.choice(ACTORS[other]),
            "assoc_actor_1": "",
            "inter1": "8",
            "actor2": rng.choice((*ACTORS[iso3], *OTHERS)),
            "assoc_actor_2": "",
            "inter2": "1",
            "interaction": "18",
            "region": "Southern Asia",
            "country": country,
            "admin1": admin1,
            "admin2": "",
            "admin3": "",
            "location": loc,
            "latitude": f"{lat + rng.uniform(-0.1, 0.1):.4f}",
            "longitude": f"{lon + rng.uniform(-0.1, 0.1):.4f}",
            "geo_precision": str(rng.choice([1, 2, 3])),
            "source": "Dawn; The Hindu",
            "source_scale": "National",
            "notes": f"On {day:%d %B %Y}, forces fired on positions near {loc}; a drone was shot down.",
            "fatalities": str(rng.choice([0, 0, 1, 3])),
            "timestamp": "1747000000",
            "iso3": iso3,
        }
        rows.append({c: values.get(c, "") for c in columns})
    return rows


def write_acled(path: Path, columns: list[str], rows: list[dict[str, str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns)
        w.writeheader()
        w.writerows(rows)
    return path


def _read(path: Path) -> tuple[list[Dataset], list[InputError]]:
    items = list(get_reader("acled")(path, ReadOptions()))
    return [i for i in items if isinstance(i, Dataset)], [i for i in items if isinstance(i, InputError)]


def test_every_acled_type_is_mapped(acled_types):
    for event_type, sub in acled_types:
        key = (event_type.lower(), sub.lower())
        if key == ("strategic developments", "other"):
            continue
        event, mode, context = SUB_EVENT_MAP[key]
        assert event in plover.EVENT_TYPES
        assert mode is None or mode in plover.modes(event), (key, mode)
        assert all(c in plover.contexts() for c in context)


def test_generated_export(tmp_path: Path, acled_columns, acled_types):
    rows = make_rows(acled_columns, acled_types, 100)
    path = write_acled(tmp_path / "acled_2025.csv", acled_columns, rows)
    assert detect_format(path) == "acled"
    (ds,), errors = _read(path)
    assert not errors
    n_other = sum(1 for r in rows if r["sub_event_type"] == "Other")
    events = ds.events.to_pylist()
    assert len(events) == 100 - n_other and ds.document.meta["skipped_other"] == n_other
    by_id = {e["dataset_id"]: e for e in events}
    for line, row in enumerate(rows, 2):
        if row["sub_event_type"] == "Other":
            continue
        e = by_id[row["event_id_cnty"]]
        assert e["id"] == f"acled_{row['event_id_cnty']}" and e["dataset_row"] == line
        assert e["date"] == dt.date.fromisoformat(row["event_date"])
        assert e["country"] == row["iso3"] and e["fatalities"] == int(row["fatalities"])
        assert e["quad"] == plover.quad_of(e["type"]) and e["score"] == plover.score(e["type"], e["mode"])
        attrs = json.loads(e["attrs"])
        assert (attrs["event_type"], attrs["sub_event_type"]) == (row["event_type"], row["sub_event_type"])
        assert e["source"] == [actor_code(row["actor1"], row["iso3"], row["country"])[0]]
        if row["sub_event_type"] == "Air/drone strike":
            assert e["mode"] == "drone"  # the notes mention a drone


@pytest.mark.parametrize(
    ("name", "code", "sector"),
    [
        ("Military Forces of India (2014-)", "IND", "MIL"),
        ("Police Forces of Pakistan (2024-)", "PAK", "COP"),
        ("Government of India (2014-)", "IND", "GOV"),
        ("Civilians (India)", "CVL", "CVL"),
        ("Unidentified Armed Group (Pakistan)", "MIL", "UAF"),
        ("TTP: Tehreek-i-Taliban Pakistan", "TTP", "UAF"),
    ],
)
def test_actor_codes(name, code, sector):
    got, info = actor_code(name, "IND", "India")
    assert got == code and info["sector"] == sector


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-05-07", dt.date(2025, 5, 7)),
        ("07-05-2025", dt.date(2025, 5, 7)),
        ("07 May 2025", dt.date(2025, 5, 7)),
    ],
)
def test_date_forms(tmp_path: Path, acled_columns, acled_types, value, expected):
    rows = make_rows(acled_columns, acled_types, 1)
    rows[0]["event_date"] = value
    (ds,), _ = _read(write_acled(tmp_path / "a.csv", acled_columns, rows))
    assert ds.events.column("date").to_pylist() == [expected]


def test_bad_rows_named_rest_stored(store, tmp_path: Path, acled_columns, acled_types):
    rows = make_rows(acled_columns, acled_types, 10)
    rows = [r for r in rows if r["sub_event_type"] != "Other"][:8]
    rows[1]["event_date"] = "someday"
    rows[2]["event_type"] = "Skirmish"
    rows[3]["fatalities"] = "many"
    rows[4]["event_id_cnty"] = rows[0]["event_id_cnty"]
    path = write_acled(tmp_path / "acled.csv", acled_columns, rows)
    with open(path, "a", encoding="utf-8") as f:
        f.write("IND1,too,few\n")
    report = ingest(store, [path], extract=False)
    failed = {o.input: o.message for o in report.failed}
    assert set(failed) == {f"{path}:line {n}" for n in (3, 4, 5, 6, 10)}
    assert "event_date" in failed[f"{path}:line 3"] and "Skirmish" in failed[f"{path}:line 4"]
    assert "twice" in failed[f"{path}:line 6"] and "3 fields" in failed[f"{path}:line 10"]
    assert store.con.execute("SELECT count(*) FROM events WHERE dataset = 'acled'").fetchone()[0] == 4


@pytest.mark.parametrize(
    ("content", "needle"),
    [("event_id_cnty,event_date\nX1,2025-05-01\n", "missing ACLED column(s) event_type"), ("", "empty")],
)
def test_whole_file_errors(tmp_path: Path, content: str, needle: str):
    path = tmp_path / "a.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises((FormatError, InputError)) as exc:
        list(get_reader("acled")(path, ReadOptions()))
    assert needle in str(exc.value) and str(path) in str(exc.value)
