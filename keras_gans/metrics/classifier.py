"""``DigitsClassifier``, ``MnistClassifier``: small CNNs trained on the embedded data, the
offline feature extractors and classifiers of the evaluation protocol."""

import contextlib
import hashlib
import json
import os

import keras
import numpy as np
import tensorflow as tf

from keras_gans.data.digits import digits_arrays
from keras_gans.data.mnist import mnist_arrays
from keras_gans.errors import ArgumentError

CACHE_VERSION = 1
NUM_CLASSES = 10
SHIPPED_DIR = os.path.join(os.path.dirname(__file__), "weights")


def shipped_weights():
    """``{name: {"accuracy", "fingerprint"}}`` of the classifiers whose weights ship with
    keras_gans (``weights/NAME.npz``): the evaluation protocol's two, trained at one
    TensorFlow thread, so every machine scores FIDs on the scale of docs/results.md."""
    with open(os.path.join(SHIPPED_DIR, "shipped.json")) as f:
        return json.load(f)


def cache_dir():
    """Where trained extractors are cached: ``$KERAS_GANS_CACHE``, else ``~/.cache/keras_gans``."""
    path = os.environ.get("KERAS_GANS_CACHE")
    if not path:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        path = os.path.join(base, "keras_gans")
    return path


@contextlib.contextmanager
def cache_lock(path):
    """Holds an exclusive lock on ``path + ".lock"`` (POSIX ``flock``; elsewhere none):
    processes that need the same cached network wait for the one training it and then
    load its file, instead of training it again."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, at worst a network is trained twice
        yield
        return
    with open(path + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _as_images(images, image_size, channels=1):
    """float32 ``[n, image_size, image_size, channels]`` from images in [-1, 1] or uint8."""
    images = np.asarray(images)
    if images.dtype == np.uint8:
        images = images.astype(np.float32) / 127.5 - 1.0
    images = np.asarray(images, np.float32)
    if images.ndim != 4 or images.shape[-1] != channels:
        raise ArgumentError(
            f"Expected images of shape [n, height, width, {channels}], got {images.shape}."
        )
    if images.shape[1:3] != (image_size, image_size):
        method = "area" if images.shape[1] > image_size else "bilinear"
        images = tf.image.resize(images, (image_size, image_size), method=method).numpy()
    return images


def build_digits_network(image_size, seed=0, name="digits_classifier"):
    """The classifier network: 2 conv blocks, a 128-unit feature layer, 10 logits."""

    def init(i):
        return keras.initializers.GlorotUniform(seed=seed + i)

    inputs = keras.Input((image_size, image_size, 1), name="images")
    x = keras.layers.Conv2D(32, 3, padding="same", activation="relu", kernel_initializer=init(1))(
        inputs
    )
    x = keras.layers.MaxPooling2D()(x)
    x = keras.layers.Conv2D(64, 3, padding="same", activation="relu", kernel_initializer=init(2))(x)
    x = keras.layers.MaxPooling2D()(x)
    x = keras.layers.Flatten()(x)
    x = keras.layers.Dropout(0.3, seed=seed)(x)
    features = keras.layers.Dense(
        128, activation="relu", kernel_initializer=init(3), name="features"
    )(x)
    logits = keras.layers.Dense(NUM_CLASSES, kernel_initializer=init(4), name="logits")(features)
    return keras.Model(inputs, logits, name=name)


def shifted_copies(images, labels, copies, seed, max_shift=2):
    """``images`` plus ``copies`` copies, each image moved by a fixed random shift of up
    to ``max_shift`` pixels per axis (filled with the background, -1)."""
    if not copies:
        return images, labels
    rng = np.random.RandomState(seed)
    pad = max_shift
    padded = np.pad(images, ((0, 0), (pad, pad), (pad, pad), (0, 0)), constant_values=-1.0)
    h, w = images.shape[1:3]
    out = [images]
    for _ in range(copies):
        dy, dx = rng.randint(0, 2 * pad + 1, size=(2, len(images)))
        out.append(
            np.stack([p[a : a + h, b : b + w] for p, a, b in zip(padded, dy, dx, strict=True)])
        )
    return np.concatenate(out), np.concatenate([labels] * (copies + 1))


def read_weights_npz(path):
    """The weight arrays, in ``get_weights()`` order, of a file written by
    ``np.savez_compressed(path, *model.get_weights())`` (the shipped weights' format)."""
    with np.load(path) as arrays:
        return [arrays[f"arr_{i}"] for i in range(len(arrays.files))]


def weights_fingerprint(model):
    """The first 12 hex digits of the SHA-256 of ``model``'s weights, in order."""
    digest = hashlib.sha256()
    for weight in model.get_weights():
        digest.update(np.ascontiguousarray(weight).tobytes())
    return digest.hexdigest()[:12]


class ImageClassifier:
    """The shared machinery of ``DigitsClassifier`` and ``MnistClassifier``: load the
    shipped weights of the protocol's configurations, else train on the dataset's train
    split on first use and cache; predict and extract features."""

    num_classes = NUM_CLASSES
    dataset = None  # set by subclasses: "digits", "mnist"
    shifted_copies = 0  # training copies of each image, shifted by up to 2 pixels

    def __init__(self, image_size, epochs, seed, shipped=True):
        if isinstance(image_size, bool) or not isinstance(image_size, int) or image_size < 8:
            raise ArgumentError(f"image_size must be an int >= 8, got {image_size!r}.")
        self.image_size = image_size
        self.epochs = int(epochs)
        self.seed = int(seed)
        shift = f"_shift{self.shifted_copies}" if self.shifted_copies else ""
        self.name = (
            f"{self.dataset}_classifier_{image_size}px_e{self.epochs}_s{self.seed}"
            f"{shift}_v{CACHE_VERSION}"
        )
        self.trained = False
        record = shipped_weights().get(self.name) if shipped else None
        if record:
            self.path = os.path.join(SHIPPED_DIR, self.name + ".npz")
            self.model = self._load_shipped(record["fingerprint"])
            self.accuracy = record["accuracy"]
        else:
            self.path = os.path.join(cache_dir(), self.name + ".keras")
            self._load_or_train()
        self._features = keras.Model(
            self.model.input,
            self.model.get_layer("features").output,
            name=f"{self.dataset}_features",
        )

    def _load_shipped(self, fingerprint):
        model = build_digits_network(self.image_size, self.seed, f"{self.dataset}_classifier")
        model.set_weights(read_weights_npz(self.path))
        found = weights_fingerprint(model)
        if found != fingerprint:
            raise RuntimeError(
                f"The shipped weights {self.path} have fingerprint {found}, not the "
                f"{fingerprint} that shipped.json records: the file is damaged; reinstall "
                "keras_gans."
            )
        return model

    def _load_or_train(self):
        with cache_lock(self.path):
            if os.path.isfile(self.path) and os.path.isfile(self.path + ".json"):
                self.model = keras.models.load_model(self.path)
                with open(self.path + ".json") as f:
                    self.accuracy = json.load(f)["accuracy"]
            else:
                self.model, self.accuracy = self._train()
                self._save()
                self.trained = True

    def arrays(self, split):
        """``(images, labels)`` of the dataset's ``split`` at ``image_size``."""
        arrays = {"digits": digits_arrays, "mnist": mnist_arrays}[self.dataset]
        return arrays(self.image_size, split, 1)

    def _train(self):
        x, y = self.arrays("train")
        x_test, y_test = self.arrays("test")
        x, y = shifted_copies(x, y, self.shifted_copies, self.seed)
        model = build_digits_network(self.image_size, self.seed, f"{self.dataset}_classifier")
        model.compile(
            optimizer=keras.optimizers.Adam(self.learning_rate(-(-len(x) // 32) * self.epochs)),
            loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
            metrics=["accuracy"],
        )
        data, epochs = self.training_data(x, y)
        model.fit(data, epochs=epochs, shuffle=False, verbose=0)
        predictions = np.argmax(model.predict(x_test, batch_size=256, verbose=0), axis=1)
        return model, float((predictions == y_test).mean())

    def learning_rate(self, steps):
        """Adam's learning rate for a training of ``steps`` steps: 1e-3."""
        return 1e-3

    def training_data(self, x, y):
        """``(batches of 32 shuffled by tf.data with the seed, epochs)``."""
        data = (
            tf.data.Dataset.from_tensor_slices((x, y))
            .shuffle(len(x), seed=self.seed)
            .batch(32)
            .prefetch(2)
        )
        return data, self.epochs

    def _save(self):
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        tmp = self.path[: -len(".keras")] + f".tmp{os.getpid()}.keras"
        self.model.save(tmp)
        os.replace(tmp, self.path)
        with open(self.path + ".json.tmp", "w") as f:
            json.dump({"accuracy": self.accuracy, "image_size": self.image_size}, f)
        os.replace(self.path + ".json.tmp", self.path + ".json")

    @property
    def fingerprint(self):
        """The first 12 hex digits of the SHA-256 of the network's weights: two
        classifiers score FIDs on one scale only where their fingerprints are equal
        (training is bit-exact for a given TensorFlow thread count, not across them)."""
        return weights_fingerprint(self.model)

    def _run(self, network, images, batch_size):
        images = _as_images(images, self.image_size)
        return np.concatenate(
            [
                np.asarray(network(images[i : i + batch_size], training=False), np.float64)
                for i in range(0, len(images), batch_size)
            ]
        )

    def predict_proba(self, images, batch_size=512):
        """Class probabilities ``[n, 10]`` for images in [-1, 1] (or uint8)."""
        logits = self._run(self.model, images, batch_size)
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        return probs / probs.sum(axis=1, keepdims=True)

    def predict(self, images, batch_size=512):
        """Predicted classes ``[n]``."""
        return np.argmax(self.predict_proba(images, batch_size), axis=1)

    def features(self, images, batch_size=512):
        """Penultimate-layer features ``[n, 128]`` (float64)."""
        return self._run(self._features, images, batch_size)

    __call__ = features


class DigitsClassifier(ImageClassifier):
    """A CNN trained on the digits train split: class probabilities and features.

    The evaluation protocol's configuration (16 pixels, 30 epochs, seed 0) loads the
    weights that ship with keras_gans (trained at one TensorFlow thread; fingerprint
    ``b66ff6e1fa17``), so its FIDs are on the scale of docs/results.md on every
    machine. Any other configuration, or ``shipped=False``, is trained on first use
    (fixed seed; a few seconds, docs/evaluation.md) and cached in ``cache_dir()``
    (``$KERAS_GANS_CACHE`` overrides it); later uses load the cached file. Its held-out
    accuracy (digits test split) is ``accuracy``. Features, for FID/KID/precision-recall,
    are the 128 activations of its penultimate layer. Images of another size are
    resized to ``image_size`` (area when shrinking, bilinear when growing).

    Args:
        image_size: side of the images it is trained on (the digits are
            upsampled from 8x8 as ``keras_gans.data`` does).
        epochs: training epochs when neither shipped weights nor a cached copy exist.
        seed: seed of the initial weights, dropout and shuffling.
        shipped: load the shipped weights where this configuration has them; False
            trains at this process's thread count instead (or loads that cache).

    Example:
    >>> clf = keras_gans.metrics.DigitsClassifier(image_size=16)
    >>> images, labels = keras_gans.data.load_arrays("digits", 16, "test", with_labels=True)
    >>> bool((clf.predict(images) == labels).mean() >= 0.97)
    True

    Reference:
        Heusel et al. (2017), https://arxiv.org/abs/1706.08500 (FID on a
        classifier's features; here a digits classifier instead of Inception).
    """

    dataset = "digits"

    def __init__(self, image_size=16, epochs=30, seed=0, shipped=True):
        super().__init__(image_size, epochs, seed, shipped)


class MnistClassifier(ImageClassifier):
    """A CNN trained on the MNIST train split (4,000 digits): class probabilities and features.

    The network of ``DigitsClassifier``, trained on
    ``keras_gans.data.mnist_arrays(split="train")`` and two copies of it, each digit
    moved by a fixed random shift of up to 2 pixels; ``accuracy`` is its share
    right on the 1,000 held-out test digits. It is the extractor and classifier of
    the MNIST evaluation protocol (docs/evaluation.md). The protocol's configuration
    (28 pixels, 10 epochs, seed 0) loads the shipped weights (fingerprint
    ``785498c59ea8``, accuracy 0.988); others, or ``shipped=False``, train on first
    use (about a minute on 2 cores for 10 epochs) and are cached in ``cache_dir()``.
    Images of another size are resized to ``image_size``.

    Args:
        image_size: side of the images it is trained on (MNIST is 28x28).
        epochs: training epochs when neither shipped weights nor a cached copy exist.
        seed: seed of the initial weights, dropout and shuffling.
        shipped: load the shipped weights where this configuration has them; False
            trains at this process's thread count instead (or loads that cache).

    Example:
    >>> clf = keras_gans.metrics.MnistClassifier()  # the shipped weights
    >>> clf.fingerprint, clf.trained
    ('785498c59ea8', False)
    >>> images, labels = keras_gans.data.load_arrays("mnist", 28, "test", with_labels=True)
    >>> bool((clf.predict(images) == labels).mean() >= 0.98), clf.features(images).shape
    (True, (1000, 128))

    Reference:
        LeCun et al. (1998), http://yann.lecun.com/exdb/mnist/ (the data); Heusel et
        al. (2017), https://arxiv.org/abs/1706.08500 (FID on a classifier's features).
    """

    dataset = "mnist"
    shifted_copies = 2

    def __init__(self, image_size=28, epochs=10, seed=0, shipped=True):
        super().__init__(image_size, epochs, seed, shipped)

    def learning_rate(self, steps):
        """1e-3 decayed to 0 along a cosine over the training."""
        return keras.optimizers.schedules.CosineDecay(1e-3, steps)

    def training_data(self, x, y):
        """All epochs as one pass of batches of 32, each epoch in its own order drawn by
        numpy from the seed, so the result does not depend on TensorFlow's global seed."""
        rng = np.random.RandomState(self.seed)
        batches = [
            order[i : i + 32]
            for order in (rng.permutation(len(x)) for _ in range(self.epochs))
            for i in range(0, len(x), 32)
        ]
        images, labels = tf.constant(x), tf.constant(y)
        data = tf.data.Dataset.from_generator(
            lambda: iter(batches), output_signature=tf.TensorSpec((None,), tf.int64)
        ).map(lambda idx: (tf.gather(images, idx), tf.gather(labels, idx)))
        return data.prefetch(2), 1


def protocol_classifier(data):
    """The evaluation protocol's classifier for ``data``: ``"digits"`` or ``"mnist"``."""
    if data == "mnist":
        return MnistClassifier()
    if data == "digits":
        return DigitsClassifier(image_size=16)
    raise ArgumentError(
        f"The evaluation protocol has no classifier for {data!r}; choose from "
        f"['digits', 'mnist'] or pass a classifier."
    )
