"""One declaration of a run setting makes its flag, its config.json entry and its resume rule."""

import json
import os

import pytest

from keras_gans import cli
from keras_gans.runs import settings as settings_lib
from keras_gans.runs.model_defaults import MODEL_DEFAULTS, ON_DATA
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


def test_every_family_default_is_a_declared_setting():
    declared = set(settings_lib.settings_by_name())
    for family, defaults in MODEL_DEFAULTS.items():
        assert set(defaults) - {ON_DATA} <= declared, family
        for data, on_data in defaults.get(ON_DATA, {}).items():
            assert set(on_data) <= declared, (family, data)
