import os
import subprocess
import sys

import numpy as np
import pytest
import tensorflow as tf

import keras_gans
from keras_gans.export import list_versions, resolve_saved_model, save_generator
from tests.helpers import ENV, run_program
from tests.models.test_dcgan import tiny_dcgan


@pytest.fixture(scope="module")
def model():
    gan = tiny_dcgan()
    gan.compile()
    images = np.random.RandomState(0).uniform(-1, 1, (8, 16, 16, 1)).astype("float32")
    gan.fit(images, batch_size=8, epochs=1, verbose=0)
    return gan


@pytest.fixture(scope="module")
def exported(model, tmp_path_factory):
    return save_generator(model, str(tmp_path_factory.mktemp("export") / "dcgan"))


def test_versions_are_next_integers_and_never_overwritten(model, tmp_path):
    base = str(tmp_path / "dcgan")
    assert save_generator(model, base) == os.path.join(base, "1")
    assert save_generator(model, base) == os.path.join(base, "2")
    assert save_generator(model, base, version=7) == os.path.join(base, "7")
    assert save_generator(model, base) == os.path.join(base, "8")
    before = os.path.getmtime(os.path.join(base, "2", "saved_model.pb"))
    with pytest.raises(keras_gans.ExportError, match="Version 2 already exists .* never overwrite"):
        save_generator(model, base, version=2)
    assert os.path.getmtime(os.path.join(base, "2", "saved_model.pb")) == before
    assert list_versions(base) == [1, 2, 7, 8]
    assert sorted(os.listdir(base)) == ["1", "2", "7", "8"]  # no temporary folder left
    assert resolve_saved_model(base) == os.path.join(base, "8")


def test_untrained_and_unbuilt_models_are_refused(tmp_path):
    untrained = tiny_dcgan()
    untrained.compile()
    with pytest.raises(
        keras_gans.ExportError, match=r"has not been trained \(0 generator updates\)"
    ):
        save_generator(untrained, str(tmp_path / "a"))
    assert not os.path.exists(tmp_path / "a" / "1")
    path = save_generator(untrained, str(tmp_path / "a"), allow_untrained=True)
    assert os.path.isfile(os.path.join(path, "saved_model.pb"))


def test_export_errors(model, tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(keras_gans.ExportError, match="is a file, not a folder"):
        save_generator(model, str(tmp_path / "file"))
    with pytest.raises(keras_gans.ExportError, match="version must be a positive int"):
        save_generator(model, str(tmp_path / "m"), version=0)
    with pytest.raises(keras_gans.ExportError, match="not a keras_gans model"):
        save_generator(object(), str(tmp_path / "m"))
    with pytest.raises(
        keras_gans.ExportError,
        match="not a SavedModel nor a folder of numbered versions",
    ):
        resolve_saved_model(str(tmp_path))


def test_failed_export_leaves_no_version(model, tmp_path, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(tf.saved_model, "save", boom)
    with pytest.raises(RuntimeError, match="disk full"):
        save_generator(model, str(tmp_path / "m"))
    assert os.listdir(tmp_path / "m") == []


def test_warmup_records_parse_and_run(exported):
    from tensorflow_serving.apis import prediction_log_pb2

    path = os.path.join(exported, "assets.extra", "tf_serving_warmup_requests")
    logs = []
    for record in tf.data.TFRecordDataset(path):
        log = prediction_log_pb2.PredictionLog()
        log.ParseFromString(record.numpy())
        logs.append(log)
    requests = {
        log.predict_log.request.model_spec.signature_name: log.predict_log.request for log in logs
    }
    assert sorted(requests) == ["sample", "serving_default"]
    assert all(r.model_spec.name == "dcgan" for r in requests.values())
    loaded = tf.saved_model.load(exported)
    for name, request in requests.items():
        inputs = {k: tf.make_ndarray(v) for k, v in request.inputs.items()}
        outputs = loaded.signatures[name](**{k: tf.constant(v) for k, v in inputs.items()})
        assert all(o.shape[0] == 1 for o in outputs.values())


def test_saved_model_cli_lists_both_signatures(exported):
    cli = os.path.join(os.path.dirname(sys.executable), "saved_model_cli")
    out = subprocess.run(
        [cli, "show", "--dir", exported, "--all"],
        capture_output=True,
        text=True,
        env=ENV,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert "signature_def['serving_default']" in out.stdout
    assert "signature_def['sample']" in out.stdout
    assert "dtype: DT_INT64" in out.stdout and "dtype: DT_UINT8" in out.stdout


def test_same_seed_same_image_in_two_processes(exported):
    call = {"signature": "sample", "inputs": {"seed": [[11, 12, 11], "int64"]}}
    first, second = (
        np.array(
            run_program("call_export", {"path": exported, "calls": [call]})["results"][0][
                "images_uint8"
            ]["values"]
        )  # fmt: skip
        for _ in range(2)
    )
    np.testing.assert_array_equal(first, second)
    np.testing.assert_array_equal(first[0], first[2])
    assert not np.array_equal(first[0], first[1])


def test_metadata_is_written(exported):
    meta = keras_gans.export.load_metadata(exported)
    assert (
        meta["model"] == "DCGAN" and meta["latent_dim"] == 4 and meta["image_shape"] == [16, 16, 1]
    )
    assert meta["signatures"] == ["sample", "serving_default"]


def test_exported_generator_draws_what_the_model_draws(model, exported):
    from keras_gans.export import ExportedGenerator
    from keras_gans.runs import load_source

    gen = load_source(os.path.dirname(exported))
    assert isinstance(gen, ExportedGenerator) and gen.path == exported
    assert gen.latent_dim == model.latent_dim and gen.image_shape == model.image_shape
    assert gen.conditional is False
    np.testing.assert_allclose(gen.generate(5, seed=7), model.generate(5, seed=7), atol=1e-5)
    with pytest.raises(keras_gans.RunError, match="No such run or export: /no/where"):
        load_source("/no/where")


def test_exported_and_model_generate_take_the_same_arguments_in_the_same_order():
    import inspect

    from keras_gans.export import ExportedGenerator
    from keras_gans.models import AdversarialModel, StyleGAN2

    def params(fn):
        return [(p.name, p.kind, p.default) for p in inspect.signature(fn).parameters.values()]

    # an export takes what any model takes, and StyleGAN2's truncation_psi after it
    assert params(ExportedGenerator.generate) == params(StyleGAN2.generate)
    assert params(ExportedGenerator.generate)[:-1] == params(AdversarialModel.generate)
    assert [name for name, *_ in params(AdversarialModel.generate)] == [
        "self", "n", "seed", "labels", "batch_size",
    ]  # fmt: skip
    gan = tiny_dcgan()
    gan.compile()
    with pytest.raises(TypeError, match="positional"):
        gan.generate(4, 0)  # seed or label? keyword-only, so neither is guessed
