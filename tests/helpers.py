"""The standard checks every keras_gans model must pass (fit, logs, weights, save, export)."""

import json
import os
import warnings

import keras
import numpy as np

from keras_gans.export import save_generator
from keras_gans.utils.images import to_uint8
from tests.zygote import PYTHON, ROOT, run_python  # noqa: F401  (PYTHON: the tests import it from here)

# The environment of the processes tests start: no cluster of the caller's (TF_CONFIG).
ENV = {**{k: v for k, v in os.environ.items() if k != "TF_CONFIG"}, "TF_CPP_MIN_LOG_LEVEL": "3"}


PROGRAMS = os.path.join(ROOT, "tests", "programs")


def run_program(name, params=None, timeout=180, env=None, fresh=False):
    """Runs ``tests/programs/<name>.py`` with ``params`` (JSON) in a new process;
    returns its last stdout line as JSON. The process is forked from the zygote that
    has TensorFlow imported (``tests.zygote``), or started from scratch with
    ``fresh=True`` (programs that check what gets imported)."""
    argv = [os.path.join(PROGRAMS, f"{name}.py"), json.dumps(params or {})]
    proc = run_python(argv, ROOT, env or ENV, timeout, fresh=fresh)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run_cli_cases(cases, cwd):
    """``[(exit status, stderr)]`` of ``keras_gans.cli.main(args)`` for each ``args``.

    One process runs them all (the console script's start-up, TensorFlow's import,
    is paid once), each from the folder ``cwd`` (or from its own, given a list of
    folders); an exception escaping ``main`` shows as its traceback in stderr and
    a status of None.
    """
    folders = cwd if isinstance(cwd, (list, tuple)) else [cwd] * len(cases)
    cases = [[list(args), str(folder)] for args, folder in zip(cases, folders, strict=True)]
    result = run_program("cli_cases", {"cases": cases}, timeout=300)
    return [tuple(r) for r in result]


def named(weight, paths):
    """True when ``weight``'s path is one of ``paths`` (``"logits/bias"``), under any
    network scope (``"discriminator/logits/bias"``)."""
    return any(weight.path == p or weight.path.endswith("/" + p) for p in paths)


def weights_of(network):
    return [w.numpy() for w in network.trainable_weights]


def changed(before, after):
    return [not np.array_equal(a, b) for a, b in zip(before, after, strict=True)]


def foreign_warnings(records):
    """Warnings other than numpy 2's ``__array__`` copy notice raised inside TF's saving."""
    return [
        str(r.message)
        for r in records
        if not (issubclass(r.category, DeprecationWarning) and "__array__" in str(r.message))
    ]


def condition_for(model, n):
    """Labels 0, 1, ... for a conditional model (None otherwise)."""
    if not hasattr(model, "num_classes"):
        return None
    return np.arange(n, dtype=np.int32) % model.num_classes


def d_of_g(model, z, condition):
    """Discriminator logits of generated images, in inference mode."""
    images = model.generate_images(z, condition, training=False)
    return model.discriminate(images, condition, training=False)


def check_fit_and_weights(
    make_model, data, batch_size=8, d_steps=3, extra_logs=(), constant_weights=(), free_weights=()
):
    """Fits 2 steps with ``d_steps``; checks logs, weight changes and update counts.

    ``constant_weights``: paths of weights the loss cannot move (e.g. the critic's
    output bias under the Wasserstein loss, whose gradient is 1 - 1 = 0).
    ``free_weights``: paths that may or may not move (the output bias under the hinge
    loss: its gradient is exactly 0 while every logit is inside the margin).
    """
    model = make_model()
    model.compile(d_steps=d_steps)
    g0, d0 = weights_of(model.generator), weights_of(model.discriminator)
    history = model.fit(data, batch_size=batch_size, epochs=1, steps_per_epoch=2, verbose=0)
    for key in ("d_loss", "g_loss", *extra_logs):
        assert key in history.history, f"fit did not log {key}: {list(history.history)}"
        assert np.all(np.isfinite(history.history[key])), (key, history.history[key])
    assert all(changed(g0, weights_of(model.generator))), "some generator weights did not change"
    moved = changed(d0, weights_of(model.discriminator))
    for weight, did in zip(model.discriminator.trainable_weights, moved, strict=True):
        if not named(weight, free_weights):
            assert did != named(weight, constant_weights), f"{weight.path} moved: {did}"
    assert int(model.g_optimizer.iterations) == 2
    assert int(model.d_optimizer.iterations) == 2 * d_steps
    return model


