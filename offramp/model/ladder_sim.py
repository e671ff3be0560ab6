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


PAIRS = 2 * N_RUNGS * N_RUNGS  # cells of one side's tables: (own rung, opponent's rung, opponent climbed)
FROZEN = 5  # move code of a run in a ceasefire: its rungs stay where they are
CHUNK = 16_384  # runs stepped together, so that a day's temporaries stay in the L2 cache


def _utility_tables(inp: SimInputs) -> tuple[np.ndarray, ...]:
    """exp() of the parts of the move utilities that depend only on the day and the (side, rung, rung, up) cell.

    Tables are (days, 2 * PAIRS), the cell index being side * PAIRS + own * 22 + opponent * 2 + up; the
    per-run draws (``th_esc``, ``th_cf``, ``k_rung``) and the cost multiply in as their own exp() run by run.
    A move that is not open (match when not behind, step down at rung 1 or below) has weight 0.
    """
    c = inp.coef
    side, own, opp, up = np.indices((2, N_RUNGS, N_RUNGS, 2)).reshape(4, -1)
    gap = np.maximum(opp - own, 0)
    kg = c.k_gap * gap
    tp = inp.third[:, side] * (0.5 + np.maximum(own, opp) / (2 * CAP))  # (days, cells)
    relief = inp.econ[:, side] * c.k_econ + c.k_third * tp
    push = c.k_recip * inp.recip[side] * up + kg
    esc = inp.doctrine[side] * (own < inp.doctrine_rung[side]) + push - relief
    match = np.exp(c.th_match + push) * (gap > 0)
    de = np.exp(c.th_de + relief - kg) * (own > 1)
    claim = c.k_claim * inp.claim[side] * (own >= opp)
    cease = (c.k_mediate - c.k_third) * tp + c.k_back * inp.back[:, None] + claim + relief - kg
    return np.exp(esc), match, de, np.exp(cease)


def _transitions(threshold: np.ndarray) -> np.ndarray:
    """Next rung for every (move, signal draw, use draw, side, own rung, opponent's rung, up) cell.

    Index: (move * 4 + signal * 2 + use) * 2 * PAIRS + the utility tables' cell index. Move FROZEN keeps the
    rung (a run in a ceasefire); ordinary moves stop at CAP, and from rung 9 only stepping down moves.
    """
    move, sig, use, side, own, opp, _ = np.indices((FROZEN + 1, 2, 2, 2, N_RUNGS, N_RUNGS, 2)).reshape(7, -1)
    new = own + (move == ESC) * (own < CAP) - (move == DE)
    np.copyto(new, np.minimum(np.maximum(opp, own), CAP), where=(move == MATCH) & (own < CAP))
    np.copyto(new, SIGNAL, where=(own < SIGNAL) & (opp >= threshold[side]) & (sig == 1))
    np.copyto(new, USE, where=(own == SIGNAL) & (opp >= CAP) & (use == 1))
    np.copyto(new, own, where=move == FROZEN)
    return new.astype(np.int16)


