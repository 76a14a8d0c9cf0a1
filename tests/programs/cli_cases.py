"""Runs ``keras_gans.cli.main(args)`` for each case in this one process.

Params: ``cases``: ``[[args, folder]]``. Prints ``[[exit status, stderr]]``; an exception
escaping ``main`` shows as its traceback in stderr and a status of None.
"""

import contextlib
import io
import json
import os
import sys
import traceback

import keras_gans_cli

keras_gans_cli._quiet_import_tensorflow()
from keras_gans.cli import main  # noqa: E402

results = []
for args, cwd in json.loads(sys.argv[1])["cases"]:
    os.chdir(cwd)
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = main(args)
        except SystemExit as e:
            code = e.code
        except BaseException:
            code = None
            traceback.print_exc()
    results.append([code, err.getvalue()])
print(json.dumps(results))
