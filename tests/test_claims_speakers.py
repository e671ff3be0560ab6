"""Who said it, through the real actors stage: names inside a title's phrase, a pronoun in a relative
clause, a named body as speaker, and posts embedded in a page.

Sentences are of our own writing, from other crises; each rule has one it must fire on and one it must
not.
"""

from __future__ import annotations

import pytest

from offramp.extract.actors import GazetteerActors
from offramp.extract.claims import ClaimStage
from offramp.extract.pipeline import DocRecord
from offramp.records import Document


@pytest.fixture(scope="module")
def extract(nlp):
    actors = GazetteerActors()
    claims = ClaimStage(nlp=nlp)

    def run(text: str):
        record = DocRecord(document=Document(text=text), doc=nlp(text))
        return claims(actors(record)).claims

    return run


def _claim(claims, words: str):
    hits = [c for c in claims if words in c.content]
    assert len(hits) == 1, [(c.speaker, c.speaker_actor, c.content) for c in claims]
    return hits[0]


@pytest.mark.parametrize(
    ("text", "person", "actor"),
    [
        # the name the parse hung inside the title's phrase ("envoy to the OSCE, X") is the one "he" means,
        # and the state the title names is the one the envoy serves, not the body they are posted to
        ("Russia's ambassador Vasily Nebenzia said the shelling was staged. Ukraine's envoy to the OSCE, "
         "Yevhenii Tsymbaliuk, echoed the charges of Kyiv. He said Moscow bears full responsibility for "
         "the shelling.", "Yevhenii Tsymbaliuk", "UKR"),
        # ...and a person named after the envoy is nearer still
        ("Ukraine's envoy to the OSCE, Yevhenii Tsymbaliuk, echoed the charges of Kyiv. Russia's foreign "
         "minister Sergei Lavrov replied at once. He said Moscow bears full responsibility for the shelling.",
         "Sergey Lavrov", "RUS"),  # the gazetteer's spelling of the name
    ],
)  # fmt: skip
def test_he_is_the_person_named_inside_a_titled_subject(extract, text, person, actor):
    claim = _claim(extract(text), "full responsibility")
    assert (claim.speaker_person, claim.speaker_actor) == (person, actor)


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # "X's address, in which he claimed": he is X, not the speaker before
        ("Ukraine's foreign ministry said the troops had held the line. The statement contradicts Putin's "
         "address on television, in which he claimed that Ukrainian troops had fled Kursk.", "RUS"),
        # no one's address: he is the person named before
        ("Ukraine's foreign minister Dmytro Kuleba spoke at the briefing. The statement follows the parade "
         "in Moscow, at which he claimed that Ukrainian troops had fled Kursk.", "UKR"),
    ],
)  # fmt: skip
def test_he_in_a_relative_clause_is_whose_word_it_is(extract, text, actor):
    assert _claim(extract(text), "troops had fled Kursk").speaker_actor == actor


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a common noun named by a body is a speaker
        ("In Guyana, the Essequibo Lifeline ambulance service confirmed 12 fatalities.",
         "the Essequibo Lifeline ambulance service"),
        # the same noun naming no body is none
        ("In Guyana, the night shift confirmed 12 fatalities.", None),
    ],
)  # fmt: skip
def test_a_body_named_before_its_noun_speaks(extract, text, speaker):
    found = [c for c in extract(text) if "12 fatalities" in c.content]
    assert [c.speaker for c in found] == ([speaker] if speaker else [])


