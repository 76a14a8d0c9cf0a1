"""TF Serving helpers: ``models.config`` files, REST and gRPC requests, decoded responses.

No model server is needed to check them: ``predict_in_process`` answers a
``PredictRequest`` (or a REST JSON body) from the SavedModel itself, the way
TF Serving would, so every request a client builds is tested against the real
export. See export/README.md for serving with the ``tensorflow/serving`` image.
"""

import json
import os

import numpy as np

from keras_gans.errors import ExportError

VERSION_POLICIES = ("latest", "all", "specific")


def models_config(entries):
    """A ``ModelServerConfig`` proto for ``entries``.

    Args:
        entries: dicts with ``name``, ``base_path`` (absolute, as the server
            sees it) and optionally ``policy`` (``"latest"``, ``"all"`` or
            ``"specific"``) with ``versions`` (ints, for ``"specific"``) and
            ``labels`` (e.g. ``{"stable": 1, "canary": 2}``).
    """
    from tensorflow_serving.config import model_server_config_pb2

    config = model_server_config_pb2.ModelServerConfig()
    names = set()
    if isinstance(entries, dict):
        entries = [entries]
    for entry in entries:
        if not isinstance(entry, dict):
            raise ExportError(
                f"Each models.config entry must be a dict such as "
                f"{{'name': 'dcgan', 'base_path': '/models/dcgan'}}, got {entry!r}."
            )
        name, base_path = entry.get("name"), entry.get("base_path")
        if not name or not base_path:
            raise ExportError(f"A models.config entry needs a name and a base_path: {entry!r}")
        if name in names:
            raise ExportError(f"Model name {name!r} appears twice in the models.config entries.")
        if not os.path.isabs(base_path):
            raise ExportError(f"base_path must be absolute (as the server sees it): {base_path}")
        names.add(name)
        model = config.model_config_list.config.add()
        model.name, model.base_path, model.model_platform = name, base_path, "tensorflow"
        policy = entry.get("policy", "latest")
        if policy not in VERSION_POLICIES:
            raise ExportError(
                f"Unknown version policy {policy!r}; choose from {list(VERSION_POLICIES)}"
            )
        if policy == "all":
            model.model_version_policy.all.SetInParent()
        elif policy == "specific":
            versions = [int(v) for v in entry.get("versions", ())]
            if not versions:
                raise ExportError(f"policy 'specific' for {name!r} needs versions=[...].")
            model.model_version_policy.specific.versions.extend(versions)
        else:
            model.model_version_policy.latest.num_versions = int(entry.get("num_versions", 1))
        for label, version in (entry.get("labels") or {}).items():
            model.version_labels[label] = int(version)
    return config


def write_models_config(entries, path):
    """Writes ``models_config(entries)`` in text format (TF Serving's ``--model_config_file``)."""
    from google.protobuf import text_format

    text = text_format.MessageToString(models_config(entries))
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path + ".tmp", "w") as f:
        f.write(text)
    os.replace(path + ".tmp", path)
    return path


def read_models_config(path):
    """Parses a text-format ``models.config`` into a ``ModelServerConfig``."""
    from google.protobuf import text_format
    from tensorflow_serving.config import model_server_config_pb2

    with open(path) as f:
        return text_format.Parse(f.read(), model_server_config_pb2.ModelServerConfig())


# ------------------------------------------------------------------- requests
def sample_inputs(seeds, labels=None):
    """Inputs of the ``sample`` signature: int64 seeds (and labels)."""
    inputs = {"seed": np.asarray(seeds, np.int64).reshape(-1)}
    if labels is not None:
        inputs["label"] = np.broadcast_to(np.asarray(labels, np.int64), inputs["seed"].shape)
    return inputs


def z_inputs(z, labels=None):
    """Inputs of ``serving_default``: float32 z ``[n, latent_dim]`` (and labels)."""
    inputs = {"z": np.asarray(z, np.float32)}
    if labels is not None:
        inputs["label"] = np.broadcast_to(np.asarray(labels, np.int64), (len(inputs["z"]),))
    return inputs


def rest_body(signature, inputs):
    """The JSON body of a REST predict request (columnar ``inputs`` format)."""
    return json.dumps(
        {
            "signature_name": signature,
            "inputs": {k: np.asarray(v).tolist() for k, v in inputs.items()},
        }
    )


def grpc_request(model_name, signature, inputs, version=None):
    """A ``PredictRequest`` for ``model_name``/``signature`` with ``inputs`` as tensors."""
    import tensorflow as tf
    from tensorflow_serving.apis import predict_pb2

    request = predict_pb2.PredictRequest()
    request.model_spec.name = model_name
    request.model_spec.signature_name = signature
    if version is not None:
        request.model_spec.version.value = int(version)
    for key, value in inputs.items():
        request.inputs[key].CopyFrom(tf.make_tensor_proto(np.asarray(value)))
    return request


def decode_rest_response(body):
    """``{output: numpy array}`` from a REST predict response (columnar ``outputs``)."""
    outputs = json.loads(body)["outputs"]
    if not isinstance(outputs, dict):  # a single unnamed output
        return {"output": np.asarray(outputs)}
    return {k: np.asarray(v) for k, v in outputs.items()}


def decode_grpc_response(response):
    """``{output: numpy array}`` from a ``PredictResponse``."""
    import tensorflow as tf

    return {k: tf.make_ndarray(v) for k, v in response.outputs.items()}


# --------------------------------------------------------- in-process answers
def _call(loaded, signature, inputs):
    import tensorflow as tf

    if signature not in loaded.signatures:
        raise ExportError(
            f"No signature {signature!r}; the export has {sorted(loaded.signatures)}."
        )
    function = loaded.signatures[signature]
    specs = function.structured_input_signature[1]
    if set(inputs) != set(specs):
        raise ExportError(f"Signature {signature!r} takes {sorted(specs)}, got {sorted(inputs)}.")
    tensors = {k: tf.constant(np.asarray(v), dtype=specs[k].dtype) for k, v in inputs.items()}
    return {k: v.numpy() for k, v in function(**tensors).items()}


def predict_in_process(saved_model_dir, request):
    """Answers a ``PredictRequest`` from the SavedModel, as TF Serving would.

    Returns:
        A ``PredictResponse`` (decode it with ``decode_grpc_response``).
    """
    import tensorflow as tf
    from tensorflow_serving.apis import predict_pb2

    loaded = tf.saved_model.load(saved_model_dir)
    inputs = {k: tf.make_ndarray(v) for k, v in request.inputs.items()}
    outputs = _call(loaded, request.model_spec.signature_name or "serving_default", inputs)
    response = predict_pb2.PredictResponse()
    response.model_spec.CopyFrom(request.model_spec)
    for key, value in outputs.items():
        response.outputs[key].CopyFrom(tf.make_tensor_proto(value))
    return response


def rest_in_process(saved_model_dir, body):
    """Answers a REST predict JSON body from the SavedModel; returns the response JSON."""
    import tensorflow as tf

    request = json.loads(body)
    loaded = tf.saved_model.load(saved_model_dir)
    outputs = _call(loaded, request.get("signature_name", "serving_default"), request["inputs"])
    return json.dumps({"outputs": {k: v.tolist() for k, v in outputs.items()}})


def images_from_outputs(outputs):
    """float images in [-1, 1] from a decoded response (``images`` or ``images_uint8``)."""
    if "images" in outputs:
        return np.asarray(outputs["images"], np.float32)
    if "images_uint8" in outputs:
        return np.asarray(outputs["images_uint8"], np.float32) / 127.5 - 1.0
    raise ExportError(f"The response has no images output: {sorted(outputs)}")
