"""The suite's own settings (tests/conftest.py) and the processes it starts (tests/zygote.py)."""

import gc
import os
import weakref

import keras
import numpy as np
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


def test_xdist_workers_share_the_cores_and_keep_thread_counts_the_environment_sets(monkeypatch):
    from tests.conftest import share_cores_between_workers

    def threads_with(env, cpus):
        for name in ("TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS", "PYTEST_XDIST_WORKER_COUNT"):  # fmt: skip
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        monkeypatch.setattr(os, "cpu_count", lambda: cpus)
        share_cores_between_workers()
        return os.environ.get("TF_NUM_INTRAOP_THREADS"), os.environ.get("TF_NUM_INTEROP_THREADS")

    assert threads_with({"PYTEST_XDIST_WORKER_COUNT": "2"}, 2) == ("1", "1")
    assert threads_with({"PYTEST_XDIST_WORKER_COUNT": "2"}, 8) == ("4", "4")
    assert threads_with({"PYTEST_XDIST_WORKER_COUNT": "4"}, 2) == ("1", "1")
    assert threads_with({}, 2) == (None, None)  # one process: TensorFlow's defaults
    kept = {"PYTEST_XDIST_WORKER_COUNT": "2", "TF_NUM_INTRAOP_THREADS": "3"}
    assert threads_with(kept, 2) == ("3", "1")


def test_a_traced_train_steps_graph_is_freed_once_its_gradient_functions_are_released():
    """A Keras optimizer step traced in a ``tf.function`` leaves a gradient function in
    TensorFlow's global registry that keeps the traced graph alive;
    ``gradient_functions_released`` (which every test runs in) drops it on exit."""
    from tensorflow.python.framework import ops

    from tests.conftest import gradient_functions_released

    def traced_graph():
        model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
        optimizer = keras.optimizers.SGD(0.1)

        @tf.function
        def step(x):
            with tf.GradientTape() as tape:
                loss = tf.reduce_sum(model(x) ** 2)
            variables = model.trainable_variables
            optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables, strict=True))
            return loss

        concrete = step.get_concrete_function(tf.TensorSpec([4, 3]))
        concrete(np.ones((4, 3), np.float32))
        return weakref.ref(concrete.graph)

    registry = ops._gradient_registry._registry
    before = set(registry)
    with gradient_functions_released():
        graph = traced_graph()
        added = [n for n in set(registry) - before if n.startswith("CustomGradient-")]
        assert added, "the traced optimizer step registered no gradient function"
        gc.collect()
        assert graph() is not None, "the registry no longer holds the traced graph"
    assert not set(registry) - before
    gc.collect()
    assert graph() is None
