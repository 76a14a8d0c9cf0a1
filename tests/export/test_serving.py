import os
import subprocess

import numpy as np
import pytest
import tensorflow as tf

import keras_gans
from keras_gans import cli, runs
from keras_gans.errors import ExportError
from keras_gans.export import serving
from keras_gans.utils.images import to_uint8
from tests.helpers import ENV, PYTHON, ROOT
from tests.models.test_cgan import tiny_cgan
from tests.models.test_dcgan import tiny_dcgan


def test_models_config_for_two_models_parses(tmp_path):
    path = serving.write_models_config(
        [
            {"name": "dcgan", "base_path": "/models/dcgan"},
            {
                "name": "cgan",
                "base_path": "/models/cgan",
                "policy": "specific",
                "versions": [1, 2],
                "labels": {"stable": 1, "canary": 2},
            },
        ],
        str(tmp_path / "models.config"),
    )
    config = serving.read_models_config(path)
    models = config.model_config_list.config
    assert [m.name for m in models] == ["dcgan", "cgan"]
    assert [m.base_path for m in models] == ["/models/dcgan", "/models/cgan"]
    assert all(m.model_platform == "tensorflow" for m in models)
    assert models[0].model_version_policy.latest.num_versions == 1
    assert list(models[1].model_version_policy.specific.versions) == [1, 2]
    assert dict(models[1].version_labels) == {"stable": 1, "canary": 2}
    assert 'name: "dcgan"' in open(path).read()


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([{"name": "a", "base_path": "models/a"}], "base_path must be absolute"),
        ([{"name": "a", "base_path": "/m/a"}] * 2, "Model name 'a' appears twice"),
        ([{"name": "a", "base_path": "/m/a", "policy": "newest"}], "Unknown version policy"),
        ([{"name": "a", "base_path": "/m/a", "policy": "specific"}], "needs versions="),
        ([{"base_path": "/m/a"}], "needs a name and a base_path"),
        ([("a", "/m/a")], r"must be a dict such as .*got \('a', '/m/a'\)"),
    ],
)
def test_models_config_errors_name_the_problem(entries, message, tmp_path):
    with pytest.raises(ExportError, match=message):
        serving.write_models_config(entries, str(tmp_path / "models.config"))
    assert not os.path.exists(tmp_path / "models.config")


def trained(make):
    model = make()
    model.compile()
    images = np.random.RandomState(0).uniform(-1, 1, (8, 16, 16, 1)).astype("float32")
    data = (images, np.arange(8) % 10) if model.conditional else images
    model.fit(data, batch_size=8, epochs=1, verbose=0)
    return model


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    base = tmp_path_factory.mktemp("serving")
    out = {}
    for name, make in (("dcgan", tiny_dcgan), ("cgan", tiny_cgan)):
        model = trained(make)
        out[name] = (model, keras_gans.export.save_generator(model, str(base / name)))
    return out


def requests_for(model):
    """(signature, inputs, expected outputs) for every request kind of the model."""
    labels = np.array([3, 0, 7]) if model.conditional else None
    z = np.random.RandomState(5).normal(size=(3, model.latent_dim)).astype(np.float32)
    images = np.asarray(model.generate_images(z, labels), np.float32)
    seeds = [11, 4, 9]
    drawn = np.concatenate(
        [
            model.generate(1, seed=s, **({"labels": [int(k)]} if labels is not None else {}))
            for s, k in zip(seeds, labels if labels is not None else [0] * 3, strict=True)
        ]
    )
    return [
        ("serving_default", serving.z_inputs(z, labels), {"images": images}),
        ("sample", serving.sample_inputs(seeds, labels), {"images_uint8": to_uint8(drawn)}),
    ]


def assert_outputs(got, expected):
    assert set(got) == set(expected)
    for key, value in expected.items():
        if value.dtype == np.uint8:
            assert got[key].dtype == np.uint8 and got[key].shape == value.shape
            assert np.abs(got[key].astype(int) - value.astype(int)).max() <= 1
        else:
            np.testing.assert_allclose(got[key], value, atol=1e-5)


