"""Scenario files: the belligerents, third parties, back channel and dated history of one crisis, validated.

A scenario is YAML (see ``offramp/data/cases/india-pakistan-2025/scenario.yaml``); ``load_scenario`` checks
every key and raises ConfigError naming the file, the key and what to put there. ``Scenario.inputs`` turns it
into the arrays the ladder simulation steps through, as of a date.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from ..errors import ConfigError
from ..ontology.calendar import as_date
from ..ontology.ladder import max_level
from .ladder_sim import Coefficients, SimInputs

__all__ = ["ENGAGE_DELAY_DAYS", "H_USE", "Scenario", "apply_overrides", "bundled_cases", "load_scenario"]

# Nuclear use: 0 uses in the 38 ICB v15 crises with two or more nuclear-armed actors (ICB2 NUCLEAR >= 3).
# Jeffreys estimate 0.5/39 = 1.3% per such crisis, spread over the mean length of India–Pakistan full-scale
# war, 15 days (1965: 6–23 September, 17 days; 1971: 3–16 December, 13 days), as a daily hazard.
H_USE = 0.5 / 39 / 15
# In a strict (as-of) forecast, mediation or a back channel that began on or after the as-of date is unknown
# then; it is assumed to start this many days later (the 2025 US engagement began one day after the strikes).
ENGAGE_DELAY_DAYS = 3

_SIDE_NUMBERS = ("resolve", "cost_sensitivity", "economic_vulnerability", "claim_victory")


def _case_dir() -> Path:
    return Path(str(resources.files("offramp").joinpath("data/cases")))


def bundled_cases() -> list[str]:
    """Names of the cases shipped with offramp that have a scenario file."""
    return sorted(p.parent.name for p in _case_dir().glob("*/scenario.yaml"))


@dataclass
class Scenario:
    """A validated scenario: the parsed YAML (``data``) and where it came from."""

    data: dict[str, Any]
    path: str

    @property
    def case(self) -> str:
        return str(self.data["case"])

    @property
    def sides(self) -> list[str]:
        return list(self.data["sides"])

    @property
    def trigger(self) -> dt.date:
        return self.data["trigger"]

    @property
    def default_as_of(self) -> dt.date:
        return self.data.get("default_as_of") or self.trigger

    @property
    def outcome(self) -> dict[str, Any]:
        return dict(self.data.get("outcome") or {})

    def with_overrides(self, overrides: dict[str, Any] | list[str] | None) -> Scenario:
        """A copy with ``--set`` style changes applied and validated again."""
        if not overrides:
            return self
        return apply_overrides(self, overrides)

    def state(self, as_of: dt.date) -> np.ndarray:
        """Each side's rung from the dated history strictly before ``as_of`` (0 if nothing yet)."""
        rungs = np.zeros(2, dtype=np.int64)
        for entry in sorted(self.data.get("history") or [], key=lambda e: e["date"]):
            if entry["date"] < as_of:
                rungs[self.sides.index(entry["side"])] = int(entry["rung"])
        return rungs

    def inputs(
        self,
        *,
        as_of: dt.date | None = None,
        days: int = 90,
        recip: np.ndarray | None = None,
        strict: bool = False,
        start: np.ndarray | None = None,
    ) -> SimInputs:
        """Arrays for the simulation from ``as_of`` for ``days`` days (strict: only what was known before as_of)."""
        as_of = as_of or self.default_as_of
        sides = self.sides
        d = self.data
        dates = [as_of + dt.timedelta(days=k) for k in range(days)]

        def known(day: dt.date | None) -> dt.date | None:
            if day is None or not strict or day < as_of:
                return day
            return as_of + dt.timedelta(days=ENGAGE_DELAY_DAYS)

        econ = np.zeros((days, 2))
        third = np.zeros((days, 2))
        for i, s in enumerate(sides):
            side = d["sides"][s]
            pressure = np.full(days, float(side["economic_vulnerability"]))
            for lender in side.get("lenders") or []:
                window = int(lender.get("window_days", 14))
                for k, day in enumerate(dates):
                    if 0 <= (lender["decision"] - day).days <= window:
                        pressure[k] += float(side["economic_vulnerability"]) * float(
                            lender.get("weight", 1.0)
                        )
            econ[:, i] = pressure
        for party in (d.get("third_parties") or {}).values():
            start_day = known(party.get("active_from"))
            active = np.array([start_day is None or day >= start_day for day in dates], dtype=float)
            for i, s in enumerate(sides):
                third[:, i] += float(party["leverage"].get(s, 0.0)) * float(party["mediation"]) * active
        bc = d.get("backchannel") or {}
        since = known(bc.get("since"))
        back = np.array(
            [float(bc.get("status") == "open" and (since is None or day >= since)) for day in dates],
            dtype=float,
        )
        sd = [d["sides"][s] for s in sides]
        doctrine = [x.get("doctrine") or {} for x in sd]
        coef = replace(Coefficients(), **(d.get("model") or {}))
        return SimInputs(
            start=self.state(as_of) if start is None else np.asarray(start),
            resolve=np.array([float(x["resolve"]) for x in sd]),
            cost_sens=np.array([float(x["cost_sensitivity"]) for x in sd]),
            claim=np.array([float(x["claim_victory"]) for x in sd]),
            recip=np.asarray(recip if recip is not None else [0.2, 0.2], dtype=float),
            doctrine_rung=np.array([int(x.get("rung", 0)) for x in doctrine]),
            doctrine=np.array([float(x.get("weight", 0.0)) for x in doctrine]),
            threshold=np.array([int(x.get("nuclear_threshold", 8)) for x in sd]),
            h_sig=np.array([float(x.get("signal_hazard", 0.05)) for x in sd]),
            h_use=float((d.get("nuclear") or {}).get("use_hazard", H_USE)),
            econ=econ,
            third=third,
            back=back,
            elapsed=(as_of - self.trigger).days,
            coef=coef,
        )


