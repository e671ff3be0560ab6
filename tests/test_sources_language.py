"""offramp.sources.language: its faster feature count gives py3langid's own guess."""

from __future__ import annotations

import pytest

from offramp.sources.language import SAMPLE_CHARS, _classify, _identifier, detect_language

TEXTS = {
    "en": "Azerbaijani and Armenian officials met in Brussels on Sunday to discuss the border"
    " commission, and both sides said the talks had been constructive despite recent shelling.",
    "de": "Die Regierung in Eriwan erklärte am Montag, dass die Gespräche über die Grenze fortgesetzt"
    " werden sollen, obwohl es in der Nacht erneut zu Schüssen gekommen sei.",
    "fr": "Le gouvernement du Guyana a déclaré mardi que des soldats vénézuéliens avaient été vus près"
    " de la frontière, et il a demandé une réunion urgente du Conseil de sécurité.",
    "es": "El ministro de Exteriores de Venezuela dijo el jueves que su país no aceptará ninguna"
    " decisión de la corte internacional sobre el territorio en disputa con Guyana.",
    "ru": "Министерство обороны заявило в среду, что ночью над пограничными районами были сбиты"
    " несколько беспилотников, и призвало жителей оставаться в укрытиях до утра.",
}


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_classify_is_py3langids_guess(language: str) -> None:
    text = TEXTS[language][:SAMPLE_CHARS]
    expected, confidence = _identifier().classify(text)
    assert _classify(text) == (expected, float(confidence))
    assert detect_language(text) == language


def test_odd_characters_are_classified_as_py3langid_does() -> None:
    text = "A lone surrogate \ud800 and emoji 🚀 among words, repeated. " * 10
    expected, confidence = _identifier().classify(text)
    assert _classify(text) == (expected, float(confidence))
