"""GDELT 2.0 export reader: every sample row coded, bad lines named, the rest stored."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from offramp.errors import FormatError, InputError
from offramp.ingest import ingest
from offramp.ontology import plover
from offramp.sources import Dataset, ReadOptions, detect_format, get_reader

SAMPLE = "data/events/gdelt/gdelt2_20250511180000.export.IND-PAK-subset.tsv"


@pytest.fixture(scope="module")
def sample_lines(shared: Path) -> list[str]:
    return (shared / SAMPLE).read_text(encoding="utf-8").splitlines()


def _read(path: Path) -> tuple[list[Dataset], list[InputError]]:
    items = list(get_reader("gdelt")(path, ReadOptions()))
    return [i for i in items if isinstance(i, Dataset)], [i for i in items if isinstance(i, InputError)]


def test_sample_gives_60_coded_events(shared: Path):
    datasets, errors = _read(shared / SAMPLE)
    assert not errors
    (ds,) = datasets
    rows = ds.events.to_pylist()
    assert len(rows) == 60
    for row in rows:
        assert row["cameo"] and plover.cameo_info(row["cameo"]) is not None
        assert row["goldstein"] is not None
        assert row["type"] in plover.EVENT_TYPES
        assert row["quad"] in (1, 2, 3, 4)
        assert row["id"] == f"gdelt_{row['dataset_id']}"
        assert row["dataset"] == "gdelt" and row["certainty"] == "reported"
        assert row["doc_id"] == ds.document.id
        assert json.loads(row["attrs"])["url"].startswith("http")
    assert [r["dataset_row"] for r in rows] == list(range(1, 61))
    assert ds.document.kind == "dataset" and ds.document.format == "gdelt"


def test_sample_values_match_the_line(shared: Path, sample_lines: list[str]):
    (ds,), _ = _read(shared / SAMPLE)
    by_id = {r["dataset_id"]: r for r in ds.events.to_pylist()}
    for line in sample_lines:
        f = line.split("\t")
        row = by_id[f[0]]
        assert row["cameo"] == f[26] and row["cameo_root"] == f[28]
        assert row["goldstein"] == float(f[30])
        assert row["date"].strftime("%Y%m%d") == f[1]
        assert row["location"] == (f[52] or None)
        assert row["source"] == ([f[7]] if f[7] else [f[8]] if f[8] else [])
        assert row["target"] == ([f[17]] if f[17] else [f[18]] if f[18] else [])
        if f[53] == "IN":
            assert row["country"] == "IND"
        if f[53] == "PK":
            assert row["country"] == "PAK"
        mapped = plover.cameo_to_plover(f[26])
        assert (row["type"], row["mode"]) == (mapped.event, mapped.mode)
        attrs = json.loads(row["attrs"])
        assert attrs["url"] == f[60]
        assert attrs["NumMentions"] == int(f[31]) and attrs["AvgTone"] == pytest.approx(float(f[34]))


def test_document_hash_is_the_raw_bytes(shared: Path):
    import hashlib

    (ds,), _ = _read(shared / SAMPLE)
    assert ds.document.hash == hashlib.sha256((shared / SAMPLE).read_bytes()).hexdigest()


@pytest.mark.parametrize("name", ["20250511180000.export.CSV", "x.tsv", "export.csv"])
def test_detected_as_gdelt(tmp_path: Path, sample_lines: list[str], name: str):
    path = tmp_path / name
    path.write_text("\n".join(sample_lines[:3]) + "\n", encoding="utf-8")
    assert detect_format(path) == "gdelt"


def test_zipped_export(tmp_path: Path, shared: Path):
    path = tmp_path / "20250511180000.export.CSV.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(shared / SAMPLE, "20250511180000.export.CSV")
    assert detect_format(path) == "gdelt"
    (ds,), errors = _read(path)
    assert not errors and ds.events.num_rows == 60


def _mangled(tmp_path: Path, lines: list[str]) -> tuple[Path, dict[int, str]]:
    """The sample with a blank line, a CRLF line, a short line, a long line and a bad id; line -> expected id."""
    out = [
        lines[0],
        "",
        lines[1] + "\r",
        "only\ttwo",
        lines[2],
        lines[3] + "\textra",
        "notanumber" + lines[4][10:],
    ]
    out += lines[5:10]
    out.append(lines[10][: len(lines[10]) // 2])  # truncated last line
    path = tmp_path / "mangled.export.CSV"
    path.write_text("\n".join(out), encoding="utf-8")
    expected = {}
    for n, text in enumerate(out, 1):
        fields = text.rstrip("\r").split("\t")
        if len(fields) == 61 and fields[0].isdigit():
            expected[n] = fields[0]
    return path, expected


def test_bad_lines_are_named_and_good_rows_keep_their_line(tmp_path: Path, sample_lines: list[str]):
    path, expected = _mangled(tmp_path, sample_lines)
    (ds,), errors = _read(path)
    rows = ds.events.to_pylist()
    assert {r["dataset_row"]: r["dataset_id"] for r in rows} == expected
    bad = {e.where.rsplit(" ", 1)[1]: e.message for e in errors}
    assert set(bad) == {"4", "6", "7", "13"}
    assert "2 tab-separated fields" in bad["4"] and "61" in bad["4"]
    assert "62 tab-separated" in bad["6"]
    assert all(str(path) in e.where for e in errors)


def test_ingest_keeps_good_rows_and_reports_bad(store, tmp_path: Path, sample_lines: list[str]):
    path, expected = _mangled(tmp_path, sample_lines)
    report = ingest(store, [path], extract=False)
    assert report.summary()["events"] == len(expected)
    assert len(report.failed) == 4
    assert all(o.message.startswith(f"{path}:line ") for o in report.failed)
    got = store.con.execute(
        "SELECT count(*), count(url) FROM event_sources WHERE dataset = 'gdelt'"
    ).fetchone()
    assert got == (len(expected), len(expected))
    clean = store.con.execute(
        "SELECT count(*) FROM events WHERE url_attr LIKE '%\r%'".replace("url_attr", "attrs")
    )
    assert clean.fetchone()[0] == 0


def test_unknown_cameo_code_is_reported(tmp_path: Path, sample_lines: list[str]):
    fields = sample_lines[0].split("\t")
    fields[26], fields[27], fields[28] = "999", "999", "99"
    path = tmp_path / "x.export.CSV"
    path.write_text("\t".join(fields) + "\n" + sample_lines[1] + "\n", encoding="utf-8")
    (ds,), errors = _read(path)
    assert ds.events.num_rows == 1
    assert len(errors) == 1 and "999" in errors[0].message and errors[0].where.endswith(":line 1")


@pytest.mark.parametrize(
    ("content", "error"),
    [(b"", InputError), (b"\n\n", InputError), (b"a\tb\tc\n", FormatError), (b"just text\n", FormatError)],
)
def test_files_with_no_good_line_fail_whole(tmp_path: Path, content: bytes, error: type):
    path = tmp_path / "bad.export.CSV"
    path.write_bytes(content)
    with pytest.raises(error) as exc:
        list(get_reader("gdelt")(path, ReadOptions()))
    assert str(path) in str(exc.value)


def test_damaged_zip_fails_clearly(tmp_path: Path):
    path = tmp_path / "x.export.CSV.zip"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    with pytest.raises(FormatError, match="zip"):
        list(get_reader("gdelt")(path, ReadOptions()))


def test_repeated_event_id_in_a_file(tmp_path: Path, sample_lines: list[str]):
    path = tmp_path / "x.export.CSV"
    path.write_text("\n".join([sample_lines[0], sample_lines[1], sample_lines[0]]) + "\n", encoding="utf-8")
    (ds,), errors = _read(path)
    assert ds.events.column("dataset_row").to_pylist() == [1, 2]
    assert len(errors) == 1 and errors[0].where.endswith(":line 3") and "repeats event" in errors[0].message


def test_overlapping_exports_share_events(store, tmp_path: Path, shared: Path, sample_lines: list[str]):
    part = tmp_path / "part.export.CSV"
    part.write_text("\n".join(sample_lines[:5]) + "\n", encoding="utf-8")
    first = ingest(store, [shared / SAMPLE], extract=False)
    second = ingest(store, [part], extract=False)
    assert first.summary()["events"] == 60 and second.ok and second.summary()["events"] == 0
    counts = dict(store.con.execute("SELECT n_sources, count(*) FROM events GROUP BY 1").fetchall())
    assert counts == {1: 55, 2: 5}
    assert store.con.execute("SELECT count(*) FROM event_sources").fetchone()[0] == 65


@pytest.mark.slow  # fuzzing: arbitrary mixes of good and bad rows
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    kinds=st.lists(
        st.sampled_from(["good", "good", "good", "blank", "crlf", "short", "long", "badint", "spaces"]),
        min_size=1,
        max_size=25,
    ),
    final_newline=st.booleans(),
)
def test_line_numbers_survive_any_mix(
    tmp_path: Path, sample_lines: list[str], kinds: list[str], final_newline: bool
):
    out, expected = [], {}
    for n, kind in enumerate(kinds, 1):
        src = sample_lines[n % len(sample_lines)].split("\t")
        src[0] = str(900_000 + n)
        line = "\t".join(src)
        text = {
            "good": line,
            "blank": "",
            "crlf": line + "\r",
            "short": "\t".join(src[:30]),
            "long": line + "\tmore",
            "badint": "x" + line,
            "spaces": "   ",
        }[kind]
        out.append(text)
        if kind in ("good", "crlf"):
            expected[n] = src[0]
    path = tmp_path / f"mix{abs(hash((tuple(kinds), final_newline)))}.export.CSV"
    path.write_text("\n".join(out) + ("\n" if final_newline else ""), encoding="utf-8")
    try:
        datasets, errors = _read(path)
    except (FormatError, InputError):
        assert not expected
        return
    (ds,) = datasets
    got = dict(
        zip(
            ds.events.column("dataset_row").to_pylist(),
            ds.events.column("dataset_id").to_pylist(),
            strict=True,
        )
    )
    assert got == expected
    bad = {n for n, k in enumerate(kinds, 1) if k in ("short", "long", "badint", "spaces")}
    assert {int(e.where.rsplit(" ", 1)[1]) for e in errors} == bad
