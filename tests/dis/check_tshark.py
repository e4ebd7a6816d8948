#!/usr/bin/python3
"""Decodes a run's DIS capture with Wireshark's tshark (an independent decoder) and checks it
field by field against the run's own logs: PDU counts, no malformed packet, entity ids and
SISO-REF-010 types, emitter names, Fire/Detonation event ids, and every threat's Entity State
stream dead-reckoned (first order, IEEE 1278.1-2012 annex E) back to lat/lon within a metre
of truth.csv.

usage: check_tshark.py TSHARK RUN_FOLDER CAPTURE
"""
import csv
import json
import math
import subprocess
import sys

EPOCH = 946684800.0  # the capture's epoch without --realtime: 2000-01-01T00:00:00Z
A, F = 6378137.0, 1 / 298.257223563  # WGS 84
E2 = F * (2 - F)


def to_lla(x, y, z):
    """ECEF to geodetic (Bowring's iteration, converged to well below a millimetre)."""
    lon = math.atan2(y, x)
    p = math.hypot(x, y)
    lat = math.atan2(z, p * (1 - E2))
    for _ in range(10):
        n = A / math.sqrt(1 - E2 * math.sin(lat) ** 2)
        alt = p / math.cos(lat) - n
        lat = math.atan2(z, p * (1 - E2 * n / (n + alt)))
    n = A / math.sqrt(1 - E2 * math.sin(lat) ** 2)
    return math.degrees(lat), math.degrees(lon), p / math.cos(lat) - n


def distance_m(a, b):
    """Between two (lat, lon, alt): local flat-earth metres, enough within a few metres."""
    dn = math.radians(a[0] - b[0]) * 6371000.0
    de = math.radians(a[1] - b[1]) * 6371000.0 * math.cos(math.radians(a[0]))
    return math.sqrt(dn * dn + de * de + (a[2] - b[2]) ** 2)


FIELDS = ["frame.time_epoch", "dis.pdu_type", "dis.entity_id_site", "dis.entity_id_application",
          "dis.entity_id_entity", "dis.entityKind", "dis.entityDomain", "dis.country",
          "dis.category.land", "dis.category.air", "dis.category", "dis.subcategory", "dis.specific",
          "dis.entity_location.x", "dis.entity_location.y", "dis.entity_location.z",
          "dis.entity_linear_velocity.x", "dis.entity_linear_velocity.y", "dis.entity_linear_velocity.z",
          "dis.entity_marking", "dis.electromagnetic.emitter.name", "dis.event_number",
          "dis.detonation.result", "_ws.malformed"]

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)


