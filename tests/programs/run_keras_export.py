"""Runs a file written by ``model.export(path, format=...)`` in its own runtime only.

Params: ``format`` (``tf_saved_model``, ``onnx``, ``litert`` or ``openvino``), ``path``, ``inputs``
(a list of ``[values, dtype]``, one per model input). Imports neither keras nor
keras_gans (TensorFlow only for ``tf_saved_model``); prints the outputs as JSON, with
the modules of this process that start with ``keras``.
"""

import json
import sys

import numpy as np

params = json.loads(sys.argv[1])
inputs = [np.asarray(values, dtype) for values, dtype in params["inputs"]]
fmt, path = params["format"], params["path"]
if fmt == "onnx":
    import onnxruntime

    session = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
    feed = {spec.name: x for spec, x in zip(session.get_inputs(), inputs, strict=True)}
    out = session.run(None, feed)[0]
elif fmt == "litert":
    from ai_edge_litert.interpreter import Interpreter

    interpreter = Interpreter(model_path=path)
    details = interpreter.get_input_details()

    def matching(detail):  # z: float32 [n, d], images: float32 [n, h, w, c], labels: int32 [n]
        return next(
            x for x in inputs if x.dtype == detail["dtype"] and x.ndim == len(detail["shape"])
        )

    for detail in details:
        interpreter.resize_tensor_input(detail["index"], matching(detail).shape)
    interpreter.allocate_tensors()
    for detail in details:
        interpreter.set_tensor(detail["index"], matching(detail))
    interpreter.invoke()
    out = interpreter.get_tensor(interpreter.get_output_details()[0]["index"])
elif fmt == "openvino":
    import openvino

    # f32: on CPUs with bfloat16 units OpenVINO's CPU plugin infers in bfloat16 by default
    compiled = openvino.Core().compile_model(path, "CPU", {"INFERENCE_PRECISION_HINT": "f32"})
    out = compiled(inputs)[compiled.output(0)]
else:
    import tensorflow as tf

    loaded = tf.saved_model.load(path)  # kept referenced while it runs
    out = loaded.serve(*inputs).numpy()
keras_modules = sorted(m for m in sys.modules if m.split(".")[0] in ("keras", "keras_gans"))
print(json.dumps({"output": np.asarray(out).tolist(), "keras_modules": keras_modules}))
