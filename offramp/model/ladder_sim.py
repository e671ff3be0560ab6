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
(nuclear use) only from rung 9 with hazard ``h_use`` while the opponent strikes strategic sites. A nuclear
rung opens no conventional gap for the opponent, and stepping down from rung 9 returns to the opponent's
conventional rung: signalling by itself drags neither side to rung 8.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace

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
    k_mediate: float = 0.57  # ICB v15: log odds ratio of a crisis ending while mediated (docs/model.md)
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
CHUNK = 16_384  # runs stepped together; bounds the work buffers (8k to 100k timed alike on this machine)
ACTIVE_SLACK = 8  # set ceasefire runs aside once they are more than 1/ACTIVE_SLACK of the active set


def _utility_tables(inp: SimInputs) -> tuple[np.ndarray, ...]:
    """exp() of the parts of the move utilities that depend only on the day and the (side, rung, rung, up) cell.

    Tables are (days, 2 * PAIRS), match's (2 * PAIRS,) as it does not change with the day; the cell index is
    side * PAIRS + own * 22 + opponent * 2 + up. The per-run draws (``th_esc``, ``th_cf``, ``k_rung``) and the
    cost multiply in as their own exp() run by run. A move that is not open (match when not behind, step down
    at rung 1 or below) has weight 0.
    """
    c = inp.coef
    side, own, opp, up = np.indices((2, N_RUNGS, N_RUNGS, 2)).reshape(4, -1)
    # an opponent's nuclear rung (signalling, use) opens no conventional gap: it neither pulls this side up the
    # ladder nor opens a "match" move (the rung arithmetic used to drag the other side to rung 8)
    gap = np.maximum(np.where(opp >= SIGNAL, own, opp) - own, 0)
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
    # stepping down from signalling returns to the conventional stand-off (the opponent's rung), not to rung 8
    np.copyto(new, np.where(opp < SIGNAL, np.minimum(opp, CAP), CAP), where=(move == DE) & (own == SIGNAL))
    np.copyto(new, SIGNAL, where=(own < SIGNAL) & (opp >= threshold[side]) & (sig == 1))
    np.copyto(new, USE, where=(own == SIGNAL) & (opp >= CAP) & (use == 1))
    np.copyto(new, own, where=move == FROZEN)
    return new.astype(np.int16)


