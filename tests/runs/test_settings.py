"""One declaration of a run setting makes its flag, its config.json entry and its resume rule."""

import json
import os

import pytest

from keras_gans import cli
from keras_gans.errors import RunError
from keras_gans.runs import settings as settings_lib
from tests.cli.common import TINY


def config_of(run):
    with open(os.path.join(run, "config.json")) as f:
        return json.load(f)


@pytest.fixture
def probes(monkeypatch):
    """Two settings only this test declares: one kept on resume, one a resume may change."""
    kept = settings_lib.Setting("probe_level", 1, "declared by the test", int, positive=True)
    changes = settings_lib.Setting("probe_rate", 0.5, "declared by the test", float, resumable=True)
    monkeypatch.setattr(settings_lib, "SETTINGS", (*settings_lib.SETTINGS, kept, changes))
    return kept, changes


def test_a_declared_setting_is_a_flag_with_its_help(probes):
    parser = cli.build_parser()
    args = parser.parse_args(["train", "gan", "--probe-level", "7", "--probe-rate", "0.25"])
    assert (args.probe_level, args.probe_rate) == (7, 0.25)
    train = parser._subparsers._group_actions[0].choices["train"]
    assert "--probe-level" in train.format_help() and "declared by the test" in train.format_help()
    assert settings_lib.common_defaults()["probe_level"] == 1
    assert "probe_rate" in settings_lib.resumable_names()
    assert "probe_level" not in settings_lib.resumable_names()


def test_a_declared_setting_is_saved_in_config_json_and_follows_its_resume_rule(
    probes, tmp_path, capsys
):
    run = str(tmp_path / "run")
    argv = ["train", "gan", *TINY, "--out", run]
    assert cli.main([*argv, "--epochs", "1", "--probe-level", "7", "--probe-rate", "0.25"]) == 0
    config = config_of(run)
    assert config["probe_level"] == 7 and config["probe_rate"] == 0.25
    # Resumed with new values: the resumable one is taken; the other is refused, naming it,
    # unless it is given with the run's own value.
    assert cli.main([*argv, "--epochs", "2", "--probe-level", "9", "--probe-rate", "0.75"]) == 2
    assert "--probe-level 9: " in capsys.readouterr().err
    assert config_of(run)["probe_level"] == 7 and config_of(run)["probe_rate"] == 0.25
    assert cli.main([*argv, "--epochs", "2", "--probe-level", "7", "--probe-rate", "0.75"]) == 0
    config = config_of(run)
    assert config["probe_level"] == 7 and config["probe_rate"] == 0.75
    assert config["epochs"] == 2 and "(2 epochs)" in capsys.readouterr().out
    # A fresh run without the flags saves the declared defaults.
    other = str(tmp_path / "other")
    assert cli.main(["train", "gan", *TINY, "--out", other, "--epochs", "1"]) == 0
    assert config_of(other)["probe_level"] == 1 and config_of(other)["probe_rate"] == 0.5


def test_a_declared_setting_is_checked_from_its_declaration(probes, tmp_path, capsys):
    code = cli.main(["train", "gan", *TINY, "--out", str(tmp_path / "r"), "--probe-level", "0"])
    assert code == 2
    assert capsys.readouterr().err == (
        "keras-gans: error: --probe-level must be a positive integer, got 0\n"
    )
    assert not os.path.exists(tmp_path / "r")


def test_run_settings_names_an_undeclared_setting():
    with pytest.raises(RunError, match="Unknown run setting 'epoch'; choose from"):
        settings_lib.run_settings("dcgan", epoch=3)


def test_every_family_default_is_a_declared_setting():
    declared = set(settings_lib.settings_by_name())
    for family, defaults in settings_lib.MODEL_DEFAULTS.items():
        assert set(defaults) - {settings_lib.ON_DATA} <= declared, family
        for data, on_data in defaults.get(settings_lib.ON_DATA, {}).items():
            assert set(on_data) <= declared, (family, data)


