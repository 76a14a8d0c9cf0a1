"""Timing workers: a process per TensorFlow thread setting, driven line by line."""

import pytest

from benchmarks import workers


def test_settings_parse_to_thread_counts_and_bad_ones_say_the_form():
    assert workers.parse_setting("default") is None
    assert workers.parse_setting("1:2") == (1, 2)
    for bad in ("1", "0:2", "a:b", "1:2:3", "-1:2"):
        with pytest.raises(ValueError, match=f"Thread setting '{bad}' is not 'default' or"):
            workers.parse_setting(bad)


# slow: it starts two TensorFlow processes
@pytest.mark.slow
def test_a_worker_runs_under_its_setting_and_a_failing_request_names_it():
    worker = workers.Worker("2:1")
    try:
        assert worker.threads() == (2, 1)  # as TensorFlow reports them in the child
        with pytest.raises(RuntimeError, match=r"the worker for '2:1' exited \(1\)"):
            worker.time("ours", 2, 2)  # nothing built: a KeyError in the child
    finally:
        worker.close()


@pytest.mark.slow
def test_a_worker_builds_a_spec_and_times_a_round_of_each_side():
    worker = workers.Worker("1:2")
    try:
        info = worker.build("gan", ("ours", "reference"))
        assert (info["model"], info["data"], info["size"], info["batch"]) == (
            "gan", "digits", 16, 32,
        )  # fmt: skip
        assert info["flops"] > 0 and info["cli_policy"] == "float32"  # gan: no --precision
        assert all(worker.time(side, 2, 2) > 0 for side in ("ours", "reference"))
    finally:
        worker.close()
