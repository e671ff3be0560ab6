"""GDELT 2.0 event exports (``*.export.CSV``: 61 tab-separated columns, no header; plain or zipped).

The whole file is parsed by DuckDB's CSV reader in an in-memory connection and
coded to PLOVER with Arrow compute kernels, so there is no Python loop per row:
an export of a few hundred thousand rows goes in at close to DuckDB's own
``read_csv`` speed. Lines DuckDB rejects (wrong column count, a number that is
not one, bad UTF-8) come back as ``InputError`` naming the line; the good rows
still go in.

Column names and meanings: GDELT 2.0 Event Database codebook
(http://data.gdeltproject.org/documentation/GDELT-Event_Codebook-V2.0.pdf).
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .. import config
from ..errors import FormatError, InputError
from ..ontology import plover
from ..records import Document
from ..schema import arrow_schema
from . import Dataset, Item, ReadOptions, register_reader
from .detect import first_line
from .text import read_dataset_file

__all__ = ["COLUMNS", "FIPS_TO_ISO3", "read_gdelt"]

# (name, DuckDB type) of the 61 columns, in file order (GDELT 2.0 codebook)
COLUMNS: tuple[tuple[str, str], ...] = (
    ("GLOBALEVENTID", "BIGINT"), ("SQLDATE", "VARCHAR"), ("MonthYear", "VARCHAR"), ("Year", "VARCHAR"),
    ("FractionDate", "VARCHAR"), ("Actor1Code", "VARCHAR"), ("Actor1Name", "VARCHAR"),
    ("Actor1CountryCode", "VARCHAR"), ("Actor1KnownGroupCode", "VARCHAR"), ("Actor1EthnicCode", "VARCHAR"),
    ("Actor1Religion1Code", "VARCHAR"), ("Actor1Religion2Code", "VARCHAR"), ("Actor1Type1Code", "VARCHAR"),
    ("Actor1Type2Code", "VARCHAR"), ("Actor1Type3Code", "VARCHAR"), ("Actor2Code", "VARCHAR"),
    ("Actor2Name", "VARCHAR"), ("Actor2CountryCode", "VARCHAR"), ("Actor2KnownGroupCode", "VARCHAR"),
    ("Actor2EthnicCode", "VARCHAR"), ("Actor2Religion1Code", "VARCHAR"), ("Actor2Religion2Code", "VARCHAR"),
    ("Actor2Type1Code", "VARCHAR"), ("Actor2Type2Code", "VARCHAR"), ("Actor2Type3Code", "VARCHAR"),
    ("IsRootEvent", "INTEGER"), ("EventCode", "VARCHAR"), ("EventBaseCode", "VARCHAR"),
    ("EventRootCode", "VARCHAR"), ("QuadClass", "TINYINT"), ("GoldsteinScale", "DOUBLE"),
    ("NumMentions", "INTEGER"), ("NumSources", "INTEGER"), ("NumArticles", "INTEGER"), ("AvgTone", "DOUBLE"),
    ("Actor1Geo_Type", "VARCHAR"), ("Actor1Geo_FullName", "VARCHAR"), ("Actor1Geo_CountryCode", "VARCHAR"),
    ("Actor1Geo_ADM1Code", "VARCHAR"), ("Actor1Geo_ADM2Code", "VARCHAR"), ("Actor1Geo_Lat", "VARCHAR"),
    ("Actor1Geo_Long", "VARCHAR"), ("Actor1Geo_FeatureID", "VARCHAR"), ("Actor2Geo_Type", "VARCHAR"),
    ("Actor2Geo_FullName", "VARCHAR"), ("Actor2Geo_CountryCode", "VARCHAR"), ("Actor2Geo_ADM1Code", "VARCHAR"),
    ("Actor2Geo_ADM2Code", "VARCHAR"), ("Actor2Geo_Lat", "VARCHAR"), ("Actor2Geo_Long", "VARCHAR"),
    ("Actor2Geo_FeatureID", "VARCHAR"), ("ActionGeo_Type", "TINYINT"), ("ActionGeo_FullName", "VARCHAR"),
    ("ActionGeo_CountryCode", "VARCHAR"), ("ActionGeo_ADM1Code", "VARCHAR"), ("ActionGeo_ADM2Code", "VARCHAR"),
    ("ActionGeo_Lat", "DOUBLE"), ("ActionGeo_Long", "DOUBLE"), ("ActionGeo_FeatureID", "VARCHAR"),
    ("DATEADDED", "BIGINT"), ("SOURCEURL", "VARCHAR"),
)  # fmt: skip

# FIPS 10-4 country code (GDELT's *Geo_CountryCode) -> ISO 3166-1 alpha-3. Source: the FIPS 10-4
# list as kept in the CIA World Factbook appendix D and GDELT's FIPS.country.txt lookup; South Asia,
# the powers and Gulf states that took part in the 2025 crisis first, then others GDELT often geocodes.
FIPS_TO_ISO3: dict[str, str] = {
    "IN": "IND", "PK": "PAK", "AF": "AFG", "BG": "BGD", "CE": "LKA", "NP": "NPL", "BT": "BTN", "MV": "MDV",
    "CH": "CHN", "US": "USA", "UK": "GBR", "RS": "RUS", "FR": "FRA", "GM": "DEU", "JA": "JPN", "IR": "IRN",
    "SA": "SAU", "AE": "ARE", "QA": "QAT", "KU": "KWT", "BA": "BHR", "MU": "OMN", "TU": "TUR", "IZ": "IRQ",
    "SY": "SYR", "IS": "ISR", "EG": "EGY", "JO": "JOR", "LE": "LBN", "YM": "YEM", "KS": "KOR", "KN": "PRK",
    "TW": "TWN", "HK": "HKG", "BM": "MMR", "TH": "THA", "ID": "IDN", "MY": "MYS", "SN": "SGP", "RP": "PHL",
    "VM": "VNM", "CB": "KHM", "AS": "AUS", "NZ": "NZL", "CA": "CAN", "MX": "MEX", "BR": "BRA", "AR": "ARG",
    "CI": "CHL", "CO": "COL", "VE": "VEN", "PE": "PER", "UP": "UKR", "BO": "BLR", "PL": "POL", "IT": "ITA",
    "SP": "ESP", "PO": "PRT", "NL": "NLD", "BE": "BEL", "SZ": "CHE", "AU": "AUT", "SW": "SWE", "NO": "NOR",
    "DA": "DNK", "FI": "FIN", "EI": "IRL", "GR": "GRC", "EZ": "CZE", "HU": "HUN", "RO": "ROU", "BU": "BGR",
    "KZ": "KAZ", "UZ": "UZB", "TI": "TJK", "TX": "TKM", "KG": "KGZ", "GG": "GEO", "AM": "ARM", "AJ": "AZE",
    "SF": "ZAF", "NI": "NGA", "KE": "KEN", "ET": "ETH", "SU": "SDN", "OD": "SSD", "SO": "SOM", "LY": "LBY",
    "AG": "DZA", "MO": "MAR", "TS": "TUN", "UG": "UGA", "TZ": "TZA", "CG": "COD", "SG": "SEN", "GH": "GHA",
    "IV": "CIV", "ZI": "ZWE", "MZ": "MOZ", "AO": "AGO", "MA": "MDG", "CM": "CMR", "ML": "MLI", "NG": "NER",
    "UV": "BFA", "CD": "TCD", "MR": "MRT", "LI": "LBR", "SL": "SLE", "RW": "RWA", "BY": "BDI", "DJ": "DJI",
    "ER": "ERI", "WA": "NAM", "BC": "BWA", "ZA": "ZMB", "MI": "MWI", "CU": "CUB", "HA": "HTI", "DR": "DOM",
    "JM": "JAM", "PM": "PAN", "CS": "CRI", "NU": "NIC", "HO": "HND", "GT": "GTM", "ES": "SLV", "EC": "ECU",
    "BL": "BOL", "PA": "PRY", "UY": "URY", "GY": "GUY", "NS": "SUR", "IC": "ISL", "LU": "LUX", "SI": "SVN",
    "HR": "HRV", "BK": "BIH", "RI": "SRB", "MJ": "MNE", "MK": "MKD", "AL": "ALB", "LH": "LTU", "LG": "LVA",
    "EN": "EST", "MD": "MDA", "CY": "CYP", "MT": "MLT", "LO": "SVK", "MG": "MNG", "LA": "LAO", "BX": "BRN",
    "TT": "TLS", "PP": "PNG", "FJ": "FJI", "WE": "PSE", "GZ": "PSE", "VT": "VAT",
}  # fmt: skip

_MAX_LINE_ERRORS = 50  # one outcome per bad line up to this many, then one summary


@functools.cache
def _cameo_lookup() -> tuple[pa.Array, pa.Table]:
    """(CAMEO codes, PLOVER columns in the same order) for every code CAMEO and the mapping know."""
    codes = sorted(set(plover.cameo_codes()) | set(plover._mapping()))
    rows = []
    for code in codes:
        mapped = plover.cameo_to_plover(code)
        assert mapped is not None
        rows.append(
            {
                "type": mapped.event,
                "mode": mapped.mode,
                "context": list(mapped.context),
                "score": plover.cameo_score(code),
                "plover_quad": plover.quad_of(mapped.event),
            }
        )
    schema = pa.schema(
        [("type", pa.string()), ("mode", pa.string()), ("context", pa.list_(pa.string())), ("score", pa.float64()),
         ("plover_quad", pa.int8())]
    )  # fmt: skip
    return pa.array(codes, pa.string()), pa.Table.from_pylist(rows, schema=schema)


def _columns_sql() -> str:
    return "{" + ", ".join(f"'{n}': '{t}'" for n, t in COLUMNS) + "}"


# A plain projection keeps DuckDB's scan order, so row k of the result is the k-th good line.
_PROJECT = """
SELECT
    'gdelt_' || GLOBALEVENTID::VARCHAR AS id,
    EventCode AS cameo,
    EventRootCode AS cameo_root,
    QuadClass AS quad,
    GoldsteinScale AS goldstein,
    CASE WHEN Actor1CountryCode IS NOT NULL THEN [Actor1CountryCode]
         WHEN Actor1KnownGroupCode IS NOT NULL THEN [Actor1KnownGroupCode]
         ELSE []::VARCHAR[] END AS source,
    CASE WHEN Actor2CountryCode IS NOT NULL THEN [Actor2CountryCode]
         WHEN Actor2KnownGroupCode IS NOT NULL THEN [Actor2KnownGroupCode]
         ELSE []::VARCHAR[] END AS target,
    Actor1Name AS source_text,
    Actor2Name AS target_text,
    try_strptime(SQLDATE, '%Y%m%d')::DATE AS date,
    SQLDATE AS sqldate,
    ActionGeo_FullName AS location,
    ActionGeo_CountryCode AS fips,
    ActionGeo_Lat AS lat,
    ActionGeo_Long AS lon,
    ActionGeo_Type AS geo_precision,
    GLOBALEVENTID::VARCHAR AS dataset_id,
    to_json({
        url: SOURCEURL,
        NumMentions: NumMentions, NumSources: NumSources, NumArticles: NumArticles, AvgTone: AvgTone,
        IsRootEvent: IsRootEvent, Actor1Code: Actor1Code, Actor2Code: Actor2Code,
        Actor1Type1Code: Actor1Type1Code, Actor2Type1Code: Actor2Type1Code,
        ActionGeo_CountryCode: ActionGeo_CountryCode, DATEADDED: DATEADDED
    })::VARCHAR AS attrs
