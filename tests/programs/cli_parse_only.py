"""Runs the ``keras-gans`` console script's ``main`` for one command line in this fresh
process, and says whether TensorFlow was imported.

Params: ``argv``. Prints ``{"status": exit status, "tensorflow": imported?}``.
"""

import contextlib
import io
import json
import sys

import keras_gans_cli

sys.argv = ["keras-gans", *json.loads(sys.argv[1])["argv"]]
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        status = keras_gans_cli.main()
    except SystemExit as e:
        status = e.code
print(json.dumps({"status": status, "tensorflow": "tensorflow" in sys.modules}))
