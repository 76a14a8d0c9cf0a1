"""``model.export(path, format=...)`` (Keras' own formats) for every family, each file run in
a fresh process by its own runtime alone (no keras, no keras_gans), matching the model."""

import os

import numpy as np
import pytest

import keras_gans
from keras_gans.errors import ArgumentError
from keras_gans.models.keras_export import float32_copy
from tests.helpers import run_program
from tests.models.test_cgan import tiny_cgan
from tests.models.test_cyclegan import tiny_cyclegan
from tests.models.test_dcgan import tiny_dcgan
from tests.models.test_gan import tiny_gan
from tests.models.test_pix2pix import tiny_pix2pix
from tests.models.test_stylegan2 import tiny as tiny_stylegan2
from tests.models.test_wgan import tiny

FAMILIES = {
    "gan": tiny_gan,
    "dcgan": lambda: tiny_dcgan(ema_decay=0.9),
    "wgan": lambda: tiny(keras_gans.models.WGAN),
    "wgan-gp": lambda: tiny(keras_gans.models.WGANGP),
    "cgan": tiny_cgan,
    "pix2pix": tiny_pix2pix,
    "cyclegan": tiny_cyclegan,
    "stylegan2": lambda: tiny_stylegan2(),
}
EXTENSION = {"tf_saved_model": "", "onnx": ".onnx", "litert": ".tflite", "openvino": ".xml"}


def inputs_and_expected(model):
    """Model inputs as ``[[values, dtype]]`` and the model's own output for them."""
    rng = np.random.RandomState(0)
    if getattr(model, "translation", False):
        x = rng.uniform(-1, 1, (3, *model.image_shape)).astype("float32")
        return [[x.tolist(), "float32"]], model.translate(x)
    z = rng.normal(size=(3, model.latent_dim)).astype("float32")
    if model.conditional:
        labels = np.array([0, 3, 9], "int32")
        expected = model.generate_images(z, labels, training=False)
        return [[z.tolist(), "float32"], [labels.tolist(), "int32"]], np.asarray(expected)
    return [[z.tolist(), "float32"]], np.asarray(model.generate_images(z, training=False))


def run_in_runtime(fmt, path, inputs):
    """``tests/programs/run_keras_export.py`` on the exported file; the runtimes other
    than TensorFlow's start from scratch (the zygote's TensorFlow import loads keras)."""
    return run_program(
        "run_keras_export",
        {"format": fmt, "path": path, "inputs": inputs},
        fresh=fmt != "tf_saved_model",
    )


def check_export(family, fmt, tmp_path):
    model = FAMILIES[family]()
    path = str(tmp_path / f"{family}{EXTENSION[fmt]}")
    model.export(path, format=fmt, verbose=False)
    inputs, expected = inputs_and_expected(model)
    result = run_in_runtime(fmt, path, inputs)
    loaded = result["keras_modules"]
    assert not [m for m in loaded if m.startswith("keras_gans")]
    if fmt != "tf_saved_model":  # (importing TensorFlow imports keras for tf.keras)
        assert loaded == []
    np.testing.assert_allclose(np.asarray(result["output"]), expected, atol=1e-4)


@pytest.mark.parametrize("fmt", ["tf_saved_model", "onnx", "litert", "openvino"])
def test_dcgan_exports_in_every_format_and_matches_in_its_runtime(fmt, tmp_path):
    check_export("dcgan", fmt, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["onnx", "litert", "openvino"])
@pytest.mark.parametrize("family", [f for f in FAMILIES if f != "dcgan"])
def test_every_family_exports_and_matches_in_its_runtime(family, fmt, tmp_path):
    check_export(family, fmt, tmp_path)


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ArgumentError, match=r"Unknown export format 'h5'; choose from"):
        tiny_gan().export(str(tmp_path / "m"), format="h5")
    assert not os.path.exists(tmp_path / "m")


@pytest.mark.parametrize(
    "family,fmt",
    [("dcgan", "onnx"), pytest.param("stylegan2", "litert", marks=pytest.mark.slow)],
)
def test_a_bfloat16_network_exports_as_its_float32_copy(family, fmt, tmp_path):
    import keras

    keras.mixed_precision.set_global_policy("mixed_bfloat16")
    keras.utils.set_random_seed(0)  # the same initial weights on every run
    try:
        model = FAMILIES[family]()
        inputs, in_bfloat16 = inputs_and_expected(model)
    finally:
        keras.mixed_precision.set_global_policy("float32")
    network = model.export_networks()["generator"]
    copy = float32_copy(network)
    assert {layer.compute_dtype for layer in copy._flatten_layers()} == {"float32"}
    for a, b in zip(network.get_weights(), copy.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
    path = str(tmp_path / f"{family}{EXTENSION[fmt]}")
    model.export(path, format=fmt, verbose=False)
    # the model keeps training in bfloat16; the file computes in float32
    assert network.compute_dtype == "bfloat16"
    result = run_in_runtime(fmt, path, inputs)
    output = np.asarray(result["output"])
    z = np.asarray(inputs[0][0], "float32")
    np.testing.assert_allclose(output, np.asarray(copy(z)), atol=1e-4)
    # and differs from the bfloat16 network by its rounding only
    assert 0 < np.abs(output - in_bfloat16).max() < 0.1
