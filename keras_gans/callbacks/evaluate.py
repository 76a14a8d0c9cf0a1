"""Callbacks that measure sample quality during training: ``Evaluate``, ``ModeCollapseMonitor``."""

import warnings

import keras
import numpy as np

from keras_gans.errors import KerasGansWarning
from keras_gans.utils.checks import check_int


def _reference(model, data):
    from keras_gans.reports.evaluation import reference_images

    return reference_images(model.image_shape, data=data)


def _default_classifier(data):
    from keras_gans.metrics import protocol_classifier
    from keras_gans.reports.evaluation import check_protocol_data

    return protocol_classifier(check_protocol_data(data))


def _due(epoch, every, params):
    number = epoch + 1
    last = (params or {}).get("epochs")
    return number % every == 0 or number == last


class Evaluate(keras.callbacks.Callback):
    """Adds FID, KID, precision/recall and class coverage to the logs every ``every`` epochs.

    Generates ``n`` images from fixed seeds (conditional models: labels
    cycling through the classes) and compares them with ``real_images``. The
    values join the epoch's logs, so callbacks listed after this one —
    ``keras.callbacks.TensorBoard`` (``epoch_fid``, ...), ``MetricsCSV``,
    ``History`` — record them. Keys: ``fid``, ``kid``, ``kid_std``,
    ``precision``, ``recall``, ``coverage``, ``coverage_kl``.

    Args:
        real_images: reference images in [-1, 1] (default: ``data``'s train
            split at the model's image size).
        every: evaluate after every ``every`` epochs (and after the last).
        metrics: names among ``"fid"``, ``"kid"``, ``"pr"``, ``"coverage"``.
        n: number of generated images.
        extractor: feature extractor for fid/kid/pr (default: ``data``'s
            classifier, ``DigitsClassifier`` or ``MnistClassifier``).
        classifier: classifier for coverage (default: the same classifier).
        seed: first seed of the generated images.
        data: the protocol's dataset, ``"digits"`` or ``"mnist"``, for the
            defaults above.

    Example:
    >>> gan = keras_gans.models.DCGAN(image_shape=(16, 16, 1), latent_dim=4,
    ...     generator_filters=8, discriminator_filters=8)
    >>> gan.compile()
    >>> digits = keras_gans.data.load("digits", image_size=16, batch_size=32)
    >>> cb = keras_gans.callbacks.Evaluate(every=1, n=100, metrics=("fid", "coverage"))
    >>> history = gan.fit(digits, epochs=1, steps_per_epoch=2, callbacks=[cb], verbose=0)
    >>> sorted(k for k in history.history if k in ("fid", "coverage"))
    ['coverage', 'fid']

    Reference:
        Heusel et al. (2017), https://arxiv.org/abs/1706.08500; Bińkowski et al.
        (2018), https://arxiv.org/abs/1801.01401; Kynkäänniemi et al. (2019),
        https://arxiv.org/abs/1904.06991
    """

    def __init__(
        self,
        real_images=None,
        every=1,
        metrics=("fid", "kid", "pr", "coverage"),
        n=500,
        extractor=None,
        classifier=None,
        seed=0,
        data="digits",
    ):
        from keras_gans.metrics import check_metric_names
        from keras_gans.reports.evaluation import check_protocol_data

        super().__init__()
        self.data = check_protocol_data(data) if real_images is None or extractor is None else data
        self.metrics = check_metric_names(metrics)
        self.every = check_int(every, "every")
        self.n = check_int(n, "n", minimum=4)
        self.real_images = real_images
        self.extractor = extractor
        self.classifier = classifier
        self.seed = seed
        self.last = None

    def evaluate(self):
        """The metrics of the current generator, as a dict of floats."""
        from keras_gans.metrics import evaluate_images

        if self.real_images is None:
            self.real_images = _reference(self.model, self.data)
        if self.extractor is None:
            self.extractor = self.classifier or _default_classifier(self.data)
        if self.classifier is None and hasattr(self.extractor, "predict_proba"):
            self.classifier = self.extractor
        fake = self.model.generate(self.n, seed=self.seed)
        return evaluate_images(
            self.real_images, fake, self.metrics, self.extractor, self.classifier
        )

    def on_epoch_end(self, epoch, logs=None):
        if not _due(epoch, self.every, self.params):
            return
        self.last = self.evaluate()
        if logs is not None:
            logs.update(self.last)


