import json

import keras
import numpy as np
import pytest

import keras_gans
from tests.helpers import run_program

DATA = np.random.RandomState(0).uniform(-1, 1, (32, 16, 16, 1)).astype("float32")


@pytest.fixture
def policy():
    """Restores float32 after the test (the policy is process-wide)."""
    yield keras_gans.enable_mixed_precision
    keras.mixed_precision.set_global_policy("float32")


def tiny_wgangp():
    return keras_gans.models.WGANGP(
        image_shape=(16, 16, 1), latent_dim=4, generator_filters=8, discriminator_filters=8, seed=0
    )


def test_cpu_default_is_bfloat16_and_bad_names_are_refused(policy):
    assert policy() == "mixed_bfloat16"  # no GPU on the test machines
    assert keras.mixed_precision.global_policy().name == "mixed_bfloat16"
    with pytest.raises(ValueError, match=r"Unknown policy 'fp8'; choose from"):
        policy("fp8")


def test_wgangp_20_steps_in_bfloat16_stay_finite_and_export_float32(policy, tmp_path):
    policy("mixed_bfloat16")
    gan = tiny_wgangp()
    gan.compile()
    assert gan.compute_dtype == "bfloat16"
    assert not isinstance(gan.d_optimizer, keras.optimizers.LossScaleOptimizer)
    history = gan.fit(DATA, batch_size=8, epochs=5, verbose=0)  # 4 steps x 5 = 20
    assert int(gan.g_optimizer.iterations.numpy()) == 20
    for key in ("d_loss", "g_loss", "gp", "wasserstein"):
        assert np.all(np.isfinite(history.history[key])), key
    assert gan.discriminator.layers[-1].dtype_policy.name == "float32"  # logits
    path = keras_gans.export.save_generator(gan, str(tmp_path / "m"))
    call = {"signature": "serving_default", "inputs": {"z": [[[0.0] * 4] * 2, "float32"]}}
    result = run_program("call_export", {"path": path, "calls": [call]})
    images = result["results"][0]["images"]
    spec_dtype = result["specs"]["serving_default"]["z"][0]
    out = [spec_dtype, images["dtype"], bool(np.all(np.isfinite(images["values"])))]
    assert out == ["float32", "float32", True]


@pytest.mark.slow
def test_float16_wraps_both_optimizers_in_loss_scaling_and_round_trips(policy, tmp_path):
    policy("mixed_float16")
    gan = tiny_wgangp()
    gan.compile()
    for optimizer in (gan.g_optimizer, gan.d_optimizer):
        assert isinstance(optimizer, keras.optimizers.LossScaleOptimizer)
    history = gan.fit(DATA[:8], batch_size=8, epochs=2, verbose=0)
    assert np.all(np.isfinite(history.history["g_loss"]))
    gan.save(str(tmp_path / "m.keras"))
    loaded = keras.models.load_model(str(tmp_path / "m.keras"))
    assert isinstance(loaded.g_optimizer, keras.optimizers.LossScaleOptimizer)
    assert json.dumps(loaded.get_config(), sort_keys=True) == json.dumps(
        gan.get_config(), sort_keys=True
    )


@pytest.mark.slow
def test_a_run_with_mixed_precision_keeps_it_when_resumed(policy, tmp_path):
    from keras_gans import runs

    settings = runs.run_settings(
        "dcgan", epochs=1, batch_size=8, latent_dim=4, steps_per_epoch=1, mixed_precision=True,
        model_args={"generator_filters": 4, "discriminator_filters": 4},
    )  # fmt: skip
    model = runs.train(str(tmp_path / "run"), settings, verbose=0)
    assert model.compute_dtype == "bfloat16"
    keras.mixed_precision.set_global_policy("float32")
    resumed = runs.train(str(tmp_path / "run"), {**settings, "epochs": 2}, verbose=0)
    assert resumed.compute_dtype == "bfloat16" and runs.finished_epochs(str(tmp_path / "run")) == 2


def test_bfloat16_units_are_read_from_the_cpu_flags(tmp_path):
    from keras_gans.runs.precision import bfloat16_units

    assert bfloat16_units("processor : 0\nflags\t\t: fpu sse2 avx2 amx_bf16 amx_tile\n")
    assert bfloat16_units("flags : fpu avx512f avx512_bf16\n")
    assert not bfloat16_units("flags : fpu sse2 avx2 fma\n")
    assert not bfloat16_units(str(tmp_path / "no" / "cpuinfo"))
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text("flags : fpu amx_bf16\n")
    assert bfloat16_units(str(cpuinfo))


def test_auto_picks_float16_on_a_gpu_bfloat16_with_units_else_float32(monkeypatch):
    import tensorflow as tf

    from keras_gans.runs.precision import auto_policy

    with_units, without = "flags : avx512_bf16\n", "flags : avx2\n"
    assert auto_policy(with_units) == "mixed_bfloat16"
    assert auto_policy(without) == "float32"
    monkeypatch.setattr(tf.config, "list_physical_devices", lambda kind=None: ["gpu:0"])
    assert auto_policy(without) == "mixed_float16"


