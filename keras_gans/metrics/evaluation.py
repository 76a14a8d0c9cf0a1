"""Metrics on images: feature extraction (any callable) + the formulas; class coverage."""

import numpy as np

from keras_gans.errors import ArgumentError
from keras_gans.metrics.formulas import (
    fid_from_features,
    kid_from_features,
    precision_recall_from_features,
)


def _extract(extractor, images, what):
    features = np.asarray(extractor(images), np.float64)
    if features.ndim != 2 or len(features) != len(images):
        raise ArgumentError(
            f"The extractor returned {features.shape} for {len(images)} {what} images; "
            f"it must return [n, d] features."
        )
    return features


def fid(real_images, fake_images, extractor):
    """FID between two image sets on ``extractor``'s features (e.g. ``DigitsClassifier``).

    Both sets must have gone through the same preprocessing (size, range).
    """
    return fid_from_features(
        _extract(extractor, real_images, "real"), _extract(extractor, fake_images, "fake")
    )


def kid(real_images, fake_images, extractor, **kwargs):
    """KID ``(mean, std)`` on ``extractor``'s features; kwargs go to ``kid_from_features``."""
    return kid_from_features(
        _extract(extractor, real_images, "real"),
        _extract(extractor, fake_images, "fake"),
        **kwargs,
    )


def precision_recall(real_images, fake_images, extractor, k=3):
    """k-NN precision and recall ``(precision, recall)`` on ``extractor``'s features."""
    return precision_recall_from_features(
        _extract(extractor, real_images, "real"), _extract(extractor, fake_images, "fake"), k=k
    )


def coverage_from_probabilities(probabilities, threshold=0.5):
    """Class coverage numbers from predicted class probabilities ``[n, classes]``.

    Returns:
        A dict: ``coverage`` — the fraction of classes predicted with
        probability >= ``threshold`` for at least one sample; ``kl`` — the KL
        divergence (nats) of the histogram of predicted classes from uniform
        (0 when every class is equally frequent, ``log(classes)`` when all
        samples are one class); ``confident`` — the fraction of samples whose
        top probability reaches ``threshold``; ``histogram`` — the predicted
        class frequencies.
    """
    probs = np.asarray(probabilities, np.float64)
    if probs.ndim != 2 or len(probs) == 0:
        raise ArgumentError(f"Expected class probabilities [n, classes], got {probs.shape}.")
    num_classes = probs.shape[1]
    top = probs.argmax(axis=1)
    confident = probs.max(axis=1) >= threshold
    counts = np.bincount(top, minlength=num_classes).astype(np.float64)
    hist = counts / counts.sum()
    nonzero = hist > 0
    kl = float(np.sum(hist[nonzero] * np.log(hist[nonzero] * num_classes)))
    return {
        "coverage": len(np.unique(top[confident])) / num_classes,
        "kl": kl,
        "confident": float(confident.mean()),
        "histogram": hist.tolist(),
    }


def class_coverage(images, classifier, threshold=0.5):
    """Mode-collapse numbers for generated ``images`` under ``classifier``.

    ``classifier`` has ``predict_proba(images) -> [n, classes]`` (e.g.
    ``DigitsClassifier``). See ``coverage_from_probabilities`` for the result.
    """
    return coverage_from_probabilities(classifier.predict_proba(images), threshold)


def conditional_accuracy(model, classifier, n_per_class=100, seed=0):
    """How often a conditional model draws the class it is asked for.

    Generates ``n_per_class`` images for every label k with
    ``model.generate(n, labels=[k] * n, seed=...)`` and classifies them.

    Returns:
        A dict: ``per_class`` — list of accuracies per label; ``mean`` —
        their average; ``min`` — the worst class.
    """
    if not hasattr(model, "num_classes"):
        raise ArgumentError(f"{type(model).__name__} is not a conditional model (no num_classes).")
    per_class = []
    for k in range(model.num_classes):
        images = model.generate(n_per_class, labels=np.full(n_per_class, k), seed=seed + k * 7919)
        per_class.append(float((classifier.predict(images) == k).mean()))
    return {"per_class": per_class, "mean": float(np.mean(per_class)), "min": min(per_class)}


METRICS = ("fid", "kid", "pr", "coverage")


def check_metric_names(names, allowed=METRICS):
    """``names`` (a list or a comma-separated string) as a tuple; raises on unknown ones
    (``allowed``: the names the caller computes)."""
    if isinstance(names, str):
        names = [n.strip() for n in names.split(",") if n.strip()]
    names = tuple(names)
    unknown = [n for n in names if n not in allowed]
    if unknown or not names:
        raise ArgumentError(
            f"Unknown metric {unknown[0] if unknown else ''!r}; choose from {list(allowed)}"
        )
    return names


def evaluate_images(real_images, fake_images, names=METRICS, extractor=None, classifier=None, k=3):
    """Computes the named metrics for one fake set against one real set.

    Features are extracted once per set. ``names``: any of ``"fid"``,
    ``"kid"``, ``"pr"`` (precision and recall), ``"coverage"`` (class
    coverage and its KL from uniform, on ``classifier``).

    Returns:
        A flat dict of floats: ``fid``, ``kid``, ``kid_std``, ``precision``,
        ``recall``, ``coverage``, ``coverage_kl`` (those asked for).
    """
    names = check_metric_names(names)
    out = {}
    if {"fid", "kid", "pr"} & set(names):
        if extractor is None:
            raise ArgumentError("fid, kid and pr need a feature extractor (e.g. DigitsClassifier).")
        real = _extract(extractor, real_images, "real")
        fake = _extract(extractor, fake_images, "fake")
        if "fid" in names:
            out["fid"] = fid_from_features(real, fake)
        if "kid" in names:
            out["kid"], out["kid_std"] = kid_from_features(real, fake, num_subsets=50)
        if "pr" in names:
            out["precision"], out["recall"] = precision_recall_from_features(real, fake, k=k)
    if "coverage" in names:
        if classifier is None:
            raise ArgumentError(
                "coverage needs a classifier with predict_proba (DigitsClassifier)."
            )
        result = class_coverage(fake_images, classifier)
        out["coverage"], out["coverage_kl"] = result["coverage"], result["kl"]
    return out
