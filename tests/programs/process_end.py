"""Ends as a Python process ends: the temporary folder is the one TMPDIR names, and
what the program registered with ``atexit`` runs when it is done (AutoGraph removes its
generated files there, so a forked run leaves none behind, as a fresh one leaves none).

Params: ``{"marker": path}``, a file an ``atexit`` handler writes. Prints
``{"tempdir": str, "generated": int}``: ``tempfile.gettempdir()`` and how many
AutoGraph files that folder held after one function was converted.
"""

import atexit
import json
import os
import sys
import tempfile

import tensorflow as tf

params = json.loads(sys.argv[1])
atexit.register(lambda: open(params["marker"], "w").close())


@tf.function
def clipped(x):
    if x > 0:  # AutoGraph converts this to a tf.cond, in a generated source file
        return x
    return -x


clipped(tf.constant(-2.0))
folder = tempfile.gettempdir()
generated = [f for f in os.listdir(folder) if f.startswith("__autograph_generated_file")]
print(json.dumps({"tempdir": folder, "generated": len(generated)}))
