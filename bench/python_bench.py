"""Whole-run benchmark of the Python module against the program: the same run and the same
campaign through `opensam.run` / `opensam.mc` and through `opensam run` / `opensam mc`,
median wall times and their ratio (docs/benchmarks.md).

    PYTHONPATH=build/release/python /usr/bin/python3 bench/python_bench.py build/release/bin/opensam \\
        examples/demo.yaml 5 100
"""

import statistics
import subprocess
import sys
import tempfile
import time

import opensam


def median_time(f, repeats):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main():
    program, scenario = sys.argv[1], sys.argv[2]
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 100
    with tempfile.TemporaryDirectory() as tmp:
        cli = median_time(lambda: subprocess.run([program, "run", scenario, "--out", f"{tmp}/run", "--format", "json"],
                                                 check=True, stdout=subprocess.DEVNULL), repeats)
        py = median_time(lambda: opensam.run(scenario), repeats)
        rows = len(opensam.run(scenario).events)
        print(f"run   opensam.run {py:.3f} s, opensam run {cli:.3f} s (all files written): ratio {py / cli:.2f}"
              f" ({rows} events)")
        cli = median_time(lambda: subprocess.run([program, "mc", scenario, "-n", str(n), "--threads", "2", "--format",
                                                  "json", "--store", f"{tmp}/c{time.perf_counter_ns()}.sqlite"],
                                                 check=True, stdout=subprocess.DEVNULL), 1)
        py = median_time(lambda: opensam.mc(scenario, n=n, threads=2), 1)
        print(f"mc    opensam.mc {n / py:.2f} replicates/s, opensam mc {n / cli:.2f} replicates/s (2 threads):"
              f" ratio {py / cli:.2f}")


if __name__ == "__main__":
    main()