@pytest.mark.slow
def test_a_run_keeps_the_policy_auto_resolved_to_when_resumed(policy, tmp_path, monkeypatch):
    from keras_gans import runs
    from keras_gans.runs import precision

    settings = runs.run_settings(
        "dcgan", epochs=1, batch_size=8, latent_dim=4, steps_per_epoch=1, precision="auto",
        model_args={"generator_filters": 4, "discriminator_filters": 4},
    )  # fmt: skip
    monkeypatch.setattr(precision, "auto_policy", lambda: "mixed_bfloat16")
    model = runs.train(str(tmp_path / "run"), settings, verbose=0)
    assert model.compute_dtype == "bfloat16"
    config = json.load(open(tmp_path / "run" / "config.json"))
    assert (config["precision"], config["precision_policy"]) == ("auto", "mixed_bfloat16")
    keras.mixed_precision.set_global_policy("float32")
    monkeypatch.setattr(precision, "auto_policy", lambda: "float32")  # another machine
    resumed = runs.train(str(tmp_path / "run"), {**settings, "epochs": 2}, verbose=0)
    assert resumed.compute_dtype == "bfloat16" and runs.finished_epochs(str(tmp_path / "run")) == 2


def test_precision_and_the_older_switch_together_are_refused(tmp_path):
    from keras_gans import runs
    from keras_gans.errors import RunError

    settings = runs.run_settings("dcgan", precision="float32", mixed_precision=True)
    with pytest.raises(RunError, match="Give --precision or --mixed-precision, not both"):
        runs.train(str(tmp_path / "run"), settings, verbose=0)
    assert not (tmp_path / "run").exists()


def _tiny_settings(**overrides):
    from keras_gans import runs

    return runs.run_settings(
        "dcgan", epochs=1, batch_size=8, latent_dim=4, steps_per_epoch=1,
        model_args={"generator_filters": 4, "discriminator_filters": 4}, **overrides,
    )  # fmt: skip


def test_runs_default_to_float32_and_auto_is_float32_on_a_cpu_without_units(tmp_path, monkeypatch):
    from keras_gans import runs
    from keras_gans.runs import precision
    from keras_gans.runs.precision import run_policy

    wgan = runs.run_settings("wgan")  # a family whose defaults name no precision
    assert wgan["precision"] is None and run_policy(wgan) == "float32"
    settings = _tiny_settings(precision="auto")
    monkeypatch.setattr(precision, "bfloat16_units", lambda cpuinfo=None: False)
    model = runs.train(str(tmp_path / "run"), settings, verbose=0)
    assert model.compute_dtype == "float32"
    config = json.load(open(tmp_path / "run" / "config.json"))
    assert (config["precision"], config["precision_policy"]) == ("auto", "float32")


def test_a_bfloat16_run_leaves_the_callers_policy_as_it_was(tmp_path, monkeypatch):
    from keras_gans import runs
    from keras_gans.runs import precision

    monkeypatch.setattr(precision, "bfloat16_units", lambda cpuinfo=None: True)
    model = runs.train(str(tmp_path / "run"), _tiny_settings(precision="auto"), verbose=0)
    assert model.compute_dtype == "bfloat16"
    assert keras.mixed_precision.global_policy().name == "float32"


@pytest.mark.slow
def test_a_run_from_before_precision_existed_resumes_in_float32(tmp_path, monkeypatch):
    from keras_gans import runs
    from keras_gans.runs import precision

    monkeypatch.setattr(precision, "bfloat16_units", lambda cpuinfo=None: False)
    settings = _tiny_settings(precision="auto")
    runs.train(str(tmp_path / "run"), settings, verbose=0)
    path = tmp_path / "run" / "config.json"
    config = json.load(open(path))
    del config["precision"], config["precision_policy"]
    json.dump(config, open(path, "w"))
    monkeypatch.setattr(precision, "bfloat16_units", lambda cpuinfo=None: True)
    resumed = runs.train(str(tmp_path / "run"), {**settings, "epochs": 2}, verbose=0)
    assert resumed.compute_dtype == "float32" and runs.finished_epochs(str(tmp_path / "run")) == 2


def test_precision_networks_discriminator_keeps_the_generator_float32_on_resume(
    tmp_path, monkeypatch
):
    from keras_gans import runs
    from keras_gans.runs import precision

    monkeypatch.setattr(precision, "bfloat16_units", lambda cpuinfo=None: True)
    settings = _tiny_settings(precision="auto", precision_networks="discriminator")
    model = runs.train(str(tmp_path / "run"), settings, verbose=0)
    dtypes = {layer.compute_dtype for layer in model.generator.layers if layer.weights}
    assert dtypes == {"float32"}
    assert model.discriminator.layers[1].compute_dtype == "bfloat16"
    config = json.load(open(tmp_path / "run" / "config.json"))
    assert (config["precision_policy"], config["precision_networks"]) == (
        "mixed_bfloat16",
        "discriminator",
    )
    assert keras.mixed_precision.global_policy().name == "float32"
    resumed = runs.train(str(tmp_path / "run"), {**settings, "epochs": 2}, verbose=0)
    assert resumed.generator.layers[1].compute_dtype == "float32"
    assert resumed.discriminator.layers[1].compute_dtype == "bfloat16"
    assert runs.finished_epochs(str(tmp_path / "run")) == 2
