"""Numbers: casualties, money in US dollars, counts, English number words."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from offramp.extract.numbers import (
    USD_PER_UNIT,
    casualties,
    count_of,
    money_usd,
    parse_number,
    words_to_number,
)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("one", 1),
        ("twelve", 12),
        ("twenty-six", 26),
        ("twenty six", 26),
        ("ninety-nine", 99),
        ("a hundred", 100),
        ("one hundred and five", 105),
        ("one hundred and twenty-six", 126),
        ("two thousand five hundred", 2500),
        ("three million", 3_000_000),
        ("a dozen", 12),
        ("two dozen", 24),
        ("Twenty-Six", 26),
        ("twenty-six jets", None),
        ("a", None),
        ("", None),
    ],
)
def test_words_to_number(text, number):
    assert words_to_number(text) == number


@pytest.mark.parametrize(
    ("text", "number"),
    [("26", 26), ("1,200", 1200), ("3.5 million", 3_500_000), ("twenty-six", 26), ("1.4 billion", 1.4e9)],
)
def test_parse_number(text, number):
    assert parse_number(text) == pytest.approx(number)


@pytest.mark.parametrize(
    ("text", "fatalities", "injured", "approximate"),
    [
        ("the attack resulted in 26 fatalities", 26, None, False),
        ("militants killed 26 people", 26, None, False),
        ("gunmen killed 26 tourists in Pahalgam", 26, None, False),
        ("at least 31 civilians were killed", 31, None, True),
        ("more than 40 soldiers died", 40, None, True),
        ("26 dead and 17 injured", 26, 17, False),
        ("twenty-six tourists were shot dead", 26, None, False),
        ("Twenty-six people lost their lives", 26, None, False),
        ("26 people, including a Nepali national, were killed", 26, None, False),
        ("the shelling left 12 dead and 57 injured", 12, 57, False),
        ("the death toll rose to 16", 16, None, False),
        ("the toll climbed to at least 31", 31, None, True),
        ("the number of dead rose to 13 and the number of injured to 59", 13, 59, False),
        ("the attack claimed 26 lives", 26, None, False),
        ("eight civilians died and 35 were injured", 8, 35, False),
        ("the strikes killed eight and injured 35 others", 8, 35, False),
        ("injuring 43 people", None, 43, False),
        ("one soldier was killed", 1, None, False),
        ("On May 7, 26 people were killed", 26, None, False),
        ("dozens were killed", None, None, True),
        ("scores of people were wounded", None, None, True),
        ("The 2019 attack killed 40 soldiers", 40, None, False),  # 2019 is a year
        ("strikes on 9 sites killed 31", 31, None, False),  # sites are not people
        ("Pakistan claimed 5 jets", None, None, False),
        ("India launched strikes on nine sites", None, None, False),
    ],
)
def test_casualties(text, fatalities, injured, approximate):
    assert casualties(text) == {"fatalities": fatalities, "injured": injured, "approximate": approximate}


@pytest.mark.parametrize(
    ("text", "usd", "approx"),
    [
        ("a new $1.3 billion loan", 1.3e9, False),
        ("releasing approximately $1 billion", 1e9, True),
        ("an additional $1.4 billion", 1.4e9, False),
        ("US$ 7bn", 7e9, False),
        ("US$7 bn", 7e9, False),
        ("USD 2.5 million", 2.5e6, False),
        ("$500m in aid", 5e8, False),
        ("$500 mn in aid", 5e8, False),
        ("7 billion dollars", 7e9, False),
        ("7 billion U.S. dollars", 7e9, False),
        ("about $2bn in aid", 2e9, True),
        ("nearly $700 million", 7e8, True),
        ("a $1.1-billion facility", None, None),  # hyphenated forms are not read
        ("$250,000 in damages", 2.5e5, False),
        ("$3k", 3e3, False),
    ],
)
def test_money_in_dollars(text, usd, approx):
    found = money_usd(text)
    if usd is None:
        assert found == [] or found[0].amount_usd != pytest.approx(1.1e9)
        return
    assert len(found) == 1
    assert found[0].amount_usd == pytest.approx(usd)
    assert found[0].approx is approx


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("Rs 5,000 crore", 5000e7, "INR"),
        ("Rs. 5,000 crore", 5000e7, "INR"),
        ("₹5,000 crore", 5000e7, "INR"),
        ("INR 50 lakh", 50e5, "INR"),
        ("Rs 5,00,000", 5e5, "INR"),
        ("10 crore rupees", 10e7, "INR"),
        ("PKR 1.2 trillion", 1.2e12, "PKR"),
        ("Rs 10 billion Pakistani rupees", 10e9, "PKR"),
        ("15 billion Pakistani rupees", 15e9, "PKR"),
        ("£3m", 3e6, "GBP"),
        ("€2 million", 2e6, "EUR"),
    ],
)
def test_other_currencies_are_converted_and_flagged(text, amount, currency):
    (m,) = money_usd(text)
    assert m.amount_usd == pytest.approx(amount * USD_PER_UNIT[currency])
    assert m.approx is True


@pytest.mark.parametrize("text", ["5 m away", "26 fatalities", "in 2025", "1700 hours", "the $ sign"])
def test_not_money(text):
    assert money_usd(text) == []


def test_money_spans_and_order():
    text = "The IMF weighed a $1.3 billion loan and released approximately $1 billion."
    found = money_usd(text)
    assert [text[s:e] for _, _, (s, e) in found] == ["$1.3 billion", "$1 billion"]
    amount, approx, (start, _) = found[1]
    assert text[start] == "$"
    assert (amount, approx) == (1e9, True)


@pytest.mark.parametrize(
    ("text", "noun", "count"),
    [
        ("Pakistan said it shot down five Indian jets", "jet", 5),
        ("Pakistan said it shot down five Indian jets", "jets", 5),
        ("the army downed 25 drones", "drone", 25),
        ("shot down 77 Israeli-made Harop drones", "drone", 77),
        ("over 300 drones crossed", "drone", 300),
        ("a dozen missiles", "missile", 12),
        ("4 air defence batteries", "battery", 4),
        ("three Rafale jets and two Su-30s", "jet", 3),
        ("dozens of drones", "drone", None),
        ("drones were seen", "drone", None),
        ("in 2019 jets flew", "jet", None),
    ],
)
def test_count_of(text, noun, count):
    assert count_of(text, noun) == count


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_never_crashes(text):
    result = casualties(text)
    assert set(result) == {"fatalities", "injured", "approximate"}
    for amount, _, (s, e) in money_usd(text):
        assert amount >= 0 and 0 <= s < e <= len(text)
    count_of(text, "drone")
