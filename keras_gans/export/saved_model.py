"""Export trained generators as versioned SavedModels that TF Serving loads as they are.

Layout written by ``save_generator(model, "export/models/dcgan")``::

    export/models/dcgan/
      1/                                   # next integer version; never overwritten
        saved_model.pb
        variables/
        assets.extra/tf_serving_warmup_requests   # PredictionLog records
        assets.extra/keras_gans.json              # what was exported, for humans and the CLI

A version is written to a hidden temporary folder beside it and renamed into
place, so TF Serving (which only loads integer-named folders) never sees a
half-written version.
"""

import datetime
import json
import os
import shutil
import uuid

import numpy as np
import tensorflow as tf

from keras_gans.errors import ExportError
from keras_gans.export.signatures import signatures_for
from keras_gans.version import __version__

WARMUP_FILE = "tf_serving_warmup_requests"
METADATA_FILE = "keras_gans.json"


def list_versions(base_dir):
    """Integer version folders in ``base_dir`` (complete ones only), sorted."""
    if not os.path.isdir(base_dir):
        return []
    versions = []
    for name in os.listdir(base_dir):
        full = os.path.join(base_dir, name)
        if name.isdigit() and os.path.isfile(os.path.join(full, "saved_model.pb")):
            versions.append(int(name))
    return sorted(versions)


def _check_version(version, base_dir):
    if version is None:
        taken = [int(n) for n in os.listdir(base_dir) if n.isdigit()]
        return max(taken, default=0) + 1
    if isinstance(version, bool) or not isinstance(version, (int, np.integer)) or version < 1:
        raise ExportError(f"version must be a positive int, got {version!r}.")
    if os.path.exists(os.path.join(base_dir, str(version))):
        raise ExportError(
            f"Version {version} already exists in {base_dir}; exports never overwrite "
            f"a version: choose another version or leave it out for the next one."
        )
    return int(version)


def _prepare_base_dir(base_dir):
    if os.path.exists(base_dir) and not os.path.isdir(base_dir):
        raise ExportError(f"Export path {base_dir} is a file, not a folder.")
    try:
        os.makedirs(base_dir, exist_ok=True)
    except OSError as e:
        raise ExportError(f"Cannot create export folder {base_dir}: {e.strerror}.") from None
    if not os.access(base_dir, os.W_OK):
        raise ExportError(f"Export folder {base_dir} is not writable.")


def _example_inputs(function):
    """Batch-of-one zero inputs matching a signature's input specs."""
    inputs = {}
    for spec in function.input_signature:
        shape = [1 if d is None else d for d in spec.shape.as_list()]
        inputs[spec.name] = np.zeros(shape, spec.dtype.as_numpy_dtype)
    return inputs


def write_warmup_requests(path, model_name, signatures):
    """Writes one ``PredictionLog`` per signature (batch-of-one zero inputs) to ``path``."""
    from tensorflow_serving.apis import model_pb2, predict_pb2, prediction_log_pb2

    with tf.io.TFRecordWriter(path) as writer:
        for signature_name, function in sorted(signatures.items()):
            request = predict_pb2.PredictRequest(
                model_spec=model_pb2.ModelSpec(name=model_name, signature_name=signature_name)
            )
            for key, value in _example_inputs(function).items():
                request.inputs[key].CopyFrom(tf.make_tensor_proto(value))
            log = prediction_log_pb2.PredictionLog(
                predict_log=prediction_log_pb2.PredictLog(request=request)
            )
            writer.write(log.SerializeToString())


