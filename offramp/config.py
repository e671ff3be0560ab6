"""Settings in one place: (name, default, help), each overridable by an environment variable.

``settings()`` returns the values in force; ``OFFRAMP_<NAME>`` overrides a default.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from .errors import ConfigError

__all__ = ["SETTINGS", "Setting", "get", "overridden", "settings"]


@dataclass(frozen=True)
class Setting:
    """One setting; a number outside ``[low, high]`` (where given) is refused, naming the range."""

    name: str
    default: Any
    help: str
    low: float | None = None
    high: float | None = None

    @property
    def env(self) -> str:
        return f"OFFRAMP_{self.name.upper()}"


MiB = 1024 * 1024

SETTINGS: tuple[Setting, ...] = (
    Setting("db", "offramp.duckdb", "The DuckDB store used when --db is not given."),
    Setting("sim_max_runs", 20_000_000, "Most Monte Carlo runs one simulate call accepts."),
    Setting("sim_max_days", 3650, "Most days one simulation steps (and latest as-of after a trigger)."),
    Setting("sim_chunk_runs", 1_000_000, "Runs simulated at once; larger requests stream in chunks."),
    Setting(
        "near_duplicate_threshold",
        0.8,
        "Jaccard similarity (MinHash) above which two articles are near-duplicates.",
        low=0.5,
        high=1.0,
    ),
    Setting(
        "fetch_timeout",
        20.0,
        "Seconds one URL may take in all (connecting, headers and body) before it is cut off.",
        low=1,
        high=3600,
    ),
    Setting(
        "fetch_max_bytes", 20 * MiB, "Largest response body read from a URL, in bytes.", low=1024, high=2**34
    ),
    Setting(
        "actors",
        "",
        "Actor gazetteer YAML files (os.pathsep-separated) that add to or override the shipped one.",
    ),
    Setting(
        "extract_batch_size", 32, "Documents parsed per spaCy batch during extraction.", low=1, high=10_000
    ),
    Setting(
        "max_file_bytes",
        256 * MiB,
        "Largest local file read, in bytes; a bigger one is refused before it is read.",
        low=1024,
        high=2**40,
    ),
    Setting(
        "max_document_chars",
        5_000_000,
        "Longest article stored and extracted, in characters; a longer one is refused at ingest.",
        low=1000,
        high=100_000_000,
    ),
    Setting(
        "section_chars",
        20_000,
        "Articles longer than this are parsed in sections of at most this many characters.",
        low=1000,
        high=900_000,
    ),
    Setting(
        "parse_batch_chars",
        100_000,
        "Most characters (at least one text) parsed together in one spaCy batch: spaCy's memory grows"
        " with them, and a batch of a few short articles runs slower per word than a full one.",
        low=1000,
        high=10_000_000,
    ),
    Setting(
        "max_archive_bytes",
        512 * MiB,
        "Most bytes a zipped export may expand to; unzipping stops and the file is refused past it.",
        low=1024,
        high=2**40,
    ),
)
_BY_NAME = {s.name: s for s in SETTINGS}
_overrides: dict[str, Any] = {}


def get(name: str) -> Any:
    """The value of one setting: an active ``overridden`` value, else the environment
    variable if set, else the default."""
    setting = _BY_NAME[name]
    if name in _overrides:
        return _overrides[name]
    raw = os.environ.get(setting.env)
    if raw is None or raw == "":
        return setting.default
    kind = type(setting.default)
    try:
        value = kind(raw)
    except ValueError:
        raise ConfigError(
            f"{setting.env}={raw!r} is not a valid {_KIND_NAMES.get(kind, kind.__name__)}",
            hint=f"{_range(setting)}{setting.name}: {setting.help}",
        ) from None
    if (setting.low is not None and value < setting.low) or (
        setting.high is not None and value > setting.high
    ):
        raise ConfigError(f"{setting.env}={raw} is out of range", hint=f"{_range(setting)}{setting.help}")
    return value


_KIND_NAMES = {int: "whole number", float: "number", str: "text"}


def _range(setting: Setting) -> str:
    if setting.low is None or setting.high is None:
        return ""
    return (
        f"use a {_KIND_NAMES.get(type(setting.default), 'value')} from {setting.low:g} to {setting.high:g}; "
    )


def settings() -> dict[str, Any]:
    return {s.name: get(s.name) for s in SETTINGS}


@contextmanager
def overridden(**values: Any) -> Iterator[None]:
    """Settings in force only inside the ``with`` block (the CLI's options use this,
    so one command's ``--actors`` never leaks into the next one in the same process)."""
    unknown = sorted(set(values) - set(_BY_NAME))
    if unknown:
        raise KeyError(f"unknown setting(s): {', '.join(unknown)}")
    saved = {name: _overrides[name] for name in values if name in _overrides}
    _overrides.update(values)
    try:
        yield
    finally:
        for name in values:
            if name in saved:
                _overrides[name] = saved[name]
            else:
                _overrides.pop(name, None)