class ModeCollapseMonitor(keras.callbacks.Callback):
    """Warns once, clearly, when samples stop covering the classes or stop varying.

    Every ``every`` epochs it classifies ``n`` samples: ``coverage`` is the
    fraction of classes among confident predictions, ``diversity`` the mean
    pairwise feature distance of the samples divided by that of the real
    images (1 ~ as varied as the data, 0 = all samples identical). Below
    ``min_coverage`` or ``min_diversity`` it issues one ``KerasGansWarning``
    naming the epoch and the numbers, and adds both values to the logs.

    Args:
        real_images: images for the diversity reference (default: ``data``'s
            train split).
        classifier: a classifier with ``predict_proba`` and ``features``
            (default: ``data``'s, ``DigitsClassifier`` or ``MnistClassifier``).
        every: check after every ``every`` epochs.
        n: samples per check.
        min_coverage: warn below this class coverage.
        min_diversity: warn below this relative diversity.
        seed: first seed of the samples.
        data: the protocol's dataset, ``"digits"`` or ``"mnist"``, for the
            defaults above.

    Example:
    >>> gan = keras_gans.models.DCGAN(image_shape=(16, 16, 1), latent_dim=4,
    ...     generator_filters=8, discriminator_filters=8)
    >>> gan.compile()
    >>> digits = keras_gans.data.load("digits", image_size=16, batch_size=32)
    >>> cb = keras_gans.callbacks.ModeCollapseMonitor(n=100, min_coverage=0.0, min_diversity=0.0)
    >>> history = gan.fit(digits, epochs=1, steps_per_epoch=2, callbacks=[cb], verbose=0)
    >>> coverage = history.history["coverage"]  # one value an epoch, in [0, 1]
    >>> len(coverage), 0.0 <= min(coverage) <= 1.0
    (1, True)

    Reference:
        Srivastava et al., VEEGAN (2017), https://arxiv.org/abs/1705.07761
        (mode counting with a pretrained classifier).
    """

    def __init__(
        self,
        real_images=None,
        classifier=None,
        every=1,
        n=500,
        min_coverage=0.8,
        min_diversity=0.5,
        seed=0,
        data="digits",
    ):
        from keras_gans.reports.evaluation import check_protocol_data

        super().__init__()
        self.data = check_protocol_data(data) if real_images is None or classifier is None else data
        self.every = check_int(every, "every")
        self.n = check_int(n, "n", minimum=4)
        self.real_images = real_images
        self.classifier = classifier
        self.min_coverage = float(min_coverage)
        self.min_diversity = float(min_diversity)
        self.seed = seed
        self.warned = False
        self._real_spread = None

    @staticmethod
    def _spread(features, limit=500):
        x = np.asarray(features[:limit], np.float64)
        sq = (x * x).sum(1)
        dist = np.sqrt(np.maximum(sq[:, None] + sq[None, :] - 2 * x @ x.T, 0.0))
        return dist.sum() / (len(x) * (len(x) - 1))

    def check(self):
        """``{"coverage": ..., "diversity": ...}`` of the current generator."""
        from keras_gans.metrics import class_coverage

        if self.classifier is None:
            self.classifier = _default_classifier(self.data)
        if self._real_spread is None:
            if self.real_images is None:
                self.real_images = _reference(self.model, self.data)
            self._real_spread = self._spread(self.classifier.features(self.real_images))
        fake = self.model.generate(self.n, seed=self.seed)
        coverage = class_coverage(fake, self.classifier)["coverage"]
        diversity = self._spread(self.classifier.features(fake)) / self._real_spread
        return {"coverage": float(coverage), "diversity": float(diversity)}

    def on_epoch_end(self, epoch, logs=None):
        if not _due(epoch, self.every, self.params):
            return
        values = self.check()
        if logs is not None:
            logs.update(values)
        low = []
        if values["coverage"] < self.min_coverage:
            low.append(f"class coverage {values['coverage']:.2f} < {self.min_coverage:.2f}")
        if values["diversity"] < self.min_diversity:
            low.append(f"sample diversity {values['diversity']:.2f} < {self.min_diversity:.2f}")
        if low and not self.warned:
            self.warned = True
            warnings.warn(
                f"Possible mode collapse at epoch {epoch + 1}: {' and '.join(low)} "
                f"(the samples repeat a few kinds of image; see docs/evaluation.md).",
                KerasGansWarning,
                stacklevel=2,
            )