def save_generator(
    model, base_dir, version=None, model_name=None, warmup=True, allow_untrained=False
):
    """Exports ``model``'s generator as ``base_dir/<version>/`` for TF Serving.

    Args:
        model: a keras_gans model (anything with ``export_networks()``).
        base_dir: the model's base path (TF Serving's ``base_path``).
        version: positive int; None takes the next integer after the largest
            existing one. An existing version is never overwritten.
        model_name: name written into the warmup requests (default: the
            base folder's name).
        warmup: write ``assets.extra/tf_serving_warmup_requests``.
        allow_untrained: export a model with 0 generator updates (by default an
            error: an untrained export is almost always a mistake).

    Returns:
        The path of the new version folder.

    Example:
    >>> gan = keras_gans.models.DCGAN(image_shape=(16, 16, 1), latent_dim=8,
    ...     generator_filters=8, discriminator_filters=8)
    >>> gan.compile()
    >>> digits = keras_gans.data.load("digits", image_size=16, batch_size=32)
    >>> _ = gan.fit(digits, epochs=1, steps_per_epoch=2, verbose=0)
    >>> keras_gans.export.save_generator(gan, "export/dcgan")
    'export/dcgan/1'
    >>> keras_gans.export.save_generator(gan, "export/dcgan")  # never overwrites
    'export/dcgan/2'
    """
    if not hasattr(model, "export_networks"):
        raise ExportError(f"Cannot export a {type(model).__name__}: not a keras_gans model.")
    networks = model.export_networks()
    if not all(net.built for net in networks.values()):
        raise ExportError("The generator is not built; build or train the model first.")
    optimizer = getattr(model, "g_optimizer", None)
    if not allow_untrained and (optimizer is None or int(optimizer.iterations.numpy()) == 0):
        raise ExportError(
            "The model has not been trained (0 generator updates); train it first, or pass "
            "allow_untrained=True to export its initial weights."
        )
    base_dir = os.fspath(base_dir)
    _prepare_base_dir(base_dir)
    version = _check_version(version, base_dir)
    model_name = model_name or os.path.basename(os.path.abspath(base_dir))
    final = os.path.join(base_dir, str(version))
    tmp = os.path.join(base_dir, f".tmp-{version}-{uuid.uuid4().hex[:8]}")
    try:
        signatures = signatures_for(model)
        module = tf.Module()
        for name, net in networks.items():
            setattr(module, name, net)
        for name, function in signatures.items():
            setattr(module, name, function)
        tf.saved_model.save(module, tmp, signatures=signatures)
        extra = os.path.join(tmp, "assets.extra")
        os.makedirs(extra, exist_ok=True)
        if warmup:
            write_warmup_requests(os.path.join(extra, WARMUP_FILE), model_name, signatures)
        metadata = {
            "model": type(model).__name__,
            "latent_dim": getattr(model, "latent_dim", None),
            "image_shape": list(model.image_shape),
            "num_classes": getattr(model, "num_classes", None),
            "translation": bool(getattr(model, "translation", False)),
            "domain_shapes": [list(s) for s in getattr(model, "domain_shapes", ())],
            "signatures": sorted(signatures),
            "keras_gans_version": __version__,
            "exported_at": datetime.datetime.now(datetime.timezone.utc).isoformat(),
        }
        with open(os.path.join(extra, METADATA_FILE), "w") as f:
            json.dump(metadata, f, indent=2)
        if os.path.exists(final):
            raise ExportError(f"Version {version} appeared in {base_dir} during the export.")
        os.rename(tmp, final)
    finally:
        if os.path.exists(tmp):
            shutil.rmtree(tmp, ignore_errors=True)
    return final


def resolve_saved_model(path):
    """The version folder for ``path``: itself if a SavedModel, else its latest version."""
    path = os.fspath(path)
    if not os.path.exists(path):
        raise ExportError(f"No such export: {path}")
    if os.path.isfile(os.path.join(path, "saved_model.pb")):
        return path
    versions = list_versions(path)
    if not versions:
        raise ExportError(f"{path} is not a SavedModel nor a folder of numbered versions.")
    return os.path.join(path, str(versions[-1]))


def load_metadata(version_dir):
    """The ``keras_gans.json`` written beside an export (empty dict if absent)."""
    file = os.path.join(version_dir, "assets.extra", METADATA_FILE)
    if not os.path.isfile(file):
        return {}
    with open(file) as f:
        return json.load(f)
