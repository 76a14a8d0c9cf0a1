"""Programs the tests run, started by a zygote that has TensorFlow imported.

``run_python(argv, ...)`` returns what ``subprocess.run([python, *argv], ...)`` would
(a ``CompletedProcess`` with text stdout and stderr), but the process is forked from
``tests/programs/zygote.py``, one per pytest worker, which imported TensorFlow once
(and with it the keras modules TensorFlow's import loads; nothing of keras_gans). Each run is still its own process, with its
own folder, environment and output; it only skips TensorFlow's import. Runs whose
``TF_*`` environment differs from the zygote's (read at import), and all runs when
``KERAS_GANS_TEST_ZYGOTE=0``, start a plain process instead.
"""

import atexit
import json
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading

PYTHON = sys.executable
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the repository
PROGRAM = os.path.join(ROOT, "tests", "programs", "zygote.py")


def _tf_part(env):
    return {k: v for k, v in env.items() if k.startswith("TF_")}


class Zygote:
    """The zygote process of this pytest worker and the lines it answers."""

    def __init__(self, env):
        self.env = dict(env)
        self.proc = subprocess.Popen(
            [PYTHON, PROGRAM],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=self.env,
            cwd=ROOT,
            text=True,
        )
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(json.loads(line))
        self.lines.put(None)  # the zygote ended

    def _next(self, timeout):
        message = self.lines.get(timeout=timeout)
        if message is None:
            raise RuntimeError(f"the test zygote ended (status {self.proc.wait()})")
        return message

    def run(self, argv, cwd, env, timeout):
        with tempfile.TemporaryDirectory(prefix="keras_gans_zygote_") as folder:
            out, err = os.path.join(folder, "stdout"), os.path.join(folder, "stderr")
            request = {"argv": argv, "cwd": cwd, "env": env, "stdout": out, "stderr": err}
            self.proc.stdin.write(json.dumps(request) + "\n")
            self.proc.stdin.flush()
            pid = self._next(60)["pid"]
            try:
                status = self._next(timeout)["status"]
            except queue.Empty:
                os.kill(pid, signal.SIGKILL)
                self._next(60)
                raise subprocess.TimeoutExpired(argv, timeout) from None
            stdout, stderr = (open(p, errors="replace").read() for p in (out, err))
        return subprocess.CompletedProcess([PYTHON, *argv], status, stdout, stderr)

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


_ZYGOTE = None


def _zygote(env):
    global _ZYGOTE
    if _ZYGOTE is None or _ZYGOTE.proc.poll() is not None:
        _ZYGOTE = Zygote(env)
        atexit.register(_ZYGOTE.close)
    return _ZYGOTE


def run_python(argv, cwd, env, timeout, fresh=False):
    """``subprocess.run([python, *argv], cwd, env, timeout, capture_output, text)``,
    forked from the zygote unless ``fresh`` (or the run's TF_* variables differ)."""
    argv, cwd, env = [str(a) for a in argv], str(cwd), dict(env)
    if not fresh and os.environ.get("KERAS_GANS_TEST_ZYGOTE", "1") != "0":
        zygote = _zygote(env)
        if _tf_part(zygote.env) == _tf_part(env):
            return zygote.run(argv, cwd, env, timeout)
    return subprocess.run(
        [PYTHON, *argv], capture_output=True, text=True, env=env, cwd=cwd, timeout=timeout
    )
