import csv
import os
import re

import keras
import numpy as np
import pytest
import tensorflow as tf

import keras_gans
from keras_gans import data, metrics
from tests.models.test_dcgan import tiny_dcgan


def test_evaluate_adds_metrics_to_logs_csv_and_tensorboard(tmp_path, digits_classifier):
    real, _ = data.load_arrays("digits", 16, "train")
    gan = tiny_dcgan()
    gan.compile()
    evaluate = keras_gans.callbacks.Evaluate(real[:200], every=2, n=64)
    csv_path = tmp_path / "metrics.csv"
    history = gan.fit(
        real[:64],
        batch_size=16,
        epochs=3,
        verbose=0,
        callbacks=[
            evaluate,
            keras.callbacks.TensorBoard(str(tmp_path / "tb"), write_graph=False),
            keras_gans.callbacks.MetricsCSV(csv_path),
        ],
    )
    keys = ("fid", "kid", "kid_std", "precision", "recall", "coverage", "coverage_kl")
    for key in keys:
        assert key in history.history, key
    # every=2 over 3 epochs: evaluated after epochs 2 and 3 (the last)
    with open(csv_path) as f:
        rows = list(csv.DictReader(f))
    assert [r["fid"] != "" for r in rows] == [False, True, True]
    # the logged FID is the FID of the final generator's fixed-seed samples
    expected = metrics.fid(real[:200], gan.generate(64, seed=0), digits_classifier)
    assert float(rows[-1]["fid"]) == pytest.approx(expected, rel=1e-6)
    assert evaluate.last["fid"] == pytest.approx(expected, rel=1e-6)
    tags = set()
    for root, _, files in os.walk(tmp_path / "tb"):
        for name in files:
            for event in tf.compat.v1.train.summary_iterator(os.path.join(root, name)):
                tags.update(v.tag for v in event.summary.value)
    assert {"epoch_fid", "epoch_precision", "epoch_coverage"} <= tags


def test_evaluate_checks_its_arguments():
    with pytest.raises(ValueError, match=r"Unknown metric 'is'; choose from \['fid', 'kid'"):
        keras_gans.callbacks.Evaluate(metrics="fid,is")
    with pytest.raises(ValueError, match="every must be an int >= 1"):
        keras_gans.callbacks.Evaluate(every=0)


def test_default_reference_needs_digit_shaped_images():
    cb = keras_gans.callbacks.Evaluate(n=8)
    cb.set_model(tiny_dcgan(image_shape=(16, 16, 3)))
    with pytest.raises(ValueError, match="pass real_images="):
        cb.evaluate()


def collapsed_dcgan():
    gan = tiny_dcgan()
    for w in gan.generator.trainable_weights:  # every z gives the same image
        w.assign(tf.zeros_like(w))
    return gan


def test_mode_collapse_monitor_warns_once_for_a_collapsed_generator(digits_classifier):
    monitor = keras_gans.callbacks.ModeCollapseMonitor(classifier=digits_classifier, n=64)
    monitor.set_model(collapsed_dcgan())
    logs = {}
    with pytest.warns(keras_gans.KerasGansWarning, match="Possible mode collapse at epoch 1") as w:
        monitor.on_epoch_end(0, logs)
        monitor.on_epoch_end(1, {})
    assert len(w) == 1
    # all samples are one flat grey image: no confident class, or one class at most
    assert re.search(r"class coverage 0\.(00|10) < 0\.80", str(w[0].message))
    assert "sample diversity 0.00 < 0.50" in str(w[0].message)
    assert logs["diversity"] == pytest.approx(0.0, abs=1e-6)


def test_mode_collapse_monitor_is_silent_on_real_digits(digits_classifier):
    images, _ = data.load_arrays("digits", 16, "test")

    class Real:
        image_shape = (16, 16, 1)

        def generate(self, n, seed):
            return images[np.random.RandomState(seed).permutation(len(images))[:n]]

    monitor = keras_gans.callbacks.ModeCollapseMonitor(classifier=digits_classifier, n=200)
    monitor.set_model(Real())
    logs = {}
    monitor.on_epoch_end(0, logs)  # KerasGansWarning is an error in the tests
    assert logs["coverage"] == 1.0 and 0.8 < logs["diversity"] < 1.2
