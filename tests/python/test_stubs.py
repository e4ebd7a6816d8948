"""The type stubs of the extension (opensam/_core.pyi) describe the built module: mypy's
stubtest compares every name, argument and default."""

import pathlib
import subprocess
import sys

import opensam


def test_stubs_match_the_extension():
    package = pathlib.Path(opensam.__file__).parent
    assert (package / "_core.pyi").exists() and (package / "py.typed").exists()
    done = subprocess.run([sys.executable, "-m", "mypy.stubtest", "opensam._core"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_package_type_checks():
    package = pathlib.Path(opensam.__file__).parent
    done = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", "--ignore-missing-imports", str(package)],
                          capture_output=True, text=True, cwd=package.parent)
    assert done.returncode == 0, done.stdout + done.stderr
