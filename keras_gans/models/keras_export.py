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


def export_network(model, network, filepath, format, verbose, input_signature, **kwargs):
    """Exports ``network`` (the model's sampling generator or a translator) with Keras.

    Raises one ``ArgumentError`` for a format that does not apply: an unknown name, or
    ONNX for a network computing in another dtype than float32 (tf2onnx's conversion
    needs float32 weights and activations).
    """
    if format not in FORMATS:
        raise ArgumentError(f"Unknown export format {format!r}; choose from {list(FORMATS)}")
    if format == "onnx" and network.dtype_policy.compute_dtype != "float32":
        raise ArgumentError(
            f"ONNX export needs a float32 network, but {type(model).__name__}'s computes in "
            f"{network.dtype_policy.compute_dtype}; rebuild it under the float32 policy and "
            f"load its weights, or export format='tf_saved_model'."
        )
    package = RUNTIME_PACKAGES.get(format)
    if package and importlib.util.find_spec(package[0]) is None:
        raise ArgumentError(
            f"Export format {format!r} needs the {package[1]} package; install it with "
            f"pip install {package[1]} (or keras-gans[export])."
        )
    if input_signature is None:
        input_signature = input_specs(network)
    return network.export(
        filepath, format=format, verbose=verbose, input_signature=input_signature, **kwargs
    )
