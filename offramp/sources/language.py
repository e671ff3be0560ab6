"""The language an article is written in, so one offramp cannot read is said so, not parsed as English.

py3langid (a maintained fork of langid.py, its model shipped inside the package)
names the language of the first ``SAMPLE_CHARS`` characters. A short text, or a
guess below ``MIN_CONFIDENCE``, is taken as English: names of places and people
alone can sway the guess, and offramp's extractors are English ones.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np

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
    language, confidence = _classify(sample)
    if language != "en" and float(confidence) < MIN_CONFIDENCE:
        return "en"
    return str(language)


def _classify(sample: str) -> tuple[str, float]:
    """py3langid's ``classify``, with its feature count done faster: the same walk of the model's
    byte automaton, but without a list of the bytes, a default list per byte and a ``Counter``
    (``numpy.bincount`` counts the features). The features, hence the guess, are the same."""
    identifier = _identifier()
    data = sample.encode("utf8", errors="surrogatepass")
    nextmove, output = identifier.tk_nextmove, identifier.tk_output.get
    state = 0
    features: list[int] = []
    for byte in data:
        state = nextmove[(state << 8) + byte]
        found = output(state)
        if found:
            features.extend(found)
    counts = np.bincount(np.asarray(features, dtype=np.intp), minlength=identifier.nb_numfeats)
    probs = identifier.norm_probs(identifier.nb_classprobs(counts.astype(np.uint16)))
    best = int(np.argmax(probs))
    return str(identifier.nb_classes[best]), float(probs[best])
