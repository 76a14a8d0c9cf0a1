"""Loads a translation export with TensorFlow only and calls every signature.

Params: ``path``; ``inputs``: ``{"a2b": images, "b2a": images}`` (floats in [-1, 1]).
uint8 signatures get the same images as uint8. Prints ``{signature: {"key", "dtype",
"shape", "values", "input_dtype"}}``.
"""

import json
import sys

import numpy as np
import tensorflow as tf

params = json.loads(sys.argv[1])
loaded = tf.saved_model.load(params["path"])
out = {}
for name, fn in loaded.signatures.items():
    spec = fn.structured_input_signature[1]["image"]
    x = np.array(params["inputs"]["b2a" if name.startswith("b2a") else "a2b"])
    if spec.dtype == tf.uint8:
        x = np.clip(np.round((x + 1) * 127.5), 0, 255).astype("uint8")
    result = fn(image=tf.constant(x, spec.dtype))
    ((key, value),) = result.items()
    out[name] = {
        "key": key,
        "dtype": value.dtype.name,
        "shape": value.shape.as_list(),
        "values": value.numpy().tolist(),
        "input_dtype": spec.dtype.name,
    }
assert "keras_gans" not in sys.modules, "the fresh process imported keras_gans"
print(json.dumps(out))
