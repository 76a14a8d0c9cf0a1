"""Loads a SavedModel with TensorFlow only and calls its signatures.

Params: ``path``; ``calls``: ``[{"signature": name, "inputs": {key: [values, dtype]}}]``.
Prints ``{"specs": {signature: {input: [dtype, shape]}}, "results": [{output: {"dtype",
"shape", "values"}}]}``.
"""

import json
import sys

import numpy as np
import tensorflow as tf

params = json.loads(sys.argv[1])
loaded = tf.saved_model.load(params["path"])
specs = {
    name: {k: [s.dtype.name, s.shape.as_list()] for k, s in f.structured_input_signature[1].items()}
    for name, f in loaded.signatures.items()
}
results = []
for call in params.get("calls", []):
    inputs = {k: tf.constant(np.array(v, dtype)) for k, (v, dtype) in call["inputs"].items()}
    outputs = loaded.signatures[call["signature"]](**inputs)
    results.append(
        {
            k: {"dtype": v.dtype.name, "shape": v.shape.as_list(), "values": v.numpy().tolist()}
            for k, v in outputs.items()
        }
    )
assert "keras_gans" not in sys.modules, "the fresh process imported keras_gans"
print(json.dumps({"specs": specs, "results": results}))
