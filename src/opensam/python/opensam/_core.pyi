# Types of the opensam._core extension (src/opensam/python/module.cpp); checked against the
# built module by mypy's stubtest in the tests.
from typing import Any, Optional

import numpy.typing as npt

__version__: str

class ScenarioError(ValueError): ...

def run(
    name: str,
    text: Optional[str],
    base_dir: str,
    overrides: list[tuple[str, str, str]],
    seed: Optional[int],
    replicate: int,
    truth: bool,
) -> dict[str, Any]: ...
def mc(
    name: str,
    text: Optional[str],
    base_dir: str,
    overrides: list[tuple[str, str, str]],
    sweep: list[tuple[str, list[str]]],
    n: int,
    seed: Optional[int],
    threads: int,
) -> dict[str, Any]: ...
def library_type(name: str) -> dict[str, Any]: ...
def calc_pd(
    snr_db: npt.ArrayLike, pfa: npt.ArrayLike, pulses: npt.ArrayLike, swerling: npt.ArrayLike, integration: str
) -> Any: ...
def calc_snr(pd: npt.ArrayLike, pfa: npt.ArrayLike, pulses: npt.ArrayLike, swerling: npt.ArrayLike, method: str) -> Any: ...
def calc_horizon(radar_height: npt.ArrayLike, target_height: npt.ArrayLike, k_factor: npt.ArrayLike) -> Any: ...
def calc_range(
    radar: str,
    rcs: npt.ArrayLike,
    pd: npt.ArrayLike,
    pfa: float,
    pulses: float,
    swerling: npt.ArrayLike,
    radar_height: npt.ArrayLike,
    target_height: npt.ArrayLike,
    k_factor: float,
    horizon: bool,
) -> Any: ...