class _DayStep:
    """One day's step for a chunk of active runs: the tables built once, the work buffers reused every day.

    A chunk's state comes as the active set's columns (see ``simulate_runs``) and is updated in place.
    """

    def __init__(self, inp: SimInputs, days: int, size: int) -> None:
        c = inp.coef
        self.t_esc, self.t_match, self.t_de, self.t_cease = _utility_tables(inp)
        self.moves = _transitions(np.asarray(inp.threshold))
        self.cost_sens = np.asarray(inp.cost_sens, dtype=float)[:, None]
        self.h_sig = np.asarray(inp.h_sig, dtype=float)[:, None]
        # an array, not a Python float, so that the float32 draws are compared in double precision as in the loop
        self.h_use = np.full((2, 1), inp.h_use, dtype=float)
        self.cost_step = (c.cost_rate / 5.0) * np.maximum(np.arange(N_RUNGS) - 3, 0.0)  # by the higher rung
        age = np.arange(days + 1)
        self.p_break = (
            c.break_hazard
            * np.exp(-age[None, :] / c.break_decay_days)
            * (1 - c.break_back * inp.back[:, None])
        )  # (day, age of the ceasefire)
        self.side_off = np.array([[0], [PAIRS]], dtype=np.intp)
        self.cell_b, self.idx_b = np.empty((2, 2, size), dtype=np.intp)
        self.float_b = np.empty((7, 2, size))
        self.code_b = np.empty((2, size), dtype=np.uint8)
        self.mask_b = np.empty((2, size), dtype=bool)
        self.new_b, self.fire_b = np.empty((2, 2, size), dtype=np.int16)
        self.one_b, self.hi_b = np.empty((2, size), dtype=bool), np.empty(size, dtype=np.intp)
        self.frozen_b, self.lim_b = np.empty(size, dtype=np.uint8), np.empty(size, dtype=np.int16)

    def __call__(
        self,
        d: int,
        f: np.ndarray,
        i: np.ndarray,
        b: np.ndarray,
        x: np.ndarray,
        u: np.ndarray,
        end_day: np.ndarray,
    ) -> tuple[int, np.ndarray]:
        """Step one chunk through day ``d``; returns how many of its runs are in a ceasefire and its rung counts."""
        m = f.shape[1]
        cell, idx = self.cell_b[:, :m], self.idx_b[:, :m]
        e_esc, e_match, e_de, e_cf, pay, spare, tmp = self.float_b[:, :, :m]
        code, mask, new, fire = self.code_b[:, :m], self.mask_b[:, :m], self.new_b[:, :m], self.fire_b[:, :m]
        one, hi, frozen, lim = self.one_b[:, :m], self.hi_b[:m], self.frozen_b[:m], self.lim_b[:m]
        th_esc, w_cf, k_rung, cost = f[0:2], f[2:4], f[4], f[5]
        r, peak, peak_fire = i[0:2], i[2], i[3]
        up, accept, used, cf = b[0:2], b[2:4], b[4], b[5]
        ids, cf_age = x[0], x[1]

        np.multiply(r, 2 * N_RUNGS, out=cell)
        np.multiply(r[::-1], 2, out=idx)
        cell += idx
        cell += up[::-1]
        cell += self.side_off
        # weights exp(utility) of esc, match, de, cease, hold's being exp(0) = 1; the cost pulls esc and
        # match down by a factor exp(cost_sens * cost) and de and cease up by the same factor
        np.multiply(cost, self.cost_sens, out=pay)
        np.exp(pay, out=pay)
        np.divide(1.0, pay, out=spare)
        np.multiply(k_rung, r, out=tmp)
        np.subtract(th_esc, tmp, out=e_esc)
        np.exp(e_esc, out=e_esc)
        np.take(self.t_esc[d], cell, out=tmp)
        e_esc *= tmp
        e_esc *= spare
        np.take(self.t_match, cell, out=e_match)
        e_match *= spare
        np.take(self.t_de[d], cell, out=e_de)
        e_de *= pay
        np.take(self.t_cease[d], cell, out=e_cf)
        e_cf *= w_cf
        e_cf *= pay
        # the move is how many of the cumulative weights (esc, +match, +hold, +de) u * total passes
        e_match += e_esc
        np.add(e_match, 1.0, out=tmp)
        e_de += tmp
        e_cf += e_de
        e_cf *= u[:2]
        np.greater(e_cf, e_esc, out=mask)
        np.copyto(code, mask)
        for cum in (e_match, tmp, e_de):
            np.greater(e_cf, cum, out=mask)
            code += mask
        np.multiply(cf.view(np.uint8), np.uint8(FROZEN), out=frozen)
        np.maximum(code, frozen, out=code)
        np.equal(code, CEASE, out=mask)
        accept |= mask
        # nuclear rungs: hazards, never ordinary moves
        code <<= 1
        np.less(u[2:4], self.h_sig, out=mask)
        code += mask
        code <<= 1
        np.less(u[2:4], self.h_use, out=mask)
        code += mask
        np.multiply(code, 2 * PAIRS, out=idx)
        idx += cell
        np.take(self.moves, idx, out=new)

        np.greater(new, r, out=up)  # climbed today: tomorrow's reciprocity; it withdraws both acceptances
        np.logical_or(up[0], up[1], out=one[0])
        np.logical_not(one[0], out=one[0])
        accept &= one[0]
        np.maximum(new[0], new[1], out=hi)
        cost += np.take(self.cost_step, hi)  # a run in a ceasefire is at rung 3 or below: it pays nothing
        np.equal(hi, USE, out=one[0])
        used |= one[0]
        np.maximum(peak, hi, out=peak)
        np.less(new, SIGNAL, out=mask)
        np.multiply(new, mask, out=fire)
        np.maximum(fire[0], fire[1], out=hi)
        np.maximum(peak_fire, hi, out=peak_fire)
        # ceasefires: start when both accept, break with a fading hazard
        start, broke = one[0], one[1]
        np.logical_and(accept[0], accept[1], out=start)
        start &= ~used
        start &= ~cf
        np.less(u[0], self.p_break[d][cf_age], out=broke)
        broke &= cf
        cf_age += 1
        cf |= start
        cf &= ~broke
        cf_age *= cf & ~start
        end_day[ids[start]] = d + 1
        end_day[ids[broke]] = -1
        accept &= ~broke
        # a ceasefire freezes the guns but not the diplomatic and treaty measures; a break reopens fire
        np.multiply(start, np.int16(AFTER_CEASEFIRE - USE), out=lim)
        lim += USE
        np.minimum(new, lim, out=r)
        np.multiply(broke, np.int16(ON_BREAK), out=lim)
        np.maximum(r, lim, out=r)
        np.maximum(r[0], r[1], out=hi)
        return np.count_nonzero(cf), np.bincount(hi, minlength=N_RUNGS)


