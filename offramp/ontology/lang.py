"""Language data: the word lists the extraction rules read, one folder per language.

Each file in ``data/lang/<code>/`` holds the words of one stage (``dates.yaml`` for the dating rules,
``acts.yaml`` for the event rules that read an act's recognition and roles). Code names a list by its
key and never spells the words itself, so a newcomer adds a word in one place.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml

__all__ = ["word_list", "words"]

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def words(name: str, lang: str = "en") -> dict[str, Any]:
    """The lists of ``data/lang/<lang>/<name>.yaml`` by key, read once per process."""
    path = resources.files("offramp.ontology").joinpath("data", "lang", lang, f"{name}.yaml")
    loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    return dict(loaded or {})


@functools.cache
def word_list(name: str, key: str, lang: str = "en") -> frozenset[str]:
    """One list of ``words(name, lang)`` as a set of lower-case words; a missing key is an error."""
    return frozenset(str(w).lower() for w in words(name, lang)[key])
