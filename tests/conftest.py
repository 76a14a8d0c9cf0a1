import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture
def tiny_images():
    """16 random images 8x8x1 in [-1, 1] (fixed seed)."""
    return np.random.RandomState(0).uniform(-1, 1, (16, 8, 8, 1)).astype("float32")