def simulate_runs(inp: SimInputs, runs: int, days: int, rng: np.random.Generator) -> Runs:
    """Vectorised Monte Carlo: all runs advance together, one NumPy step per day (in chunks of CHUNK runs).

    Only the active runs are stepped: those not in a ceasefire, and those that entered one since the active
    set was last compacted (masked). Runs in a ceasefire otherwise wait aside, where only the daily break
    draw touches them; one that breaks rejoins the active set. Each run reads its own column of the day's
    draws, so the runs are the same whatever the chunking and compaction. The active set's state is a few
    column-aligned arrays, so moving runs in and out is one gather per array:

        f (float): th_esc by side (2), exp(th_cf) by side (2), k_rung, cost (both sides pay the same)
        i (int16): rungs by side (2), peak, peak conventional rung
        b (bool):  climbed yesterday by side (2), accepting a ceasefire by side (2), nuclear use, in a ceasefire
        x (intp):  run id, age of the ceasefire
    """
    inp = inp.with_days(days)
    c = inp.coef
    size = min(CHUNK, runs)
    step = _DayStep(inp, days, size)
    resolve = np.asarray(inp.resolve, dtype=float)[:, None]
    r0 = np.asarray(inp.start, dtype=np.int16)[:, None]
    f = np.empty((6, runs))
    f[0:2] = _per_run(inp.th_esc, c.th_esc, runs)[None, :] + resolve
    f[2:4] = np.exp(_per_run(inp.th_cf, c.th_cf, runs)[None, :] - resolve)
    f[4] = _per_run(inp.k_rung, c.k_rung, runs)
    f[5] = 0.0
    i = np.empty((4, runs), dtype=np.int16)
    i[0:2] = r0
    i[2] = r0.max()
    i[3] = np.where(r0 < SIGNAL, r0, 0).max()
    b = np.zeros((6, runs), dtype=bool)
    x = np.zeros((2, runs), dtype=np.intp)
    x[0] = np.arange(runs)
    active: tuple[np.ndarray, ...] = (f, i, b, x)
    n = runs  # the active set is columns [0, n)
    aside: tuple[np.ndarray, ...] = tuple(
        np.zeros_like(a) for a in active
    )  # columns of runs waiting in a ceasefire, by run id
    waiting = np.zeros(runs, dtype=bool)
    born = aside[3][1]  # for runs aside: the day their ceasefire's age was 0 (age on day d: d - born)
    # no draw at or above this can break any ceasefire that day (float32, rounded up: a superset)
    p_max = np.nextafter(step.p_break.max(axis=1).astype(np.float32), np.float32(np.inf))
    aside_counts = np.zeros(N_RUNGS, dtype=np.int64)  # their higher rungs (fixed while they wait)
    end_day = np.full(runs, -1)
    cf_count = np.zeros(days)
    rung_counts = np.zeros((days, N_RUNGS), dtype=np.int64)
    for d in range(days):
        u = rng.random((4, runs), dtype=np.float32)  # actions (or a ceasefire's break), nuclear hazards
        u_active = np.take(u, x[0, :n], axis=1) if n < runs else u
        in_cf = 0
        counts = aside_counts.copy()
        for a in range(0, n, size):
            z = min(a + size, n)
            k, chunk_counts = step(d, f[:, a:z], i[:, a:z], b[:, a:z], x[:, a:z], u_active[:, a:z], end_day)
            in_cf += k
            counts += chunk_counts
        if n < runs:  # the runs waiting aside: a ceasefire breaks with a fading hazard; broken, it rejoins
            back = np.flatnonzero(u[0] < p_max[d])
            back = back[waiting[back]]
            back = back[u[0, back] < step.p_break[d][d - born[back]]]
            if len(back):
                cols = [np.take(a, back, axis=1) for a in aside]
                old = cols[1][0:2].max(axis=0)
                aside_counts -= np.bincount(old, minlength=N_RUNGS)
                counts -= np.bincount(old, minlength=N_RUNGS)
                np.maximum(cols[1][0:2], ON_BREAK, out=cols[1][0:2])
                counts += np.bincount(cols[1][0:2].max(axis=0), minlength=N_RUNGS)
                cols[2][0:4] = False  # not climbing, not accepting
                cols[2][5] = False
                cols[3][0] = back
                cols[3][1] = 0
                end_day[back] = -1
                waiting[back] = False
                for arr, col in zip(active, cols, strict=True):
                    arr[:, n : n + len(back)] = col
                n += len(back)
        cf_count[d] = in_cf + runs - n
        rung_counts[d] = counts
        in_cf_active = b[5, :n]
        if ACTIVE_SLACK * np.count_nonzero(in_cf_active) > n:  # compact: set the ceasefire runs aside
            gone = np.flatnonzero(in_cf_active)
            keep = np.flatnonzero(~in_cf_active)
            ids = x[0, gone]
            for arr, store in zip(active, aside, strict=True):
                store[:, ids] = np.take(arr, gone, axis=1)
                arr[:, : len(keep)] = np.take(arr[:, :n], keep, axis=1)
            waiting[ids] = True
            born[ids] = d + 1 - born[ids]  # from the age just stored
            aside_counts += np.bincount(aside[1][0:2, ids].max(axis=0), minlength=N_RUNGS)
            n = len(keep)
    for arr, store in zip(active, aside, strict=True):
        store[:, x[0, :n]] = arr[:, :n]
    r, peak, peak_fire = aside[1][0:2], aside[1][2], aside[1][3]
    return Runs(
        peak=peak.astype(np.int64),
        peak_fire=peak_fire.astype(np.int64),
        end_day=end_day,
        signalled=peak >= SIGNAL,
        used=aside[2][4].copy(),
        ceasefire_by_day=cf_count / runs,
        rung_counts=rung_counts,
        final=r.T.astype(np.int64),
    )


