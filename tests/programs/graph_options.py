"""Prints TensorFlow's graph optimizer options in this process (a program the tests
start runs with TensorFlow's defaults, as a user's process does).

Params: none. Prints ``{"disable_meta_optimizer": bool}``.
"""

import json

import tensorflow as tf

options = tf.config.optimizer.get_experimental_options()
print(json.dumps({"disable_meta_optimizer": bool(options.get("disable_meta_optimizer"))}))
