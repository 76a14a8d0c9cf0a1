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
# What ``evaluate_source`` computes: the image metrics, and "cas" (conditional models).
SOURCE_METRICS = ("fid", "kid", "pr", "coverage", "cas")


def check_protocol_data(data):
    """``data`` if the protocol covers it, else one KerasGansError sentence."""
    if data not in PROTOCOL_DATA:
        raise KerasGansError(
            f"The evaluation protocol covers {list(PROTOCOL_DATA)}, not {data!r}; for other "
            f"data pass real_images= and extractor= to the callbacks, or use "
            f"keras_gans.metrics.fid with InceptionFeatures."
        )
    return data


def check_reference_shape(image_shape, data="digits"):
    """``image_shape`` if ``data``'s reference can be made at it (square, 1 channel);
    else one KerasGansError sentence."""
    check_protocol_data(data)
    h, w, c = image_shape
    if c != 1 or h != w:
        raise KerasGansError(
            f"The evaluation reference is the {data} data (square, 1 channel); a model "
            f"making {tuple(image_shape)} images needs its own reference and extractor: "
            f"pass real_images= (and extractor=) to the callbacks, or use "
            f"keras_gans.metrics.fid with InceptionFeatures."
        )
    return image_shape


def reference_images(image_shape, split="train", data="digits"):
    """Real images of ``data`` at ``image_shape``; a clear error for shapes it cannot take."""
    from keras_gans.data import load_arrays

    return load_arrays(data, check_reference_shape(image_shape, data)[0], split)[0]


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
    from keras_gans.metrics import check_metric_names, conditional_accuracy, protocol_classifier

    names = check_metric_names(names, SOURCE_METRICS)
    conditional = getattr(model, "conditional", False)
    if "cas" in names and not conditional:
        raise KerasGansError(
            f"cas scores labelled images: it needs a conditional model (cgan), and "
            f"{type(model).__name__} draws unlabelled ones."
        )
    classifier = classifier or protocol_classifier(check_protocol_data(data))
    start = time.perf_counter()
    real = reference_images(model.image_shape, data=data)
    result = {}
    image_names = tuple(name for name in names if name != "cas")
    if image_names:
        fake = model.generate(n, seed=seed)
        result = evaluate_images_protocol(
            fake, image_names, model.image_shape, classifier, real, data
        )
    if "cas" in names:
        result.update(cas_report(model, n, seed, data))
    if conditional:
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


def cas_report(model, n=1000, seed=0, data="digits"):
    """Classification accuracy scores of a conditional model on ``data``: ``n //
    num_classes`` images per class (seeds ``seed, seed + 1, ...``), the fixed CAS
    classifier (``metrics.cas``) trained on them and on ``data``'s train split, both
    tested on its test split. Returns ``cas_gan_train``, ``cas_gan_test``,
    ``cas_real_on_real`` and ``cas_per_class``."""
    import numpy as np

    from keras_gans.data import load_arrays
    from keras_gans.metrics import classification_accuracy_scores

    check_reference_shape(model.image_shape, data)
    per_class = max(1, int(n) // model.num_classes)
    labels = np.repeat(np.arange(model.num_classes, dtype=np.int32), per_class)
    fake = model.generate(len(labels), seed=seed, labels=labels)
    size = int(model.image_shape[0])
    scores = classification_accuracy_scores(
        fake,
        labels,
        load_arrays(data, size, "train", with_labels=True),
        load_arrays(data, size, "test", with_labels=True),
        num_classes=model.num_classes,
    )
    return {
        "cas_gan_train": scores.gan_train,
        "cas_gan_test": scores.gan_test,
        "cas_real_on_real": scores.real_on_real,
        "cas_per_class": per_class,
    }


ROWS = (
    ("fid", "FID", "lower is better"),
    ("kid", "KID", "lower is better"),
    ("precision", "precision", "higher is better"),
    ("recall", "recall", "higher is better"),
    ("coverage", "class coverage", "1.0 = every class"),
    ("coverage_kl", "class KL", "0 = classes balanced"),
    ("accuracy", "label accuracy", "conditional: mean over classes"),
    ("accuracy_min", "worst class", "conditional"),
    ("cas_gan_train", "CAS GAN-train", "trained on generated, tested on real"),
    ("cas_gan_test", "CAS GAN-test", "trained on real, tested on generated"),
    ("cas_real_on_real", "CAS real", "trained on real, tested on real: the reference"),
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
