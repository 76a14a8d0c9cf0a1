"""A run's settings: the common defaults, the family's (on its data), then the command's."""

import pytest

from keras_gans.errors import RunError
from keras_gans.runs.model_defaults import ON_DATA
from keras_gans.runs.resolve import check_value, run_settings
from keras_gans.runs.settings import Setting


def test_check_value_names_the_flag_and_the_rule_a_value_breaks():
    level = Setting("level", 1, "h", int, positive=True)
    rate = Setting("rate", 0.5, "h", float, positive=True, flag="--lr")
    seed = Setting("seed", 0, "h", int, non_negative=True)
    kind = Setting("kind", "a", "h", choices=("a", "b"))
    assert [check_value(level, 3), check_value(seed, 0), check_value(kind, "b")] == [3, 0, "b"]
    assert check_value(level, None) is None  # not given
    with pytest.raises(RunError, match=r"^--level must be a positive integer, got 0$"):
        check_value(level, 0)
    with pytest.raises(RunError, match=r"^--lr must be a positive number, got -0.1$"):
        check_value(rate, -0.1)
    with pytest.raises(RunError, match=r"^--seed must be a non-negative integer, got -1$"):
        check_value(seed, -1)
    with pytest.raises(RunError, match=r"^--kind must be one of \['a', 'b'\], got 'c'$"):
        check_value(kind, "c")


def test_run_settings_names_an_undeclared_setting():
    with pytest.raises(RunError, match="Unknown run setting 'epoch'; choose from"):
        run_settings("dcgan", epoch=3)


def test_a_family_takes_its_defaults_for_the_data_where_it_has_them():
    mnist = run_settings("wgan-gp", data="mnist")
    assert (mnist["d_steps"], mnist["batch_size"], mnist["epochs"]) == (1, 32, 100)
    assert mnist["precision"] == "auto"  # the digits: None, the common default (float32)
    assert run_settings("wgan-gp")["precision"] is None
    # bfloat16 where the CPU has the units: measured over seeds (docs/performance.md)
    assert run_settings("cyclegan")["precision"] == "auto"
    assert run_settings("pix2pix")["precision"] == "auto"
    assert mnist["model_args"]["discriminator_filters"] == 32  # the family's, kept
    assert ON_DATA not in mnist  # config.json holds settings only
    digits = run_settings("wgan-gp")
    assert (digits["d_steps"], digits["batch_size"], digits["epochs"]) == (None, 64, 60)
    # what the command gives still wins
    given = run_settings("wgan-gp", data="mnist", d_steps=3, epochs=7)
    assert (given["d_steps"], given["epochs"], given["batch_size"]) == (3, 7, 32)
    # a model argument given for the data replaces the family's; the others stay
    dcgan = run_settings("dcgan", data="mnist")
    assert (dcgan["batch_size"], dcgan["epochs"], dcgan["precision"]) == (32, 100, "auto")
    args = dcgan["model_args"]
    assert (args["discriminator_filters"], args["generator_filters"]) == (32, 64)
    assert (args["r1_weight"], args["ema_decay"], args["r1_every"]) == (1.0, 0.999, 4)
    assert dcgan["precision_networks"] == "all"  # both networks in bfloat16 on MNIST
    digits = run_settings("dcgan")
    assert (digits["precision"], digits["precision_networks"]) == ("auto", "discriminator")
    digits_args = digits["model_args"]
    assert (digits_args["discriminator_filters"], digits_args["r1_every"]) == (64, 8)
    cgan = run_settings("cgan", data="mnist")
    assert (cgan["update"], cgan["model_args"]["loss"], cgan["model_args"]["r1_every"]) == (
        "simultaneous",
        "bce",
        4,
    )
    assert cgan["model_args"]["classifier_weight"] == 2.0  # the family's, kept
    assert run_settings("cgan")["model_args"]["loss"] == "wgan-gp"
    given = run_settings("dcgan", data="mnist", model_args={"r1_every": 2})
    assert (given["model_args"]["discriminator_filters"], given["model_args"]["r1_every"]) == (
        32,
        2,
    )


def test_mixed_precision_given_alone_replaces_a_default_precision():
    from keras_gans.runs.precision import default_mixed_policy, run_policy

    assert run_settings("dcgan", data="mnist")["precision"] == "auto"
    given = run_settings("dcgan", data="mnist", mixed_precision=True)
    assert (given["precision"], given["mixed_precision"]) == (None, True)
    assert run_policy(given) == default_mixed_policy()
    both = run_settings("dcgan", data="mnist", mixed_precision=True, precision="float32")
    assert (both["precision"], both["mixed_precision"]) == ("float32", True)  # refused later


def test_a_family_on_other_built_in_data_sees_as_many_images_by_default():
    from keras_gans.data.names import TRAIN_IMAGES

    digits = run_settings("wgan-gp")
    assert (digits["data"], digits["epochs"]) == ("digits", 60)
    assert run_settings("wgan", data="mnist")["epochs"] == 43  # 120 * 1438 / 4000
    assert run_settings("wgan", data="digits")["epochs"] == 120  # its own data
    styled = run_settings("stylegan2", data="digits")
    assert (styled["epochs"], styled["precision"]) == (200, "auto")  # 72 * 4000 / 1438
    assert styled["learning_rate"] == 3e-3  # both optimizers (docs/models.md)
    assert run_settings("wgan", data="mnist", epochs=60)["epochs"] == 60
    assert run_settings("wgan-gp", data="some/folder")["epochs"] == 60
    assert TRAIN_IMAGES == {"digits": 1438, "mnist": 4000}  # tests/data check the loaders


def test_d_steps_sets_the_discriminator_updates_per_generator_update():
    from keras_gans.runs.training import fresh_run

    tiny = {"image_size": 8, "batch_size": 8, "latent_dim": 4, "steps_per_epoch": 1}
    tiny["model_args"] = {"generator_filters": 8, "discriminator_filters": 4}
    assert fresh_run(run_settings("wgan-gp", **tiny)).model.d_steps == 5
    start = fresh_run(run_settings("wgan-gp", d_steps=2, **tiny))
    assert start.model.d_steps == 2
    start.model.fit(start.dataset, steps_per_epoch=3, epochs=1, verbose=0)
    assert int(start.model.d_optimizer.iterations) == 6
    assert int(start.model.g_optimizer.iterations) == 3
    with pytest.raises(RunError, match="does not apply"):
        run_settings("pix2pix", d_steps=2)
