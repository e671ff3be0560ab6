"""The language an article is written in, so one offramp cannot read is said so, not parsed as English.

py3langid (a maintained fork of langid.py, its model shipped inside the package)
names the language of the first ``SAMPLE_CHARS`` characters. A short text, or a
guess below ``MIN_CONFIDENCE``, is taken as English: names of places and people
alone can sway the guess, and offramp's extractors are English ones.
"""

from __future__ import annotations

import functools
from typing import Any

__all__ = ["EXTRACTED_LANGUAGES", "MIN_CONFIDENCE", "MIN_WORDS", "detect_language"]

# The languages offramp's extraction reads (its spaCy model and its lexicons are English).
EXTRACTED_LANGUAGES = frozenset({"en"})
SAMPLE_CHARS = 5000
MIN_WORDS = 20  # fewer words than this: too little to tell, taken as English
MIN_CONFIDENCE = 0.95  # the detector's normalised probability needed to call a text not English


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """An ISO 639-1 code: the detected language, or ``en`` when the text is short or the guess unsure."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.split()) < MIN_WORDS:
        return "en"
    language, confidence = _identifier().classify(sample)
    if language != "en" and float(confidence) < MIN_CONFIDENCE:
        return "en"
    return str(language)