@pytest.mark.parametrize("name", ["dcgan", "cgan"])
def test_grpc_requests_round_trip_through_the_saved_model(exports, name):
    model, path = exports[name]
    for signature, inputs, expected in requests_for(model):
        request = serving.grpc_request(name, signature, inputs, version=1)
        assert request.model_spec.version.value == 1
        request = type(request).FromString(request.SerializeToString())  # over the wire
        response = serving.predict_in_process(path, request)
        response = type(response).FromString(response.SerializeToString())
        assert_outputs(serving.decode_grpc_response(response), expected)


@pytest.mark.parametrize("name", ["dcgan", "cgan"])
def test_rest_requests_round_trip_through_the_saved_model(exports, name):
    model, path = exports[name]
    for signature, inputs, expected in requests_for(model):
        body = serving.rest_body(signature, inputs)
        got = serving.decode_rest_response(serving.rest_in_process(path, body))
        got = {k: v.astype(expected[k].dtype) for k, v in got.items()}
        assert_outputs(got, expected)


def test_a_request_with_wrong_inputs_is_named(exports):
    _, path = exports["cgan"]
    request = serving.grpc_request("cgan", "sample", serving.sample_inputs([1, 2]))
    with pytest.raises(ExportError, match=r"takes \['label', 'seed'\], got \['seed'\]"):
        serving.predict_in_process(path, request)


def test_cgan_warmup_records_run(exports):
    from tensorflow_serving.apis import prediction_log_pb2

    _, path = exports["cgan"]
    file = os.path.join(path, "assets.extra", "tf_serving_warmup_requests")
    logs = [
        prediction_log_pb2.PredictionLog.FromString(r.numpy())
        for r in tf.data.TFRecordDataset(file)
    ]
    assert sorted(log.predict_log.request.model_spec.signature_name for log in logs) == [
        "sample",
        "serving_default",
    ]
    for log in logs:
        response = serving.predict_in_process(path, log.predict_log.request)
        assert len(response.outputs) == 1


def test_client_local_writes_the_models_images(exports, tmp_path):
    model, path = exports["cgan"]
    out = str(tmp_path / "out")
    result = subprocess.run(
        [PYTHON, os.path.join(ROOT, "export", "client.py"), "--local", path, "--label", "3",
         "--out", out, "sample", "--seeds", "5", "6"],
        capture_output=True, text=True, env=ENV, timeout=180, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert sorted(os.listdir(out)) == ["grid.png", "image_000.png", "image_001.png"]
    from PIL import Image

    first = np.asarray(Image.open(os.path.join(out, "image_000.png")))
    expected = to_uint8(model.generate(1, seed=5, labels=[3]))[0, ..., 0]
    assert np.abs(first.astype(int) - expected.astype(int)).max() <= 1


@pytest.mark.slow
def test_export_all_writes_every_run_and_models_config(tmp_path):
    runs_dir, models_dir = tmp_path / "runs", tmp_path / "models"
    for name in ("a", "b"):
        settings = runs.run_settings(
            "dcgan", epochs=1, batch_size=8, latent_dim=4, steps_per_epoch=1,
            model_args={"generator_filters": 4, "discriminator_filters": 4},
        )  # fmt: skip
        runs.train(str(runs_dir / name), settings, verbose=0)
    assert cli.main(["export", "--all", str(runs_dir), "--to", str(models_dir)]) == 0
    assert os.path.isfile(models_dir / "a" / "1" / "saved_model.pb")
    assert os.path.isfile(models_dir / "b" / "1" / "saved_model.pb")
    config = serving.read_models_config(str(models_dir / "models.config"))
    assert [(m.name, m.base_path) for m in config.model_config_list.config] == [
        ("a", "/models/a"),
        ("b", "/models/b"),
    ]
    assert cli.main(["export", "--all", str(runs_dir), "--to", str(models_dir)]) == 0
    assert keras_gans.export.list_versions(str(models_dir / "a")) == [1, 2]
    assert cli.main(["export", "--all", str(tmp_path / "none"), "--to", "x"]) == 2
