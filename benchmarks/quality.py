"""The sample-quality protocol of docs/results.md, every family: `make bench-quality`.

    python -m benchmarks.quality     # floors, then every noise family on seeds 0-4

Runs `benchmarks.seeds --floors` and then `benchmarks.seeds` for each noise family's
CLI defaults on the digits (seeds 0-4, two at a time, about 1.5 hours on 2 cores),
and rewrites docs/results.md (`benchmarks.seeds_doc`), whose last section is the
image-to-image one of `benchmarks.translation`. Results accumulate in
benchmarks/results.json.
"""

import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
RESULTS_JSON = os.path.join(HERE, "results.json")
RESULTS_MD = os.path.join(ROOT, "docs", "results.md")
FAMILIES = "gan,dcgan,wgan,wgan-gp,cgan"


def read_results(path):
    """The JSON figures a benchmark wrote to ``path``, or None if it has not run."""
    if not os.path.isfile(path):
        return None
    with open(path) as f:
        return json.load(f)


def main(argv=None):
    seeds = [sys.executable, "-m", "benchmarks.seeds"]
    subprocess.run([*seeds, "--floors"], check=True, cwd=ROOT)
    subprocess.run([*seeds, "--configs", FAMILIES, "--seeds", "0-4", "--jobs", "2"],
                   check=True, cwd=ROOT)  # fmt: skip
    print(f"wrote {RESULTS_MD}")


if __name__ == "__main__":
    main()