def load_scenario(name_or_path: str | Path) -> Scenario:
    """Load a bundled case by name (``india-pakistan-2025``) or a scenario YAML file by path."""
    path = Path(name_or_path)
    if not path.exists():
        bundled = _case_dir() / str(name_or_path) / "scenario.yaml"
        if not bundled.exists():
            raise ConfigError(
                f"no scenario {str(name_or_path)!r}",
                hint=f"give a YAML file or one of: {', '.join(bundled_cases()) or 'none bundled'}",
            )
        path = bundled
    elif path.is_dir():
        path = path / "scenario.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"scenario is not UTF-8 text (byte {exc.start})", where=str(path), hint="save it as UTF-8"
        ) from exc
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(
            f"cannot read scenario ({exc.__class__.__name__}: {exc})".splitlines()[0], where=str(path)
        ) from exc
    return Scenario(data=validate(data, str(path)), path=str(path))


def _mapping(data: dict[str, Any], key: str, where: str, of: str, example: str) -> dict[str, Any]:
    """``data[key]`` as a mapping (empty when absent), or a ConfigError showing an example."""
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise ConfigError(f"{key} must be a mapping{of}, got {value!r}", where=where, hint=f"e.g. {example}")
    return value


def _num(value: Any, where: str, key: str, lo: float = 0.0, hi: float = 1.0) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"{key} must be a number in [{lo:g}, {hi:g}], got {value!r}", where=where)
    if not lo <= float(value) <= hi:
        raise ConfigError(
            f"{key} = {value!r} is outside [{lo:g}, {hi:g}]", where=where, hint="use a value in range"
        )
    return float(value)


def _date(value: Any, where: str, key: str) -> dt.date:
    try:
        day = as_date(value)
    except ValueError:
        day = None
    if day is None:
        raise ConfigError(f"{key} must be a date YYYY-MM-DD, got {value!r}", where=where)
    return day