def keras_round_trip(model, path):
    """Saves and loads ``model`` as a ``.keras`` file: no warning, same class and config."""
    with warnings.catch_warnings(record=True) as records:
        warnings.simplefilter("always")
        model.save(path)
        loaded = keras.models.load_model(path)
    assert foreign_warnings(records) == []
    assert type(loaded) is type(model)
    assert json.dumps(loaded.get_config(), sort_keys=True) == json.dumps(
        model.get_config(), sort_keys=True
    )
    return loaded


def check_save_load(model, data, path, batch_size=8):
    """``.keras`` round-trip: same class, outputs to 1e-6, optimizer state, no warning."""
    loaded = keras_round_trip(model, path)
    np.testing.assert_allclose(loaded.generate(4, seed=3), model.generate(4, seed=3), atol=1e-6)
    z = np.random.RandomState(0).normal(size=(2, model.latent_dim)).astype("float32")
    cond = condition_for(model, 2)
    np.testing.assert_allclose(d_of_g(loaded, z, cond), d_of_g(model, z, cond), atol=1e-6)
    assert loaded.d_steps == model.d_steps
    for name in ("g_optimizer", "d_optimizer"):  # same class (a WGAN keeps RMSprop)
        assert type(getattr(loaded, name)) is type(getattr(model, name)), name
    assert int(loaded.d_optimizer.iterations) == int(model.d_optimizer.iterations)
    for a, b in zip(loaded.d_optimizer.variables, model.d_optimizer.variables, strict=True):
        np.testing.assert_allclose(a.numpy(), b.numpy(), atol=1e-6)
    before = int(loaded.g_optimizer.iterations)
    history = loaded.fit(data, batch_size=batch_size, epochs=1, steps_per_epoch=1, verbose=0)
    assert np.isfinite(history.history["g_loss"][0])
    assert int(loaded.g_optimizer.iterations) == before + 1
    return loaded


def check_export_fresh_process(model, base_dir):
    """Exports, then loads in a process that imports only TensorFlow and calls both signatures."""
    path = save_generator(model, base_dir)
    assert os.path.basename(path) == "1"
    z = np.random.RandomState(1).normal(size=(3, model.latent_dim)).astype("float32")
    conditional = hasattr(model, "num_classes")
    z_inputs = {"z": [z.tolist(), "float32"]}
    seed_inputs = {"seed": [[5, 6], "int64"]}
    if conditional:
        z_inputs["label"] = [[2, 0, 1], "int64"]
        seed_inputs["label"] = [[1, 2], "int64"]
    out = run_program(
        "call_export",
        {
            "path": path,
            "calls": [
                {"signature": "serving_default", "inputs": z_inputs},
                {"signature": "sample", "inputs": seed_inputs},
            ],
        },
    )
    images, u8 = out["results"][0]["images"], out["results"][1]["images_uint8"]
    h, w, c = model.image_shape
    assert images["shape"] == [3, h, w, c]
    assert images["dtype"] == "float32"
    values = np.array(images["values"])
    assert -1.0 <= values.min() <= values.max() <= 1.0
    labels = np.array([2, 0, 1]) if conditional else None
    expected = model.generate_images(z, labels, training=False)
    np.testing.assert_allclose(values, expected, atol=1e-5)
    assert u8["shape"] == [2, h, w, c] and u8["dtype"] == "uint8"
    kwargs = {"labels": [1, 2]} if conditional else {}
    expected = to_uint8(model.generate(2, seed=5, **kwargs)).astype(int)
    assert np.abs(np.array(u8["values"]) - expected).max() <= 1
    return path


