"""Event coding on the parse: triggers, their modality, the main event, its actors, its code.

Every sentence here is our own, from crises other than the first case's
(Russia–Ukraine, Armenia–Azerbaijan, Ethiopia–Eritrea, Venezuela–Guyana,
China–Taiwan), run through the real spaCy model and the shipped gazetteer.
"""

from __future__ import annotations

import pytest

from offramp.extract.coding import (
    ActorIndex,
    code_of,
    find_triggers,
    load_lexicon,
    main_trigger,
    token_arrays,
    trigger_actors,
)
from offramp.extract.phrases import find_actors
from offramp.ontology import plover
from offramp.ontology.actors import load_gazetteer


@pytest.fixture(scope="module")
def coded(nlp):
    """Sentence -> (main trigger, source codes, target codes, every trigger), as the events stage reads them."""
    gazetteer = load_gazetteer([])

    def code(sentence: str):
        doc = nlp(sentence)
        index = ActorIndex.build(doc, find_actors(doc.text, gazetteer=gazetteer))
        triggers = [t for sent in doc.sents for t in find_triggers(sent)]
        main = main_trigger(triggers)
        if main is None:
            return None, [], [], triggers
        source, target = trigger_actors(main, index, triggers)
        return main, source, target, triggers

    return code


@pytest.mark.parametrize(
    ("sentence", "event_type", "mode", "source", "target"),
    [
        (
            "Russian troops shelled Ukrainian positions near Kharkiv.",
            "ASSAULT",
            "heavy-weapons",
            {"RUS"},
            {"UKR"},
        ),
        ("Ethiopia expelled Eritrean diplomats.", "SANCTION", "expel", {"ETH"}, {"ERI"}),
        ("Japan sent humanitarian aid to Ukraine.", "AID", None, {"JPN"}, {"UKR"}),
        ("China threatened Taiwan with a naval blockade.", "THREATEN", None, {"CHN"}, {"TWN"}),
        # a phrase ("call for") and a light verb with a noun ("held talks")
        ("Guyana called for restraint from Venezuela.", "REQUEST", None, {"GUY"}, {"VEN"}),
        ("Armenia and Azerbaijan held talks in Brussels.", "CONSULT", None, {"ARM", "AZE"}, set()),
    ],
)
def test_main_event_type_mode_and_actors(coded, sentence, event_type, mode, source, target):
    main, src, tgt, _ = coded(sentence)
    assert main is not None
    assert (main.type, main.mode) == (event_type, mode)
    assert (set(src), set(tgt)) == (source, target)


def test_a_passive_is_turned_round(coded):
    """The 'by' phrase is the source, the grammatical subject the target."""
    main, src, tgt, _ = coded("Ukrainian positions near Kharkiv were shelled by Russian artillery.")
    assert main.type == "ASSAULT"
    assert (src, tgt) == (["RUS"], ["UKR"])
    assert "artillery" in main.weapons


def test_an_exchange_of_fire_goes_both_ways(coded):
    main, src, tgt, _ = coded("Armenian and Azerbaijani troops exchanged fire across the border.")
    assert main.type == "ASSAULT" and main.both_ways
    assert set(src) == {"ARM", "AZE"} and tgt == []


@pytest.mark.parametrize(
    ("sentence", "negated", "certainty"),
    [
        ("Azerbaijan did not attack Armenian villages on Tuesday.", True, "asserted"),
        ("Eritrean forces reportedly attacked Ethiopian troops near the border.", False, "reported"),
        ("Eritrean forces attacked Ethiopian troops near the border.", False, "asserted"),
    ],
)
def test_negation_and_hedges_are_read_off_the_clause(coded, sentence, negated, certainty):
    main, src, tgt, _ = coded(sentence)
    assert main.type == "ASSAULT"
    assert (main.negated, main.certainty) == (negated, certainty)
    assert src and tgt  # the actors are still read: a denied attack is still between two sides


def test_a_possible_future_attack_is_a_threat(coded):
    """PLOVER codes a conditional future act as a threat of it, not the act."""
    main, src, tgt, _ = coded("Venezuela could attack Guyana if the dispute drags on.")
    assert main.type == "THREATEN" and main.commissive
    assert (src, tgt) == (["VEN"], ["GUY"])


def test_the_main_event_is_not_the_one_in_an_after_clause(coded):
    main, src, tgt, triggers = coded(
        "After Russian drones struck Kyiv, Ukraine accused Russia of war crimes."
    )
    assert {t.type for t in triggers} == {"ASSAULT", "ACCUSE"}
    assert main.type == "ACCUSE"
    assert (src, tgt) == (["UKR"], ["RUS"])


@pytest.mark.parametrize(
    "sentence",
    ["The weather in Baku was mild and sunny.", "Kyiv is the capital of Ukraine.", ""],
)
def test_no_event_word_no_trigger(coded, sentence):
    main, _, _, triggers = coded(sentence)
    assert main is None and triggers == []


@pytest.mark.parametrize(
    ("event_type", "mode", "quad", "cameo_root"),
    [
        ("ASSAULT", "aerial", 4, "19"),
        ("SANCTION", "expel", 4, "16"),
        ("CONSULT", "phone", 1, "04"),
        ("AID", None, 2, "07"),
    ],
)
def test_code_of_gives_quad_cameo_root_and_score(event_type, mode, quad, cameo_root):
    code = code_of(event_type, mode)
    assert (code.type, code.mode, code.quad, code.cameo_root) == (event_type, mode, quad, cameo_root)
    assert code.score == plover.score(event_type, mode)


def test_an_unknown_mode_is_kept_but_scored_as_the_bare_type():
    odd = code_of("ASSAULT", "no-such-mode")
    assert odd.mode == "no-such-mode"
    assert odd.score == code_of("ASSAULT").score
    assert odd.score != code_of("ASSAULT", "aerial").score


def test_lexicon_is_read_once_and_keyed_in_lower_case():
    lex = load_lexicon()
    assert lex is load_lexicon()
    assert lex.verbs["shell"] == "ASSAULT:heavy-weapons"
    for table in (lex.verbs, lex.nouns, lex.phrases):
        assert all(key == key.lower() for key in table)
    assert lex.max_phrase == max(len(p.split()) for p in lex.phrases)


@pytest.mark.parametrize(
    "sentence",
    [
        "Azerbaijani forces, who had massed near Lachin, advanced on two villages overnight.",
        "Beijing said the drills around Taiwan, its largest this year, would go on.",
    ],
)
def test_token_arrays_agree_with_spacy(nlp, sentence):
    doc = nlp(sentence)
    arrays = token_arrays(doc)
    assert arrays is token_arrays(doc)  # built once per Doc
    for tok in doc:
        assert arrays.head[tok.i] == tok.head.i
        assert arrays.lower[tok.i] == tok.lower_
        assert arrays.children[tok.i] == [c.i for c in tok.children]
        assert arrays.subtree(tok.i) == [t.i for t in tok.subtree]
        assert arrays.ancestors(tok.i, limit=50) == [t.i for t in tok.ancestors]