def validate(data: Any, where: str) -> dict[str, Any]:
    """Check a parsed scenario; returns it with dates as ``datetime.date``. ConfigError names file and key."""
    top = max_level()
    if not isinstance(data, dict):
        raise ConfigError(
            "a scenario must be a YAML mapping", where=where, hint="see the bundled india-pakistan-2025"
        )
    for key in ("case", "trigger", "sides"):
        if key not in data:
            raise ConfigError(
                f"missing key {key!r}", where=where, hint="every scenario needs case, trigger and sides"
            )
    data["trigger"] = _date(data["trigger"], where, "trigger")
    if data.get("default_as_of") is not None:
        data["default_as_of"] = _date(data["default_as_of"], where, "default_as_of")
    sides = data["sides"]
    if not isinstance(sides, dict) or len(sides) != 2:
        raise ConfigError(
            "sides must map exactly two belligerents", where=where, hint="e.g. sides: {IND: ..., PAK: ...}"
        )
    for name, side in sides.items():
        if not isinstance(side, dict):
            raise ConfigError(f"sides.{name} must be a mapping of parameters", where=where)
        for key in _SIDE_NUMBERS:
            if key not in side:
                raise ConfigError(f"missing sides.{name}.{key}", where=where, hint="a number in [0, 1]")
            _num(side[key], where, f"sides.{name}.{key}")
        _num(side.get("nuclear_threshold", 8), where, f"sides.{name}.nuclear_threshold", 1, top - 2)
        _num(side.get("signal_hazard", 0.05), where, f"sides.{name}.signal_hazard")
        for k, lender in enumerate(side.get("lenders") or []):
            if not isinstance(lender, dict) or "decision" not in lender:
                raise ConfigError(f"sides.{name}.lenders[{k}] needs a decision date", where=where)
            lender["decision"] = _date(lender["decision"], where, f"sides.{name}.lenders[{k}].decision")
            _num(lender.get("weight", 1.0), where, f"sides.{name}.lenders[{k}].weight", 0, 10)
        doctrine = side.get("doctrine") or {}
        if not isinstance(doctrine, dict):
            raise ConfigError(f"sides.{name}.doctrine must be a mapping (trigger, rung, weight)", where=where)
        if doctrine:
            _num(doctrine.get("rung", 0), where, f"sides.{name}.doctrine.rung", 0, top - 2)
            _num(doctrine.get("weight", 0.0), where, f"sides.{name}.doctrine.weight", 0, 10)
    parties = data.get("third_parties") or {}
    if not isinstance(parties, dict):
        raise ConfigError("third_parties must be a mapping of name -> parameters", where=where)
    for name, party in parties.items():
        if not isinstance(party, dict):
            raise ConfigError(f"third_parties.{name} must be a mapping", where=where)
        _num(party.get("mediation"), where, f"third_parties.{name}.mediation")
        leverage = party.get("leverage")
        if not isinstance(leverage, dict) or not set(leverage) <= set(sides):
            raise ConfigError(
                f"third_parties.{name}.leverage must map sides to numbers",
                where=where,
                hint=f"keys among {', '.join(sides)}",
            )
        for s, v in leverage.items():
            _num(v, where, f"third_parties.{name}.leverage.{s}")
        if party.get("active_from") is not None:
            party["active_from"] = _date(party["active_from"], where, f"third_parties.{name}.active_from")
    bc = _mapping(data, "backchannel", where, "", "backchannel: {status: open, since: 2025-05-08}")
    if bc:
        if bc.get("status") not in ("open", "closed"):
            raise ConfigError(
                f"backchannel.status must be open or closed, got {bc.get('status')!r}", where=where
            )
        if bc.get("since") is not None:
            bc["since"] = _date(bc["since"], where, "backchannel.since")
    for k, entry in enumerate(data.get("history") or []):
        if not isinstance(entry, dict) or entry.get("side") not in sides:
            raise ConfigError(f"history[{k}].side must be one of {', '.join(sides)}", where=where)
        entry["date"] = _date(entry.get("date"), where, f"history[{k}].date")
        _num(entry.get("rung"), where, f"history[{k}].rung", 0, top)
    outcome = _mapping(data, "outcome", where, "", "outcome: {ceasefire: 2025-05-10, peak_rung: 7}")
    if outcome.get("ceasefire") is not None:
        outcome["ceasefire"] = _date(outcome["ceasefire"], where, "outcome.ceasefire")
        if outcome["ceasefire"] < data["trigger"]:
            raise ConfigError(
                f"outcome.ceasefire {outcome['ceasefire']} is before the trigger {data['trigger']}",
                where=where,
                hint="a ceasefire ends the crisis, so it comes on or after the trigger",
            )
    coefficients = _mapping(data, "model", where, " of coefficient -> number", "model: {k_recip: 2.0}")
    names = {f.name for f in fields(Coefficients)}
    for key, value in coefficients.items():
        if key not in names:
            raise ConfigError(f"unknown model.{key}", where=where, hint=f"one of {', '.join(sorted(names))}")
        _num(value, where, f"model.{key}", -50, 50)
    _num(data.get("horizon_days", 90), where, "horizon_days", 1, 3650)
    return data


