#!/usr/bin/python3
"""Writes data/terrain/synthetic-anatolia.tif: SYNTHETIC elevation, not a survey.

A 3 x 3 degree tile around the demo battalion (38.5-41.5N, 31-34E) at 0.01 degree, made of
a few long ridges, scattered hills and a broad valley, so that terrain masking can be shown
and tested without downloading real data. Deterministic: the same file every time.
Needs only the Python standard library and gdal_translate (gdal-bin).
"""
import math
import os
import random
import subprocess
import sys
import tempfile

NORTH, WEST, STEP, SIZE = 41.5, 31.0, 0.01, 300


def height(lat, lon, hills):
    h = 900.0 + 250.0 * math.sin(lat * 3.1) * math.cos(lon * 2.3)  # a rolling plateau
    # Ridges: (lat0, lon0, bearing in degrees, height, half-width in degrees)
    for lat0, lon0, bearing, top, width in ((40.35, 32.0, 70.0, 1100.0, 0.04), (39.6, 33.1, 20.0, 900.0, 0.05),
                                            (40.9, 33.3, 100.0, 800.0, 0.06)):
        b = math.radians(bearing)
        across = (lat - lat0) * math.sin(b) - (lon - lon0) * math.cos(b)
        h += top * math.exp(-(across / width) ** 2)
    h -= 500.0 * math.exp(-((lon - 32.75) / 0.15) ** 2) * math.exp(-((lat - 39.2) / 0.6) ** 2)  # a valley
    for la, lo, top, width in hills:
        h += top * math.exp(-((lat - la) ** 2 + (lon - lo) ** 2) / width ** 2)
    return max(h, 0.0)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "data", "terrain",
                                                             "synthetic-anatolia.tif")
    rng = random.Random(20261125)
    hills = [(38.5 + 3 * rng.random(), 31 + 3 * rng.random(), 200 + 600 * rng.random(), 0.02 + 0.08 * rng.random())
             for _ in range(80)]
    with tempfile.TemporaryDirectory() as tmp:
        asc = os.path.join(tmp, "dem.asc")
        with open(asc, "w") as f:
            f.write(f"ncols {SIZE}\nnrows {SIZE}\nxllcorner {WEST}\nyllcorner {NORTH - SIZE * STEP}\n")
            f.write(f"cellsize {STEP}\nNODATA_value -32768\n")
            for r in range(SIZE):
                lat = NORTH - (r + 0.5) * STEP
                f.write(" ".join(str(int(round(height(lat, WEST + (c + 0.5) * STEP, hills)))) for c in range(SIZE)))
                f.write("\n")
        subprocess.run(["gdal_translate", "-q", "-of", "GTiff", "-ot", "Int16", "-a_srs", "EPSG:4326", "-co",
                        "COMPRESS=DEFLATE", "-mo", "DESCRIPTION=SYNTHETIC elevation for opensam tests and examples; "
                        "not real terrain", asc, out], check=True)


if __name__ == "__main__":
    main()