def simulate_runs(inp: SimInputs, runs: int, days: int, rng: np.random.Generator) -> Runs:
    """Vectorised Monte Carlo: all runs advance together, one NumPy step per day (in chunks of CHUNK runs).

    State is laid out (side, run) so each side's row is contiguous; ceasefire runs are masked, not gathered.
    The rung-dependent parts of the utilities and the moves' effects are looked up in tables built once.
    """
    inp = inp.with_days(days)
    c = inp.coef
    resolve = np.asarray(inp.resolve, dtype=float)[:, None]
    th_esc = _per_run(inp.th_esc, c.th_esc, runs)[None, :] + resolve
    w_cf = np.exp(_per_run(inp.th_cf, c.th_cf, runs)[None, :] - resolve)
    k_rung = _per_run(inp.k_rung, c.k_rung, runs)
    cost_sens = np.asarray(inp.cost_sens, dtype=float)[:, None]
    h_sig = np.asarray(inp.h_sig, dtype=float)[:, None]
    t_esc, t_match, t_de, t_cease = _utility_tables(inp)
    moves = _transitions(np.asarray(inp.threshold))
    cost_step = (c.cost_rate / 5.0) * np.maximum(np.arange(N_RUNGS) - 3, 0.0)  # by the higher rung
    age = np.arange(days + 1)
    p_break = (
        c.break_hazard * np.exp(-age[None, :] / c.break_decay_days) * (1 - c.break_back * inp.back[:, None])
    )  # (day, age of the ceasefire)

    r = np.repeat(np.asarray(inp.start, dtype=np.int16)[:, None], runs, axis=1)
    cost = np.zeros(runs)  # both sides pay the same
    up = np.zeros((2, runs), dtype=bool)
    accept = np.zeros((2, runs), dtype=bool)
    cf = np.zeros(runs, dtype=bool)
    cf_age = np.zeros(runs, dtype=np.intp)
    end_day = np.full(runs, -1)
    peak = r.max(axis=0)
    peak_fire = np.where(r < SIGNAL, r, 0).max(axis=0).astype(np.int16)
    used = np.zeros(runs, dtype=bool)
    cf_count = np.zeros(days)
    rung_counts = np.zeros((days, N_RUNGS), dtype=np.int64)

    # work buffers for one chunk, reused every day
    size = min(CHUNK, runs)
    side_off = np.array([[0], [PAIRS]], dtype=np.intp)
    cell_b, idx_b = np.empty((2, 2, size), dtype=np.intp)
    esc_b, match_b, de_b, cf_b, pay_b, spare_b, tmp_b = np.empty((7, 2, size))
    code_b = np.empty((2, size), dtype=np.uint8)
    mask_b = np.empty((2, size), dtype=bool)
    new_b, fire_b = np.empty((2, 2, size), dtype=np.int16)
    one_b, hi_b = np.empty((2, size), dtype=bool), np.empty(size, dtype=np.intp)
    frozen_b, lim_b = np.empty(size, dtype=np.uint8), np.empty(size, dtype=np.int16)
    for d in range(days):
        u = rng.random((4, runs), dtype=np.float32)  # actions (or a ceasefire's break), nuclear hazards
        day_esc, day_de, day_cease, day_break = t_esc[d], t_de[d], t_cease[d], p_break[d]
        for a in range(0, runs, size):
            b = min(a + size, runs)
            m = b - a
            cell, idx, e_esc, e_match, e_de, e_cf = (
                x[:, :m] for x in (cell_b, idx_b, esc_b, match_b, de_b, cf_b)
            )
            pay, spare, tmp = pay_b[:, :m], spare_b[:, :m], tmp_b[:, :m]
            code, mask, new, fire = (x[:, :m] for x in (code_b, mask_b, new_b, fire_b))
            one, hi, frozen, lim = one_b[:, :m], hi_b[:m], frozen_b[:m], lim_b[:m]
            rr, uu, c_cf, c_accept, c_up = r[:, a:b], u[:, a:b], cf[a:b], accept[:, a:b], up[:, a:b]

            np.multiply(rr, 2 * N_RUNGS, out=cell)
            np.multiply(rr[::-1], 2, out=idx)
            cell += idx
            cell += c_up[::-1]
            cell += side_off
            # weights exp(utility) of esc, match, de, cease, hold's being exp(0) = 1; the cost pulls esc and
            # match down by a factor exp(cost_sens * cost) and de and cease up by the same factor
            np.multiply(cost[a:b], cost_sens, out=pay)
            np.exp(pay, out=pay)
            np.divide(1.0, pay, out=spare)
            np.multiply(k_rung[a:b], rr, out=tmp)
            np.subtract(th_esc[:, a:b], tmp, out=e_esc)
            np.exp(e_esc, out=e_esc)
            np.take(day_esc, cell, out=tmp)
            e_esc *= tmp
            e_esc *= spare
            np.take(t_match, cell, out=e_match)
            e_match *= spare
            np.take(day_de, cell, out=e_de)
            e_de *= pay
            np.take(day_cease, cell, out=e_cf)
            e_cf *= w_cf[:, a:b]
            e_cf *= pay
            # the move is how many of the cumulative weights (esc, +match, +hold, +de) u * total passes
            e_match += e_esc
            np.add(e_match, 1.0, out=tmp)
            e_de += tmp
            e_cf += e_de
            e_cf *= uu[:2]
            np.greater(e_cf, e_esc, out=mask)
            np.copyto(code, mask)
            for cum in (e_match, tmp, e_de):
                np.greater(e_cf, cum, out=mask)
                code += mask
            np.multiply(c_cf.view(np.uint8), np.uint8(FROZEN), out=frozen)
            np.maximum(code, frozen, out=code)
            np.equal(code, CEASE, out=mask)
            c_accept |= mask
            # nuclear rungs: hazards, never ordinary moves
            code <<= 1
            np.less(uu[2:4], h_sig, out=mask)
            code += mask
            code <<= 1
            np.less(uu[2:4], inp.h_use, out=mask)
            code += mask
            np.multiply(code, 2 * PAIRS, out=idx)
            idx += cell
            np.take(moves, idx, out=new)

            np.greater(
                new, rr, out=c_up
            )  # climbed today: tomorrow's reciprocity, and it withdraws acceptance
            np.logical_or(c_up[0], c_up[1], out=one[0])
            np.logical_not(one[0], out=one[0])
            c_accept &= one[0]
            np.maximum(new[0], new[1], out=hi)
            cost[a:b] += np.take(cost_step, hi)  # a run in a ceasefire is at rung 3 or below: it pays nothing
            c_used = used[a:b]
            np.equal(hi, USE, out=one[0])
            c_used |= one[0]
            np.maximum(peak[a:b], hi, out=peak[a:b])
            np.less(new, SIGNAL, out=mask)
            np.multiply(new, mask, out=fire)
            np.maximum(fire[0], fire[1], out=hi)
            np.maximum(peak_fire[a:b], hi, out=peak_fire[a:b])
            # ceasefires: start when both accept, break with a fading hazard
            start, broke = one[0], one[1]
            np.logical_and(c_accept[0], c_accept[1], out=start)
            start &= ~c_used
            start &= ~c_cf
            c_age = cf_age[a:b]
            np.less(uu[0], day_break[c_age], out=broke)
            broke &= c_cf
            c_age += 1
            c_cf |= start
            c_cf &= ~broke
            c_age *= c_cf & ~start
            np.copyto(end_day[a:b], d + 1, where=start)
            np.copyto(end_day[a:b], -1, where=broke)
            c_accept &= ~broke
            # a ceasefire freezes the guns but not the diplomatic and treaty measures; a break reopens fire
            np.multiply(start, np.int16(AFTER_CEASEFIRE - USE), out=lim)
            lim += USE
            np.minimum(new, lim, out=new)
            np.multiply(broke, np.int16(ON_BREAK), out=lim)
            np.maximum(new, lim, out=new)
            rr[...] = new
            cf_count[d] += np.count_nonzero(c_cf)
            np.maximum(new[0], new[1], out=hi)
            rung_counts[d] += np.bincount(hi, minlength=N_RUNGS)
    return Runs(
        peak=peak.astype(np.int64),
        peak_fire=peak_fire.astype(np.int64),
        end_day=end_day,
        signalled=peak >= SIGNAL,
        used=used,
        ceasefire_by_day=cf_count / runs,
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