FROM read_csv(?, delim = '\t', header = false, quote = '', escape = '', new_line = '\\n',
              auto_detect = false, strict_mode = true, store_rejects = true, columns = {columns})
"""


def _line_starts(data: bytes) -> tuple[np.ndarray, np.ndarray]:
    """(start offset of every line, whether it is blank), 0-based lines, vectorised."""
    buf = np.frombuffer(data, dtype=np.uint8)
    nl = np.flatnonzero(buf == 10)
    starts = np.concatenate(([0], nl + 1))
    ends = np.concatenate((nl, [len(buf)]))
    if len(starts) and starts[-1] == len(buf):  # the file ends with a newline: no last line
        starts, ends = starts[:-1], ends[:-1]
    length = ends - starts
    blank = length == 0
    one = np.flatnonzero(length == 1)
    if len(one):
        blank[one] = buf[starts[one]] == 13
    return starts, blank


def _line_of_offset(data: bytes, starts: np.ndarray, offset: int) -> int:
    # DuckDB may point at the newline that ends the previous line: step over line breaks first
    while offset < len(data) and data[offset] in (10, 13):
        offset += 1
    return int(np.searchsorted(starts, offset, side="right"))


def _open(path: Path, data: bytes, tmp: list[str]) -> str:
    """A path DuckDB can read: the file itself, or its one member unzipped to a temporary folder.

    The member is copied as a stream and the copy stops once it passes ``max_archive_bytes``
    (whatever the zip's header claims), so a zip bomb costs neither memory nor much disk.
    """
    if not data.startswith(b"PK\x03\x04"):
        return str(path)
    limit = int(config.get("max_archive_bytes"))
    try:
        with zipfile.ZipFile(path) as zf:
            members = [m for m in zf.infolist() if not m.is_dir()]
            if len(members) != 1:
                raise FormatError(
                    f"the zip holds {len(members)} files; a GDELT export zip holds one",
                    where=str(path),
                    hint="unzip it and ingest the export file",
                )
            if members[0].file_size > limit:
                raise _too_big(path, f"would expand to {members[0].file_size:,} bytes", limit)
            folder = tempfile.mkdtemp(prefix="offramp-gdelt-")
            tmp.append(folder)
            target = os.path.join(folder, "export.csv")
            with zf.open(members[0]) as src, open(target, "wb") as dst:
                copied = 0
                while chunk := src.read(1 << 20):
                    copied += len(chunk)
                    if copied > limit:
                        raise _too_big(path, "expands past the cap", limit)
                    dst.write(chunk)
            return target
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        EOFError,
        OSError,
        ValueError,
        NotImplementedError,
    ) as exc:
        raise FormatError(
            f"a damaged or unsupported zip archive ({exc})",
            where=str(path),
            hint="download it again or unzip it by hand",
        ) from None


def _too_big(path: Path, what: str, limit: int) -> FormatError:
    return FormatError(
        f"the zip {what}, over the {limit:,}-byte cap on unpacked archives; it was not read",
        where=str(path),
        hint="unzip a trusted file by hand and ingest it, or raise OFFRAMP_MAX_ARCHIVE_BYTES",
    )


def _line_bytes(data: bytes, starts: np.ndarray, line: int) -> bytes:
    if not 0 < line <= len(starts):
        return b""
    start = int(starts[line - 1])
    end = data.find(b"\n", start)
    return data[start : end if end >= 0 else len(data)]


def _reject_message(kind: str, message: str, line: bytes) -> str:
    if kind in ("MISSING COLUMNS", "TOO MANY COLUMNS"):
        # counted from the line itself: DuckDB's message counts the fields it read before stopping
        found = line.rstrip(b"\r").count(b"\t") + 1
        return f"has {found} tab-separated fields; GDELT 2.0 event exports have 61"
    if kind == "CAST":
        return f"a value of the wrong type ({message.split('.')[0][:120]})"
    if kind == "INVALID ENCODING":
        return "is not UTF-8 text"
    return f"cannot be parsed ({kind.lower()})"


def gdelt_row(head: bytes, name: str) -> bool:
    """The first line is a GDELT event row: 61 tab-separated fields."""
    return first_line(head).count("\t") == len(COLUMNS) - 1


@register_reader(
    "gdelt",
    patterns=("*.export.*", "*.tsv"),
    sniff=gdelt_row,
    inside={"csv": gdelt_row},
    archives=("*.export.*", "*.csv", "*.tsv"),  # the one member of a zipped export
    rank=30,
)
def read_gdelt(path: Path | str, options: ReadOptions) -> Iterator[Item]:
    """One ``Dataset`` with the file's events, after an ``InputError`` for each bad line."""
    path, data = read_dataset_file(path, "GDELT", hint="download the export again")
    where = str(path)
    digest = hashlib.sha256(data).hexdigest()
    tmp: list[str] = []
    try:
        source = _open(path, data, tmp)
        if source != str(path):
            data = Path(source).read_bytes()
        if b"\r" in data:
            # DuckDB's strict CSV mode (needed to reject lines with too many fields) stops at a CR;
            # CRLF becomes LF and a stray CR a space, so line numbers stay those of the file
            data = data.replace(b"\r\n", b"\n").replace(b"\r", b" ")
            folder = tempfile.mkdtemp(prefix="offramp-gdelt-")
            tmp.append(folder)
            source = os.path.join(folder, "export.csv")
            Path(source).write_bytes(data)
        table, rejects = _parse(source, where)
    finally:
        for folder in tmp:
            shutil.rmtree(folder, ignore_errors=True)

    starts, blank = _line_starts(data)
    bad_lines: dict[int, str] = {}
    for line_pos, kind, message in rejects:
        line = _line_of_offset(data, starts, int(line_pos))
        bad_lines.setdefault(line, _reject_message(kind, message, _line_bytes(data, starts, line)))
    # good rows are the non-blank lines DuckDB did not reject, in file order
    skip = blank.copy()
    idx = np.fromiter((ln - 1 for ln in bad_lines if 0 < ln <= len(skip)), dtype=np.int64)
    skip[idx] = True
    good_lines = np.flatnonzero(~skip)[: table.num_rows] + 1
    if len(good_lines) != table.num_rows:  # line accounting lost: keep the rows, without line numbers
        good_lines = np.zeros(table.num_rows, dtype=np.int64)

    table, unknown = _code(table, good_lines)
    for line, problem in unknown:
        bad_lines.setdefault(line, problem)
    for n, (line, message) in enumerate(sorted(bad_lines.items())):
        if n == _MAX_LINE_ERRORS:
            yield InputError(
                f"{len(bad_lines) - n} more bad lines not listed",
                where=where,
                hint="check the file is a GDELT export",
            )
            break
        yield InputError(message, where=f"{where}:line {line}", hint="the line was skipped; the rest went in")
    if table.num_rows == 0:
        raise FormatError(
            "no line is a GDELT 2.0 event record (61 tab-separated fields)",
            where=where,
            hint="check it is an *.export.CSV file, or pass --format",
        )
    doc = Document(
        text="",
        title=path.name,
        path=where,
        format="gdelt",
        kind="dataset",
        hash=digest,
        source="GDELT 2.0",
        url=options.url,
        meta={"rows": table.num_rows, "bad_lines": len(bad_lines)},
    )
    table = table.append_column(
        "doc_id", pa.array(np.full(table.num_rows, doc.id, dtype=object), pa.string())
    )
    yield Dataset(document=doc, events=table)


def _parse(source: str, where: str) -> tuple[pa.Table, list[tuple[int, str, str]]]:
    # A fresh in-memory DuckDB per file: some malformed inputs raise a FATAL error in
    # DuckDB's CSV reader, which invalidates the whole database it ran in.
    con = duckdb.connect()
    try:
        table = con.execute(_PROJECT.replace("{columns}", _columns_sql()), [source]).to_arrow_table()
        rejects = con.execute(
            # per line, a column-count error before a cast error, and the first column's message
            "SELECT min(line_byte_position),"
            " arg_min(error_type::VARCHAR, (error_type::VARCHAR NOT LIKE '%COLUMNS', column_idx)),"
            " arg_min(error_message, (error_type::VARCHAR NOT LIKE '%COLUMNS', column_idx))"
            " FROM reject_errors GROUP BY line ORDER BY line"
        ).fetchall()
    except duckdb.Error as exc:
        raise FormatError(
            f"cannot be read as a GDELT export: {str(exc).splitlines()[0][:200]}",
            where=where,
            hint="check it is an *.export.CSV file (61 tab-separated columns, no header)",
        ) from None
    finally:
        con.close()
    return table, rejects


def _code(table: pa.Table, lines: np.ndarray) -> tuple[pa.Table, list[tuple[int, str]]]:
    """Add PLOVER type/mode/context/score and ISO3 country; drop (and name) rows with an unknown
    CAMEO code or an event id already seen in the file."""
    unknown: list[tuple[int, str]] = []
    raw_date = table.column("sqldate")
    undated = pc.and_(pc.is_null(table.column("date")), pc.is_valid(raw_date))
    if pc.any(undated).as_py():
        # a SQLDATE that is not YYYYMMDD: the event's date is unknown, so the line is skipped and named
        bad = undated.to_numpy(zero_copy_only=False)
        unknown += [
            (int(lines[i]), f"has SQLDATE {raw_date[int(i)].as_py()!r}, which is not a date (YYYYMMDD)")
            for i in np.flatnonzero(bad)
        ]
        table, lines = table.filter(pc.invert(undated)), lines[~bad]
    codes, plover_cols = _cameo_lookup()
    cameo = table.column("cameo")
    idx = pc.index_in(cameo, value_set=codes)
    # a code missing from the tables falls back to its root code
    idx = pc.coalesce(idx, pc.index_in(table.column("cameo_root"), value_set=codes))
    known = pc.is_valid(idx)
    if not pc.all(known).as_py():
        missing = np.flatnonzero(~known.to_numpy(zero_copy_only=False))
        unknown += [
            (int(lines[i]), f"has CAMEO event code {cameo[int(i)].as_py()!r}, which is not in CAMEO")
            for i in missing
        ]
        table = table.filter(known)
        lines = lines[~np.isin(np.arange(len(lines)), missing)]
        idx = idx.filter(known)
    if pc.count_distinct(table.column("id")).as_py() < table.num_rows:
        # the same GLOBALEVENTID twice in one file: keep the first, name the repeats
        ids = table.column("id").to_numpy(zero_copy_only=False)
        _, first = np.unique(ids, return_index=True)
        keep = np.zeros(len(ids), dtype=bool)
        keep[first] = True
        unknown += [(int(lines[i]), f"repeats event {ids[i][6:]}") for i in np.flatnonzero(~keep)]
        mask = pa.array(keep)
        table, lines, idx = table.filter(mask), lines[keep], idx.filter(mask)
    fips_keys = pa.array(list(FIPS_TO_ISO3), pa.string())
    fips_vals = pa.array(list(FIPS_TO_ISO3.values()), pa.string())
    country = pc.take(fips_vals, pc.index_in(table.column("fips"), value_set=fips_keys))
    n = table.num_rows
    quad = pc.coalesce(table.column("quad"), pc.take(plover_cols.column("plover_quad"), idx))
    out = pa.table(
        {
            "id": table.column("id"),
            "type": pc.take(plover_cols.column("type"), idx),
            "mode": pc.take(plover_cols.column("mode"), idx),
            "context": pc.take(plover_cols.column("context"), idx),
            "quad": quad,
            "cameo": table.column("cameo"),
            "cameo_root": table.column("cameo_root"),
            "score": pc.take(plover_cols.column("score"), idx),
            "goldstein": table.column("goldstein"),
            "source": table.column("source"),
            "target": table.column("target"),
            "source_text": table.column("source_text"),
            "target_text": table.column("target_text"),
            "date": table.column("date"),
            "location": table.column("location"),
            "country": country,
            "lat": table.column("lat"),
            "lon": table.column("lon"),
            "geo_precision": table.column("geo_precision"),
            "certainty": pa.array(np.full(n, "reported", dtype=object), pa.string()),
            "dataset": pa.array(np.full(n, "gdelt", dtype=object), pa.string()),
            "dataset_row": pa.array(lines.astype(np.int64), mask=lines < 1),
            "dataset_id": table.column("dataset_id"),
            "extractor": pa.array(np.full(n, "gdelt", dtype=object), pa.string()),
            "attrs": table.column("attrs"),
        }
    )
    return out.cast(arrow_schema("events", out.column_names)), unknown  # typed as the store has them