def standard_model_checks(
    make_model,
    data,
    tmp_path,
    batch_size=8,
    extra_logs=(),
    constant_weights=(),
    free_weights=(),
    export=True,
):
    """Every check a model must pass; ``make_model()`` returns a fresh uncompiled model.

    ``export=False`` leaves out the export: for a variant whose generator is the one
    its family's own standard checks export (a discriminator-side option: another
    loss, projection, augmentation, a penalty), the export would check the same
    SavedModel again.
    """
    model = check_fit_and_weights(
        make_model,
        data,
        batch_size,
        extra_logs=extra_logs,
        constant_weights=constant_weights,
        free_weights=free_weights,
    )
    check_save_load(model, data, str(tmp_path / "model.keras"), batch_size)
    if export:
        check_export_fresh_process(model, str(tmp_path / "export" / "model"))


# ----------------------------------------------------------- image-to-image models
def translation_networks(model):
    """``{name: network}`` of every network a translation model trains."""
    names = ("generator_ab", "generator_ba", "discriminator_a", "discriminator_b")
    if hasattr(model, "generator_ab"):
        return {n: getattr(model, n) for n in names}
    return {"generator": model.generator, "discriminator": model.discriminator}


def check_translation_model(make_model, data, tmp_path, logs):
    """The standard checks for Pix2Pix and CycleGAN; ``data`` is ``(a, b)`` arrays."""
    a, b = data
    model = make_model()
    model.compile()
    before = {k: weights_of(n) for k, n in translation_networks(model).items()}
    history = model.fit(a, b, batch_size=4, epochs=1, steps_per_epoch=2, verbose=0)
    for key in ("d_loss", "g_loss", *logs):
        assert key in history.history, f"fit did not log {key}: {list(history.history)}"
        assert np.all(np.isfinite(history.history[key])), (key, history.history[key])
    for name, net in translation_networks(model).items():
        moved = changed(before[name], weights_of(net))
        frozen = [w.path for w, m in zip(net.trainable_weights, moved, strict=True) if not m]
        assert not frozen, f"{name}: weights did not change: {frozen}"
    assert int(model.g_optimizer.iterations) == 2 and int(model.d_optimizer.iterations) == 2

    # .keras round-trip
    loaded = keras_round_trip(model, str(tmp_path / "model.keras"))
    directions = ["a2b", "b2a"] if hasattr(model, "generator_ab") else ["a2b"]
    sources = {"a2b": a[:3], "b2a": b[:3]}
    for d in directions:
        np.testing.assert_allclose(
            loaded.translate(sources[d], d), model.translate(sources[d], d), atol=1e-6
        )
    for name, net in translation_networks(model).items():
        for w1, w2 in zip(translation_networks(loaded)[name].weights, net.weights, strict=True):
            np.testing.assert_allclose(w1.numpy(), w2.numpy(), atol=1e-6)
    for x, y in zip(loaded.d_optimizer.variables, model.d_optimizer.variables, strict=True):
        np.testing.assert_allclose(x.numpy(), y.numpy(), atol=1e-6)
    history = loaded.fit(a, b, batch_size=4, epochs=1, steps_per_epoch=1, verbose=0)
    assert np.isfinite(history.history["g_loss"][0])
    assert int(loaded.g_optimizer.iterations) == 3

    # export + a process with only TensorFlow calling every signature
    export = save_generator(model, str(tmp_path / "export" / "model"))
    inputs = {d: sources[d].tolist() for d in directions}
    out = run_program("fresh_translate", {"path": export, "inputs": inputs})
    expected_names = (
        {"serving_default", "a2b", "b2a", "a2b_uint8", "b2a_uint8"}
        if len(directions) == 2
        else {"serving_default", "translate_uint8"}
    )
    assert set(out) == expected_names
    for name, result in out.items():
        direction = "b2a" if name.startswith("b2a") else "a2b"
        expected = model.translate(sources[direction], direction)
        assert result["shape"] == list(expected.shape)
        if result["input_dtype"] == "uint8":
            assert result["key"] == "images_uint8" and result["dtype"] == "uint8"
            x = to_uint8(sources[direction]).astype("float32") / 127.5 - 1
            expected_u8 = to_uint8(model.translate(x, direction)).astype(int)
            assert np.abs(np.array(result["values"]) - expected_u8).max() <= 1
        else:
            assert result["key"] == "images" and result["dtype"] == "float32"
            np.testing.assert_allclose(result["values"], expected, atol=1e-5)
    return model
