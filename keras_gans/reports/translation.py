"""How well a translator works on held-out data: PSNR against baselines, cycle error, domain score.

Used by ``benchmarks/translation.py`` (docs/results.md) and the tests. Models
are anything with ``translate(images, direction)``: trained models and
``keras_gans.export.exported_models.ExportedTranslator``.
"""

import numpy as np

from keras_gans.data.pairs import pair_arrays


def mean_psnr(a, b):
    """Mean over images of the PSNR (dB) of float images in [-1, 1] (peak-to-peak 2)."""
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    mse = np.mean((a - b) ** 2, axis=(1, 2, 3))
    return float(np.mean(10 * np.log10(4.0 / np.maximum(mse, 1e-12))))


def _as_target(inputs, channels):
    """The input itself as a guess of the target (grayscale repeated to colour)."""
    inputs = np.asarray(inputs, np.float32)
    if inputs.shape[-1] == 1 and channels == 3:
        return np.repeat(inputs, 3, axis=-1)
    return inputs


def paired_report(model, data="photos-paired", image_size=32):
    """PSNR of ``model`` on the held-out pairs, and of the input itself as the output.

    Returns:
        dict: ``n``, ``psnr_model``, ``psnr_input`` (dB) and ``gain`` (model - input).
    """
    a, b, _ = pair_arrays(data, image_size, "test")
    out = model.translate(a)
    result = {
        "n": len(a),
        "psnr_model": mean_psnr(out, b),
        "psnr_input": mean_psnr(_as_target(a, b.shape[-1]), b),
    }
    result["gain"] = result["psnr_model"] - result["psnr_input"]
    return result


def colour_statistics(images):
    """Per-image colour features: per-channel mean and standard deviation, ``[n, 2c]``."""
    images = np.asarray(images, np.float64)
    return np.concatenate([images.mean(axis=(1, 2)), images.std(axis=(1, 2))], axis=1)


def domain_classifier(a, b):
    """Logistic regression on colour statistics telling real a (0) from real b (1)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    x = np.concatenate([colour_statistics(a), colour_statistics(b)])
    y = np.r_[np.zeros(len(a)), np.ones(len(b))]
    return make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)).fit(x, y)


def cycle_l1(model, a, b, true_mean_colour=False):
    """Cycle error as CycleGAN logs it: the mean absolute error of ``b2a(a2b(a))``
    against a plus that of ``a2b(b2a(b))`` against b.

    With ``true_mean_colour``, each reconstruction's per-channel mean is first
    replaced by its original's: what is left is the error in everything but a
    patch's mean colour, which instance-normalised generators cannot see.
    """

    def error(x, forward, back):
        x = np.asarray(x, np.float64)
        rec = np.asarray(model.translate(model.translate(x, forward), back), np.float64)
        if true_mean_colour:
            rec = rec - rec.mean(axis=(1, 2), keepdims=True) + x.mean(axis=(1, 2), keepdims=True)
        return np.mean(np.abs(rec - x))

    return float(error(a, "a2b", "b2a") + error(b, "b2a", "a2b"))


def unpaired_report(model, data="photos-unpaired", image_size=32):
    """Cycle error and domain scores of ``model`` on the held-out sets.

    The domain classifier is trained on the real *training* sets; its accuracy
    on the real held-out sets says how separable the domains are.

    Returns:
        dict: ``n_a``, ``n_b``, ``cycle_l1``, ``cycle_l1_true_mean_colour``
        (``cycle_l1(..., true_mean_colour=True)``), ``classifier_accuracy`` (real
        held-out a and b), ``a2b_as_b`` (share of translated held-out a judged
        b), ``b2a_as_a``, and ``a_as_b`` (share of untranslated a judged b).
    """
    train_a, train_b, _ = pair_arrays(data, image_size, "train")
    a, b, _ = pair_arrays(data, image_size, "test")
    clf = domain_classifier(train_a, train_b)

    def share_b(images):
        return float(np.mean(clf.predict(colour_statistics(images)) == 1))

    accuracy = 0.5 * ((1 - share_b(a)) + share_b(b))
    return {
        "n_a": len(a),
        "n_b": len(b),
        "cycle_l1": cycle_l1(model, a, b),
        "cycle_l1_true_mean_colour": cycle_l1(model, a, b, true_mean_colour=True),
        "classifier_accuracy": accuracy,
        "a2b_as_b": share_b(model.translate(a, "a2b")),
        "b2a_as_a": 1 - share_b(model.translate(b, "b2a")),
        "a_as_b": share_b(a),
    }
