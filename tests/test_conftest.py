"""The suite's own settings (tests/conftest.py)."""

import os

import tensorflow as tf

from tests.helpers import run_program


def test_tests_run_without_grappler_and_the_programs_they_start_with_it():
    wanted_off = os.environ.get("KERAS_GANS_TEST_GRAPPLER") != "1"
    options = tf.config.optimizer.get_experimental_options()
    assert bool(options.get("disable_meta_optimizer")) is wanted_off
    assert run_program("graph_options") == {"disable_meta_optimizer": False}
