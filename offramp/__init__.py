"""offramp: evidence, escalation and outlook for interstate crises.

The Python API in one place::

    import offramp
    store = offramp.open("crisis.duckdb")
    offramp.ingest(store, ["reports/"])     # files, folders or URLs; then extraction
    store.events()                          # a DataFrame of coded, merged events

``offramp.ingest`` is the function (``offramp.ingest.ingest``); the module of the same name
is ``importlib.import_module("offramp.ingest")`` or ``from offramp.ingest import ...``.
"""

from __future__ import annotations

from .errors import ConfigError, FetchError, FormatError, InputError, ModelError, OfframpError, StoreError
from .ingest import ingest
from .records import Actor, Claim, Document, Event, EventSource
from .store import Store, open  # noqa: A004 - offramp.open(path) is the API's front door

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Claim",
    "ConfigError",
    "Document",
    "Event",
    "EventSource",
    "FetchError",
    "FormatError",
    "InputError",
    "ModelError",
    "OfframpError",
    "Store",
    "StoreError",
    "__version__",
    "ingest",
    "open",
]