def main():
    tshark, folder, capture = sys.argv[1:4]
    cmd = [tshark, "-r", capture, "-T", "fields", "-E", "separator=\t", "-E", "occurrence=f"]
    for f in FIELDS:
        cmd += ["-e", f]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    rows = [dict(zip(FIELDS, line.split("\t"))) for line in out.splitlines()]
    stats = json.load(open(f"{folder}/dis.json"))
    events = list(csv.DictReader(open(f"{folder}/events.csv")))
    truth = list(csv.DictReader(open(f"{folder}/truth.csv")))

    # Counts, and nothing malformed.
    by_type = {}
    for r in rows:
        by_type[r["dis.pdu_type"]] = by_type.get(r["dis.pdu_type"], 0) + 1
        check(r["_ws.malformed"] == "", f"malformed packet at {r['frame.time_epoch']}")
    sent = stats["sent"]
    check(len(rows) == sent["total"], f"{len(rows)} packets, dis.json says {sent['total']}")
    for code, key in (("1", "entity_state"), ("2", "fire"), ("3", "detonation"), ("23", "electromagnetic_emission")):
        check(by_type.get(code, 0) == sent[key], f"type {code}: {by_type.get(code, 0)} decoded, {sent[key]} sent")

    # Entities: ids in the order the run created them, their types and where the sites are.
    created = [e for e in events if e["event"] == "entity_created"]
    # The run numbers its entities sites, assets, threats (scenario order), then interceptors
    # as they are launched; DIS entity numbers are those plus one.
    summary = json.load(open(f"{folder}/summary.json"))
    order = [e["entity"] for e in created if "kind=site" in e["detail"] or "kind=asset" in e["detail"]]
    order += [t["id"] for t in summary["threats"]]
    order += [e["entity"] for e in created if "kind=interceptor" in e["detail"]]
    index = {name: k + 1 for k, name in enumerate(order)}
    first = {}
    for r in rows:
        if r["dis.pdu_type"] == "1":
            first.setdefault(r["dis.entity_marking"], r)
    site_specific = {"s400/55K6E": "3", "s400/92N6E": "4", "s400/91N6E": "5", "s400/5P85SE2": "1"}
    checked_sites = 0
    for e in created:
        detail = dict(kv.split("=") for kv in e["detail"].split(";"))
        name, kind, type_ = e["entity"], detail.get("kind"), detail.get("type", "")
        if kind == "asset":
            continue
        r = first.get(name[:11])
        check(r is not None, f"no Entity State for {name}")
        if r is None:
            continue
        check((r["dis.entity_id_site"], r["dis.entity_id_application"]) == ("1", "1"), f"{name}: site/app")
        check(r["dis.entity_id_entity"] == str(index[name]), f"{name}: entity {r['dis.entity_id_entity']}, expected {index[name]}")
        if kind == "site":
            checked_sites += 1
            check((r["dis.entityKind"], r["dis.entityDomain"], r["dis.country"], r["dis.category.land"],
                   r["dis.subcategory"], r["dis.specific"]) == ("1", "1", "222", "28", "24", site_specific[type_]),
                  f"{name}: entity type {r['dis.entityKind']}.{r['dis.entityDomain']}.{r['dis.country']}."
                  f"{r['dis.category.land']}.{r['dis.subcategory']}.{r['dis.specific']}")
            lla = to_lla(float(r["dis.entity_location.x"]), float(r["dis.entity_location.y"]),
                         float(r["dis.entity_location.z"]))
            want = (float(e["lat_deg"]), float(e["lon_deg"]), float(e["alt_m"]))
            check(distance_m(lla, want) < 1.0, f"{name}: at {lla}, the run says {want}")
        elif kind == "interceptor":
            check((r["dis.entityKind"], r["dis.entityDomain"], r["dis.country"], r["dis.category"],
                   r["dis.subcategory"]) == ("2", "1", "222", "1", "44"), f"{name}: munition type")
        elif type_ in ("f16c", "f35a"):
            check((r["dis.entityKind"], r["dis.entityDomain"], r["dis.country"], r["dis.category.air"])
                  == ("1", "2", "225", "1"), f"{name}: aircraft type")
    check(checked_sites > 0, "no site checked")

    # Emitters: the acquisition and engagement radars by their SISO names.
    names = {r["dis.entity_id_entity"]: r["dis.electromagnetic.emitter.name"] for r in rows if r["dis.pdu_type"] == "23"}
    for e in created:
        detail = dict(kv.split("=") for kv in e["detail"].split(";"))
        want = {"s400/91N6E": "9659", "s400/92N6E": "16960"}.get(detail.get("type", ""))
        if want:
            check(names.get(str(index[e["entity"]])) == want, f"{e['entity']}: emitter {names.get(str(index[e['entity']]))}")

    # Fire and Detonation: one Fire per launch, one Detonation per burst, self-destruct or ground impact,
    # paired by event id.
    fires = {r["dis.event_number"] for r in rows if r["dis.pdu_type"] == "2"}
    dets = [r for r in rows if r["dis.pdu_type"] == "3"]
    launched = sum(1 for e in events if e["event"] == "launched")
    ended = sum(1 for e in events if e["event"] in ("intercept", "self_destructed", "ground_impact"))
    check(len(fires) == launched, f"{len(fires)} fire event ids, {launched} launches")
    check(len(dets) == ended, f"{len(dets)} detonations, {ended} bursts, self-destructs and ground impacts")
    for d in dets:
        check(d["dis.event_number"] in fires, f"detonation event {d['dis.event_number']} without its Fire")
        check(d["dis.detonation.result"] in ("2", "3", "5"), f"detonation result {d['dis.detonation.result']}")

    # Every threat's truth, dead-reckoned from its latest Entity State (first order: the
    # run sends constant-velocity states for threats), within a metre.
    streams = {}
    for r in rows:
        if r["dis.pdu_type"] == "1":
            streams.setdefault(r["dis.entity_marking"], []).append(r)
    worst, compared, worst_at = 0.0, 0, None
    for t in truth:
        if "/" in t["id"]:
            continue  # interceptors: second-order dead reckoning
        s = streams.get(t["id"][:11], [])
        time = float(t["time_s"])
        last = None
        for r in s:
            if float(r["frame.time_epoch"]) - EPOCH <= time + 1e-3:
                last = r
            else:
                break
        if last is None:
            continue
        dt = time - (float(last["frame.time_epoch"]) - EPOCH)
        p = [float(last[f"dis.entity_location.{c}"]) + float(last[f"dis.entity_linear_velocity.{c}"]) * dt for c in "xyz"]
        err = distance_m(to_lla(*p), (float(t["lat_deg"]), float(t["lon_deg"]), float(t["alt_m"])))
        if err > worst:
            worst, worst_at = err, (t["id"], time)
        compared += 1
    check(compared > 100, f"only {compared} truth samples compared")
    # The 1 m threshold, plus truth.csv's rounding (1e-7 deg, 1 cm).
    check(worst <= 1.05, f"dead reckoning {worst:.3f} m off truth ({worst_at})")
    print(f"tshark: {len(rows)} PDUs, {checked_sites} sites, {len(fires)} fires, {len(dets)} detonations; "
          f"{compared} truth samples within {worst:.3f} m")
    for f in failures[:30]:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
