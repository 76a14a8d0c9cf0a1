"""Networks built twice from one seed: storing live taps, as built, and full kernels."""

import keras

from keras_gans.networks.live_taps import LiveTapsConv2D, LiveTapsConv2DTranspose


def _keeping_full_kernels(cls):
    """``cls`` keeping its full kernel whatever the builder asks."""

    class FullKernels(cls):
        def __init__(self, *args, store_live_taps=False, **kwargs):
            super().__init__(*args, **kwargs)

    return FullKernels


FULL_KERNELS = {
    cls.__name__: _keeping_full_kernels(cls) for cls in (LiveTapsConv2D, LiveTapsConv2DTranspose)
}


def live_and_full(monkeypatch, module, seed, build):
    """``(live, full)``: ``build()`` from ``seed`` as ``module`` builds it, and again
    with ``module``'s live-taps layers keeping full kernels."""
    built = []
    for full in (False, True):
        with monkeypatch.context() as m:
            if full:
                for name, cls in FULL_KERNELS.items():
                    if hasattr(module, name):
                        m.setattr(module, name, cls)
            keras.utils.set_random_seed(seed)
            built.append(build())
    return tuple(built)