def test_a_family_takes_its_defaults_for_the_data_where_it_has_them():
    mnist = settings_lib.run_settings("wgan-gp", data="mnist")
    assert (mnist["d_steps"], mnist["batch_size"], mnist["epochs"]) == (1, 32, 100)
    assert mnist["precision"] == "auto"  # the digits: None, the common default (float32)
    assert settings_lib.run_settings("wgan-gp")["precision"] is None
    # bfloat16 where the CPU has the units: measured over seeds (docs/performance.md)
    assert settings_lib.run_settings("cyclegan")["precision"] == "auto"
    assert settings_lib.run_settings("pix2pix")["precision"] is None
    assert mnist["model_args"]["discriminator_filters"] == 32  # the family's, kept
    assert settings_lib.ON_DATA not in mnist  # config.json holds settings only
    digits = settings_lib.run_settings("wgan-gp")
    assert (digits["d_steps"], digits["batch_size"], digits["epochs"]) == (None, 64, 60)
    # what the command gives still wins
    given = settings_lib.run_settings("wgan-gp", data="mnist", d_steps=3, epochs=7)
    assert (given["d_steps"], given["epochs"], given["batch_size"]) == (3, 7, 32)
    # a model argument given for the data replaces the family's; the others stay
    dcgan = settings_lib.run_settings("dcgan", data="mnist")
    assert (dcgan["batch_size"], dcgan["epochs"], dcgan["precision"]) == (32, 100, "auto")
    args = dcgan["model_args"]
    assert (args["discriminator_filters"], args["generator_filters"]) == (32, 64)
    assert (args["r1_weight"], args["ema_decay"]) == (1.0, 0.999)
    assert settings_lib.run_settings("dcgan")["model_args"]["discriminator_filters"] == 64
    cgan = settings_lib.run_settings("cgan", data="mnist")
    assert (cgan["update"], cgan["model_args"]["loss"], cgan["model_args"]["r1_every"]) == (
        "simultaneous",
        "bce",
        4,
    )
    assert cgan["model_args"]["classifier_weight"] == 2.0  # the family's, kept
    assert settings_lib.run_settings("cgan")["model_args"]["loss"] == "wgan-gp"
    given = settings_lib.run_settings("dcgan", data="mnist", model_args={"r1_every": 2})
    assert (given["model_args"]["discriminator_filters"], given["model_args"]["r1_every"]) == (
        32,
        2,
    )


def test_mixed_precision_given_alone_replaces_a_default_precision():
    from keras_gans.runs.precision import default_mixed_policy, run_policy

    assert settings_lib.run_settings("dcgan", data="mnist")["precision"] == "auto"
    given = settings_lib.run_settings("dcgan", data="mnist", mixed_precision=True)
    assert (given["precision"], given["mixed_precision"]) == (None, True)
    assert run_policy(given) == default_mixed_policy()
    both = settings_lib.run_settings(
        "dcgan", data="mnist", mixed_precision=True, precision="float32"
    )
    assert (both["precision"], both["mixed_precision"]) == ("float32", True)  # refused later


def test_a_family_on_other_built_in_data_sees_as_many_images_by_default():
    from keras_gans.data.names import TRAIN_IMAGES

    digits = settings_lib.run_settings("wgan-gp")
    assert (digits["data"], digits["epochs"]) == ("digits", 60)
    assert settings_lib.run_settings("wgan", data="mnist")["epochs"] == 43  # 120 * 1438 / 4000
    assert settings_lib.run_settings("wgan", data="digits")["epochs"] == 120  # its own data
    styled = settings_lib.run_settings("stylegan2", data="digits")
    assert (styled["epochs"], styled["precision"]) == (200, "auto")  # 72 * 4000 / 1438
    assert styled["learning_rate"] == 3e-3  # both optimizers (docs/models.md)
    assert settings_lib.run_settings("wgan", data="mnist", epochs=60)["epochs"] == 60
    assert settings_lib.run_settings("wgan-gp", data="some/folder")["epochs"] == 60
    assert TRAIN_IMAGES == {"digits": 1438, "mnist": 4000}  # tests/data check the loaders


def test_d_steps_sets_the_discriminator_updates_per_generator_update():
    from keras_gans.runs.training import fresh_run

    tiny = {"image_size": 8, "batch_size": 8, "latent_dim": 4, "steps_per_epoch": 1}
    tiny["model_args"] = {"generator_filters": 8, "discriminator_filters": 4}
    assert fresh_run(settings_lib.run_settings("wgan-gp", **tiny)).model.d_steps == 5
    start = fresh_run(settings_lib.run_settings("wgan-gp", d_steps=2, **tiny))
    assert start.model.d_steps == 2
    start.model.fit(start.dataset, steps_per_epoch=3, epochs=1, verbose=0)
    assert int(start.model.d_optimizer.iterations) == 6
    assert int(start.model.g_optimizer.iterations) == 3
    with pytest.raises(RunError, match="does not apply"):
        settings_lib.run_settings("pix2pix", d_steps=2)
