"""generator_policy: the default generator in one dtype policy, the discriminator in Keras'."""

import keras
import numpy as np
import pytest

import keras_gans
from keras_gans.models import generator_policy
from tests.helpers import standard_model_checks

DATA = np.random.RandomState(0).uniform(-1, 1, (16, 16, 16, 1)).astype("float32")


@pytest.fixture
def mixed():
    """Keras' global policy mixed_bfloat16 for the test, float32 again after it."""
    keras.mixed_precision.set_global_policy("mixed_bfloat16")
    yield
    keras.mixed_precision.set_global_policy("float32")


def tiny_dcgan(ema_decay=0.999):
    return keras_gans.models.DCGAN(
        image_shape=(16, 16, 1), latent_dim=4, generator_filters=4, discriminator_filters=4,
        ema_decay=ema_decay, r1_weight=1.0, r1_every=2, seed=0,
    )  # fmt: skip


def compute_dtypes(network):
    """The compute dtypes of ``network``'s layers that have weights."""
    return {layer.compute_dtype for layer in network.layers if layer.weights}


def test_the_generator_takes_the_policy_and_the_discriminator_keeps_the_global(mixed):
    with generator_policy("float32"):
        gan = tiny_dcgan()
        assert keras.mixed_precision.global_policy().name == "mixed_bfloat16"
    assert compute_dtypes(gan.generator) == {"float32"}
    assert compute_dtypes(gan.ema_generator) == {"float32"}  # the EMA copy follows it
    assert compute_dtypes(gan.discriminator) == {"bfloat16", "float32"}  # float32 logits
    assert gan.discriminator.get_layer("logits").compute_dtype == "float32"
    # Outside the context the next model is all in the global policy again.
    assert compute_dtypes(tiny_dcgan().generator) == {"bfloat16"}


def test_none_changes_nothing_and_a_failed_build_restores_the_context(mixed):
    with generator_policy(None):
        assert compute_dtypes(tiny_dcgan().generator) == {"bfloat16"}
    with pytest.raises(ValueError), generator_policy("float32"):
        raise ValueError("a build that fails")
    assert compute_dtypes(tiny_dcgan().generator) == {"bfloat16"}


def test_a_float32_generator_with_a_bfloat16_discriminator_passes_the_standard_checks(
    mixed, tmp_path
):
    def make():
        with generator_policy("float32"):
            return tiny_dcgan()

    standard_model_checks(make, DATA, tmp_path, extra_logs=("r1",))


def test_saved_models_load_in_the_policies_they_trained_in(mixed, tmp_path):
    with generator_policy("float32"):
        gan = tiny_dcgan(ema_decay=None)
    gan.compile()
    gan.fit(DATA, batch_size=8, epochs=1, verbose=0)
    gan.save(str(tmp_path / "m.keras"))
    keras.mixed_precision.set_global_policy("float32")
    loaded = keras.models.load_model(str(tmp_path / "m.keras"))
    assert compute_dtypes(loaded.generator) == {"float32"}
    assert "bfloat16" in compute_dtypes(loaded.discriminator)
    np.testing.assert_allclose(loaded.generate(4, seed=1), gan.generate(4, seed=1), atol=1e-6)
