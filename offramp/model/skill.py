"""The benchmark's verdict that every outlook and the brief repeat, read from the last full ``validate`` run.

``offramp validate`` with the protocol's default settings writes ``offramp/data/crises/benchmark_skill.json``
(stamp, per-seed differences, verdict). ``skill_sentence`` returns its verdict only while the stamp's protocol
and data hashes match the code's; otherwise it says the skill of this version has not been measured.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["LIMITS", "SKILL_FILE", "read_skill", "skill_sentence", "write_skill"]

SKILL_FILE = "benchmark_skill.json"
LIMITS = (
    "Limits (docs/model.md): a stylised two-sided ladder with no skill over the base rate on the ICB benchmark; "
    "only mediation's lever size rests on ICB, the others are assumptions; nuclear figures rest on zero events."
)


def _path() -> Path:
    return Path(str(resources.files("offramp").joinpath("data/crises").joinpath(SKILL_FILE)))


def read_skill() -> dict[str, Any] | None:
    """The stored verdict, or None when there is none or it was measured for other data or another protocol."""
    from .benchmark import version_stamp

    try:
        stored = json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    now = version_stamp()
    if (
        stored.get("stamp", {}).get("protocol") != now["protocol"]
        or stored["stamp"].get("data") != now["data"]
    ):
        return None
    return stored


def skill_sentence() -> str:
    """One sentence on the model's skill against the time-ordered reference class, with its interval."""
    stored = read_skill()
    if stored is None:
        return "Skill against the historical base rate not measured for this protocol version (run offramp validate)."
    return f"{stored['verdict']} (protocol {stored['stamp']['protocol']})"


def write_skill(result: Any) -> Path | None:
    """Store a full-protocol Benchmark's verdict (refused for runs with other settings; None if not writable)."""
    if not result.settings.get("protocol_defaults"):
        raise ValueError("only a run with the protocol's default settings may set the stored skill")
    path = _path()
    payload = {
        "stamp": result.stamp,
        "verdict": result.verdict,
        "per_seed": json.loads(result.per_seed.to_json(orient="records")),
    }
    try:
        path.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError:  # an installed, read-only package: the verdict is printed, not stored
        return None
    return path
