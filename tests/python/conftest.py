"""Shared fixtures of the Python tests: the source tree and the opensam program, both set by
CTest (tests/CMakeLists.txt) through OPENSAM_SOURCE_DIR and OPENSAM_PROGRAM."""

import os
import pathlib

import pytest


@pytest.fixture(scope="session")
def source_dir() -> pathlib.Path:
    return pathlib.Path(os.environ.get("OPENSAM_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))


@pytest.fixture(scope="session")
def program(source_dir) -> str:
    return os.environ.get("OPENSAM_PROGRAM", str(source_dir / "build/release/bin/opensam"))


@pytest.fixture(scope="session")
def demo(source_dir) -> str:
    return str(source_dir / "examples/demo.yaml")
