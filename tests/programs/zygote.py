"""The tests' zygote: imports TensorFlow once, then forks one child per program run.

Each stdin line is a request ``{"argv", "cwd", "env", "stdout", "stderr"}``: a child
process takes that folder, environment, argv and output files, and runs ``argv[0]``
as ``__main__`` (``runpy``), as ``python argv[0] argv[1:]`` would, except that
TensorFlow is already imported (with the keras modules its import loads in any process;
nothing of keras_gans), which saves each run the import's ~5 CPU seconds. This process answers ``{"pid": ...}``
when the child starts and ``{"status": ...}`` (``subprocess``'s return code) when it
ends. A child ends as a Python process does: it reads TMPDIR from its own environment
and runs its ``atexit`` handlers (AutoGraph's removal of its generated files among
them). End of stdin ends it.
"""

import atexit
import json
import os
import runpy
import sys
import tempfile
import traceback

import tensorflow  # noqa: F401  (the import every child is spared)


def _redirect(fd, path, flags):
    new = os.open(path, flags, 0o644)
    os.dup2(new, fd)
    os.close(new)


def _child(request):
    code = 1  # the status if anything below fails before the program's own
    try:
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        tempfile.tempdir = None  # read TMPDIR again, from the run's environment
        _redirect(0, os.devnull, os.O_RDONLY)
        sys.stdin = open(os.devnull)  # noqa: SIM115  (the child's whole life)
        _redirect(1, request["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        _redirect(2, request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        sys.argv = list(request["argv"])
        sys.path[0] = os.path.dirname(os.path.abspath(sys.argv[0]))
        code = 0
        try:
            runpy.run_path(sys.argv[0], run_name="__main__")
        except SystemExit as e:
            if e.code is None or isinstance(e.code, int):
                code = e.code or 0
            else:
                print(e.code, file=sys.stderr)
                code = 1
        except BaseException:
            traceback.print_exc()
            code = 1
        atexit._run_exitfuncs()  # as a process ends (AutoGraph removes its generated files)
        sys.stdout.flush()
        sys.stderr.flush()
    finally:  # never return into the zygote's loop
        os._exit(code)


def main():
    for line in sys.stdin:
        request = json.loads(line)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            _child(request)
        print(json.dumps({"pid": pid}), flush=True)
        _, status = os.waitpid(pid, 0)
        print(json.dumps({"status": os.waitstatus_to_exitcode(status)}), flush=True)


main()
