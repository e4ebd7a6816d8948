"""opensam.mc: the statistics are those of `opensam mc --format json`, the tables do not depend
on the thread count, sweeps label their rows, and Ctrl-C stops a campaign promptly."""

import json
import signal
import subprocess
import sys
import threading
import time

import pandas as pd
import pytest

import opensam

SWEEP = {"raids[0].terrain_following": ["30 m", "300 m"]}


@pytest.fixture(scope="module")
def campaign(demo):
    return opensam.mc(demo, n=4, seed=5, threads=2, sweep=SWEEP)


def test_statistics_are_the_cli_statistics(program, demo, campaign, tmp_path):
    out = subprocess.run(
        [program, "mc", demo, "-n", "4", "--seed", "5", "--threads", "2", "--format", "json",
         "--store", str(tmp_path / "c.sqlite"), "--sweep", "raids[0].terrain_following=30 m,300 m"],
        check=True, capture_output=True, text=True).stdout
    assert campaign.stats == json.loads(out)


def test_tables_do_not_depend_on_the_thread_count(demo, campaign):
    one = opensam.mc(demo, n=4, seed=5, threads=1, sweep=SWEEP)
    pd.testing.assert_frame_equal(one.replicates, campaign.replicates)
    pd.testing.assert_frame_equal(one.threats, campaign.threats)
    pd.testing.assert_frame_equal(one.interceptors, campaign.interceptors)
    assert one.stats == campaign.stats


def test_rows_carry_point_replicate_and_the_swept_values(campaign):
    r = campaign.replicates
    assert len(r) == 8
    assert r["point"].tolist() == [0] * 4 + [1] * 4
    assert r["replicate"].tolist() == [0, 1, 2, 3] * 2
    assert r["raids[0].terrain_following"].tolist() == ["30 m"] * 4 + ["300 m"] * 4
    assert (r["killed"] + r["leaked"] + r["not_engaged"] + r["survived"] + r["strikes_missed"] == r["hostile"]).all()
    t = campaign.threats
    assert len(t) == 8 * 19
    assert t["friendly"].dtype == bool
    assert set(t["outcome"].cat.categories) <= {"killed", "leaked", "not_engaged", "survived", "missed"}
    # The store's per-replicate leak count is the threats table's.
    hostile = t[~t["friendly"]]
    leaked = hostile[hostile["outcome"] == "leaked"].groupby(["point", "replicate"]).size()
    assert leaked.reindex(pd.MultiIndex.from_frame(r[["point", "replicate"]]), fill_value=0).tolist() == \
        r["leaked"].tolist()


def test_a_replicate_is_the_run_of_its_seed_and_index(demo, campaign):
    run = opensam.run(demo, seed=5, replicate=2, overrides={"raids[0].terrain_following": "300 m"}, truth=False)
    row = campaign.replicates.iloc[4 + 2]
    assert run.summary["totals"]["leaked"] == row["leaked"]
    assert run.summary["totals"]["killed"] == row["killed"]


def test_bad_sweeps_raise(demo):
    with pytest.raises(opensam.ScenarioError, match=r"sweep raids\[0\].terrain_following=abc.*not a length"):
        opensam.mc(demo, n=1, sweep={"raids[0].terrain_following": ["abc"]})
    with pytest.raises(ValueError, match="no values"):
        opensam.mc(demo, n=1, sweep={"duration": []})
    with pytest.raises(ValueError, match="n"):
        opensam.mc(demo, n=0)


def test_the_gil_is_released_while_a_campaign_runs(demo):
    done = threading.Event()
    worker = threading.Thread(target=lambda: (opensam.mc(demo, n=10, threads=1), done.set()))
    worker.start()
    ticks = 0
    while not done.is_set():  # this thread runs Python code meanwhile
        ticks += 1
        time.sleep(0.005)
    worker.join()
    # The campaign takes about a second; were the GIL held, this thread would not run until it
    # returned (a tick or two), however loaded the machine.
    assert ticks >= 20


def test_ctrl_c_stops_a_campaign(demo):
    code = f"import opensam\nprint('start', flush=True)\nopensam.mc({demo!r}, n=100000, threads=2)\n"
    p = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "start"
    time.sleep(1.5)
    sent = time.monotonic()
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=60)
    assert "KeyboardInterrupt" in err
    # The replicates under way finish (a tenth of a second each), nothing more.
    assert time.monotonic() - sent < 10.0
