"""The radar calculator of `opensam calc`, vectorised: every numeric argument may be a number
or a numpy array (broadcast together); the result is a float or an array of that shape.
Keyword names are the CLI's flags with underscores; values are SI (m, m2) or dB where the name
says so. A value out of range raises ValueError naming the argument.
"""

from __future__ import annotations

import math
from typing import Optional

import numpy as np
import numpy.typing as npt

from . import _core

ArrayLike = npt.ArrayLike
__all__ = ["pd", "snr", "horizon", "range"]


def pd(
    snr_db: ArrayLike,
    pfa: ArrayLike,
    pulses: ArrayLike = 1,
    swerling: ArrayLike = 0,
    integration: str = "noncoherent",
) -> "float | np.ndarray":
    """Probability of detection (exact) for `snr_db` per pulse, `pulses` integrated
    ("noncoherent" or "coherent"), Swerling case 0-4 (Marcum; Swerling, IRE Trans. IT-6, 1960)."""
    return _core.calc_pd(snr_db, pfa, pulses, swerling, integration)


def snr(
    pd: ArrayLike,
    pfa: ArrayLike,
    pulses: ArrayLike = 1,
    swerling: ArrayLike = 0,
    method: str = "exact",
) -> "float | np.ndarray":
    """SNR per pulse (dB) needed for `pd`: "exact", "albersheim" (Swerling 0 only) or
    "shnidman"."""
    return _core.calc_snr(pd, pfa, pulses, swerling, method)


def horizon(radar_height: ArrayLike, target_height: ArrayLike, k_factor: ArrayLike = 4.0 / 3.0) -> "float | np.ndarray":
    """Radar horizon (m) over a smooth k-factor Earth for heights in m (Skolnik 8.2):
    about 4.12 (sqrt(h_r) + sqrt(h_t)) km at k = 4/3."""
    return _core.calc_horizon(radar_height, target_height, k_factor)


def range(  # noqa: A001 - the CLI's name
    radar: str,
    rcs: ArrayLike,
    pd: ArrayLike = 0.5,
    pfa: Optional[float] = None,
    pulses: Optional[int] = None,
    swerling: ArrayLike = 1,
    radar_height: Optional[ArrayLike] = None,
    target_height: Optional[ArrayLike] = None,
    k_factor: float = 4.0 / 3.0,
) -> "float | np.ndarray":
    """Detection range (m) of a library radar type (e.g. "s400/91N6E", or a file) against a
    target of `rcs` m2 at `pd` per look: the range equation with the radar's losses and the
    atmosphere, capped by its instrumented range and, given both heights (m), the horizon.
    pfa and pulses default to the radar's own. The `range_m` of `opensam calc range`."""
    if (radar_height is None) != (target_height is None):
        raise ValueError("calc.range: radar_height and target_height go together")
    heights = radar_height is not None and target_height is not None
    return _core.calc_range(
        radar,
        rcs,
        pd,
        math.nan if pfa is None else float(pfa),
        0.0 if pulses is None else float(pulses),
        swerling,
        0.0 if radar_height is None else radar_height,
        0.0 if target_height is None else target_height,
        float(k_factor),
        heights,
    )
