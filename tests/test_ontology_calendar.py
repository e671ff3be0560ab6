"""The shared month table and date reading (offramp/ontology/calendar.py), and the shared YAML reading
(offramp/ontology/yamlfiles.py) that the gazetteer, the lexicons and the place list go through."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from offramp.errors import ConfigError
from offramp.ontology import calendar
from offramp.ontology.calendar import MONTHS, as_date
from offramp.ontology.yamlfiles import shipped_yaml, user_yaml


@pytest.mark.parametrize(
    ("word", "number"), [("january", 1), ("jan", 1), ("sept", 9), ("sep", 9), ("september", 9), ("may", 5)]
)
def test_a_month_by_its_name_or_abbreviation(word, number):
    assert MONTHS[word] == number


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        ("  ", None),
        ("2022-09-14", dt.date(2022, 9, 14)),
        ("2022-09-14T06:30:00Z", dt.date(2022, 9, 14)),
        (dt.datetime(2020, 11, 4, 23, 0), dt.date(2020, 11, 4)),
        (dt.date(2020, 11, 4), dt.date(2020, 11, 4)),
    ],
)
def test_a_date_value_is_read(value, expected):
    assert as_date(value) == expected


@pytest.mark.parametrize("value", ["14 September 2022", "2022-9-14", "20220914", 2022, "2022-02-30"])
def test_anything_else_is_a_value_error(value):
    with pytest.raises(ValueError):
        as_date(value)


def test_a_shipped_file_is_read():
    assert "verbs" in shipped_yaml("offramp.ontology", "data", "cues.yaml")


@pytest.mark.parametrize(
    ("content", "message", "where"),
    [
        ("actors: [\n  - {code: X\n", "not valid YAML", "mine.yaml:2"),
        (None, "not found", "mine.yaml"),
        (b"\xff\xfe\x00x", "not UTF-8", "mine.yaml"),
    ],
)
def test_a_users_bad_file_is_one_config_error_naming_it(tmp_path: Path, content, message, where):
    path = tmp_path / "mine.yaml"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    elif isinstance(content, bytes):
        path.write_bytes(content)
    with pytest.raises(ConfigError, match=message) as info:
        user_yaml(path, "actor file")
    assert info.value.line().count("\n") == 0
    assert where in info.value.line()


@pytest.mark.parametrize(
    ("value", "day"),
    [
        (None, None),
        (float("nan"), None),
        (pd.NaT, None),
        (dt.date(2024, 2, 14), dt.date(2024, 2, 14)),
        (dt.datetime(2024, 2, 14, 23, 5), dt.date(2024, 2, 14)),
        (pd.Timestamp("2024-02-14"), dt.date(2024, 2, 14)),
        ("2024-02-14", dt.date(2024, 2, 14)),
    ],
)
def test_stored_day_reads_what_the_store_and_dataframes_give_back(value, day):
    assert calendar.stored_day(value) == day
