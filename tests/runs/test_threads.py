"""TensorFlow's thread pools for a run: ``--threads``."""

import json
import os

import pytest

from keras_gans.errors import ArgumentError
from keras_gans.runs import threads
from tests.cli.common import TINY, cli


def test_settings_name_the_counts_and_bad_ones_say_the_choices():
    assert threads.thread_counts("default") is None and threads.thread_counts(None) is None
    assert threads.thread_counts("parallel-ops", cores=4) == (1, 4)
    assert threads.thread_counts("auto", cores=8, gpu=False) == (1, 8)
    assert threads.thread_counts("auto", cores=8, gpu=True) is None  # TensorFlow's, on a GPU
    assert threads.thread_counts("2:3") == (2, 3)
    for bad in ("fast", "0:2", "1", "1:2:3", "a:b"):
        with pytest.raises(ArgumentError, match=rf"--threads must be 'default', .*got '{bad}'"):
            threads.thread_counts(bad)


def test_once_tensorflow_runs_auto_keeps_its_pools_and_other_counts_are_refused():
    import tensorflow as tf

    tf.constant(1.0) + 1  # the runtime has started (it has in any test process)
    running = threads.current_counts()
    assert threads.apply_threads("auto") == running
    assert threads.apply_threads("default") == running
    other = f"{running[0] + 3}:{running[1] + 3}"
    with pytest.raises(ArgumentError, match=rf"--threads {other} cannot take effect: Tens"):
        threads.apply_threads(other)
    assert threads.current_counts() == running


def test_a_cli_run_sets_the_pools_before_tensorflow_starts_and_records_them(tmp_path):
    run = str(tmp_path / "run")
    result = cli("train", "gan", "--epochs", "1", "--out", run, "--threads", "1:3", *TINY)
    assert result.returncode == 0, result.stderr[-2000:]
    config = json.load(open(os.path.join(run, "config.json")))
    assert (config["threads"], config["thread_counts"]) == ("1:3", [1, 3])
    cores = os.cpu_count()
    result = cli("train", "gan", "--epochs", "2", "--out", run, "--threads", "auto", *TINY)
    assert result.returncode == 0, result.stderr[-2000:]
    config = json.load(open(os.path.join(run, "config.json")))  # the resumed command's
    assert (config["threads"], config["thread_counts"]) == ("auto", [1, cores])


def test_a_bad_setting_is_one_sentence_and_leaves_no_folder(tmp_path):
    run = str(tmp_path / "run")
    result = cli("train", "gan", "--epochs", "1", "--out", run, "--threads", "fast", *TINY)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == (
        "keras-gans: error: --threads must be 'default', 'parallel-ops', 'auto' or "
        "INTRA:INTER with two positive counts (e.g. 1:2), got 'fast'"
    )
    assert not os.path.exists(run)


@pytest.mark.slow
def test_more_ops_at_once_leave_the_numbers_as_one_thread_gives_them(tmp_path):
    """One thread inside each op computes each op as a one-thread run does (the seed
    benchmarks' setting); running independent ops side by side changes no value."""
    from keras_gans.runs import load_checkpoint

    weights = []
    for setting in ("1:1", "1:2"):
        run = str(tmp_path / setting.replace(":", "-"))
        result = cli("train", "gan", "--epochs", "1", "--out", run, "--threads", setting, *TINY)
        assert result.returncode == 0, result.stderr[-2000:]
        model, _ = load_checkpoint(run)
        weights.append(model.get_weights())
    assert len(weights[0]) == len(weights[1]) > 0
    for a, b in zip(*weights, strict=True):
        assert (a == b).all()
