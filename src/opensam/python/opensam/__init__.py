"""opensam from Python: runs, Monte Carlo campaigns and the radar calculator.

    import opensam
    r = opensam.run("examples/demo.yaml", seed=7)
    r.summary["totals"], r.events.head()
    c = opensam.mc("examples/demo.yaml", n=200, sweep={"raids[0].terrain_following": [30, 100, 300]})
    c.replicates.groupby("raids[0].terrain_following")["leaked"].mean()
    opensam.calc.pd(snr_db=13.2, pfa=1e-6)
    opensam.library_type("s400/92N6E")["figures"]["peak_power"]

Tables are pandas data frames whose columns are those of the CLI's CSV files (docs/outputs.md);
text columns are categoricals. Units are SI, as the column names say.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

import numpy as np
import pandas as pd

from . import _core
from . import calc
from ._core import ScenarioError

__version__: str = _core.__version__
__all__ = ["run", "mc", "library_type", "Result", "Campaign", "ScenarioError", "calc", "__version__"]

Scenario = Union[str, "os.PathLike[str]", Mapping[str, Any]]

# What a scenario given as a dict stands for in messages.
DICT_NAME = "<dict>"


@dataclass(frozen=True)
class Result:
    """One run: the summary and the logs of `opensam run`'s folder (summary.json, events.csv, ...)."""

    summary: dict
    events: pd.DataFrame
    detections: pd.DataFrame
    tracks: pd.DataFrame
    gospa: pd.DataFrame
    truth: pd.DataFrame

    def __repr__(self) -> str:
        totals = self.summary.get("totals", {})
        return (
            f"<opensam.Result scenario={self.summary.get('scenario')!r} seed={self.summary.get('seed')} "
            f"events={len(self.events)} tracks={len(self.tracks)} totals={totals}>"
        )


@dataclass(frozen=True)
class Campaign:
    """A Monte Carlo campaign: one row per replicate, the threats' outcomes, the interceptors
    fired and the statistics of `opensam mc --format json`."""

    replicates: pd.DataFrame
    threats: pd.DataFrame
    interceptors: pd.DataFrame
    stats: dict
    seed: int

    def __repr__(self) -> str:
        return (
            f"<opensam.Campaign scenario={self.stats.get('scenario')!r} seed={self.seed} "
            f"replicates={len(self.replicates)} points={len(self.stats.get('points', []))}>"
        )


def run(
    scenario: Scenario,
    seed: Optional[int] = None,
    overrides: Optional[Mapping[str, Any]] = None,
    replicate: int = 0,
    truth: bool = True,
) -> Result:
    """Runs one replication of `scenario` (a file, or a dict of the file's keys).

    seed: the random streams' seed (default: the scenario's); replicate: which replicate of that
    seed, as in `opensam mc`; overrides: scenario keys set first, e.g.
    {"raids[0].route[0].speed": "900 km/h", "defence.doctrine": "shoot_shoot"}; truth: whether to
    record the threats' true positions (`truth`).

    Raises ScenarioError (a ValueError) with the CLI's file:line:col: field: message text when
    the scenario does not load.
    """
    name, text, base = _source(scenario)
    raw = _core.run(name, text, base, _overrides(overrides, "overrides"), _seed(seed),
                    _count(replicate, "replicate"), bool(truth))
    return Result(
        summary=json.loads(raw["summary"]),
        events=_frame(raw["events"]),
        detections=_frame(raw["detections"]),
        tracks=_frame(raw["tracks"]),
        gospa=_frame(raw["gospa"]),
        truth=_frame(raw["truth"]),
    )


