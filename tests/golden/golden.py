#!/usr/bin/env python3
"""Golden outputs: every example scenario run at seed 1 (the demo at seeds 1 to 3) and the
tracker reference case, compared byte for byte with digests committed in tests/golden/.

    golden.py check  OPENSAM SOURCE_DIR WORK_DIR CASE   # one case, exit 1 on a difference
    golden.py update OPENSAM SOURCE_DIR WORK_DIR [CASE...]  # rewrite the committed digests
    golden.py cases  SOURCE_DIR                          # the case names, one per line

A case's folder holds summary.json in full (small and worth reading in a diff) and
digest.txt: for each compared file its size, line count, SHA-256, and the SHA-256 prefix of
each block of lines, so that a check names the first lines that moved without the
repository holding the files themselves.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys

BLOCK_LINES = 2000
RUN_FILES = ["summary.json", "events.csv", "tracks.csv", "detections.csv", "gospa.csv", "truth.csv"]
TRACK_FILES = ["tracks.csv", "metrics.json"]
# Keys of `opensam track --format json` that are the machine's, not the tracker's: timings and
# where the output went.
TRACK_MACHINE_KEYS = {"ms_per_scan_mean", "ms_per_scan_max", "tracks_csv"}
DEMO_SEEDS = [1, 2, 3]
# Golden files written by a test of their own (tests/sim/live_test.cpp: the DIS-in path).
OTHER_GOLDEN = {"live-inbound"}


def scenario_examples(source):
    """examples/*.yaml that are scenarios (tracker files have no `duration`)."""
    out = []
    folder = os.path.join(source, "examples")
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".yaml"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            if any(line.startswith("duration:") for line in f):
                out.append(name[: -len(".yaml")])
    return out


def cases(source):
    """Case name -> how to produce it."""
    out = {}
    for name in scenario_examples(source):
        for seed in DEMO_SEEDS if name == "demo" else [1]:
            out[f"{name}-seed{seed}"] = ("run", f"examples/{name}.yaml", seed)
    out["track-reference"] = ("track", "examples/tracker-reference.yaml", None)
    return out


def produce(opensam, source, work, case, spec):
    """Runs the case into work/case; returns that folder."""
    kind, file, seed = spec
    folder = os.path.join(work, case)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(work, exist_ok=True)
    path = os.path.join(source, file)
    if kind == "run":
        cmd = [opensam, "run", path, "--seed", str(seed), "--out", folder, "--format", "json"]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        return folder
    reference = folder + "-input"
    shutil.rmtree(reference, ignore_errors=True)
    subprocess.run([opensam, "track-reference", "--out", reference, "--targets", "100"], check=True,
                   stdout=subprocess.DEVNULL)
    r = subprocess.run([opensam, "track", "--detections", os.path.join(reference, "detections.csv"),
                        "--truth", os.path.join(reference, "truth.csv"), "--config", path, "--out", folder,
                        "--metrics-from", "26", "--format", "json"],
                       check=True, stdout=subprocess.PIPE, text=True)
    metrics = {k: v for k, v in json.loads(r.stdout).items() if k not in TRACK_MACHINE_KEYS}
    with open(os.path.join(folder, "metrics.json"), "w", encoding="utf-8") as f:
        json.dump(metrics, f, indent=2, sort_keys=True)
        f.write("\n")
    return folder


def digest(path):
    """(bytes, lines, sha256, [block sha256 prefixes])."""
    with open(path, "rb") as f:
        data = f.read()
    lines = data.splitlines(keepends=True)
    blocks = [hashlib.sha256(b"".join(lines[i:i + BLOCK_LINES])).hexdigest()[:16]
              for i in range(0, len(lines), BLOCK_LINES)]
    return len(data), len(lines), hashlib.sha256(data).hexdigest(), blocks


def files_of(spec):
    return RUN_FILES if spec[0] == "run" else TRACK_FILES


def describe(case, spec):
    kind, file, seed = spec
    if kind == "run":
        return f"opensam run {file} --seed {seed}"
    return f"opensam track on `opensam track-reference --targets 100` with --config {file} --metrics-from 26"


def write_digest(source, produced, case, spec):
    folder = os.path.join(source, "tests", "golden", case)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    lines = [f"# {describe(case, spec)}", "# regenerate with `make golden`; a changed file lands in a commit of its own",
             f"# blocks of {BLOCK_LINES} lines"]
    for name in files_of(spec):
        size, count, sha, blocks = digest(os.path.join(produced, name))
        lines.append(f"{name} bytes {size} lines {count} sha256 {sha}")
        lines.extend(f"  {i * BLOCK_LINES + 1} {b}" for i, b in enumerate(blocks))
    with open(os.path.join(folder, "digest.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    keep = "summary.json" if spec[0] == "run" else "metrics.json"
    shutil.copyfile(os.path.join(produced, keep), os.path.join(folder, keep))


def read_digest(path):
    """file -> (bytes, lines, sha256, [block prefixes])."""
    out = {}
    current = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            if line.startswith("  "):
                out[current][3].append(line.split()[1])
                continue
            w = line.split()
            current = w[0]
            out[current] = (int(w[2]), int(w[4]), w[6], [])
    return out


def check(opensam, source, work, case, spec):
    folder = os.path.join(source, "tests", "golden", case)
    digest_file = os.path.join(folder, "digest.txt")
    if not os.path.exists(digest_file):
        print(f"{case}: no golden outputs in tests/golden/{case}: run `make golden` and commit them")
        return 1
    want = read_digest(digest_file)
    produced = produce(opensam, source, work, case, spec)
    failures = 0
    for name in files_of(spec):
        size, count, sha, blocks = digest(os.path.join(produced, name))
        w_size, w_count, w_sha, w_blocks = want[name]
        if sha == w_sha:
            continue
        failures += 1
        print(f"{case}: {name} differs: {size} bytes, {count} lines (golden: {w_size} bytes, {w_count} lines)")
        for i, b in enumerate(blocks):
            if i >= len(w_blocks) or b != w_blocks[i]:
                first = i * BLOCK_LINES
                print(f"  first difference in lines {first + 1}-{first + BLOCK_LINES}; these lines now read:")
                with open(os.path.join(produced, name), encoding="utf-8") as f:
                    text = f.read().splitlines()
                for n, line in enumerate(text[first:first + 5], start=first + 1):
                    print(f"  {n}: {line}")
                break
    if failures:
        print(f"{case}: outputs of `{describe(case, spec)}` differ from tests/golden/{case}; produced in {produced}.")
        print("If the change is meant, run `make golden` and commit the golden files on their own, "
              "saying why the outputs moved.")
        return 1
    print(f"{case}: {len(files_of(spec))} files identical to the golden outputs")
    return 0


def main(argv):
    if len(argv) >= 2 and argv[1] == "cases":
        print("\n".join(cases(argv[2])))
        return 0
    if len(argv) < 5 or argv[1] not in ("check", "update"):
        print(__doc__)
        return 2
    opensam, source, work = argv[2], argv[3], argv[4]
    all_cases = cases(source)
    wanted = argv[5:] or (list(all_cases) if argv[1] == "update" else [])
    unknown = [c for c in wanted if c not in all_cases]
    if unknown or not wanted:
        print(f"golden.py: unknown or missing case {' '.join(unknown)}; cases: {' '.join(all_cases)}")
        return 2
    if argv[1] == "check":
        return max(check(opensam, source, work, c, all_cases[c]) for c in wanted)
    if not argv[5:]:
        # A full update also drops the cases of examples that are gone.
        root = os.path.join(source, "tests", "golden")
        for name in os.listdir(root):
            if os.path.isdir(os.path.join(root, name)) and name not in all_cases and name not in OTHER_GOLDEN:
                shutil.rmtree(os.path.join(root, name))
    for c in wanted:
        write_digest(source, produce(opensam, source, work, c, all_cases[c]), c, all_cases[c])
        print(f"{c}: golden outputs written to tests/golden/{c}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
