"""Shared fixtures: the ../shared folder, a fresh store on disk, the spaCy pipeline, the example crisis.

Test data lives beside the tests: ``example_crisis.py`` (a hand-made crisis and
an article that tries to run a script). Benchmark data lives in ``benchmarks/``.
Long tests (acceptance on the seeds, fuzzing, the PLOVER GSR, the model's
validation) are marked ``slow``; ``make test-fast`` leaves them out.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("OFFRAMP_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared beside the checkout (seeds, gold, data); tests needing it skip without it."""
    if not (SHARED / "data").is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"no shared data at {SHARED}: CI must run with ../shared beside the checkout")
        pytest.skip(f"no shared data at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def seeds(shared: Path) -> list[Path]:
    return sorted((shared / "seeds").glob("*.txt"))


@pytest.fixture(scope="session")
def gold(shared: Path) -> dict:
    import yaml

    return yaml.safe_load((shared / "gold" / "seeds.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def nlp():
    from offramp.extract.nlp import load_nlp

    return load_nlp()


@pytest.fixture
def store(tmp_path: Path):
    """A fresh DuckDB store in a real file."""
    from offramp.store import Store

    s = Store(tmp_path / "test.duckdb")
    yield s
    s.close()


@pytest.fixture
def crisis(store):
    """The fresh store with the hand-made example crisis written into it."""
    from example_crisis import add_example_crisis

    add_example_crisis(store)
    return store