def mc(
    scenario: Scenario,
    n: int,
    seed: Optional[int] = None,
    threads: int = 0,
    sweep: Optional[Mapping[str, Sequence[Any]]] = None,
    overrides: Optional[Mapping[str, Any]] = None,
) -> Campaign:
    """Runs replicates 0 .. n-1 of `scenario` at every point of `sweep`, on `threads` threads
    (0: one per core), without the GIL. Ctrl-C stops it (KeyboardInterrupt).

    sweep: scenario key -> values, every combination, e.g.
    {"raids[0].terrain_following": [30, 100, 300]} (numbers are SI; strings may carry units:
    "100 m"). The per-replicate tables carry a column per swept key holding the values as given.
    The numbers do not depend on the thread count.
    """
    name, text, base = _source(scenario)
    axes = [(str(key), [_yaml(v) for v in values]) for key, values in (sweep or {}).items()]
    given = [(str(key), list(values)) for key, values in (sweep or {}).items()]
    raw = _core.mc(name, text, base, _overrides(overrides, "overrides"), axes, _count(n, "n"), _seed(seed),
                   int(threads))
    replicates = _frame(raw["replicates"])
    threats = _frame(raw["threats"])
    threats["friendly"] = threats["friendly"].astype(bool)
    interceptors = _frame(raw["interceptors"])
    if given:
        points = _points(given)
        for frame in (replicates, threats, interceptors):
            index = frame["point"].to_numpy()
            for k, (key, _) in enumerate(given):
                column = [p[k] for p in points]
                frame.insert(1 + k, key, pd.Series(column).iloc[index].to_numpy() if len(frame) else [])
    return Campaign(replicates, threats, interceptors, json.loads(raw["stats"]), int(raw["seed"]))


def _points(axes: Sequence[tuple]) -> list:
    """Every combination of the axes' values, the first varying slowest (as the campaign's points)."""
    points: list = [()]
    for _, values in axes:
        points = [p + (v,) for p in points for v in values]
    return points


def _source(scenario: Scenario) -> tuple:
    """(name, text or None, base directory) of a scenario file or dict."""
    if isinstance(scenario, Mapping):
        # JSON is YAML: one key per line, so messages point at the key.
        return DICT_NAME, json.dumps(scenario, indent=1, default=_json_default), os.getcwd()
    if isinstance(scenario, (str, os.PathLike)):
        return os.fspath(scenario), None, ""
    raise TypeError(f"scenario: a file path or a dict, not {type(scenario).__name__}")


def _json_default(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"scenario: {type(value).__name__} is not a scenario value")


def _yaml(value: Any) -> str:
    """A Python value as the YAML text of a scenario value ("900 km/h" stays as written)."""
    if isinstance(value, str):
        return value
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (int, float, np.integer, np.floating)):
        if isinstance(value, (float, np.floating)) and not math.isfinite(float(value)):
            raise ValueError(f"{value!r} is not a finite number")
        return repr(value.item() if isinstance(value, np.generic) else value)
    return json.dumps(value, default=_json_default)


def _overrides(overrides: Optional[Mapping[str, Any]], what: str) -> list:
    return [(str(k), _yaml(v), f"{what}[{k!r}]") for k, v in (overrides or {}).items()]


def _seed(seed: Optional[int]) -> Optional[int]:
    return None if seed is None else _count(seed, "seed")


def _count(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
        raise ValueError(f"{what}: a whole number, 0 or more, not {value!r}")
    return int(value)


def _frame(columns: Iterable[tuple]) -> pd.DataFrame:
    """A data frame from the extension's columns: (name, numpy array, categories or None)."""
    data = {}
    for name, values, categories in columns:
        if categories is None:
            data[name] = values
        else:
            if "" in categories:  # an empty field: no value, as pandas reads the CSV file
                empty = categories.index("")
                values = values.copy()
                values[values == empty] = -1
                values[values > empty] -= 1
                categories = categories[:empty] + categories[empty + 1 :]
            data[name] = pd.Categorical.from_codes(values, categories=pd.Index(categories, dtype=object))
    return pd.DataFrame(data, copy=False)


def library_type(name: str) -> dict:
    """A library type (`"s400/92N6E"`, `"f16c"`, or a path to a type file) as the run uses it:
    `{"id", "name", "kind", "figures", "choices"}`. `figures` holds every figure of its kind's
    table by the file's key, each `{"value", "unit", "mach", "source", "estimate", "default"}`:
    the SI value the file gives (or a Mach number when `mach`), else the table's default
    (`default` true, `source` None), else None (the figure is absent: none). `choices` holds
    the kind's choices (`scan`, `homing`, ...) by key."""
    return _core.library_type(str(name))
