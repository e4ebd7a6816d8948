"""opensam.library_type: a library type's figures by the keys of its kind's table, the values the
run uses (given, or the table's default), with their provenance."""

import opensam
import pytest


def test_a_radar_gives_its_figures_with_their_sources():
    t = opensam.library_type("s400/91N6E")
    assert t["kind"] == "radar"
    f = t["figures"]
    assert f["instrumented_range"]["value"] == 600000.0
    assert f["instrumented_range"]["unit"] == "length"
    assert f["instrumented_range"]["source"]
    assert not f["instrumented_range"]["default"]
    # An engagement radar's figure the 91N6E does not have: none.
    assert f["fire_channels"]["value"] is None
    assert t["choices"]["scan"] == "rotating"
    # Every key is one of the format reference's for radars: the same table.
    assert "tubes" not in f


def test_an_absent_figure_takes_the_tables_default():
    launcher = opensam.library_type("s400/5P85SE2")
    assert launcher["kind"] == "launcher"
    assert launcher["figures"]["tubes"]["default"] is False
    threat = opensam.library_type("tomahawk")
    assert threat["kind"] == "cruise_missile"
    # Its file gives no jammer and no ceiling; vulnerability is given.
    assert threat["jammers"] == []
    assert threat["figures"]["ceiling"]["value"] is None
    assert threat["figures"]["vulnerability"]["default"] is False


def test_a_jammer_lists_its_pods_by_band():
    growler = opensam.library_type("ea18g")
    bands = [(j["name"], j["from_hz"], j["to_hz"]) for j in growler["jammers"]]
    assert bands == [("low band", 100e6, 2e9), ("mid band", 2e9, 6e9), ("high band", 6e9, 18e9)]
    assert all(j["erp_w"] > 0 for j in growler["jammers"])
    # The MALD-J is the decoy with a jammer; the plain ADM-160 has none.
    assert [j["name"] for j in opensam.library_type("adm160j")["jammers"]] == ["stand-in jammer"]
    # The Growler's pods are barrage noise; the MALD-J's responds to each radar it hears.
    assert {j["technique"] for j in growler["jammers"]} == {"barrage"}
    mald = opensam.library_type("adm160j")["jammers"][0]
    assert (mald["technique"], mald["spot_bandwidth_hz"], mald["reaction_s"]) == ("spot", 20e6, 1.0)
    assert opensam.library_type("adm160")["jammers"] == []


def test_an_unknown_type_is_a_scenario_error():
    with pytest.raises(opensam.ScenarioError, match="unknown threat type 'tomahwak'"):
        opensam.library_type("tomahwak")


def test_a_type_file_of_either_family_is_read_by_its_kind(tmp_path):
    threat = tmp_path / "glider.yaml"
    threat.write_text(
        "name: Glider\nkind: drone\n"
        "cruise_speed: {value: 30 m/s, source: \"test\"}\n"
        "unit_cost_usd: {value: \"1000\", source: \"test\"}\n"
    )
    t = opensam.library_type(str(threat))
    assert t["kind"] == "drone"
    assert t["figures"]["cruise_speed"]["value"] == 30.0
    launcher = tmp_path / "rail.yaml"
    launcher.write_text("name: Rail\nkind: launcher\n")
    assert opensam.library_type(str(launcher))["kind"] == "launcher"
