"""Document time: each document's reference date and where it came from.

Every sentence here was written for these tests (Armenia–Azerbaijan, Venezuela–Guyana,
China–Taiwan, Russia–Ukraine, Ethiopia–Eritrea); none is taken from a news source.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from offramp.extract.dates import ReferenceDate, find_dates, reference_date, url_date

D = dt.date


@pytest.mark.parametrize(
    ("text", "kw", "expected"),
    [
        # metadata wins over everything the text says
        (
            "YEREVAN, Sept. 19, 2023 – Armenia said Azerbaijan opened fire.",
            {"published": D(2023, 9, 20), "published_from": "column"},
            ReferenceDate(D(2023, 9, 20), "column"),
        ),
        # a dateline: place, date, dash
        (
            "YEREVAN, Sept. 19, 2023 – Armenia said Azerbaijan opened fire on its border posts.",
            {},
            ReferenceDate(D(2023, 9, 19), "dateline", "Sept. 19, 2023"),
        ),
        # a dateline with an agency tag, its year from a date elsewhere in the text
        (
            "Border clash\nGEORGETOWN, Dec 4 (Reuters) - Guyana protested. The referendum of 3 December 2023 was held.",
            {},
            ReferenceDate(D(2023, 12, 4), "dateline", "Dec 4"),
        ),
        # an agency tag without a dash; a date opening the text, then a dash
        (
            "Border\nYEREVAN, Sept 20 (Armenpress) Armenia said the shelling began on 19 September 2023.",
            {},
            ReferenceDate(D(2023, 9, 20), "dateline", "Sept 20"),
        ),
        (
            "Sept. 20, 2023 – Azerbaijan halted its offensive in Karabakh.",
            {},
            ReferenceDate(D(2023, 9, 20), "dateline", "Sept. 20, 2023"),
        ),
        # an agency with the date in brackets
        (
            "Talks resume\nARMENPRESS (Nov 08) – Yerevan proposed a new round of talks in 2023.\n"
            "Baku replied on 7 November 2023.",
            {},
            ReferenceDate(D(2023, 11, 8), "dateline", "Nov 08"),
        ),
        # a date line: a label, a byline, or a line that is little more than a date and a time
        (
            " date 2024-02-14 Taipei says Chinese balloons crossed the strait.",
            {},
            ReferenceDate(D(2024, 2, 14), "date-line", "2024-02-14"),
        ),
        (
            "Strait tensions\nBy Lin Mei-hua, Taipei bureau, February 14, 2024\nChina sent balloons.",
            {},
            ReferenceDate(D(2024, 2, 14), "date-line", "February 14, 2024"),
        ),
        (
            "Strait tensions\n14 Feb 2024, 08:10 | Updated: 14 Feb 2024, 11:45\nChina sent balloons.",
            {},
            ReferenceDate(D(2024, 2, 14), "date-line", "14 Feb 2024"),
        ),
        (
            "Strait tensions\n\nAsia 09:12 AM - 2024-02-14\nChina sent balloons over the strait.",
            {},
            ReferenceDate(D(2024, 2, 14), "date-line", "2024-02-14"),
        ),
        (
            "Karabakh\nYerevan Desk | AFP Published Sept. 20, 2023 Updated Sept. 20, 2023 09:55am\nBaku halted it.",
            {},
            ReferenceDate(D(2023, 9, 20), "date-line", "Sept. 20, 2023"),
        ),
        (
            "Strait\nLast Updated : February 14, 2024, 10:12 IST\nChina sent balloons.",
            {},
            ReferenceDate(D(2024, 2, 14), "date-line", "February 14, 2024"),
        ),
        (
            "Karabakh\nEdited By: Anna Petrosyan\nPublished On: Sept. 20, 2023\nBaku halted its offensive.",
            {},
            ReferenceDate(D(2023, 9, 20), "date-line", "Sept. 20, 2023"),
        ),
        # the URL's path
        (
            "Kyiv said Russian drones struck Odesa on Tuesday.",
            {"url": "https://example.org/world/2024/03/12/odesa-drones/"},
            ReferenceDate(D(2024, 3, 12), "url", "https://example.org/world/2024/03/12/odesa-drones/"),
        ),
        # else the latest full date the text states, outside sentences about the future
        (
            "Venezuela held a referendum on 3 December 2023. Guyana went to the court on 6 December 2023. "
            "The court will rule on 9 April 2024.",
            {},
            ReferenceDate(D(2023, 12, 6), "latest-date", "6 December 2023"),
        ),
        # none at all
        ("Eritrean troops shelled the town on Tuesday.", {}, ReferenceDate(None)),
    ],
)
def test_reference_date_and_its_provenance(text, kw, expected):
    assert reference_date(text, **kw) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a photo caption at the top is a sentence, not a date line
        "Soldiers stand guard near the crossing at Lachin, Azerbaijan, September 25, 2023. (Photo: staff)\n"
        "Azerbaijan closed the road on 26 September 2023.",
        # a lower-case "published" inside a sentence is no label
        "The report, published on 25 September 2023, said Azerbaijan closed the road.\n"
        "Armenia protested on 26 September 2023.",
        # a date opening the first sentence is when something happened, not a date line
        "On 25 September 2023 Azerbaijan closed the Lachin road, and Armenia protested to Baku.\n"
        "The road reopened on 26 September 2023.",
    ],
)
def test_a_sentence_with_a_date_at_the_top_is_no_date_line(text):
    assert reference_date(text) == ReferenceDate(D(2023, 9, 26), "latest-date", "26 September 2023")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example.com/2024/05/07/strait/", D(2024, 5, 7)),
        ("https://news.example.com/articles/777/20240507/strait.htm", D(2024, 5, 7)),
        ("https://news.example.com/2024-05-07/news=1234", D(2024, 5, 7)),
        ("http://m.example.cn/a/202405/07/WS1234.html", D(2024, 5, 7)),
        # no date: an article number, a month alone, an impossible day, a date in the host name
        ("https://news.example.com/articles/12024050712/strait", None),
        ("https://news.example.com/2024/05/strait", None),
        ("https://news.example.com/2024/13/45/strait", None),
        ("https://2024-05-07.example.com/strait", None),
        (None, None),
    ],
)
def test_url_date(url, expected):
    assert url_date(url) == expected


def test_the_reference_date_resolves_weekdays():
    text = "KHARTOUM, June 9, 2024 – Sudan said on Friday that Eritrea closed the border."
    ref = reference_date(text)
    weekday = next(m for m in find_dates(text, anchor=ref.date) if m.kind == "weekday")
    assert weekday.date == D(2024, 6, 7)


def test_ingest_stores_the_reference_date_and_its_provenance(store, tmp_path):
    from offramp.ingest import ingest

    records = [
        {
            "text": "Guyana protested on Monday.",
            "url": "https://example.org/2023/12/04/guyana",
            "published": None,
        },
        {"text": " date 2024-02-14 Taipei protested on Wednesday."},
        {"text": "Eritrea protested on Monday.", "published": "2024-05-07"},
        {"text": "Ethiopia protested on Monday."},
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    ingest(store, [path], extract=False)
    rows = store.con.execute(
        "SELECT substr(text, 1, 9), published, published_from FROM documents ORDER BY text"
    ).fetchall()
    assert sorted(rows) == sorted(
        [
            ("Guyana pr", D(2023, 12, 4), "url"),
            ("date 2024", D(2024, 2, 14), "date-line"),
            ("Eritrea p", D(2024, 5, 7), "column"),
            ("Ethiopia ", None, None),
        ]
    )


def test_a_text_without_any_year_takes_the_year_of_the_documents_ingested_with_it(store, tmp_path):
    from offramp.ingest import ingest

    records = [
        {"text": " date 2024-03-14 Chinese coast guard ships sailed near Kinmen."},
        {"text": " date 2024-03-12 Taiwan's coast guard shadowed the ships."},
        {"text": "Coast guard\nTAIPEI, March 15 (CNA) - Taiwan protested to Beijing on Thursday."},
        # a text that names its own year keeps it
        {"text": "Archive\nTAIPEI, March 15 (CNA) - Taiwan protested, as it had on 2 March 2023."},
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    ingest(store, [path], extract=False)
    rows = dict(
        store.con.execute(
            "SELECT substr(text, 1, 7), published_from || ' ' || published FROM documents"
        ).fetchall()
    )
    assert rows["Coast g"] == "dateline, year of the other documents 2024-03-15"
    assert rows["Archive"] == "dateline 2023-03-15"
