"""offramp.extract.attribute_rules: the model's attribute rules matched by a lookup per token
must give exactly the matches, hence the annotations, of spaCy's own attribute ruler."""

from __future__ import annotations

import pytest
import spacy

from offramp.extract.attribute_rules import AnchoredRules, quicken
from offramp.extract.nlp import load_nlp

# Our own sentences (other crises), with the forms the model's two-word rules are for.
SENTENCES = [
    "Azerbaijani artillery shelled Armenian positions near Jermuk on Tuesday, the ministry said.",
    "Guyana's president said Caracas ain't going to take the Essequibo, and y'all know it.",
    "Let's be clear: there's gonna be no talks until Eritrean troops pull back from Tigray.",
    "C'mon, the Taiwanese coast guard gets stopped every week; it got stopped again yesterday.",
    "  \n\nThe Kremlin's spokesman, Dmitry Peskov, declined to comment. \t Kyiv hasn't either.",
]


@pytest.fixture(scope="module")
def stock():
    return load_nlp(quick=False)


def test_the_model_is_quickened(nlp, stock):
    assert isinstance(nlp.get_pipe("attribute_ruler").match, AnchoredRules)
    assert not isinstance(stock.get_pipe("attribute_ruler").match, AnchoredRules)


@pytest.mark.parametrize("text", SENTENCES)
def test_anchored_matches_are_the_matchers(stock, text):
    ruler = stock.get_pipe("attribute_ruler")
    doc = stock(text, disable=["attribute_ruler", "lemmatizer", "ner"])
    assert AnchoredRules(ruler)(doc) == ruler.match(doc)


def _annotations(doc):
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in doc]


def test_annotations_are_spacys_on_the_seed_articles(nlp, stock, seeds):
    texts = SENTENCES + [p.read_text(encoding="utf-8") for p in seeds]
    quick = [_annotations(d) for d in nlp.pipe(texts)]
    assert quick == [_annotations(d) for d in stock.pipe(texts)]


def test_a_rule_it_cannot_read_leaves_the_ruler_alone():
    blank = spacy.blank("en")
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "border"}]], {"LEMMA": "frontier"})
    assert quicken(blank)
    assert [t.lemma_ for t in blank("the border post")] == ["", "frontier", ""]
    blank = spacy.blank("en")
    blank.add_pipe("attribute_ruler").add([[{"LOWER": "border", "OP": "+"}]], {"LEMMA": "frontier"})
    assert not quicken(blank)
    assert not quicken(spacy.blank("en"))  # no ruler at all


def test_a_quickened_pipeline_pickles_with_its_rules(nlp):
    """spaCy pickles the pipeline to parse in several processes (``nlp.pipe(n_process=2)``)."""
    import pickle

    back = pickle.loads(pickle.dumps(nlp))
    assert isinstance(back.get_pipe("attribute_ruler").match, AnchoredRules)
    text = SENTENCES[1]
    assert _annotations(back(text)) == _annotations(nlp(text))
