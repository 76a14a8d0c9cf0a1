"""Timing workers: one process per TensorFlow thread setting, driven line by line.

TensorFlow fixes its thread pools when its runtime starts, so two thread settings
cannot be timed in one process. A ``Worker`` is a child process started under one
setting; it builds a spec's models (``benchmarks.families.build``) when asked and times
one round of one of them when asked, so that the parent can interleave rounds across
settings as ``benchmarks.families`` interleaves them across models. Only one worker
runs at a time: the others wait on their input.

A setting is ``"default"`` (TensorFlow's own pools, or ``$KERAS_GANS_BENCH_THREADS``
when that is set) or ``"INTRA:INTER"``, the two counts ``tf.config.threading`` takes.
"""

import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT = "default"


def parse_setting(text):
    """``None`` for ``"default"``, else ``(intra, inter)`` from ``"INTRA:INTER"``."""
    if text == DEFAULT:
        return None
    parts = text.split(":")
    if len(parts) != 2 or not all(p.isdigit() and int(p) > 0 for p in parts):
        raise ValueError(
            f"Thread setting {text!r} is not 'default' or 'INTRA:INTER' with two "
            "positive counts, e.g. '1:2'."
        )
    return int(parts[0]), int(parts[1])


def apply_setting(text):
    """Sets TensorFlow's thread pools for ``text`` (before any op runs)."""
    setting = parse_setting(text)
    if setting is None:
        from benchmarks.threads import limit_threads

        limit_threads()
        return
    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(setting[0])
    tf.config.threading.set_inter_op_parallelism_threads(setting[1])


class Worker:
    """A child process timing models under one thread ``setting``.

    Args:
        setting: ``"default"`` or ``"INTRA:INTER"``.
    """

    def __init__(self, setting):
        parse_setting(setting)  # a bad setting fails here, not in the child
        self.setting = setting
        self.process = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.workers", setting],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )

    def _ask(self, request):
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            code = self.process.wait()
            raise RuntimeError(
                f"the worker for {self.setting!r} exited ({code}) on {request}; its "
                "traceback is on stderr above"
            )
        return json.loads(line)

    def build(self, spec, sides):
        """Builds ``sides`` of ``spec`` in the child (dropping the last spec's models);
        returns ``{"batch", "flops", "model", "data", "size", "cli_policy",
        "precision_networks"}`` (the dtype policy ``keras-gans train`` resolves for the
        spec here, and the networks that compute in it)."""
        return self._ask({"build": spec, "sides": list(sides)})

    def time(self, side, steps, warm):
        """Seconds one round of ``steps`` timed steps of ``side`` took in the child."""
        return self._ask({"time": side, "steps": steps, "warm": warm})["seconds"]

    def threads(self):
        """``(intra, inter)`` as TensorFlow reports them in the child (0: its default)."""
        return tuple(self._ask({"threads": True})["threads"])

    def close(self):
        self.process.stdin.close()
        self.process.wait()


def serve(setting, requests, replies):
    """The child's loop: applies ``setting``, then answers each JSON line of
    ``requests`` with one JSON line on ``replies`` until ``requests`` ends."""
    apply_setting(setting)
    from benchmarks.families import build
    from benchmarks.throughput import time_round
    from keras_gans.runs.precision import run_policy

    models, dataset = {}, None
    for line in requests:
        request = json.loads(line)
        if "build" in request:
            models.clear()
            models, dataset, settings, flops = build(request["build"], request["sides"])
            reply = {
                "batch": settings["batch_size"],
                "flops": flops,
                "model": settings["model"],
                "data": settings["data"],
                "size": settings["image_size"],
                "cli_policy": run_policy(settings),
                "precision_networks": settings["precision_networks"],
            }
        elif "time" in request:
            model = models[request["time"]]
            reply = {"seconds": time_round(model, dataset, request["steps"], request["warm"])}
        else:
            import tensorflow as tf

            reply = {
                "threads": [
                    tf.config.threading.get_intra_op_parallelism_threads(),
                    tf.config.threading.get_inter_op_parallelism_threads(),
                ]
            }
        replies.write(json.dumps(reply) + "\n")
        replies.flush()


def main():
    # Replies go to the original stdout; anything else printing there goes to stderr.
    replies = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    serve(sys.argv[1], sys.stdin, replies)


if __name__ == "__main__":
    main()
