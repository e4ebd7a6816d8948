"""opensam.run against the CLI: the same run gives the same tables as `opensam run`'s CSV
files, a dict scenario runs like its file, and bad input raises ScenarioError with the CLI's
file:line:col: field: message text."""

import json
import subprocess

import numpy as np
import pandas as pd
import pytest
import yaml

import opensam


@pytest.fixture(scope="module")
def cli_run(program, demo, tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    subprocess.run([program, "run", demo, "--seed", "3", "--out", str(out), "--format", "json"], check=True,
                   stdout=subprocess.DEVNULL)
    return out


@pytest.fixture(scope="module")
def py_run(demo):
    return opensam.run(demo, seed=3)


def decimals(text: pd.Series) -> int:
    """The decimals a CSV column is printed with (the most of any of its values)."""
    parts = text.dropna().astype(str).str.partition(".")[2]
    return int(parts.str.len().max()) if len(parts) else 0


@pytest.mark.parametrize("name", ["events", "detections", "tracks", "gospa", "truth"])
def test_tables_are_the_cli_csv_files(cli_run, py_run, name):
    expected = pd.read_csv(cli_run / f"{name}.csv")
    printed = pd.read_csv(cli_run / f"{name}.csv", dtype=str)
    got = getattr(py_run, name)
    assert list(got.columns) == list(expected.columns)
    assert len(got) == len(expected) > 0
    for column in expected.columns:
        e, g = expected[column], got[column]
        if isinstance(g.dtype, pd.CategoricalDtype):
            assert g.astype(object).where(g.notna(), None).tolist() == \
                printed[column].astype(object).where(printed[column].notna(), None).tolist(), column
        else:
            # The CSV prints fixed decimals: equal within half of the last printed digit.
            atol = 0.5 * 10.0 ** -decimals(printed[column]) * (1 + 1e-9)
            np.testing.assert_allclose(g.to_numpy(float), e.to_numpy(float), rtol=1e-12, atol=atol,
                                       equal_nan=True, err_msg=column)


def test_summary_is_summary_json(cli_run, py_run):
    assert py_run.summary == json.loads((cli_run / "summary.json").read_text())


def test_numbers_are_numpy_columns(py_run):
    assert py_run.events["time_s"].dtype == np.float64
    assert isinstance(py_run.events["event"].dtype, pd.CategoricalDtype)
    assert py_run.summary["seed"] == 3


def test_dict_scenario_runs_like_its_file(demo, py_run):
    with open(demo) as f:
        scenario = yaml.safe_load(f)
    # Relative paths in a dict resolve against the working directory: make the terrain absolute.
    import pathlib
    scenario["environment"]["terrain"] = str((pathlib.Path(demo).parent / scenario["environment"]["terrain"]).resolve())
    r = opensam.run(scenario, seed=3)
    assert r.summary["totals"] == py_run.summary["totals"]
    pd.testing.assert_frame_equal(r.events, py_run.events)


def test_overrides_change_the_scenario(demo, py_run):
    r = opensam.run(demo, seed=3, overrides={"duration": "5 min"})
    assert r.summary["end_time_s"] <= 300.0 < py_run.summary["end_time_s"]


def test_scenario_errors_name_file_line_and_field(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nduration: 10 min\nsites: []\nthreats:\n  - {id: a, type: f16c, speeed: 3}\n")
    with pytest.raises(opensam.ScenarioError) as e:
        opensam.run(str(bad))
    message = str(e.value)
    assert f"{bad}:5:" in message and "speeed" in message
    assert isinstance(e.value, ValueError)


def test_dict_errors_name_the_key():
    with pytest.raises(opensam.ScenarioError, match=r"<dict>:\d+:\d+: duration: .*"):
        opensam.run({"name": "x", "duration": "ten minutes", "threats": []})


def test_override_errors_name_the_override(demo):
    with pytest.raises(opensam.ScenarioError, match=r"overrides\['raids\[0\].terrain_following'\].*not a length"):
        opensam.run(demo, overrides={"raids[0].terrain_following": "abc"})


def test_bad_arguments_raise_value_error(demo):
    with pytest.raises(ValueError, match="seed"):
        opensam.run(demo, seed=-1)
    with pytest.raises(ValueError, match="not a key path"):
        opensam.run(demo, overrides={"raids..x": 1})
    with pytest.raises(TypeError):
        opensam.run(42)