def _set_path(data: dict, path: list[str], value: Any, where: str, text: str) -> None:
    node: Any = data
    for part in path[:-1]:
        if not isinstance(node, dict) or part not in node:
            raise ConfigError(
                f"--set {text}: no key {part!r}", where=where, hint="see the scenario file for key paths"
            )
        node = node[part]
    if not isinstance(node, dict) or (path[-1] not in node and path[0] != "model"):
        raise ConfigError(
            f"--set {text}: no key {path[-1]!r}", where=where, hint="see the scenario file for key paths"
        )
    node[path[-1]] = value


def apply_overrides(scenario: Scenario, overrides: dict[str, Any] | list[str]) -> Scenario:
    """Apply ``key=value`` levers. Shortcuts: ``mediation=0``, ``mediation.USA=0``, ``backchannel=closed``,
    ``lenders.PAK=none``, ``IND.resolve=0.5``; otherwise a dotted path into the scenario (``model.k_recip=2``)."""
    if isinstance(overrides, list):
        pairs: dict[str, Any] = {}
        for text in overrides:
            key, sep, raw = text.partition("=")
            if not sep or not key.strip():
                raise ConfigError(f"--set {text!r} is not KEY=VALUE", hint="e.g. --set mediation.USA=0")
            pairs[key.strip()] = yaml.safe_load(raw) if raw.strip() else None
        overrides = pairs
    data = copy.deepcopy(scenario.data)
    where = scenario.path
    parties = data.get("third_parties") or {}
    for key, value in overrides.items():
        path = key.split(".")
        text = f"{key}={value}"
        if path[0] == "mediation" and len(path) <= 2:
            names = list(parties) if len(path) == 1 else [path[1]]
            for name in names:
                if name not in parties:
                    raise ConfigError(
                        f"--set {text}: no third party {name!r}",
                        where=where,
                        hint=f"one of {', '.join(parties)}",
                    )
                parties[name]["mediation"] = value
        elif path == ["backchannel"]:
            data["backchannel"] = {**(data.get("backchannel") or {}), "status": value}
        elif path[0] == "lenders" and len(path) == 2:
            if path[1] not in data["sides"]:
                raise ConfigError(f"--set {text}: no side {path[1]!r}", where=where)
            data["sides"][path[1]]["lenders"] = (
                [] if value in (None, "none", 0) else data["sides"][path[1]].get("lenders")
            )
        elif path[0] in data["sides"]:
            _set_path(data, ["sides", *path], value, where, text)
        else:
            _set_path(data, path, value, where, text)
    return Scenario(data=validate(data, where), path=where)
