"""FID of one family's CLI defaults under several update schemes and seeds.

    python -m benchmarks.seeds --family dcgan --seeds 0,1,3,4 \
        --updates simultaneous,alternating,alternating_reuse

Each (seed, scheme) trains `keras-gans train FAMILY --seed S --update U` and is scored
with FID, precision and recall on 1,000 samples (the protocol of docs/evaluation.md).
Within one version of the code a run is deterministic (the same seed and scheme give the
same FID twice), but a change to how noise is drawn changes every figure, so schemes are
compared by seed, in one run of this script. Rows accumulate in benchmarks/results.json
under "seed_pairs"; docs/performance.md shows them.
"""

import argparse
import datetime
import json
import os
import shutil
import tempfile
import time

from benchmarks.quality import RESULTS_JSON


def main(argv=None):
    from keras_gans import runs
    from keras_gans.reports.evaluation import evaluate_source

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--family", default="dcgan")
    parser.add_argument("--seeds", default="0,1,3,4")
    parser.add_argument("--updates", default="simultaneous,alternating")
    args = parser.parse_args(argv)
    with open(RESULTS_JSON) as f:
        results = json.load(f)
    pairs = results.setdefault("seed_pairs", [])
    work = tempfile.mkdtemp(prefix="keras_gans_seeds_")
    try:
        for seed in [int(s) for s in args.seeds.split(",")]:
            for update in args.updates.split(","):
                settings = runs.run_settings(args.family, seed=seed, update=update)
                start = time.perf_counter()
                model = runs.train(os.path.join(work, f"{update}{seed}"), settings, verbose=0)
                seconds = time.perf_counter() - start
                r = evaluate_source(model, ("fid", "pr"), n=1000, seed=0)
                row = {
                    "family": args.family,
                    "update": update,
                    "seed": seed,
                    "fid": round(r["fid"], 2),
                    "precision": round(r["precision"], 3),
                    "recall": round(r["recall"], 3),
                    "train_seconds": round(seconds, 1),
                    "date": datetime.date.today().isoformat(),
                }
                print(json.dumps(row), flush=True)
                key = (row["family"], row["update"], row["seed"])
                pairs[:] = [p for p in pairs if (p["family"], p["update"], p["seed"]) != key]
                pairs.append(row)
                with open(RESULTS_JSON, "w") as f:
                    json.dump(results, f, indent=2, sort_keys=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
