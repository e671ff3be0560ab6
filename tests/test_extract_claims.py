"""Claims stage: each claim form, polarity, pronoun speakers, quotes over several sentences."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from offramp.extract.claims import ClaimStage, clean_content, find_quotes, load_lexicon
from offramp.extract.mentions import ActorMention, DateMention
from offramp.extract.pipeline import DocRecord, registered_stages
from offramp.records import Document

# Hand-made actor table for the hand-made sentences below: name -> (code, kind, person)
ACTORS = {
    "Indian officials": ("IND", "state", None),
    "Pakistan": ("PAK", "state", None),
    "Islamabad": ("PAK", "state", None),
    "India": ("IND", "state", None),
    "China": ("CHN", "state", None),
    "IISS analyst John Smith": ("IISS", "person", "John Smith"),
    "Foreign Minister Lena Ortiz": ("ESP", "person", "Lena Ortiz"),
}


def mentions(text: str) -> list[ActorMention]:
    """Longest-first, non-overlapping matches of the names above."""
    out: list[ActorMention] = []
    taken: list[tuple[int, int]] = []
    for name in sorted(ACTORS, key=len, reverse=True):
        for m in re.finditer(rf"\b{re.escape(name)}\b", text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            code, kind, person = ACTORS[name]
            out.append(ActorMention(m.start(), m.end(), m.group(), code, kind=kind, person=person))
            taken.append((m.start(), m.end()))
    return sorted(out, key=lambda m: m.start)


@pytest.fixture(scope="module")
def extract(nlp):
    stage = ClaimStage(nlp=nlp)

    def run(text: str, dates: list[DateMention] | None = None):
        document = Document(text=text)
        record = DocRecord(document=document, doc=nlp(text), actors=mentions(text), dates=dates or [])
        return stage(record).claims

    return run


def one(claims, cue=None):
    picked = [c for c in claims if cue is None or c.cue == cue]
    assert len(picked) == 1, [(c.speaker, c.cue, c.content) for c in claims]
    return picked[0]


@pytest.mark.parametrize(
    ("text", "speaker", "cue", "form", "content"),
    [
        (
            "The foreign minister said, “Our forces will answer any aggression with full strength.”",
            "The foreign minister",
            "said",
            "direct",
            "Our forces will answer any aggression with full strength",
        ),
        (
            "“We had no role whatsoever in the attack on the convoy,” the spokesman said.",
            "the spokesman",
            "said",
            "direct",
            "We had no role whatsoever in the attack on the convoy",
        ),
        (
            "The army chief said that troops had repelled an attack near the border.",
            "The army chief",
            "said",
            "indirect",
            "troops had repelled an attack near the border",
        ),
        (
            "According to Indian officials, the drones were shot down over Punjab.",
            "Indian officials",
            "according to",
            "according_to",
            "the drones were shot down over Punjab",
        ),
        (
            "Pakistan claimed to have destroyed five aircraft.",
            "Pakistan",
            "claimed",
            "infinitival",
            "have destroyed five aircraft",
        ),
        (
            "India described the strikes as measured and non-escalatory.",
            "India",
            "described",
            "description",
            "the strikes as measured and non-escalatory",
        ),
        (
            "The minister called the blockade an ‘act of war’ in parliament.",
            "The minister",
            "called",
            "description",
            "the blockade an act of war",
        ),
        (
            "“This was a measured reply to a cowardly attack,” the army’s spokesman Brig Omar Khan told reporters.",
            "the army’s spokesman Brig Omar Khan",
            "told",
            "direct",
            "This was a measured reply to a cowardly attack",
        ),
        (
            "China welcomed the announcement of the truce.",
            "China",
            "welcomed",
            "reaction",
            "the announcement of the truce",
        ),
        (
            "The bombing, which Islamabad alleges was planned by foreign agents, killed nine people.",
            "Islamabad",
            "alleges",
            "relative",
            "The bombing was planned by foreign agents",
        ),
        (
            "Armenia's army said on Sunday it had destroyed several Azerbaijani posts.",
            "Armenia's army",
            "said",
            "indirect",
            "it had destroyed several Azerbaijani posts",
        ),
        (
            "The loan came amid criticism from Armenia that the money would fund the war.",
            "Armenia",
            "criticism",
            "nominal",
            "the money would fund the war",
        ),
        (
            "The raid drew a complaint from Baku that the shells hit a school.",
            "Baku",
            "complaint",
            "nominal",
            "the shells hit a school",
        ),
        (
            "There was a claim by the ministry that its forces had downed four drones.",
            "the ministry",
            "claim",
            "nominal",
            "its forces had downed four drones",
        ),
    ],
)
def test_claim_forms(extract, text, speaker, cue, form, content):
    claim = one(extract(text), cue)
    assert (claim.speaker, claim.form, claim.content) == (speaker, form, content)
    assert claim.span_start is not None and claim.span_end is not None
    assert text[claim.span_start : claim.span_end] in text and claim.evidence


@pytest.mark.parametrize(
    ("text", "cue", "polarity"),
    [
        ("The ministry denied that its jets had entered Indian airspace.", "denied", "deny"),
        ("India rejected the offer of mediation.", "rejected", "deny"),
        ("Islamabad dismissed the reports as propaganda.", "dismissed", "deny"),
        ("Pakistan did not confirm that its jets were lost.", "confirm", "deny"),
        ("Officials said the missiles may have struck a fuel depot.", "said", "hedge"),
        ("Analysts suggested that the truce could collapse within days.", "suggested", "hedge"),
        ("The minister reportedly said the talks had failed.", "said", "assert"),  # the attribution is hedged
        ("Officials said the attack was likely planned for weeks.", "said", "hedge"),
        ("The army said the strikes hit nine camps on May 7.", "said", "assert"),
        ("India alleges that the attackers were trained across the border.", "alleges", "assert"),
    ],
)
def test_polarity(extract, text, cue, polarity):
    assert one(extract(text), cue).polarity == polarity


def test_allegation_is_marked(extract):
    claim = one(extract("India alleges that the attackers were trained across the border."))
    assert claim.attrs["kind"] == "allegation"


@pytest.mark.parametrize(
    "text",
    [
        "The minister did not say whether talks would resume.",
        "This led to a sharp response from the other side.",
        "The minister called off the visit to the border.",
        "The delegation added three new members.",
    ],
)
def test_no_claim(extract, text):
    assert extract(text) == []


def test_pronoun_speaker_is_last_named_speaker(extract):
    text = (
        "Defence analyst Maria Lopez said the exchange was limited. She added that neither side wanted a war."
    )
    first, second = extract(text)
    assert first.speaker_person == "Maria Lopez"
    assert (second.speaker, second.speaker_person) == ("She", "Maria Lopez")
    assert second.attrs["speaker_resolved"] is True


def test_pronoun_skips_speakers_inside_quotes(extract):
    text = (
        "Ahmed Khan said, “The governor told us that the border was calm all week.” "
        "He added that he expected more talks."
    )
    claims = extract(text)
    told = one(claims, "told")
    assert told.attrs["via"] == "Ahmed Khan"
    added = one(claims, "added")
    assert added.speaker_person == "Ahmed Khan"


def test_bare_surname_resolves_to_full_name(extract):
    text = "Retired general Tariq Saleem said the front was quiet. Saleem further noted that patrols had resumed."
    noted = one(extract(text), "noted")
    assert noted.speaker_person == "Tariq Saleem"


@pytest.mark.parametrize("where", ["before", "after"])
def test_quote_over_several_sentences(extract, where):
    quote = "The talks went well. Both delegations agreed to meet again next month. Nothing is settled yet."
    text = f"“{quote},” she said." if where == "before" else f"She said: “{quote}”"
    claim = one(extract(text), "said")
    assert claim.content == quote.rstrip(".")
    assert claim.form == "direct"


def test_quote_continues_previous_speaker(extract):
    text = (
        "Lt Gen Omar Aziz said the army was ready for any contingency. "
        "“We will defend every inch of our territory, whatever the cost.”"
    )
    first, second = extract(text)
    assert second.cue is None and second.form == "direct"
    assert second.speaker_person == first.speaker_person == "Omar Aziz"
    assert second.content == "We will defend every inch of our territory, whatever the cost"


def test_person_resolves_to_their_body(extract):
    claim = one(extract("IISS analyst John Smith said the ceasefire would hold for now."))
    assert (claim.speaker_actor, claim.speaker_person) == ("IISS", "John Smith")


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("India closed its airspace to all flights. The government said the measure was temporary.", "IND"),
        ("India and Pakistan traded fire overnight. The government said the measure was temporary.", None),
    ],
)
def test_the_government_resolves_from_context(extract, text, actor):
    claim = one(extract(text), "said")
    assert claim.speaker == "The government"
    assert claim.speaker_actor == actor


def test_about_lists_actors_in_content(extract):
    claim = one(extract("India said that Pakistan had violated the ceasefire twice."))
    assert claim.speaker_actor == "IND"
    assert claim.about == ["PAK"]


def test_statement_date_from_cue(extract):
    text = "Foreign Minister Lena Ortiz said on May 9 that both sides had agreed to talk."
    at = text.index("May 9")
    dates = [DateMention(at, at + 5, "May 9", dt.date(2025, 5, 9))]
    claim = one(extract(text, dates))
    assert claim.date == dt.date(2025, 5, 9)
    assert claim.speaker_actor == "ESP"


def test_claims_stage_is_registered_with_its_needs():
    stage = registered_stages()["claims"]
    assert stage.requires == ("doc", "actors")
    assert stage.provides == ("claims",)


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        ("He said “no” and “not now”.", ["no", "not now"]),
        ('She said "we are ready" today.', ["we are ready"]),
        ("Nothing quoted here.", []),
        ("An “unclosed quote", []),
    ],
)
def test_find_quotes(text, quotes):
    assert [text[a:b] for a, b in find_quotes(text)] == quotes


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("“We will respond,”", "We will respond"),
        ("an ‘act of war’ to which", "an act of war to which"),
        ("both countries’ positions", "both countries’ positions"),
    ],
)
def test_clean_content(raw, clean):
    assert clean_content(raw) == clean


def test_lexicon_values_are_known():
    lex = load_lexicon()
    cues = [c for group in lex.verbs.values() for c in group]
    assert len(cues) > 50
    assert {c.polarity for c in cues} <= {"assert", "deny", "hedge"}
    assert {c.negated for c in cues} <= {"skip", "deny", "hedge"}
    assert {"may", "could", "likely", "reportedly"} <= lex.hedges


# -- the claims command --------------------------------------------------------


@pytest.fixture
def claims_db(tmp_path):
    from offramp.records import Claim
    from offramp.store import Store

    db = tmp_path / "claims.duckdb"
    doc = Document(
        text="x", title="Crisis report", url="http://example.test/a", published=dt.date(2025, 5, 12)
    )
    rows = [
        Claim("India", "Pakistan sheltered the attackers", cue="said", speaker_actor="IND", about=["PAK"]),
        Claim("Pakistan", "India struck civilian areas", cue="said", speaker_actor="PAK", about=["IND"]),
        Claim("Analyst", "talks may resume", cue="said", speaker_actor="IISS", polarity="hedge", about=["IND"]),
        Claim(
            "The ministry", "its jets crossed the line", cue="denied", speaker_actor="CHN", polarity="deny",
            date=dt.date(2025, 5, 2),
        ),
    ]  # fmt: skip
    with Store(db) as store:
        store.add_document(doc)
        for i, c in enumerate(rows):
            c.doc_id, c.span_start, c.span_end = doc.id, i * 10, i * 10 + 5
            c.id = ""
            c.__post_init__()
        store.add_claims(rows)
    return db


def _jsonl(db, *args):
    import json

    from typer.testing import CliRunner

    from offramp.cli import app

    result = CliRunner().invoke(app, ["claims", "--db", str(db), "--format", "jsonl", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_claims_command_prints_the_documented_fields(claims_db):
    rows = _jsonl(claims_db)
    assert len(rows) == 4
    needed = {
        "id",
        "speaker",
        "speaker_actor",
        "cue",
        "content",
        "polarity",
        "url",
        "title",
        "evidence",
        "span",
    }
    assert needed <= set(rows[0])
    assert rows[0]["url"] == "http://example.test/a" and rows[0]["title"] == "Crisis report"
    assert all(isinstance(r["span"], list) and len(r["span"]) == 2 for r in rows)


@pytest.mark.parametrize(
    ("args", "speakers"),
    [
        (["--actor", "PAK"], {"India", "Pakistan"}),
        (["--actor", "CHN"], {"The ministry"}),
        (["--contested"], set()),  # four claims on four propositions: nothing is disputed
        (["--since", "2025-05-10"], {"India", "Pakistan", "Analyst"}),
        (["--until", "2025-05-05"], {"The ministry"}),
    ],
)
def test_claims_command_filters(claims_db, args, speakers):
    assert {r["speaker"] for r in _jsonl(claims_db, *args)} == speakers


def test_claims_command_contested_lists_only_disputed_claims(tmp_path):
    from offramp.records import Claim
    from offramp.store import Store

    db = tmp_path / "disputed.duckdb"
    doc = Document(text="y", title="Border report", url="http://example.test/b")
    rows = [
        Claim("Armenia", "Azerbaijan violated the truce at dawn", cue="said", speaker_actor="ARM", about=["AZE"]),
        Claim("Azerbaijan", "it violated the truce", cue="denied", speaker_actor="AZE", polarity="deny"),
        Claim("Armenia", "the harvest will be late this year", cue="said", speaker_actor="ARM"),
    ]  # fmt: skip
    with Store(db) as store:
        store.add_document(doc)
        for i, c in enumerate(rows):
            c.doc_id, c.span_start, c.span_end = doc.id, i * 10, i * 10 + 5
            c.id = ""
            c.__post_init__()
        store.add_claims(rows)
    got = _jsonl(db, "--contested")
    assert {(r["speaker"], r["polarity"]) for r in got} == {("Armenia", "assert"), ("Azerbaijan", "deny")}


def test_claims_command_table_and_errors(claims_db, tmp_path):
    from typer.testing import CliRunner

    from offramp.cli import app

    runner = CliRunner()
    table = runner.invoke(app, ["claims", "--db", str(claims_db)])
    assert table.exit_code == 0 and "Pakistan" in table.stdout
    bad = runner.invoke(app, ["claims", "--db", str(claims_db), "--since", "May"])
    assert bad.exit_code == 1 and "YYYY-MM-DD" in bad.output
    missing = runner.invoke(app, ["claims", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1


def test_quote_ending_a_sentence_is_not_taken_by_the_next_speaker(extract):
    text = "“The border is calm tonight and we expect no trouble.” Islamabad has rejected the accusation."
    claim = one(extract(text))
    assert (claim.cue, claim.content) == ("rejected", "the accusation")


def test_participle_cue_keeps_the_speaker(extract):
    text = "Ahmed Khan said the talks had ended, adding that both sides would meet again in June."
    adding = one(extract(text), "adding")
    assert adding.speaker_person == "Ahmed Khan"
    assert adding.content == "both sides would meet again in June"


def test_continuation_quote_after_a_direct_quote(extract):
    text = "“We do not want a war at all,” Asif told reporters. “The next move is entirely up to India.”"
    first, second = extract(text)
    assert second.speaker == first.speaker == "Asif"
    assert second.attrs["speaker_from"] == "previous claim"
    assert second.about == ["IND"]


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "form", "polarity", "content"),
    [
        (
            "India's defence ministry was quoted as saying that the drones were of foreign origin.",
            "saying",
            "India's defence ministry",
            "indirect",
            "assert",
            "the drones were of foreign origin",
        ),
        (
            "Pakistan's claim that it had downed five jets could not be verified.",
            "claim",
            "Pakistan",
            "nominal",
            "assert",
            "it had downed five jets",
        ),
        (
            "India rejected Pakistan's denial that it had sheltered the group.",
            "denial",
            "Pakistan",
            "nominal",
            "deny",
            "it had sheltered the group",
        ),
        (
            "ISLAMABAD, May 8 (Wire) - Pakistan's military said it had shot down 25 drones.",
            "said",
            "Pakistan's military",
            "indirect",
            "assert",
            "it had shot down 25 drones",
        ),
    ],
)
def test_more_forms(extract, text, cue, speaker, form, polarity, content):
    claim = one(extract(text), cue)
    assert (claim.speaker, claim.form, claim.polarity, claim.content) == (speaker, form, polarity, content)


@pytest.mark.parametrize(
    ("text", "resolved"),
    [
        ("India's government said the strikes were over. It said the response was proportionate.", "IND"),
        ("It said the response was proportionate.", None),
    ],
)
def test_it_speaks_only_for_an_organisation_just_named(extract, text, resolved):
    claims = [c for c in extract(text) if c.speaker == "It"]
    assert [c.speaker_actor for c in claims] == ([resolved] if resolved else [])


def test_pronoun_does_not_reach_far_back(extract):
    filler = " ".join(f"Troops moved to sector {n} overnight." for n in range(6))
    text = f"Defence analyst Maria Lopez said the exchange was limited. {filler} He added that talks would resume."
    added = one(extract(text), "added")
    assert added.speaker_person is None and added.attrs["speaker_resolved"] is False


def test_definite_description_points_back_to_its_speaker(extract):
    text = (
        "India's defence ministry said the attacks had been repelled. "
        "Markets stayed closed in the north. The ministry said radars in Lahore were hit."
    )
    last = extract(text)[-1]
    assert (last.speaker, last.speaker_actor) == ("The ministry", "IND")
    assert last.content == "radars in Lahore were hit"


@pytest.mark.parametrize(
    "text",
    [
        "Iran's president called the Indian prime minister to offer condolences.",
        "India and Pakistan agreed to stop firing at five in the evening.",
    ],
)
def test_event_verbs_are_not_claims(extract, text):
    assert extract(text) == []


def test_according_to_at_the_end(extract):
    claim = one(
        extract("Gunmen attacked tourists near the meadow at about 3 pm, according to Indian officials.")
    )
    assert claim.content == "Gunmen attacked tourists near the meadow at about 3 pm"
    assert claim.speaker_actor == "IND"


def test_speaker_after_a_leading_date(extract):
    text = "On 8 May 2025 Pakistan's army spokesman, Lt. Gen. Omar Aziz, said air defences had shot down 12 drones."
    claim = one(extract(text))
    assert claim.speaker == "Pakistan's army spokesman, Lt. Gen. Omar Aziz"
    assert (claim.speaker_actor, claim.speaker_person) == ("PAK", "Omar Aziz")


def test_he_with_no_speaker_before_is_the_last_person_named(extract):
    text = (
        "The cabinet promoted General Tariq Saleem on Tuesday. Tariq Saleem has led the army since 2022. "
        "Last week he said that the country wanted peace."
    )
    claim = one(extract(text))
    assert claim.speaker_person == "Tariq Saleem"
    assert claim.attrs["refers_to"] == "Tariq Saleem"


@pytest.mark.parametrize(
    ("text", "cue", "speaker_actor"),
    [
        ("Pakistan said it had shot down five jets, a claim India has not confirmed.", "confirmed", "IND"),
        ("India said Pakistani troops had violated the truce, a charge Islamabad denied.", "denied", "PAK"),
    ],
)
def test_tail_comment_denies_the_claim_before_it(extract, text, cue, speaker_actor):
    claims = extract(text)
    first, tail = one(claims, "said"), one(claims, cue)
    assert "," not in first.content  # the comment is not part of the first claim
    assert (tail.polarity, tail.speaker_actor, tail.content) == ("deny", speaker_actor, first.content)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "“",
        "”He said.",
        '"" "" said "',
        "“Unclosed quote, he said, and nothing else follows here at all",
        "He said, “A ‘nested “odd” quote’ and more words here.”",
        "According to, the.",
        "- - — said said said.",
        "“" + "word " * 400 + "”, she said.",
    ],
)
def test_odd_text_gives_sane_claims(extract, text):
    claims = extract(text)
    assert len({c.id for c in claims}) == len(claims)
    for c in claims:
        assert c.content and c.speaker
        assert 0 <= c.span_start <= c.span_end <= len(text)
        assert c.polarity in ("assert", "deny", "hedge")


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        ('He said "we are ready" and left.', ["we are ready"]),
        (
            "“First paragraph goes on.\n“Second one ends,” he said.",
            ["First paragraph goes on.", "Second one ends,"],
        ),
        (
            '"First paragraph goes on.\n"Second one ends," he said.',
            ["First paragraph goes on.", "Second one ends,"],
        ),
    ],
)
def test_find_quotes_paragraphs_left_open(text, quotes):
    assert [text[a:b] for a, b in find_quotes(text)] == quotes


def test_open_paragraph_quote_takes_the_next_paragraph_speaker(extract):
    text = (
        "The border was quiet on Sunday.\n"
        '"We have shown great restraint in the face of provocation.\n'
        '"But our patience is not unlimited," the minister said.'
    )
    claims = extract(text)
    assert {c.content: c.speaker for c in claims} == {
        "We have shown great restraint in the face of provocation": "the minister",
        "But our patience is not unlimited": "the minister",
    }


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Sanctions can hurt, as the need for loans likely pushed Pakistan towards a truce.", True),
        ("The claims could not be verified independently.", False),
        ("Officials said the truce may collapse.", False),  # the hedge belongs to the officials' claim
    ],
)
def test_author_hedges(extract, text, found):
    author = [c for c in extract(text) if c.speaker == "author"]
    assert bool(author) == found
    if found:
        assert (author[0].form, author[0].polarity, author[0].speaker_actor) == (
            "unattributed",
            "hedge",
            None,
        )


def test_author_hedges_can_be_turned_off(nlp):
    text = "Sanctions can hurt, as the need for loans likely pushed Pakistan towards a truce."
    record = DocRecord(document=Document(text=text), doc=nlp(text), actors=mentions(text))
    assert ClaimStage(nlp=nlp, author_hedges=False)(record).claims == []


def test_his_office_speaks_for_his_state(extract):
    text = "Foreign Minister Lena Ortiz said talks would resume. Her office said the delegation would leave on Monday."
    office = extract(text)[-1]
    assert (office.speaker, office.speaker_actor, office.speaker_person) == ("Her office", "ESP", None)


# -- speakers across a document, outlets, and what a denial is of ---------------
# Sentences of our own writing from other crises, each case with one it must fire on and one it
# must not.

OTHER_ACTORS = {
    "Armenia": ("ARM", "state", None),
    "Azerbaijan": ("AZE", "state", None),
    "Azerbaijani": ("AZE", "state", None),
    "Ethiopia": ("ETH", "state", None),
    "Eritrea": ("ERI", "state", None),
    "Ukraine": ("UKR", "state", None),
    "Ukrainian officials": ("UKR", "state", None),
    "Russia": ("RUS", "state", None),
    "Guyana": ("GUY", "state", None),
    "Venezuela": ("VEN", "state", None),
    "Venezuelan officials": ("VEN", "state", None),
    "Beijing": ("CHN", "state", None),
}


def other_mentions(text: str) -> list[ActorMention]:
    out: list[ActorMention] = []
    taken: list[tuple[int, int]] = []
    for name in sorted(OTHER_ACTORS, key=len, reverse=True):
        for m in re.finditer(rf"\b{re.escape(name)}\b", text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            code, kind, person = OTHER_ACTORS[name]
            out.append(ActorMention(m.start(), m.end(), m.group(), code, kind=kind, person=person))
            taken.append((m.start(), m.end()))
    return sorted(out, key=lambda m: m.start)


@pytest.fixture(scope="module")
def extract_other(nlp):
    stage = ClaimStage(nlp=nlp)

    def run(text: str):
        record = DocRecord(document=Document(text=text), doc=nlp(text), actors=other_mentions(text))
        return stage(record).claims

    return run


def _by_content(claims, words: str):
    hits = [c for c in claims if words in c.content]
    assert len(hits) == 1, [(c.speaker, c.speaker_actor, c.content) for c in claims]
    return hits[0]


@pytest.mark.parametrize(
    ("text", "words", "actor"),
    [
        # a surname goes back to the full mention, and the state named with it
        ("Armenia's foreign minister Ararat Mirzoyan flew to Brussels on Monday. "
         "Mirzoyan said the border talks had stalled.", "talks had stalled", "ARM"),
        # ...but a surname never introduced with a state gets none
        ("Mirzoyan said the border talks had stalled.", "talks had stalled", None),
        # a title goes back to its earlier mention ("the minister" after "Ethiopia's foreign minister")
        ("Ethiopia's foreign minister arrived in Nairobi for the summit. "
         "The minister said the port deal would be signed within a month.", "port deal", "ETH"),
        # ...and with no earlier mention or state around, it stays unresolved
        ("The minister said the port deal would be signed within a month.", "port deal", None),
        # officials keep the state the text gives them
        ("Venezuelan officials said troops had been moved to the Essequibo border.", "troops had been moved", "VEN"),
        # a minister named without a state, among colleagues reacting in one paragraph, serves their state
        ("Ukrainian officials reacted with anger. Defence Minister Oleksii Reznikov said the strike was a "
         "war crime. He said Russia would answer to Ukraine for it. Culture Minister Oleksandr Tkachenko "
         "called the shelling of the museum an attack on memory.", "attack on memory", "UKR"),
        # ...not in the next paragraph, and not an analyst
        ("Ukrainian officials reacted with anger. Defence Minister Oleksii Reznikov said the strike was a "
         "war crime. He said Russia would answer to Ukraine for it.\n\nCulture Minister Oleksandr Tkachenko "
         "called the shelling of the museum an attack on memory.", "attack on memory", None),
        ("Ukrainian officials reacted with anger. Defence Minister Oleksii Reznikov said the strike was a "
         "war crime. He said Russia would answer to Ukraine for it. Analyst Oleksandr Tkachenko "
         "called the shelling of the museum an attack on memory.", "attack on memory", None),
    ],
)  # fmt: skip
def test_speaker_resolves_back_to_its_full_mention(extract_other, text, words, actor):
    assert _by_content(extract_other(text), words).speaker_actor == actor


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a wire dateline is never part of the speaker
        ("KYIV, Mar 3 (Reuters) Ukraine said Russian drones had hit a power plant overnight.", "Ukraine"),
        # a dateline whose bracket opened before the excerpt began
        ("Daily Star)- Ukraine said Russian drones had hit a power plant overnight.", "Ukraine"),
        # a bracketed short name after the speaker's head is part of it
        ("The Armenian Defence Ministry (MoD) said Azerbaijani drones had hit a power plant.",
         "The Armenian Defence Ministry (MoD)"),
    ],
)  # fmt: skip
def test_wire_dateline_is_not_part_of_the_speaker(extract_other, text, speaker):
    claim = _by_content(extract_other(text), "power plant")
    assert claim.speaker == speaker


@pytest.mark.parametrize(
    ("text", "outlet", "actor"),
    [
        # news agencies and state media are sources, never speakers for a state
        ("Azerbaijan's state media reported that Armenian troops had shelled Lachin.", True, None),
        ("Reuters reported that Armenian troops had shelled Lachin.", True, None),
        ("According to state media reports on Monday, Armenian troops had shelled Lachin.", True, None),
        ("Azerbaijan's defence ministry reported that Armenian troops had shelled Lachin.", False, "AZE"),
    ],
)
def test_news_outlets_are_sources_not_speakers_for_a_state(extract_other, text, outlet, actor):
    claim = _by_content(extract_other(text), "shelled Lachin")
    assert ("outlet" in claim.attrs) is outlet
    assert claim.speaker_actor == actor


@pytest.mark.parametrize(
    ("text", "relay"),
    [
        # a claim relayed by a reporter keeps the original speaker and records the relay
        ("Ukrainian officials told Reuters that Russia had moved two brigades north.", "Reuters"),
        ("Ukrainian officials told parliament that Russia had moved two brigades north.", None),
    ],
)
def test_a_relayed_claim_keeps_its_speaker_and_records_the_relay(extract_other, text, relay):
    claim = _by_content(extract_other(text), "two brigades")
    assert claim.speaker == "Ukrainian officials" and claim.speaker_actor == "UKR"
    assert claim.attrs.get("relay") == relay


@pytest.mark.parametrize(
    ("text", "polarity", "content"),
    [
        ("Russia denied that its jets had entered Finnish airspace.", "deny", "its jets had entered Finnish airspace"),
        ("Eritrea rejected the claim that its troops remained in Tigray.", "deny", "its troops remained in Tigray"),
        ("Eritrea rejected the proposal.", "deny", "the proposal"),
        ("Beijing refused to confirm that a drone had crossed the median line.", "hedge",
         "a drone had crossed the median line"),
        ("Beijing confirmed that a drone had crossed the median line.", "assert",
         "a drone had crossed the median line"),
        # dismissing a denial asserts what was denied
        ("Guyana dismissed Venezuela's denial of the incursion.", "assert", "the incursion"),
        ("Guyana dismissed Venezuela's offer of talks.", "deny", "Venezuela's offer of talks"),
        # hedges stay hedges
        ("Armenia said Azerbaijani troops may have crossed the line.", "hedge", "Azerbaijani troops may have crossed the line"),
    ],
)  # fmt: skip
def test_polarity_toward_what_is_said(extract_other, text, polarity, content):
    claims = extract_other(text)
    claim = _by_content(claims, content)
    assert (claim.polarity, claim.content) == (polarity, content)


@pytest.mark.parametrize(
    ("text", "contents"),
    [
        # one claim per assertion
        ("Ukraine said Russia had shelled Kharkiv, that two civilians died and that the grid was down.",
         ["Russia had shelled Kharkiv", "two civilians died", "the grid was down"]),
        ("Armenia said Azerbaijani troops had fired on its positions and wounded a soldier.",
         ["Azerbaijani troops had fired on its positions", "wounded a soldier"]),
        # one assertion about two places stays one claim
        ("Ukraine said Russia had shelled Kharkiv and Sumy.", ["Russia had shelled Kharkiv and Sumy"]),
        # the speaker's next act is not part of what was said
        ("Armenia insisted that its troops had held the pass and praised the monitors.",
         ["its troops had held the pass"]),
    ],
)  # fmt: skip
def test_one_claim_per_assertion(extract_other, text, contents):
    assert sorted(c.content for c in extract_other(text)) == sorted(contents)


def test_a_name_takes_no_state_from_outside_its_own_phrase(extract_other):
    text = "Russia shelled positions held by Wagner near the river. Wagner said the front had held."
    assert _by_content(extract_other(text), "front had held").speaker_actor is None


@pytest.mark.parametrize(
    ("text", "polarity", "attribution"),
    [
        # the writer hedges whether it was said; the speaker asserts it
        ("Eritrea's president reportedly said that the border would reopen.", "assert", "reportedly"),
        # the speaker hedges the content itself
        ("Eritrea's president said that the border is expected to reopen.", "hedge", None),
        ("Eritrea's president said that the border would reopen.", "assert", None),
        # a hedge in a concession after the main assertion leaves it asserted
        ("Eritrea's president said that the border reopened, although trade may take months to resume.",
         "assert", None),
    ],
)  # fmt: skip
def test_a_hedged_attribution_is_not_a_hedged_claim(extract_other, text, polarity, attribution):
    claim = _by_content(extract_other(text), "border")
    assert (claim.polarity, claim.attrs.get("attribution")) == (polarity, attribution)


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # a free relative: what the speaker says the thing was
        ("The convoy was hit by what Azerbaijan said were two drones.", "two drones"),
        # a figure given as a bare object is said
        ("Armenia's defence ministry reported 14 wounded soldiers.", "14 wounded soldiers"),
    ],
)
def test_figures_said_without_a_clause(extract_other, text, content):
    assert _by_content(extract_other(text), content).content == content


def test_a_clause_only_cue_with_a_bare_object_that_is_no_figure_says_nothing(extract_other):
    assert extract_other("Armenia's defence ministry reported the incident to the monitors.") == []


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # a document speaks for the body that issued it, not for the states that drafted it
        ("The African Union's council met in Addis Ababa. The resolution, drafted by Ethiopia, noted that "
         "Eritrean troops remained in Tigray.", "AU"),
        ("Ethiopia said on Monday that Eritrean troops remained in Tigray.", "ETH"),
    ],
)  # fmt: skip
def test_a_document_speaks_for_its_issuer(nlp, text, actor):
    actors = {**OTHER_ACTORS, "African Union": ("AU", "igo", None)}

    def found(t: str) -> list[ActorMention]:
        out = []
        for name, (code, kind, person) in actors.items():
            for m in re.finditer(rf"\b{re.escape(name)}\b", t):
                out.append(ActorMention(m.start(), m.end(), m.group(), code, kind=kind, person=person))
        return sorted(out, key=lambda m: m.start)

    record = DocRecord(document=Document(text=text), doc=nlp(text), actors=found(text))
    claims = ClaimStage(nlp=nlp)(record).claims
    assert _by_content(claims, "troops remained").speaker_actor == actor


@pytest.mark.parametrize(
    ("text", "speaker", "actor"),
    [
        # a name and a colon before a quote, once the name is known
        ("Armenia's foreign minister Ararat Mirzoyan spoke in Brussels.\n"
         "Mirzoyan: “We will not accept any corridor through our territory, whatever Baku demands.”",
         "Mirzoyan", "ARM"),
    ],
)  # fmt: skip
def test_a_name_and_a_colon_introduce_a_quote(extract_other, text, speaker, actor):
    claim = _by_content(extract_other(text), "any corridor")
    assert (claim.speaker, claim.speaker_actor) == (speaker, actor)


def test_a_label_and_a_colon_are_no_speaker(extract_other):
    text = "Armenia closed the road on Monday.\nUpdate: “We will not accept any corridor through our territory at all.”"
    assert all(c.speaker != "Update" for c in extract_other(text))


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # the gazetteer guessed the ambassador's state from an earlier sentence; his own sentence names it
        ("Ukraine blamed Moscow for the strike. Russia defended its actions, with Ambassador Ivan Petrov "
         "saying that the depot was a military target.", "RUS"),
        # with no state in his own sentence, the gazetteer's guess stands
        ("Ukraine blamed Moscow for the strike. In New York, Ambassador Ivan Petrov said that the depot "
         "was a military target.", "UKR"),
    ],
)  # fmt: skip
def test_a_state_in_the_speakers_own_sentence_beats_a_guess_from_earlier_text(nlp, text, actor):
    stage = ClaimStage(nlp=nlp)
    found = other_mentions(text)
    at = text.index("Ambassador Ivan Petrov")
    guessed = ActorMention(at, at + len("Ambassador Ivan Petrov"), "Ambassador Ivan Petrov", "UKR", kind="person",
                           person="Ivan Petrov", attrs={"owner_from_context": True})  # fmt: skip
    record = DocRecord(
        document=Document(text=text), doc=nlp(text), actors=sorted([*found, guessed], key=lambda m: m.start)
    )
    claim = _by_content(stage(record).claims, "military target")
    assert claim.speaker_actor == actor
