import contextlib
import os
import shutil
import sys
import tempfile
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import keras_gans_cli  # noqa: E402  (no TensorFlow: os, sys and importlib only)

# The CLI's environment (TensorFlow's oneDNN kernels on unless set) before TensorFlow
# loads, so that the test processes and the programs they start compute as a CLI run
# does on any CPU.
keras_gans_cli.environment_defaults()


def share_cores_between_workers():
    """Under pytest-xdist, each worker's TensorFlow gets the machine's cores divided by
    the number of workers as intra-op and inter-op threads (unless the environment sets
    them), and so do the programs it starts, which inherit the variables. Two workers of
    TensorFlow's default thread pools on two cores contend for them: a subset of the
    suite ran in 249 s that way and in 200 s with one thread each (docs/architecture.md).
    """
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "0"))
    if workers > 0:
        threads = str(max(1, (os.cpu_count() or 1) // workers))
        os.environ.setdefault("TF_NUM_INTRAOP_THREADS", threads)
        os.environ.setdefault("TF_NUM_INTEROP_THREADS", threads)


share_cores_between_workers()

_CACHE = None


def machine_pace():
    """Seconds a fixed piece of pure Python, of numpy and of TensorFlow work take now. The
    suite's time moves with the machine's pace (docs/architecture.md), so the summary
    prints this at the start and the end beside it."""
    start = time.perf_counter()
    sum(i * i for i in range(8_000_000))
    python = time.perf_counter() - start
    a = np.ones((512, 512), np.float32)
    start = time.perf_counter()
    for _ in range(200):
        a @ a
    return python, time.perf_counter() - start, _tensorflow_pace()


def _tensorflow_pace():
    """Seconds of 100 traced forward+backward passes of one 5x5 stride-2 convolution
    (batch 64, 16x16x32 -> 8x8x64), the kind of op the tests' models run."""
    import tensorflow as tf

    x = tf.random.stateless_normal([64, 16, 16, 32], seed=[0, 0])
    kernel = tf.Variable(tf.random.stateless_normal([5, 5, 32, 64], seed=[0, 1]))

    @tf.function
    def step():
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(tf.square(tf.nn.conv2d(x, kernel, 2, "SAME")))
        return tape.gradient(loss, kernel)

    step().numpy()  # traces
    start = time.perf_counter()
    for _ in range(100):
        grad = step()
    grad.numpy()
    return time.perf_counter() - start


_PACE = []


def graph_optimizer_off():
    """Turns off TensorFlow's graph optimizer (Grappler) in the process that runs the
    tests, unless ``KERAS_GANS_TEST_GRAPPLER=1``. It rewrites each traced function
    before its first call, which costs a test that fits a model for a few steps more than
    the steps do (tests/models ran in 312 s against 370 s with it, docs/architecture.md).
    The programs the tests start (CLI commands, tutorials, exports loaded in a fresh
    process) run with TensorFlow's defaults, as a user's process does."""
    if os.environ.get("KERAS_GANS_TEST_GRAPPLER") != "1":
        import tensorflow as tf

        tf.config.optimizer.set_experimental_options({"disable_meta_optimizer": True})


def pytest_configure(config):
    """One fresh extractor cache per test session, shared by the xdist workers and the
    subprocesses (they inherit it); the controller measures the machine's pace. The
    processes that run tests turn Grappler off (``graph_optimizer_off``)."""
    global _CACHE
    if os.environ.get("PYTEST_XDIST_WORKER") and os.environ.get("KERAS_GANS_TEST_CACHE"):
        os.environ["KERAS_GANS_CACHE"] = os.environ["KERAS_GANS_TEST_CACHE"]
        graph_optimizer_off()
        return  # the controller made it and removes it
    _PACE.append(machine_pace())
    graph_optimizer_off()
    _CACHE = tempfile.mkdtemp(prefix="keras_gans_test_cache_")
    os.environ["KERAS_GANS_CACHE"] = os.environ["KERAS_GANS_TEST_CACHE"] = _CACHE


def pytest_terminal_summary(terminalreporter):
    if _PACE:
        (py0, np0, tf0), (py1, np1, tf1) = _PACE[0], machine_pace()
        terminalreporter.write_line(
            f"machine pace (fixed work, s): python {py0:.2f} at the start, {py1:.2f} at the "
            f"end; numpy {np0:.2f}, {np1:.2f}; tensorflow {tf0:.2f}, {tf1:.2f}"
        )


def pytest_unconfigure(config):
    if _CACHE:
        shutil.rmtree(_CACHE, ignore_errors=True)


@contextlib.contextmanager
def gradient_functions_released():
    """Drops, on exit, the gradient functions TensorFlow registered inside, so that the
    graphs traced inside can be freed. A Keras optimizer's ``apply_gradients`` in a
    traced step all-reduces the gradients through ``tf.custom_gradient``, which in graph
    mode registers a gradient function under a new name in TensorFlow's global gradient
    registry and never removes it; the function holds the traced step's tensors, and with
    them its whole graph (tensorflow/tensorflow#97697, #80895). Without this a test
    worker kept every train step it had traced (the figures: docs/architecture.md)."""
    registry = _gradient_registry()
    before = set(registry or ())
    try:
        yield
    finally:
        registry = _gradient_registry()
        added = [n for n in registry or () if n.startswith("CustomGradient-") and n not in before]
        for name in added:
            del registry[name]


def _gradient_registry():
    """TensorFlow's registry of gradient functions by op type, once TensorFlow is loaded
    (a test that does not import it does not load it here)."""
    ops = sys.modules.get("tensorflow.python.framework.ops")
    return None if ops is None else ops._gradient_registry._registry


@pytest.fixture(autouse=True)
def release_traced_graphs():
    """Every test runs in ``gradient_functions_released()``."""
    with gradient_functions_released():
        yield


@pytest.fixture
def tiny_images():
    """16 random images 8x8x1 in [-1, 1] (fixed seed)."""
    return np.random.RandomState(0).uniform(-1, 1, (16, 8, 8, 1)).astype("float32")


@pytest.fixture(scope="session")
def digits_classifier():
    """The 16x16 DigitsClassifier of the protocol: the shipped weights."""
    from keras_gans.metrics import DigitsClassifier

    return DigitsClassifier(image_size=16)


# Files whose tests share no module state, so each test may run on either worker.
PER_TEST = (
    "tests/test_docs.py",
    "tests/test_docstring_examples.py",
    "tests/models/test_stabilisers.py",
    "tests/models/test_distribution.py",
)


def pytest_collection_modifyitems(config, items):
    """Under ``pytest -n 2 --dist loadgroup`` each test file runs whole on one worker,
    and tests/reliability/ on a single worker in order (its last test checks the rows
    the others recorded); the tests of the PER_TEST files are spread one by one."""
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        path = item.path.as_posix()
        group = "reliability" if "/tests/reliability/" in path else path
        if path.endswith(PER_TEST):  # long files of independent tests: balanced one by one
            group = item.nodeid
        item.add_marker(pytest.mark.xdist_group(group))
