"""Class-conditional DCGAN networks: the label joins z (generator) and the image (discriminator)."""

import keras

from keras_gans.errors import ArgumentError
from keras_gans.networks.dcgan import (
    dcgan_discriminator_body,
    dcgan_discriminator_features,
    dcgan_generator_body,
)
from keras_gans.networks.validation import check_image_shape, check_latent_dim


@keras.saving.register_keras_serializable(package="keras_gans")
class OneHot(keras.layers.Layer):
    """Integer labels ``[batch]`` -> float one-hot ``[batch, num_classes]``.

    Args:
        num_classes: number of classes.
        **kwargs: passed to ``keras.layers.Layer``.
    """

    def __init__(self, num_classes, **kwargs):
        super().__init__(**kwargs)
        self.num_classes = int(num_classes)

    def call(self, labels):
        labels = keras.ops.cast(keras.ops.reshape(labels, (-1,)), "int32")
        return keras.ops.one_hot(labels, self.num_classes, dtype=self.compute_dtype)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.num_classes)

    def get_config(self):
        return {**super().get_config(), "num_classes": self.num_classes}


@keras.saving.register_keras_serializable(package="keras_gans")
class LabelChannels(keras.layers.Layer):
    """Appends a label's one-hot code to an image as constant channels.

    ``[images [b, h, w, c], labels [b]]`` -> ``[b, h, w, c + num_classes]``:
    channel ``c + k`` is 1 everywhere for label ``k`` and 0 otherwise.

    Args:
        num_classes: number of classes.
        **kwargs: passed to ``keras.layers.Layer``.
    """

    def __init__(self, num_classes, **kwargs):
        super().__init__(**kwargs)
        self.num_classes = int(num_classes)

    def call(self, inputs):
        images, labels = inputs
        labels = keras.ops.cast(keras.ops.reshape(labels, (-1,)), "int32")
        code = keras.ops.one_hot(labels, self.num_classes, dtype=images.dtype)
        shape = keras.ops.shape(images)
        planes = keras.ops.broadcast_to(
            code[:, None, None, :], (shape[0], shape[1], shape[2], self.num_classes)
        )
        return keras.ops.concatenate([images, planes], axis=-1)

    def compute_output_shape(self, input_shape):
        images_shape = input_shape[0]
        return (*images_shape[:-1], images_shape[-1] + self.num_classes)

    def get_config(self):
        return {**super().get_config(), "num_classes": self.num_classes}


def _check_num_classes(num_classes):
    if isinstance(num_classes, bool) or not isinstance(num_classes, int) or num_classes < 2:
        raise ArgumentError(f"num_classes must be an int >= 2, got {num_classes!r}.")
    return num_classes


def conditional_generator(latent_dim, num_classes, image_shape, filters=64, name="generator"):
    """DCGAN generator on ``concat(z, one_hot(label))``.

    Args:
        latent_dim: size of z.
        num_classes: number of labels.
        image_shape: ``(height, width, channels)``, sides even and >= 8.
        filters: width of the last hidden block.
        name: model name.

    Returns:
        A ``keras.Model`` mapping ``[z [b, latent_dim], label int [b]]`` to
        images in [-1, 1].

    Example:
    >>> g = keras_gans.networks.conditional_generator(8, 10, (16, 16, 1), filters=8)
    >>> g.output_shape
    (None, 16, 16, 1)

    Reference:
        Mirza and Osindero, Conditional Generative Adversarial Nets (2014),
        https://arxiv.org/abs/1411.1784
    """
    latent_dim = check_latent_dim(latent_dim)
    num_classes = _check_num_classes(num_classes)
    z = keras.Input((latent_dim,), name="z")
    label = keras.Input((), dtype="int32", name="label")
    x = keras.layers.Concatenate()([z, OneHot(num_classes)(label)])
    return keras.Model([z, label], dcgan_generator_body(x, image_shape, filters), name=name)


@keras.saving.register_keras_serializable(package="keras_gans")
class ClassProjection(keras.layers.Layer):
    """``[features [b, d], labels [b]]`` -> ``[b, 1]``: ``<embedding(label), features>``.

    The class term of the projection discriminator: a learned vector per class, dotted
    with the discriminator's features.

    Args:
        num_classes: number of classes.

    Example:
    >>> layer = keras_gans.networks.ClassProjection(3)
    >>> out = layer([np.ones((2, 4), "float32"), np.array([0, 2])])
    >>> out.shape
    TensorShape([2, 1])

    Reference:
        Miyato and Koyama, cGANs with Projection Discriminator (2018),
        https://arxiv.org/abs/1802.05637
    """

    def __init__(self, num_classes, **kwargs):
        super().__init__(**kwargs)
        self.num_classes = int(num_classes)

    def build(self, input_shape):
        features_shape, _ = input_shape
        self.embeddings = self.add_weight(
            shape=(self.num_classes, features_shape[-1]),
            initializer="glorot_uniform",
            name="embeddings",
        )

    def call(self, inputs):
        features, labels = inputs
        vectors = keras.ops.take(self.embeddings, keras.ops.cast(labels, "int32"), axis=0)
        return keras.ops.sum(vectors * features, axis=-1, keepdims=True)

    def compute_output_shape(self, input_shape):
        return (input_shape[0][0], 1)

    def get_config(self):
        return {**super().get_config(), "num_classes": self.num_classes}


