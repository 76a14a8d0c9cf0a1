"""Networks built twice from one seed: storing live taps, as built, and full kernels."""

import keras

from keras_gans.networks.layers import LiveTapsConv2D


class FullKernels(LiveTapsConv2D):
    """``LiveTapsConv2D`` that keeps its full kernel whatever the builder asks."""

    def __init__(self, *args, store_live_taps=False, **kwargs):
        super().__init__(*args, **kwargs)


def live_and_full(monkeypatch, module, seed, build):
    """``(live, full)``: ``build()`` from ``seed`` as ``module`` builds it, and again
    with ``module``'s ``LiveTapsConv2D`` keeping full kernels."""
    built = []
    for full in (False, True):
        with monkeypatch.context() as m:
            if full:
                m.setattr(module, "LiveTapsConv2D", FullKernels)
            keras.utils.set_random_seed(seed)
            built.append(build())
    return tuple(built)
