"""Every error offramp raises on purpose derives from one base class.

    OfframpError                 base: a message a user can act on
    ├── InputError               bad input: a file, line, row or record we cannot read
    │   ├── FormatError          content does not match the format (encoding, columns, binary)
    │   └── FetchError           a URL that is refused or cannot be fetched
    ├── StoreError               the DuckDB store cannot be opened, migrated or written
    ├── ConfigError              a setting, scenario or gazetteer file is invalid
    └── ModelError               a simulation or fit cannot run with the given parameters

Errors from DuckDB, parsers and HTTP are turned into these where they cross into
offramp's code, and carry the place (file, line, record) that caused them, so
the CLI can print one line and exit non-zero.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "FetchError",
    "FormatError",
    "InputError",
    "ModelError",
    "OfframpError",
    "StoreError",
]


class OfframpError(Exception):
    """Base class: ``str(error)`` is one line saying what went wrong and what to do."""

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None):
        self.message = message
        self.where = where
        self.hint = hint
        super().__init__(self.line())

    def line(self) -> str:
        """The one-line form the CLI prints: ``where: message (hint)``."""
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.hint:
            text = f"{text} — {self.hint}"
        return " ".join(text.split())


class InputError(OfframpError):
    """An input that cannot be read."""


class FormatError(InputError):
    """An input whose content does not fit the format it was read as."""


class FetchError(InputError):
    """A URL that is refused (scheme, private address) or fails to fetch."""


class StoreError(OfframpError):
    """The store cannot be opened, migrated or written."""


class ConfigError(OfframpError):
    """A setting, scenario or data file is invalid."""


class ModelError(OfframpError):
    """A model cannot run or fit with the parameters given."""
