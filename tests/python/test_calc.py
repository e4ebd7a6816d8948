"""opensam.calc against closed forms and published values (the figures of the S-400 public-data
reference, section "Detection"), vectorised over numpy arrays, and agreeing with `opensam calc`."""

import json
import math
import subprocess

import numpy as np
import pytest

from opensam import calc


def test_swerling_1_single_pulse_is_pfa_to_the_one_over_one_plus_snr():
    # Swerling, IRE Trans. IT-6 (1960): Pd = Pfa^(1/(1+SNR)) for one pulse of a Swerling 1 target.
    snr_db = np.linspace(0.0, 30.0, 31)
    expected = 1e-6 ** (1.0 / (1.0 + 10.0 ** (snr_db / 10.0)))
    np.testing.assert_allclose(calc.pd(snr_db=snr_db, pfa=1e-6, swerling=1), expected, rtol=1e-9)


def test_required_snr_matches_the_published_values():
    # Pd 0.9, Pfa 1e-6, one pulse: exact square-law SW0 13.18 dB, exact SW1 21.14 dB; Albersheim
    # 13.11 dB (Albersheim, Proc. IEEE 69(7), 1981); Shnidman SW1 21.35 dB, N=10 SW0 5.33 dB
    # (Shnidman, IEEE Trans. AES 38(3), 2002).
    assert calc.snr(pd=0.9, pfa=1e-6) == pytest.approx(13.18, abs=0.01)
    assert calc.snr(pd=0.9, pfa=1e-6, swerling=1) == pytest.approx(21.14, abs=0.01)
    assert calc.snr(pd=0.9, pfa=1e-6, method="albersheim") == pytest.approx(13.11, abs=0.01)
    assert calc.snr(pd=0.9, pfa=1e-6, swerling=1, method="shnidman") == pytest.approx(21.35, abs=0.01)
    assert calc.snr(pd=0.9, pfa=1e-6, pulses=10, method="shnidman") == pytest.approx(5.33, abs=0.01)


def test_pd_and_snr_are_inverse_and_broadcast():
    pd = np.array([[0.3], [0.5], [0.9]])
    swerling = np.array([0, 1, 2, 3, 4])
    snr = calc.snr(pd=pd, pfa=1e-6, pulses=10, swerling=swerling)
    assert snr.shape == (3, 5)
    np.testing.assert_allclose(calc.pd(snr_db=snr, pfa=1e-6, pulses=10, swerling=swerling),
                               np.broadcast_to(pd, (3, 5)), atol=1e-7)
    assert isinstance(calc.pd(snr_db=13.0, pfa=1e-6), float)


def test_horizon_is_the_four_point_one_two_rule():
    # Skolnik 8.2: d = sqrt(2 k a h_r) + sqrt(2 k a h_t), 4.12 (sqrt(h_r) + sqrt(h_t)) km at k = 4/3:
    # 25 m and 50 m give 50 km.
    h = np.array([0.0, 25.0, 100.0, 10000.0])
    np.testing.assert_allclose(calc.horizon(radar_height=25.0, target_height=h) / 1000.0,
                               4.1216 * (5.0 + np.sqrt(h)), rtol=1e-3)
    assert calc.horizon(radar_height=25.0, target_height=50.0) / 1000.0 == pytest.approx(50.0, abs=0.5)
    a = 6371000.0
    assert calc.horizon(radar_height=100.0, target_height=0.0, k_factor=1.0) == pytest.approx(math.sqrt(2 * a * 100.0))


def test_range_is_the_cli_range_and_scales_with_the_fourth_root_of_rcs(program):
    rcs = np.array([0.01, 0.1, 1.0, 10.0])
    r = calc.range(radar="s400/91N6E", rcs=rcs)
    for sigma, got in zip(rcs, r):
        out = subprocess.run([program, "calc", "range", "--radar", "s400/91N6E", "--rcs", f"{sigma} m2",
                              "--format", "json"], check=True, capture_output=True, text=True).stdout
        assert got == pytest.approx(json.loads(out)["range_m"], rel=1e-9)
    # The range equation gives R ~ sigma^(1/4) (Skolnik eq. 2.61): x1.778 per decade of RCS in
    # free space. The atmosphere's loss grows with range, so each decade gains less, and the
    # radar's instrumented range caps the largest.
    small = calc.range(radar="s400/91N6E", rcs=np.array([1e-6, 1e-5, 1e-4, 1e-3, 1e-2]))
    ratio = small[1:] / small[:-1]
    assert np.all(ratio < 10 ** 0.25) and np.all(np.diff(ratio) < 0)
    assert ratio[0] == pytest.approx(10 ** 0.25, rel=0.01)  # at 20 km the atmosphere hardly counts
    assert calc.range(radar="s400/91N6E", rcs=1e3) == pytest.approx(600e3)  # instrumented range
    low = calc.range(radar="s400/91N6E", rcs=1.0, radar_height=12.0, target_height=50.0)
    assert low == pytest.approx(calc.horizon(radar_height=12.0, target_height=50.0))


@pytest.mark.parametrize("call, message", [
    (lambda: calc.pd(snr_db=10.0, pfa=0.7), r"pfa=0.7 must be above 0 and at most 0.5"),
    (lambda: calc.pd(snr_db=10.0, pfa=1e-6, pulses=2.5), r"pulses=2.5 must be a whole number"),
    (lambda: calc.pd(snr_db=10.0, pfa=1e-6, swerling=5), r"swerling=5"),
    (lambda: calc.pd(snr_db=10.0, pfa=1e-6, integration="magic"), r"integration='magic'"),
    (lambda: calc.snr(pd=0.9, pfa=1e-6, swerling=1, method="albersheim"), r"steady target"),
    (lambda: calc.snr(pd=np.array([0.5, 1.0]), pfa=1e-6), r"pd=1 must be above pfa"),
    (lambda: calc.horizon(radar_height=-1.0, target_height=0.0), r"radar_height=-1"),
    (lambda: calc.range(radar="s400/91N6E", rcs=0.0), r"rcs=0 must be above 0"),
    (lambda: calc.range(radar="s400/91N6E", rcs=1.0, radar_height=10.0), r"go together"),
])
def test_bad_values_raise_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_unknown_radar_raises_with_the_library_message():
    with pytest.raises(ValueError, match="nosuch"):
        calc.range(radar="s400/nosuch", rcs=1.0)