@keras.saving.register_keras_serializable(package="keras_gans")
class LabelLogLikelihood(keras.layers.Layer):
    """``[class_logits [b, k], labels [b]]`` -> ``[b, 1]``: ``log softmax(class_logits)[label]``.

    The auxiliary classifier's verdict on the given labels (AC-GAN): the log-probability
    it gives each image's label, computed in float32.

    Args:
        **kwargs: passed to ``keras.layers.Layer``.

    Example:
    >>> layer = keras_gans.networks.LabelLogLikelihood()
    >>> out = layer([np.log(np.array([[1.0, 3.0]], "float32")), np.array([1])])
    >>> round(float(np.exp(out[0, 0])), 6)
    0.75

    Reference:
        Odena, Olah and Shlens, Conditional Image Synthesis with Auxiliary Classifier
        GANs (2017), https://arxiv.org/abs/1610.09585
    """

    def call(self, inputs):
        class_logits, labels = inputs
        log_probs = keras.ops.log_softmax(keras.ops.cast(class_logits, "float32"), axis=-1)
        labels = keras.ops.cast(keras.ops.reshape(labels, (-1,)), "int32")
        return keras.ops.take_along_axis(log_probs, labels[:, None], axis=-1)

    def compute_output_shape(self, input_shape):
        return (input_shape[0][0], 1)


def conditional_discriminator(
    image_shape,
    num_classes,
    filters=64,
    num_layers=4,
    normalization="batch",
    projection=False,
    classifier=False,
    name="discriminator",
):
    """DCGAN discriminator that sees the label: as extra channels, by projection, or
    through an auxiliary classifier.

    By default the label's one-hot code is appended to the image as constant channels
    (Mirza and Osindero). With ``projection=True`` the image goes in alone and the
    label enters at the end: ``logits = dense(h) + <embedding(label), h>`` for the
    features ``h`` (Miyato and Koyama 2018). With ``classifier=True`` the image goes
    in alone, and a second head classifies it (AC-GAN, Odena et al. 2017): the output
    has two columns, the adversarial logit (of ``dense(h)``, plus the projection term
    with ``projection=True``) and ``log p(label | image)`` of the classifier head.

    Args:
        image_shape: ``(height, width, channels)`` of the images.
        num_classes: number of labels.
        filters: filters of the first convolution.
        num_layers: number of stride-2 convolutions.
        normalization: ``"batch"``, ``"layer"`` or ``"none"`` (None: the same).
        projection: the projection discriminator instead of label channels.
        classifier: add the auxiliary classifier head (and no label channels).
        name: model name.

    Returns:
        A ``keras.Model`` mapping ``[images, label int [b]]`` to logits ``[b, 1]``
        (``classifier=True``: ``[b, 2]``, the logit then the label's log-likelihood).

    Example:
    >>> d = keras_gans.networks.conditional_discriminator((16, 16, 1), 10, filters=8)
    >>> d.output_shape
    (None, 1)

    Reference:
        Mirza and Osindero, Conditional Generative Adversarial Nets (2014),
        https://arxiv.org/abs/1411.1784; Miyato and Koyama, cGANs with Projection
        Discriminator (2018), https://arxiv.org/abs/1802.05637; Odena, Olah and
        Shlens, Conditional Image Synthesis with Auxiliary Classifier GANs (2017),
        https://arxiv.org/abs/1610.09585
    """
    image_shape = check_image_shape(image_shape)
    num_classes = _check_num_classes(num_classes)
    images = keras.Input(image_shape, name="images")
    label = keras.Input((), dtype="int32", name="label")
    if not (projection or classifier):
        x = LabelChannels(num_classes)([images, label])
        logits = dcgan_discriminator_body(x, filters, num_layers, normalization)
        return keras.Model([images, label], logits, name=name)
    h = dcgan_discriminator_features(images, filters, num_layers, normalization)
    h = keras.layers.Activation("linear", dtype="float32", name="features_float32")(h)
    logits = keras.layers.Dense(1, dtype="float32", name="unconditional")(h)
    if projection:
        by_class = ClassProjection(num_classes, dtype="float32", name="projection")([h, label])
        logits = keras.layers.Add(dtype="float32", name="logits")([logits, by_class])
    if classifier:
        class_logits = keras.layers.Dense(num_classes, dtype="float32", name="classifier")(h)
        likelihood = LabelLogLikelihood(dtype="float32", name="label_log_likelihood")(
            [class_logits, label]
        )
        logits = keras.layers.Concatenate(dtype="float32", name="logits_and_likelihood")(
            [logits, likelihood]
        )
    return keras.Model([images, label], logits, name=name)
