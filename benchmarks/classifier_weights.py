"""Retrains the classifiers whose weights ship with keras_gans and compares them.

``python -m benchmarks.classifier_weights`` trains the evaluation protocol's two
classifiers (``DigitsClassifier(image_size=16)``, ``MnistClassifier()``) from scratch in
this process, limited to one TensorFlow thread (``KERAS_GANS_BENCH_THREADS``, 1 unless
set), in a fresh cache, and prints each one's fingerprint beside the shipped one's
(keras_gans/metrics/weights/shipped.json). Training is bit-exact at a given thread
count, so at one thread they are equal unless the recipe changed. ``--write`` replaces
the shipped files with what it trained: do that only with a new ``CACHE_VERSION``, since
every FID in docs/results.md is on the shipped weights' scale. About 1.5 minutes.
"""

import argparse
import json
import os
import sys
import tempfile

import numpy as np

from benchmarks.threads import THREADS_ENV, limit_threads

SHIPPED = (("DigitsClassifier", {"image_size": 16}), ("MnistClassifier", {}))


def retrain(class_name, kwargs, cache):
    """The classifier ``metrics.<class_name>(**kwargs)`` trained afresh in ``cache``
    (``$KERAS_GANS_CACHE`` points there meanwhile and is restored after)."""
    from keras_gans import metrics

    before = os.environ.get("KERAS_GANS_CACHE")
    os.environ["KERAS_GANS_CACHE"] = cache
    try:
        return getattr(metrics, class_name)(**kwargs, shipped=False)
    finally:
        if before is None:
            del os.environ["KERAS_GANS_CACHE"]
        else:
            os.environ["KERAS_GANS_CACHE"] = before


def write(classifier, directory):
    """Writes ``classifier``'s weights as ``directory/NAME.npz`` and its record into
    ``directory/shipped.json``, the files ``ImageClassifier`` loads."""
    np.savez_compressed(
        os.path.join(directory, classifier.name + ".npz"), *classifier.model.get_weights()
    )
    manifest_path = os.path.join(directory, "shipped.json")
    manifest = {}
    if os.path.isfile(manifest_path):
        with open(manifest_path) as f:
            manifest = json.load(f)
    manifest[classifier.name] = {
        "accuracy": classifier.accuracy,
        "fingerprint": classifier.fingerprint,
    }
    with open(manifest_path, "w") as f:
        json.dump(manifest, f, indent=2, sort_keys=True)
        f.write("\n")


def compare(classifiers, shipped):
    """``[(name, trained fingerprint, shipped fingerprint or None, equal)]``."""
    rows = []
    for clf in classifiers:
        record = shipped.get(clf.name)
        expected = record["fingerprint"] if record else None
        rows.append((clf.name, clf.fingerprint, expected, clf.fingerprint == expected))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="replace the shipped files")
    args = parser.parse_args(argv)
    os.environ.setdefault(THREADS_ENV, "1")
    limit_threads()
    from keras_gans.metrics import classifier as classifier_module

    with tempfile.TemporaryDirectory(prefix="keras_gans_classifiers_") as cache:
        trained = [retrain(name, kwargs, cache) for name, kwargs in SHIPPED]
        rows = compare(trained, classifier_module.shipped_weights())
        for name, got, expected, equal in rows:
            print(f"{name}: trained {got}, shipped {expected}: {'equal' if equal else 'DIFFERENT'}")
        if args.write:
            for clf in trained:
                write(clf, classifier_module.SHIPPED_DIR)
            print(f"wrote {classifier_module.SHIPPED_DIR}")
    return 0 if args.write or all(row[3] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
