"""Serving signatures of exported generators, as ``tf.function``s with fixed input specs.

``signatures_for(model)`` picks them from what the model is: a noise model
(``serving_default(z)``, ``sample(seed)``), a conditional one (both with a
``label``), or an image translator (one float and one uint8 signature per
direction).
"""

import tensorflow as tf

from keras_gans.utils.noise import noise_from_seeds


def images_to_uint8(images):
    """float images in [-1, 1] -> uint8 in [0, 255] (rounded, clipped), in TF."""
    images = tf.cast(images, tf.float32)
    return tf.cast(tf.clip_by_value(tf.round((images + 1.0) * 127.5), 0.0, 255.0), tf.uint8)


def signatures_for(model):
    """The signatures ``keras_gans.export.save_generator`` writes for ``model``.

    Args:
        model: a keras_gans model: noise models use ``generator``, ``latent_dim``
            and ``conditional``; translation models (``translation`` True) use
            ``translators()`` (``{direction: generator}``) and ``domain_shapes``.
            Noise models export ``inference_generator`` (the EMA generator when set).
    """
    if getattr(model, "translation", False):
        translators = model.translators()
        shapes = dict(zip(("a2b", "b2a"), model.domain_shapes, strict=True))
        if len(translators) == 1:
            ((direction, generator),) = translators.items()
            return translation_signatures(
                {"serving_default": (generator, shapes[direction])},
                {"serving_default": "translate_uint8"},
            )
        return translation_signatures(
            {
                "serving_default": (translators["a2b"], shapes["a2b"]),
                **{d: (translators[d], shapes[d]) for d in ("a2b", "b2a")},
            },
            {"a2b": "a2b_uint8", "b2a": "b2a_uint8"},
        )
    if getattr(model, "styled", False):
        return styled_signatures(model.inference_generator, model.latent_dim)
    if model.conditional:
        return conditional_signatures(model.inference_generator, model.latent_dim)
    return unconditional_signatures(model.inference_generator, model.latent_dim)


def unconditional_signatures(generator, latent_dim):
    """``serving_default(z) -> images`` and ``sample(seed) -> images_uint8``.

    ``serving_default`` takes float32 z ``[None, latent_dim]`` and returns
    float32 images in [-1, 1]; ``sample`` takes int64 seeds ``[None]`` and
    returns one uint8 image per seed, the same for the same seed everywhere.
    """

    @tf.function(input_signature=[tf.TensorSpec([None, latent_dim], tf.float32, name="z")])
    def serving_default(z):
        return {"images": tf.cast(generator(z, training=False), tf.float32)}

    @tf.function(input_signature=[tf.TensorSpec([None], tf.int64, name="seed")])
    def sample(seed):
        images = generator(noise_from_seeds(seed, latent_dim), training=False)
        return {"images_uint8": images_to_uint8(images)}

    return {"serving_default": serving_default, "sample": sample}


def styled_signatures(generator, latent_dim):
    """StyleGAN2's signatures, all with the generator's fixed noise images.

    - ``serving_default(z, truncation_psi) -> images``: float32 z ``[None, latent_dim]``,
      a float32 scalar psi (1: no truncation), images in [-1, 1];
    - ``sample(seed, truncation_psi) -> images_uint8``: one image per int64 seed;
    - ``mapping(z) -> w, ws``: w ``[None, w_dim]`` (untruncated) and it repeated for
      every layer, ``[None, num_ws, w_dim]``;
    - ``synthesis(ws) -> images``: images from per-layer ws (mix layers for style mixing).
    """
    from keras_gans.networks import broadcast_w, stylegan2_parts, synthesize_const, truncate

    parts = stylegan2_parts(generator)
    psi_spec = tf.TensorSpec([], tf.float32, name="truncation_psi")

    def images_of(ws):
        images = synthesize_const(parts, ws)
        return tf.clip_by_value(tf.cast(images, tf.float32), -1.0, 1.0)

    def truncated_ws(z, psi):
        w = truncate(parts.mapping(z, training=False), parts.w_average.w_avg, psi)
        return broadcast_w(w, parts.num_ws)

    @tf.function(
        input_signature=[tf.TensorSpec([None, latent_dim], tf.float32, name="z"), psi_spec]
    )
    def serving_default(z, truncation_psi):
        return {"images": images_of(truncated_ws(z, truncation_psi))}

    @tf.function(input_signature=[tf.TensorSpec([None], tf.int64, name="seed"), psi_spec])
    def sample(seed, truncation_psi):
        ws = truncated_ws(noise_from_seeds(seed, latent_dim), truncation_psi)
        return {"images_uint8": images_to_uint8(images_of(ws))}

    @tf.function(input_signature=[tf.TensorSpec([None, latent_dim], tf.float32, name="z")])
    def mapping(z):
        w = tf.cast(parts.mapping(z, training=False), tf.float32)
        return {"w": w, "ws": broadcast_w(w, parts.num_ws)}

    @tf.function(
        input_signature=[tf.TensorSpec([None, parts.num_ws, parts.w_dim], tf.float32, name="ws")]
    )
    def synthesis(ws):
        return {"images": images_of(ws)}

    return {
        "serving_default": serving_default,
        "sample": sample,
        "mapping": mapping,
        "synthesis": synthesis,
    }


def conditional_signatures(generator, latent_dim):
    """``serving_default(z, label) -> images`` and ``sample(seed, label) -> images_uint8``.

    Labels are int64 ``[None]``, one per example (same length as z or seed).
    """

    @tf.function(
        input_signature=[
            tf.TensorSpec([None, latent_dim], tf.float32, name="z"),
            tf.TensorSpec([None], tf.int64, name="label"),
        ]
    )
    def serving_default(z, label):
        images = generator([z, tf.cast(label, tf.int32)], training=False)
        return {"images": tf.cast(images, tf.float32)}

    @tf.function(
        input_signature=[
            tf.TensorSpec([None], tf.int64, name="seed"),
            tf.TensorSpec([None], tf.int64, name="label"),
        ]
    )
    def sample(seed, label):
        z = noise_from_seeds(seed, latent_dim)
        images = generator([z, tf.cast(label, tf.int32)], training=False)
        return {"images_uint8": images_to_uint8(images)}

    return {"serving_default": serving_default, "sample": sample}


def translation_signatures(translators, uint8_names=None):
    """Float and uint8 signatures of image-to-image generators.

    Args:
        translators: ``{signature_name: (generator, input_shape)}``; each becomes
            ``name(image float32 [None, h, w, c] in [-1, 1]) -> {"images": float32}``.
        uint8_names: ``{signature_name: uint8_signature_name}``; each becomes
            ``uint8_name(image uint8 [None, h, w, c]) -> {"images_uint8": uint8}``
            with the same generator (0..255 mapped to [-1, 1] and back, rounded).
    """
    signatures = {}
    for name, (generator, shape) in translators.items():
        signatures[name] = _float_translator(generator, shape)
        if uint8_names and name in uint8_names:
            signatures[uint8_names[name]] = _uint8_translator(generator, shape)
    return signatures


def _float_translator(generator, shape):
    @tf.function(input_signature=[tf.TensorSpec([None, *shape], tf.float32, name="image")])
    def translate(image):
        return {"images": tf.cast(generator(image, training=False), tf.float32)}

    return translate


def _uint8_translator(generator, shape):
    @tf.function(input_signature=[tf.TensorSpec([None, *shape], tf.uint8, name="image")])
    def translate_uint8(image):
        images = generator(tf.cast(image, tf.float32) / 127.5 - 1.0, training=False)
        return {"images_uint8": images_to_uint8(images)}

    return translate_uint8
