"""``.keras`` files written by an earlier keras_gans still load and draw the same images."""

import json
import os
import warnings

import keras
import numpy as np
import pytest

import keras_gans
from tests.helpers import ROOT, foreign_warnings

FIXTURES = os.path.join(ROOT, "tests", "fixtures")
EXPECTED = json.load(open(os.path.join(FIXTURES, "expected.json")))


def load(name):
    with warnings.catch_warnings(record=True) as records:
        warnings.simplefilter("always")
        model = keras.models.load_model(os.path.join(FIXTURES, f"{name}.keras"))
    assert foreign_warnings(records) == []
    return model


@pytest.mark.parametrize(
    "name, cls",
    [
        ("dcgan", keras_gans.models.DCGAN),
        ("wgangp", keras_gans.models.WGANGP),
        ("cgan", keras_gans.models.ConditionalGAN),
    ],
)
def test_noise_models_saved_before_load_and_generate_the_same(name, cls):
    model = load(name)
    assert type(model) is cls
    kwargs = {"labels": [0, 1]} if name == "cgan" else {}
    np.testing.assert_allclose(model.generate(2, seed=7, **kwargs), EXPECTED[name], atol=1e-6)
    assert int(model.g_optimizer.iterations) == 2


def test_cyclegan_saved_before_keeps_its_translators_and_pool():
    model = load("cyclegan")
    assert type(model) is keras_gans.models.CycleGAN
    a = np.zeros((2, 16, 16, 3), "float32")
    assert model.translate(a, "a2b").shape == (2, 16, 16, 3)
    rng = np.random.RandomState(0)
    rng.uniform(-1, 1, (8, 8, 8, 1))
    a = rng.uniform(-1, 1, (4, 16, 16, 3)).astype("float32")
    np.testing.assert_allclose(model.translate(a[:2], "b2a"), EXPECTED["cyclegan"], atol=1e-6)
    assert model.pool_count.numpy().tolist() == EXPECTED["cyclegan_pool_count"]
