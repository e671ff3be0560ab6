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
    name: str
    default: Any
    help: str

    @property
    def env(self) -> str:
        return f"OFFRAMP_{self.name.upper()}"


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "offramp.duckdb", "The DuckDB store used when --db is not given."),
    Setting("sim_max_runs", 20_000_000, "Most Monte Carlo runs one simulate call accepts."),
    Setting("sim_max_days", 3650, "Most days one simulation steps (and latest as-of after a trigger)."),
    Setting("sim_chunk_runs", 1_000_000, "Runs simulated at once; larger requests stream in chunks."),
    Setting(
        "near_duplicate_threshold",
        0.8,
        "Jaccard similarity (MinHash) above which two articles are near-duplicates.",
    ),
    Setting("fetch_timeout", 20.0, "Seconds to wait for a URL when ingesting from the web."),
    Setting("fetch_max_bytes", 20_000_000, "Largest response body read from a URL."),
    Setting(
        "actors",
        "",
        "Actor gazetteer YAML files (os.pathsep-separated) that add to or override the shipped one.",
    ),
    Setting("extract_batch_size", 32, "Documents parsed per spaCy batch during extraction."),
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
        return kind(raw)
    except ValueError:
        raise ConfigError(
            f"{setting.env}={raw!r} is not a valid {kind.__name__}", hint=f"{setting.name}: {setting.help}"
        ) from None


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
