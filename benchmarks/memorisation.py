"""Does a generator copy its training images? Its samples' nearest train images.

    python -m benchmarks.memorisation RUN_DIR [RUN_DIR ...] [--data digits]

The FID floor of docs/results.md scores the held-out split against the train split. A
generator that scores below it either reproduces training images or gains from FID's
bias with sample size (the held-out split is smaller than the 1,000 generated images).
Two checks tell these apart:

- Nearest-train-image distances, in pixels and in the protocol classifier's features:
  the generated images' against the held-out images'. Copies sit much nearer their
  nearest train image than held-out images do.
- FID at the floor's n: the mean FID of random sets of as many generated images as the
  held-out split has, each against the train split, beside the floor (FID is biased
  upwards, the more the fewer images are scored).

docs/results.md has the figures this printed.
"""

import argparse
import json

import numpy as np


def nearest_distances(queries, references, batch_size=256):
    """Euclidean distance from each row of ``queries`` to its nearest row of
    ``references`` (both ``(n, ...)`` arrays, flattened per row)."""
    q = np.asarray(queries, np.float64).reshape(len(queries), -1)
    r = np.asarray(references, np.float64).reshape(len(references), -1)
    r_sq = np.sum(r * r, axis=1)
    out = np.empty(len(q))
    for start in range(0, len(q), batch_size):
        chunk = q[start : start + batch_size]
        sq = np.sum(chunk * chunk, axis=1)[:, None] + r_sq[None, :] - 2.0 * chunk @ r.T
        out[start : start + batch_size] = np.sqrt(np.maximum(sq.min(axis=1), 0.0))
    return out


def distance_summary(generated, held_out):
    """How generated images' nearest-train distances compare with held-out images'.

    Returns:
        A dict: each set's median and 5th percentile, and ``below_held_out_min``, the
        fraction of generated images nearer a train image than any held-out image is.
    """
    generated, held_out = np.asarray(generated), np.asarray(held_out)
    return {
        "generated_median": float(np.median(generated)),
        "held_out_median": float(np.median(held_out)),
        "generated_p5": float(np.percentile(generated, 5)),
        "held_out_p5": float(np.percentile(held_out, 5)),
        "below_held_out_min": float(np.mean(generated < held_out.min())),
    }


def fid_at_n(features, reference, n, repeats=10, seed=0):
    """Mean FID of ``repeats`` random subsets of ``n`` rows of ``features`` against all
    of ``reference``: a set's FID at another set's sample size (FID falls with n)."""
    from keras_gans.metrics import fid_from_features

    rng = np.random.default_rng(seed)
    picks = [rng.choice(len(features), n, replace=False) for _ in range(repeats)]
    return float(np.mean([fid_from_features(features[p], reference) for p in picks]))


def protocol_fid_at_n(images, reference_features, classifier, n):
    """``fid_at_n`` of ``images`` on the protocol classifier's features."""
    return fid_at_n(np.asarray(classifier(images), np.float64), reference_features, n)


def check_run(run_dir, data="digits", n=1000, seed=0):
    """The two checks for the trained run in ``run_dir`` (its sampling generator)."""
    from keras_gans.metrics import fid_from_features, protocol_classifier
    from keras_gans.reports.evaluation import reference_images
    from keras_gans.runs.loading import load_run_model

    model = load_run_model(run_dir)
    train = reference_images(model.image_shape, "train", data)
    test = reference_images(model.image_shape, "test", data)
    fake = np.asarray(model.generate(n, seed=seed))
    classifier = protocol_classifier(data)
    # the features FID is computed on (evaluate_images calls the extractor the same way)
    feats = {
        k: np.asarray(classifier(x), np.float64) for k, x in (("train", train), ("test", test))
    }
    feats["fake"] = np.asarray(classifier(fake), np.float64)
    report = {"run": run_dir, "n_generated": len(fake), "n_held_out": len(test)}
    for space, (ref, gen, held) in {
        "pixels": (train, fake, test),
        "features": (feats["train"], feats["fake"], feats["test"]),
    }.items():
        report[space] = distance_summary(nearest_distances(gen, ref), nearest_distances(held, ref))
    m = len(test)
    report["fid_floor"] = float(fid_from_features(feats["test"], feats["train"]))
    report["fid_generated_at_floor_n"] = fid_at_n(feats["fake"], feats["train"], m)
    report["fid_generated"] = float(fid_from_features(feats["fake"], feats["train"]))
    return report


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="+")
    parser.add_argument("--data", default="digits")
    args = parser.parse_args(argv)
    for run in args.runs:
        print(json.dumps(check_run(run, args.data), indent=1), flush=True)


if __name__ == "__main__":
    main()
