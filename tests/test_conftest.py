"""The suite's own settings (tests/conftest.py) and the processes it starts (tests/zygote.py)."""

import os

import tensorflow as tf

from tests.helpers import ENV, run_program


def test_tests_run_without_grappler_and_the_programs_they_start_with_it():
    wanted_off = os.environ.get("KERAS_GANS_TEST_GRAPPLER") != "1"
    options = tf.config.optimizer.get_experimental_options()
    assert bool(options.get("disable_meta_optimizer")) is wanted_off
    assert run_program("graph_options") == {"disable_meta_optimizer": False}


def test_a_forked_program_uses_its_tmpdir_and_ends_as_a_process_ends(tmp_path):
    """The zygote's children (tests/zygote.py) run their ``atexit`` handlers, so
    AutoGraph's generated files in the temporary folder are removed as in a fresh
    process, not left behind by every run of the suite."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    marker = tmp_path / "atexit_ran"
    result = run_program("process_end", {"marker": str(marker)}, env={**ENV, "TMPDIR": str(folder)})
    assert result == {"tempdir": str(folder), "generated": 1}
    assert marker.exists()
    assert not [f for f in os.listdir(folder) if f.startswith("__autograph_generated_file")]
