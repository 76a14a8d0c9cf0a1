import numpy as np
import pytest

from keras_gans import networks


def test_equalized_dense_scales_at_run_time():
    layer = networks.EqualizedDense(1, lr_multiplier=0.5, bias_init=2.0)
    x = np.array([[1.0, 1.0, 1.0, 1.0]], "float32")
    layer.build(x.shape)
    layer.kernel.assign(np.ones((4, 1), "float32"))
    # 4 * (0.5 / sqrt(4)) + 2 * 0.5
    assert float(layer(x)[0, 0]) == pytest.approx(2.0)
    lrelu = networks.EqualizedDense(1, activation="lrelu", use_bias=False)
    lrelu.build(x.shape)
    lrelu.kernel.assign(-np.ones((4, 1), "float32"))
    assert float(lrelu(x)[0, 0]) == pytest.approx(-2.0 * 0.2 * np.sqrt(2.0), rel=1e-6)


def test_equalized_conv_scales_its_kernel_by_one_over_root_fan_in():
    layer = networks.EqualizedConv2D(1, 3, use_bias=False)
    x = np.ones((1, 3, 3, 2), "float32")
    layer.build(x.shape)
    layer.kernel.assign(np.ones((3, 3, 2, 1), "float32"))
    # the centre pixel sees all 18 inputs: 18 / sqrt(18)
    assert float(layer(x)[0, 1, 1, 0]) == pytest.approx(np.sqrt(18.0), rel=1e-6)
    with pytest.raises(ValueError, match="Unknown activation 'relu'"):
        networks.EqualizedConv2D(1, activation="relu")