# SimInputs arrays the loop reads as Python lists (the per-run draws are converted on their own)
_LOOP_LISTS = [
    f.name for f in fields(SimInputs) if f.name not in ("elapsed", "coef", "th_esc", "th_cf", "k_rung")
]


def simulate_loop(inp: SimInputs, runs: int, days: int, rng: np.random.Generator) -> Runs:
    """The same model as plain Python, one run at a time (the benchmark's reference; same draws as above)."""
    inp = inp.with_days(days)
    c = inp.coef
    # plain Python numbers from here on, as a per-run loop would be written: the same values, and NumPy
    # scalars are slow one at a time
    inp = replace(inp, **{name: np.asarray(getattr(inp, name)).tolist() for name in _LOOP_LISTS})
    th_esc_all = _per_run(inp.th_esc, c.th_esc, runs).tolist()
    th_cf_all = _per_run(inp.th_cf, c.th_cf, runs).tolist()
    k_rung_all = _per_run(inp.k_rung, c.k_rung, runs).tolist()
    draws = [rng.random((4, runs), dtype=np.float32).T.astype(float).tolist() for _ in range(days)]
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
                gap = max((r[j] if r[j] < SIGNAL else r[i]) - r[i], 0)  # a nuclear rung opens no gap
                tp = inp.third[d][i] * (0.5 + hot / (2 * CAP))
                ep = inp.econ[d][i] * c.k_econ
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
                if r[i] == SIGNAL and move == DE:  # back to the conventional stand-off, not to rung 8
                    n = min(r[j], CAP) if r[j] < SIGNAL else CAP
                elif r[i] >= SIGNAL:
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
