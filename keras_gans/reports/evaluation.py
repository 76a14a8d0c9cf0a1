"""The evaluation protocol shared by ``keras-gans evaluate`` and the benchmarks.

Per dataset (``"digits"`` or ``"mnist"``): the reference set is its train split
(digits: 1,438 images; MNIST: 4,000) at the model's image size, made the way the
training data is made; the extractor and classifier are the dataset's
(``metrics.protocol_classifier``: the 16x16 ``DigitsClassifier``, the 28x28
``MnistClassifier``; images of other sizes are resized to its size, real and
generated alike). Generated set: ``n`` images from seeds ``seed, seed + 1, ...``
(conditional models: labels cycling through the classes). See docs/evaluation.md.
"""

import time

from keras_gans.errors import KerasGansError

PROTOCOL_DATA = ("digits", "mnist")


def check_protocol_data(data):
    """``data`` if the protocol covers it, else one KerasGansError sentence."""
    if data not in PROTOCOL_DATA:
        raise KerasGansError(
            f"The evaluation protocol covers {list(PROTOCOL_DATA)}, not {data!r}; for other "
            f"data pass real_images= and extractor= to the callbacks, or use "
            f"keras_gans.metrics.fid with InceptionFeatures."
        )
    return data


def reference_images(image_shape, split="train", data="digits"):
    """Real images of ``data`` at ``image_shape``; a clear error for shapes it cannot take."""
    from keras_gans.data import load_arrays

    check_protocol_data(data)
    h, w, c = image_shape
    if c != 1 or h != w:
        raise KerasGansError(
            f"The evaluation reference is the {data} data (square, 1 channel); a model "
            f"making {tuple(image_shape)} images needs its own reference and extractor: "
            f"pass real_images= (and extractor=) to the callbacks, or use "
            f"keras_gans.metrics.fid with InceptionFeatures."
        )
    return load_arrays(data, h, split)[0]


def evaluate_images_protocol(fake, names, image_shape, classifier=None, real=None, data="digits"):
    """The metrics of ``fake`` images against ``data``'s reference set (or ``real``)."""
    from keras_gans.metrics import evaluate_images, protocol_classifier

    classifier = classifier or protocol_classifier(check_protocol_data(data))
    real = reference_images(image_shape, data=data) if real is None else real
    return evaluate_images(real, fake, names, classifier, classifier)


def evaluate_source(model, names, n=1000, seed=0, classifier=None, data="digits"):
    """Evaluates a model (or exported generator) with the protocol above on ``data``.

    Returns:
        A JSON-able dict: the metric values, ``n``, ``seed``, ``reference``, and for
        conditional models ``accuracy`` / ``accuracy_min`` / ``accuracy_per_class``
        (how often ``generate(labels=k)`` is classified as k, 100 images per class).
    """
    from keras_gans.metrics import conditional_accuracy, protocol_classifier

    classifier = classifier or protocol_classifier(check_protocol_data(data))
    start = time.perf_counter()
    fake = model.generate(n, seed=seed)
    real = reference_images(model.image_shape, data=data)
    result = evaluate_images_protocol(fake, names, model.image_shape, classifier, real, data)
    if getattr(model, "conditional", False):
        acc = conditional_accuracy(model, classifier, n_per_class=100, seed=seed)
        result.update(
            accuracy=acc["mean"], accuracy_min=acc["min"], accuracy_per_class=acc["per_class"]
        )
    result.update(
        n=int(n),
        seed=int(seed),
        data=data,
        reference=f"{data} train split ({len(real)} images)",
        extractor=(
            f"{type(classifier).__name__} {getattr(classifier, 'image_size', '?')}px "
            f"(held-out accuracy {getattr(classifier, 'accuracy', float('nan')):.4f})"
        ),
        seconds=round(time.perf_counter() - start, 2),
    )
    return result


ROWS = (
    ("fid", "FID", "lower is better"),
    ("kid", "KID", "lower is better"),
    ("precision", "precision", "higher is better"),
    ("recall", "recall", "higher is better"),
    ("coverage", "class coverage", "1.0 = every class"),
    ("coverage_kl", "class KL", "0 = classes balanced"),
    ("accuracy", "label accuracy", "conditional: mean over classes"),
    ("accuracy_min", "worst class", "conditional"),
)


def format_table(result):
    """The result as a small aligned text table."""
    lines = [f"{'metric':16s} {'value':>10s}  note"]
    for key, name, note in ROWS:
        if key in result:
            value = result[key]
            text = f"{value:.4f}" if abs(value) < 1000 else f"{value:.1f}"
            if key == "kid" and "kid_std" in result:
                note = f"+/- {result['kid_std']:.4f}; {note}"
            lines.append(f"{name:16s} {text:>10s}  {note}")
    lines.append(f"({result['n']} generated images vs the {result['reference']})")
    return "\n".join(lines)
