"""Runs docs/tutorials/augment.md at full size; its figures go to docs/results.md.

    python -m benchmarks.augment

The tutorial's python blocks run as one script in a fresh process (as the test suite
runs them, without ``KERAS_GANS_DOCS_FAST``). What it prints and the ``augment.json``
it writes are kept in benchmarks/augment_results.json, with a grid of the first
seed's synthetic folder (docs/images/results/augment-synthetic.png); then
docs/results.md is rewritten (``benchmarks.seeds_doc``), its section quoting the
printed lines as they were.
"""

import datetime
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time

from benchmarks.quality import ROOT

TUTORIAL = os.path.join(ROOT, "docs", "tutorials", "augment.md")
RESULTS = os.path.join(ROOT, "benchmarks", "augment_results.json")
GRID = os.path.join(ROOT, "docs", "images", "results", "augment-synthetic.png")
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def tutorial_code():
    with open(TUTORIAL) as f:
        return "\n".join(BLOCK.findall(f.read()))


def save_folder_grid(folder, path, per_class=10):
    """The first ``per_class`` images of each class folder, one row per class."""
    import numpy as np
    from PIL import Image

    from keras_gans.utils.images import make_grid, save_png

    images = []
    for name in sorted(d for d in os.listdir(folder) if os.path.isdir(os.path.join(folder, d))):
        files = sorted(os.listdir(os.path.join(folder, name)))[:per_class]
        for file in files:
            pixels = np.asarray(Image.open(os.path.join(folder, name, file)), np.float32)
            images.append(pixels[..., None] / 127.5 - 1.0)
    save_png(make_grid(np.stack(images), cols=per_class, scale=3), path)


def _processor():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "processor unnamed"


def main():
    env = {k: v for k, v in os.environ.items() if k != "KERAS_GANS_DOCS_FAST"}
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    with tempfile.TemporaryDirectory(prefix="keras_gans_augment_") as work:
        script = os.path.join(work, "augment.py")
        with open(script, "w") as f:
            f.write(tutorial_code())
        env["KERAS_GANS_DOCS_OUT"] = os.path.join(work, "out")
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, script], capture_output=True, text=True, env=env, cwd=work
        )
        seconds = time.perf_counter() - start
        if proc.returncode != 0:
            sys.exit(f"the tutorial failed:\n{proc.stderr[-3000:]}")
        with open(os.path.join(work, "out", "augment.json")) as f:
            figures = json.load(f)
        save_folder_grid(os.path.join(work, "out", "synthetic-0"), GRID)
    figures.update(
        printed=proc.stdout.strip().splitlines(),
        seconds=round(seconds),
        date=datetime.date.today().isoformat(),
        machine=f"{platform.machine()}, {os.cpu_count()} CPU cores, {_processor()}",
    )
    with open(RESULTS, "w") as f:
        json.dump(figures, f, indent=2, sort_keys=True)
    print("\n".join(figures["printed"]))
    from benchmarks.seeds_doc import write_seed_doc

    write_seed_doc()


if __name__ == "__main__":
    main()
