"""The machine a benchmark ran on, recorded with its results so that the docs name it.

The 2-core machines these benchmarks run on differ from one day to the next (an AMD
EPYC with AVX-512 bfloat16 only, an Intel Xeon with AMX), and bfloat16's speed depends
on which: each results file stores ``describe()`` at measurement time, and the docs
print the stored text, never the machine that rewrites them.
"""

import datetime
import json
import os
import platform

UNRECORDED = "machine not recorded"


def _model_in(text):
    for line in text.splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[-1].strip()
    return platform.processor() or "unknown CPU"


def cpu_model(cpuinfo="/proc/cpuinfo"):
    """The first ``model name`` of ``cpuinfo`` (the file or its text); else what
    ``platform.processor()`` says, else ``"unknown CPU"``."""
    from keras_gans.runs.precision import read_cpuinfo

    return _model_in(read_cpuinfo(cpuinfo) or "")


def describe(cpuinfo="/proc/cpuinfo"):
    """One line naming the CPU, its architecture, core count and bfloat16 units, e.g.
    ``"Intel(R) Xeon(R) Processor (x86_64, 2 cores; bfloat16 units: amx_bf16,
    avx512_bf16)"``; ``cpuinfo`` (the file or its text) is read once."""
    from keras_gans.runs.precision import BFLOAT16_FLAGS, flags_in, read_cpuinfo

    text = read_cpuinfo(cpuinfo) or ""
    flags = flags_in(text)
    units = [flag for flag in BFLOAT16_FLAGS if flag in flags]
    return (
        f"{_model_in(text)} ({platform.machine()}, {os.cpu_count()} cores; "
        f"bfloat16 units: {', '.join(units) if units else 'none'})"
    )


def threads_text(threads):
    """How a run's recorded ``threads`` (a count, or ``"all"``) reads in the docs."""
    if str(threads) == "all":
        return "TensorFlow on all the cores' threads"
    return f"TensorFlow limited to {threads} thread(s)"


def stamp():
    """``{"date", "machine"}``: today's date and ``describe()``, stored with a
    benchmark's results."""
    return {"date": datetime.date.today().isoformat(), "machine": describe()}


def save_results(path, **fields):
    """Writes ``fields`` to the JSON file ``path`` after the ``stamp()``."""
    with open(path, "w") as f:
        json.dump({**stamp(), **fields}, f, indent=2)
