"""``model.export(path, format=...)``: Keras' own export formats for a GAN's sampling network."""

import importlib.util

import keras

from keras_gans.errors import ArgumentError

# Keras 3's export formats that apply to a generator or translator on TensorFlow.
FORMATS = ("tf_saved_model", "onnx", "litert", "openvino")
# The package each format's converter needs: (module, pip name).
RUNTIME_PACKAGES = {"onnx": ("tf2onnx", "tf2onnx"), "openvino": ("openvino", "openvino")}


def input_specs(network):
    """``input_signature`` for ``network.export``: float32 images/noise, int32 labels, and
    a dynamic batch (one ``keras.InputSpec`` per input, a list for several)."""
    specs = [
        keras.InputSpec(shape=(None, *tuple(t.shape)[1:]), dtype=t.dtype) for t in network.inputs
    ]
    return [specs] if len(specs) > 1 else specs


def float32_copy(network):
    """A copy of ``network`` that computes in float32, with the same weights.

    Every layer (in nested models too) is rebuilt from its config with
    ``dtype="float32"``; a network already in float32 is returned as it is.

    Args:
        network: a functional ``keras.Model``, for example one built under the
            ``mixed_bfloat16`` policy.

    Returns:
        A ``keras.Model`` with the same layers and weights, computing in float32.
    """
    # _flatten_layers() includes the network itself and the layers of nested models
    if all(layer.dtype_policy.compute_dtype == "float32" for layer in network._flatten_layers()):
        return network

    def rebuild(layer):
        config = layer.get_config()
        if "dtype" in config:
            config["dtype"] = "float32"
        return layer.__class__.from_config(config)

    copy = keras.models.clone_model(network, clone_function=rebuild, recursive=True)
    copy.set_weights(network.get_weights())
    return copy


def export_network(model, network, filepath, format, verbose, input_signature, **kwargs):
    """Exports ``network`` (the model's sampling generator or a translator) with Keras.

    A network trained in mixed precision is exported as its ``float32_copy`` (tf2onnx,
    LiteRT and OpenVINO convert float32 graphs; the file's outputs differ from the
    mixed-precision network's by its rounding). Raises one ``ArgumentError`` for a
    format that does not apply (an unknown name) or whose converter is not installed.
    """
    if format not in FORMATS:
        raise ArgumentError(f"Unknown export format {format!r}; choose from {list(FORMATS)}")
    package = RUNTIME_PACKAGES.get(format)
    if package and importlib.util.find_spec(package[0]) is None:
        raise ArgumentError(
            f"Export format {format!r} needs the {package[1]} package; install it with "
            f"pip install {package[1]} (or keras-gans[export])."
        )
    network = float32_copy(network)
    if input_signature is None:
        input_signature = input_specs(network)
    return network.export(
        filepath, format=format, verbose=verbose, input_signature=input_signature, **kwargs
    )
