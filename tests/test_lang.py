"""The language data: one lexicon per language (ontology/data/lang/en/), read once, each list named."""

from __future__ import annotations

import datetime as dt

import pytest

from offramp.extract.dates import find_dates
from offramp.ontology.lang import word_list, words


@pytest.mark.parametrize("name", ["dates", "acts", "grammar"])
def test_each_list_is_a_non_empty_list_or_table(name):
    for key, value in words(name).items():
        assert isinstance(value, (list, dict)) and value, f"{name}.yaml: {key} is empty"


@pytest.mark.parametrize("name", ["dates", "acts", "grammar"])
def test_every_list_is_read_by_the_code(name):
    """A list nobody reads is a word list that silently does nothing: each key is named in the package."""
    import pathlib

    import offramp

    code = "\n".join(
        p.read_text(encoding="utf-8") for p in pathlib.Path(offramp.__file__).parent.rglob("*.py")
    )
    unread = [key for key in words(name) if f'"{key}"' not in code and f"'{key}'" not in code]
    assert not unread, f"{name}.yaml lists no code reads: {unread}"


def test_files_are_read_once():
    assert words("dates") is words("dates")


def test_a_missing_list_is_an_error_naming_it():
    with pytest.raises(KeyError, match="no_such_list"):
        word_list("dates", "no_such_list")


def test_the_calendar_comes_whole_from_the_data():
    data = words("dates")
    assert sorted(data["months"].values()) == list(range(1, 13))
    assert sorted(data["weekdays"].values()) == list(range(7))
    assert set(data["weekday_abbreviations"].values()) == set(range(7))


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Drones struck Odesa on Sept. 3, 2024.", dt.date(2024, 9, 3)),
        ("Drones struck Odesa on Thurs., 5 Sep 2024.", dt.date(2024, 9, 5)),
        ("Drones struck Odesa a couple of days ago.", dt.date(2024, 9, 8)),
    ],
)
def test_patterns_read_the_data_words(text, date):
    found = [m for m in find_dates(text, anchor=dt.date(2024, 9, 10)) if m.date is not None]
    assert found and found[0].date == date
