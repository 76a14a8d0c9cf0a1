"""Every ``>>>`` example in the package's docstrings runs, and shows what it says."""

import doctest
import importlib
import io
import os
import pkgutil

import keras
import numpy as np
import pytest
import tensorflow as tf

import keras_gans
from tests.helpers import ROOT


def package_modules():
    yield keras_gans
    for info in pkgutil.walk_packages(keras_gans.__path__, "keras_gans."):
        yield importlib.import_module(info.name)


def collect():
    finder = doctest.DocTestFinder(exclude_empty=True)
    tests = []
    for module in package_modules():
        tests += [t for t in finder.find(module) if t.examples]
    return sorted(tests, key=lambda t: t.name)


EXAMPLES = collect()


def source_example_lines():
    count = 0
    for folder, _, files in os.walk(os.path.join(ROOT, "keras_gans")):
        for name in files:
            if name.endswith(".py"):
                with open(os.path.join(folder, name)) as f:
                    count += sum(line.lstrip().startswith(">>>") for line in f)
    return count


def test_every_example_line_in_the_sources_is_collected():
    collected = sum(len(t.examples) for t in EXAMPLES)
    assert collected == source_example_lines() and collected >= 80


@pytest.mark.parametrize("test", EXAMPLES, ids=[t.name for t in EXAMPLES])
def test_docstring_example_runs(test, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # examples that write files write them here
    test.globs = {"keras_gans": keras_gans, "keras": keras, "np": np, "tf": tf}
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    out = io.StringIO()
    try:
        runner.run(test, out=out.write, clear_globs=True)
    finally:
        keras.mixed_precision.set_global_policy("float32")
    assert runner.failures == 0, out.getvalue()
