"""Two sides on the escalation ladder, stepped daily, many runs at once (NumPy over runs, no loop per run).

Each day each side not in a ceasefire picks one of five moves with softmax probabilities over utilities
(hold is the zero point); the utilities are the explicit function written out in docs/model.md:

    esc   = th_esc + resolve + doctrine*[r < doctrine_rung] + k_recip*n*up_opp + k_gap*gap+
            - cost_sens*cost - k_econ*E - k_third*T - k_rung*r
    match = th_match + k_recip*n*up_opp + k_gap*gap+ - cost_sens*cost      (only when behind: gap > 0)
    de    = th_de + cost_sens*cost + k_econ*E + k_third*T - k_gap*gap+      (only above rung 1)
    cease = th_cf + k_mediate*T + k_back*B + k_claim*V + cost_sens*cost + k_econ*E - resolve - k_gap*gap+

A ceasefire starts when both sides have accepted; an escalation withdraws both acceptances. A ceasefire
breaks with a hazard that fades with its age (rungs fall to 3 at a ceasefire and return to 5 if it breaks). Ordinary moves stop at rung 8; rung 9 (nuclear signalling)
is entered only with the hazard ``h_sig`` once the opponent reaches the side's threshold, and rung 10
(nuclear use) only from rung 9 with hazard ``h_use`` while the opponent strikes strategic sites.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np

__all__ = ["Coefficients", "Runs", "SimInputs", "simulate_loop", "simulate_runs"]

CAP = 8  # highest rung reachable by ordinary moves
SIGNAL, USE = 9, 10
N_RUNGS = 11
ESC, MATCH, HOLD, DE, CEASE = range(5)
AFTER_CEASEFIRE = 3  # rung both sides fall to when a ceasefire starts
ON_BREAK = 5  # rung both sides return to when it breaks


@dataclass(frozen=True)
class Coefficients:
    """Weights of the move utilities: assumptions in docs/model.md (``th_esc``, ``th_cf``, ``k_rung`` are calibrated)."""

    th_esc: float = -1.5
    th_cf: float = -3.0
    th_match: float = -0.5
    th_de: float = -1.5
    k_recip: float = 3.0
    k_gap: float = 0.4
    k_rung: float = 0.15
    k_econ: float = 1.0
    k_third: float = 0.8
    k_mediate: float = 1.5
    k_back: float = 1.0
    k_claim: float = 1.0
    cost_rate: float = 0.15
    break_hazard: float = 0.08
    break_decay_days: float = 5.0
    break_back: float = 0.5


@dataclass
class SimInputs:
    """Everything one simulation needs, as arrays: per side (2,), per day (days, 2) or per run (runs,)."""

    start: np.ndarray  # (2,) starting rungs
    resolve: np.ndarray  # (2,)
    cost_sens: np.ndarray  # (2,)
    claim: np.ndarray  # (2,) how far each side can claim victory, 0..1
    recip: np.ndarray  # (2,) Hawkes cross-branching ratio: acts of side i set off by one act of its opponent
    doctrine_rung: np.ndarray  # (2,) rung a declared doctrine commits the side to reach (0: none)
    doctrine: np.ndarray  # (2,) weight of that commitment
    threshold: np.ndarray  # (2,) opponent rung from which this side may signal (rung 9)
    h_sig: np.ndarray  # (2,) daily hazard of nuclear signalling at/above the threshold
    h_use: float  # daily hazard of nuclear use from rung 9 while the opponent is at rung 8+
    econ: np.ndarray  # (days, 2) economic pressure
    third: np.ndarray  # (days, 2) third-party pressure
    back: np.ndarray  # (days,) back channel open 0/1
    elapsed: int = 0  # days since the trigger at the start
    coef: Coefficients = field(default_factory=Coefficients)
    th_esc: np.ndarray | float | None = None  # per-run calibrated draws; None -> coef.th_esc
    th_cf: np.ndarray | float | None = None
    k_rung: np.ndarray | float | None = None

    def with_days(self, days: int) -> SimInputs:
        """Pad or cut the daily arrays to ``days`` (the last day's value carries on)."""

        def fit(a: np.ndarray) -> np.ndarray:
            if len(a) >= days:
                return a[:days]
            return np.concatenate([a, np.repeat(a[-1:], days - len(a), axis=0)])

        return replace(self, econ=fit(self.econ), third=fit(self.third), back=fit(self.back))


@dataclass
class Runs:
    """What the runs did: per run, and per day summed over runs."""

    peak: np.ndarray  # (runs,) highest rung either side reached
    peak_fire: (
        np.ndarray
    )  # (runs,) highest conventional rung (0–8) either side reached, nuclear rungs left out
    end_day: np.ndarray  # (runs,) day (1-based from the start) the last ceasefire began; -1 if none holds
    signalled: np.ndarray  # (runs,) reached rung 9
    used: np.ndarray  # (runs,) reached rung 10
    ceasefire_by_day: np.ndarray  # (days,) share of runs in a ceasefire at the end of each day
    rung_counts: np.ndarray  # (days, 11) runs by the higher side's rung at the end of each day
    final: np.ndarray  # (runs, 2) rungs at the end


def _per_run(value, default: float, runs: int) -> np.ndarray:
    v = default if value is None else value
    return np.broadcast_to(np.asarray(v, dtype=float), (runs,))


def simulate_runs(inp: SimInputs, runs: int, days: int, rng: np.random.Generator) -> Runs:
    """Vectorised Monte Carlo: all runs advance together, one NumPy step per day.

    State is laid out (side, run) so each side's row is contiguous; ceasefire runs are masked, not gathered.
    """
    inp = inp.with_days(days)
    c = inp.coef

    def col(a) -> np.ndarray:
        return np.asarray(a, dtype=float)[:, None]

    th_esc = _per_run(inp.th_esc, c.th_esc, runs)[None, :] + col(inp.resolve)
    th_cf = _per_run(inp.th_cf, c.th_cf, runs)[None, :] - col(inp.resolve)
    k_rung = _per_run(inp.k_rung, c.k_rung, runs)[None, :]
    cost_sens, doctrine, doctrine_rung = col(inp.cost_sens), col(inp.doctrine), col(inp.doctrine_rung)
    threshold, h_sig = col(inp.threshold), col(inp.h_sig)
    claim = col(c.k_claim * inp.claim)
    recip = col(c.k_recip * inp.recip)
    k_med = c.k_mediate - c.k_third
    r = np.repeat(col(inp.start), runs, axis=1)
    cost = np.zeros((2, runs))
    up = np.zeros((2, runs))
    accept = np.zeros((2, runs), dtype=bool)
    cf = np.zeros(runs, dtype=bool)
    cf_age = np.zeros(runs)
    end_day = np.full(runs, -1)
    peak = r.max(axis=0)
    peak_fire = np.where(r < SIGNAL, r, 0).max(axis=0)
    used = np.zeros(runs, dtype=bool)
    cf_share = np.zeros(days)
    rung_counts = np.zeros((days, N_RUNGS), dtype=np.int64)
    for d in range(days):
        u = rng.random((4, runs), dtype=np.float32)  # actions (or a ceasefire's break), nuclear hazards
        live = ~cf
        opp = r[::-1]
        diff = opp - r
        gap = np.maximum(diff, 0.0)
        hot = np.maximum(r[0], r[1])
        tp = col(inp.third[d]) * (0.5 + hot / (2 * CAP))
        pull = cost * cost_sens
        kg = c.k_gap * gap
        push = recip * up[::-1] + kg
        relief = pull + col(inp.econ[d] * c.k_econ) + c.k_third * tp
        e_esc = np.exp(th_esc + doctrine * (r < doctrine_rung) + push - relief - k_rung * r)
        e_match = np.exp(c.th_match + push - pull) * (diff > 0)
        e_de = np.exp(c.th_de + relief - kg) * (r > 1)
        e_cf = np.exp(th_cf + k_med * tp + c.k_back * inp.back[d] + claim * (diff <= 0) + relief - kg)
        c2 = e_esc + e_match
        c3 = c2 + 1.0
        c4 = c3 + e_de
        t = u[:2] * (c4 + e_cf)
        after1, after2, after4 = e_esc < t, c2 < t, c4 < t
        below = r < CAP
        match = after1 & ~after2 & below
        new = r + (~after1 & below) - ((c3 < t) & ~after4)
        np.copyto(new, np.minimum(opp, CAP), where=match)
        # nuclear rungs: hazards, never ordinary moves
        new[(r < SIGNAL) & (opp >= threshold) & (u[2:4] < h_sig)] = SIGNAL
        new[(r == SIGNAL) & (opp >= CAP) & (u[2:4] < inp.h_use)] = USE
        new = r + (new - r) * live
        rose = new > r
        accept |= live & after4
        accept &= ~(rose | rose[::-1])
        hi = np.maximum(new[0], new[1])
        cost += (c.cost_rate / 5.0) * np.maximum(hi - 3, 0.0) * live
        used |= hi == USE
        peak = np.maximum(peak, hi)
        fire = new * (new < SIGNAL)
        peak_fire = np.maximum(peak_fire, np.maximum(fire[0], fire[1]))
        # ceasefires: start when both accept, break with a fading hazard
        start = live & accept[0] & accept[1] & ~used
        p_break = c.break_hazard * np.exp(-cf_age / c.break_decay_days) * (1 - c.break_back * inp.back[d])
        broke = cf & (u[0] < p_break)
        cf_age += 1
        cf = (cf | start) & ~broke
        cf_age *= cf & ~start
        end_day[start] = d + 1
        end_day[broke] = -1
        accept &= ~broke
        up = rose.astype(float)
        # a ceasefire freezes the guns but not the diplomatic and treaty measures; a break reopens fire
        r = np.maximum(np.minimum(new, USE - (USE - AFTER_CEASEFIRE) * start), ON_BREAK * broke)
        cf_share[d] = cf.mean()
        rung_counts[d] = np.bincount(np.maximum(r[0], r[1]).astype(np.intp), minlength=N_RUNGS)
    return Runs(
        peak=peak.astype(np.int64),
        peak_fire=peak_fire.astype(np.int64),
        end_day=end_day,
        signalled=peak >= SIGNAL,
        used=used,
        ceasefire_by_day=cf_share,
        rung_counts=rung_counts,
        final=r.T.astype(np.int64),
    )


def simulate_loop(inp: SimInputs, runs: int, days: int, rng: np.random.Generator) -> Runs:
    """The same model as plain Python, one run at a time (the benchmark's reference; same draws as above)."""
    inp = inp.with_days(days)
    c = inp.coef
    th_esc_all = _per_run(inp.th_esc, c.th_esc, runs)
    th_cf_all = _per_run(inp.th_cf, c.th_cf, runs)
    k_rung_all = _per_run(inp.k_rung, c.k_rung, runs)
    draws = [rng.random((4, runs), dtype=np.float32).T.astype(float) for _ in range(days)]
    peak, end_day = np.zeros(runs, dtype=np.int64), np.full(runs, -1)
    peak_fire = np.zeros(runs, dtype=np.int64)
    used_all = np.zeros(runs, dtype=bool)
    final = np.zeros((runs, 2), dtype=np.int64)
    cf_count = np.zeros(days)
    rung_counts = np.zeros((days, N_RUNGS), dtype=np.int64)
    for k in range(runs):
        r = [int(inp.start[0]), int(inp.start[1])]
        cost, up, accept = [0.0, 0.0], [False, False], [False, False]
        cf, cf_age, end, used = False, 0.0, -1, False
        top = max(r)
        fire = max(x for x in (*r, 0) if x < SIGNAL)
        for d in range(days):
            u = draws[d][k]
            hot = max(r)
            new, moves = list(r), [HOLD, HOLD]
            for i in (0, 1):
                if cf:
                    break
                j = 1 - i
                gap = max(r[j] - r[i], 0)
                tp = inp.third[d, i] * (0.5 + hot / (2 * CAP))
                ep = inp.econ[d, i] * c.k_econ
                pull = cost[i] * inp.cost_sens[i]
                push = c.k_recip * inp.recip[i] * up[j] + c.k_gap * gap
                utils = [
                    th_esc_all[k]
                    + inp.resolve[i]
                    + inp.doctrine[i] * (r[i] < inp.doctrine_rung[i])
                    + push
                    - pull
                    - ep
                    - c.k_third * tp
                    - k_rung_all[k] * r[i],
                    c.th_match + push - pull if gap > 0 else -math.inf,
                    0.0,
                    c.th_de + pull + ep + c.k_third * tp - c.k_gap * gap if r[i] > 1 else -math.inf,
                    th_cf_all[k]
                    + c.k_mediate * tp
                    + c.k_back * inp.back[d]
                    + c.k_claim * inp.claim[i] * (r[i] >= r[j])
                    + pull
                    + ep
                    - inp.resolve[i]
                    - c.k_gap * gap,
                ]
                top_u = max(utils)
                w = [math.exp(x - top_u) for x in utils]
                total, acc, move = sum(w), 0.0, 4
                for m, x in enumerate(w):
                    acc += x
                    if not acc < u[i] * total:
                        move = m
                        break
                moves[i] = move
                if r[i] >= SIGNAL:
                    n = r[i] - 1 if move == DE else r[i]
                elif move == ESC:
                    n = min(r[i] + 1, CAP)
                elif move == MATCH:
                    n = min(max(r[j], r[i]), CAP)
                elif move == DE:
                    n = r[i] - 1
                else:
                    n = r[i]
                if r[i] < SIGNAL and r[j] >= inp.threshold[i] and u[2 + i] < inp.h_sig[i]:
                    n = SIGNAL
                if r[i] == SIGNAL and r[j] >= CAP and u[2 + i] < inp.h_use:
                    n = USE
                new[i] = n
            rose = [new[0] > r[0], new[1] > r[1]]
            for i in (0, 1):
                if not cf and moves[i] == CEASE:
                    accept[i] = True
            if rose[0] or rose[1]:
                accept = [False, False]
            if not cf:
                hi = max(new) - 3
                for i in (0, 1):
                    cost[i] += c.cost_rate * max(hi, 0) / 5.0
            used = used or USE in new
            start = not cf and accept[0] and accept[1] and not used
            p_break = (
                c.break_hazard * math.exp(-cf_age / c.break_decay_days) * (1 - c.break_back * inp.back[d])
            )
            broke = cf and u[0] < p_break
            cf = (cf or start) and not broke
            end = d + 1 if start else (-1 if broke else end)
            cf_age = (0.0 if start else cf_age + 1) if cf else 0.0
            if broke:
                accept = [False, False]
            up, r = rose, new
            if start:
                r = [min(x, AFTER_CEASEFIRE) for x in r]
            elif broke:
                r = [max(x, ON_BREAK) for x in r]
            top = max(top, max(new))
            fire = max(fire, *(x for x in (*new, 0) if x < SIGNAL))
            cf_count[d] += cf
            rung_counts[d, max(r)] += 1
        peak[k], end_day[k], used_all[k], final[k] = top, end, used, r
        peak_fire[k] = fire
    return Runs(
        peak=peak,
        peak_fire=peak_fire,
        end_day=end_day,
        signalled=peak >= SIGNAL,
        used=used_all,
        ceasefire_by_day=cf_count / runs,
        rung_counts=rung_counts,
        final=final,
    )
