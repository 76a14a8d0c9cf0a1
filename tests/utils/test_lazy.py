import importlib
import subprocess

import pytest

from keras_gans.utils.lazy import exports_of
from tests.helpers import ENV, PYTHON

LAZY = (
    "keras_gans.cli",
    "keras_gans.data",
    "keras_gans.models",
    "keras_gans.runs",
    "keras_gans.utils",
)


@pytest.mark.parametrize("name", LAZY)
def test_every_lazy_name_is_in_all_and_is_the_defining_modules_object(name):
    package = importlib.import_module(name)
    exports = exports_of(package.__file__)
    assert sorted(exports) == sorted(package.__all__)
    for public, target in exports.items():
        module, _, attribute = target.partition(":")
        expected = importlib.import_module(module)
        if attribute:
            expected = getattr(expected, attribute)
        assert getattr(package, public) is expected, public


def test_an_unknown_name_is_an_attribute_error_naming_it():
    import keras_gans.models

    with pytest.raises(
        AttributeError, match="module 'keras_gans.models' has no attribute 'DCGANN'"
    ):
        keras_gans.models.DCGANN  # noqa: B018


def test_import_keras_gans_registers_every_saveable_class_with_keras():
    code = (
        "import keras, keras_gans\n"
        "names = ['DCGAN', 'GAN', 'WGAN', 'WGANGP', 'ConditionalGAN', 'Pix2Pix', 'CycleGAN']\n"
        "print([keras.saving.get_registered_object('keras_gans>' + n) is None for n in names])\n"
    )
    result = subprocess.run(
        [PYTHON, "-c", code], capture_output=True, text=True, env=ENV, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == str([False] * 7)