@pytest.mark.parametrize(
    ("text", "speaker", "actor"),
    [
        # a post embedded in the page, signed "— Name (@handle) date" on its own line
        ("Armenia's foreign minister Ararat Mirzoyan announced the news on Friday.\n"
         "The talks in Abu Dhabi will not take place. Dialogue remains the only way to peace.\n"
         "— Ararat Mirzoyan (@AraratMirzoyan) May 3, 2024\n", "Ararat Mirzoyan", "ARM"),
        # ...or at the end of its own line
        ("Armenia's foreign minister Ararat Mirzoyan announced the news on Friday.\n\n"
         "The talks in Abu Dhabi will not take place. Dialogue remains the only way to peace. "
         "— Ararat Mirzoyan (@AraratMirzoyan) May 3, 2024\n", "Ararat Mirzoyan", "ARM"),
        # a line signed with no handle is no post
        ("The talks in Abu Dhabi will not take place. Dialogue remains the only way to peace.\n"
         "— Ararat Mirzoyan, Yerevan, May 3, 2024\n", None, None),
    ],
)  # fmt: skip
def test_an_embedded_post_is_its_authors_claim(extract, text, speaker, actor):
    found = [c for c in extract(text) if "will not take place" in c.content]
    if speaker is None:
        assert found == []
        return
    claim = _claim(found, "will not take place")
    assert (claim.speaker, claim.speaker_actor, claim.attrs.get("handle")) == (
        speaker,
        actor,
        "@AraratMirzoyan",
    )


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # a body named only as a modifier of a thing ("UN sanctions") did not issue the document
        ("The OSCE Permanent Council adopted a statement on Tuesday, warning of new UN sanctions on Minsk.\n"
         "The statement noted that Belarus had failed to let the monitors in.", "OSCE"),
        # the body that acts is the issuer
        ("The UN General Assembly adopted a statement on Tuesday, after an OSCE report on Minsk.\n"
         "The statement noted that Belarus had failed to let the monitors in.", "UNGA"),
    ],
)  # fmt: skip
def test_a_document_speaks_for_the_body_that_issued_it(extract, text, actor):
    assert _claim(extract(text), "failed to let the monitors in").speaker_actor == actor


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # "the ministry's spokesperson": the ministry named a few sentences back, speaker or not
        ("Armenia's Health Ministry published new figures on Monday after Azerbaijani shelling. "
         "Anna Avetisyan, the ministry's spokesperson, confirmed that 40 soldiers were wounded.", "ARM"),
        ("Armenia's Health Ministry published new figures on Monday after Azerbaijani shelling. "
         "The ministry said that 40 soldiers were wounded.", "ARM"),
        # no ministry named before: no state
        ("Anna Avetisyan, the ministry's spokesperson, confirmed that 40 soldiers were wounded.", None),
    ],
)  # fmt: skip
def test_the_body_a_title_is_of_is_the_one_named_before(extract, text, actor):
    assert _claim(extract(text), "40 soldiers were wounded").speaker_actor == actor


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # an official with no state takes the state the sentence before is about ...
        ("Azerbaijan condemned the shelling of Lachin.\n\n"
         "Opposition leader Ishkhan Saghatelyan said that the war was just.", "AZE"),
        # ... not a state it names only as what is done to it
        ("Lilit Makunts condemned Azerbaijan as an aggressor state.\n\n"
         "Opposition leader Ishkhan Saghatelyan said that the war was just.", None),
    ],
)  # fmt: skip
def test_an_official_takes_no_state_named_only_as_the_object_of_the_sentence_before(extract, text, actor):
    assert _claim(extract(text), "the war was just").speaker_actor == actor


@pytest.mark.parametrize(
    ("text", "speaker", "actor", "relay"),
    [
        # an outlet that quotes someone relays them: the one quoted speaks
        ("Nine soldiers were among the dead, according to the Armenpress news agency, which quoted "
         "Armenia's defence ministry.", "Armenia's defence ministry", "ARM", "the Armenpress news agency"),
        ("Reuters reported, citing senior Ukrainian officials, that two brigades had crossed the river.",
         "senior Ukrainian officials", "UKR", "Reuters"),
        # an outlet quoting no one speaks for no state
        ("Nine soldiers were among the dead, according to the Armenpress news agency.",
         "the Armenpress news agency", None, None),
    ],
)  # fmt: skip
def test_an_outlet_that_quotes_someone_relays_them(extract, text, speaker, actor, relay):
    claim = next(
        c for c in extract(text) if "among the dead" in c.content or "crossed the river" in c.content
    )
    assert (claim.speaker, claim.speaker_actor, claim.attrs.get("relay")) == (speaker, actor, relay)
    assert "citing" not in claim.content and "quoted" not in claim.content


def test_an_outlet_quoting_a_statement_relays_its_speaker(extract):
    text = (
        "The Armenpress news agency confirmed the shelling of Goris on Sunday, quoting Syunik governor "
        "Robert Ghukasyan: “Two houses were hit.”"
    )
    claim = next(c for c in extract(text) if "Two houses were hit" in c.content)
    assert claim.speaker == "Syunik governor Robert Ghukasyan"
    assert claim.attrs.get("relay") == "The Armenpress news agency"


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # a state named as the owner of a thing did not issue the document
        ("A leaked assessment on Monday looked at Russia's stockpile of shells.\n"
         "The assessment said that the stockpile had halved since spring.", None),
        # a state named as the owner of the body that issued it did
        ("Russia's defence ministry published an assessment on Monday.\n"
         "The assessment said that the stockpile had halved since spring.", "RUS"),
    ],
)  # fmt: skip
def test_a_state_owning_a_thing_issued_no_document(extract, text, actor):
    assert _claim(extract(text), "stockpile had halved").speaker_actor == actor
