"""Images/s of a family's CLI defaults at --steps-per-execution 1 and 8, interleaved.

    python -m benchmarks.steps_per_execution [FAMILY]

Both models are built as `keras-gans train FAMILY` builds them (digits 16x16, the
resumable stream as input), warmed up for 16 steps, then timed in alternating rounds of
48 steps (a multiple of 8), so the two settings share the machine's state. Prints
images/s per round as JSON; docs/cli.md has the figures behind the CLI default.
"""

import json
import sys
import time

ROUNDS = 3
STEPS = 48


def main(family="dcgan"):
    from keras_gans import data, runs
    from keras_gans.data.stream import resumable_stream
    from keras_gans.runs.training import _build_model

    settings = runs.run_settings(family)
    images, _ = data.load_arrays("digits", 16, "train")
    models = {}
    for k in (1, 8):
        model = _build_model({**settings, "steps_per_execution": k}, images.shape[1:])
        stream, _ = resumable_stream(images, None, settings["batch_size"], 0)
        model.fit(stream, epochs=1, steps_per_epoch=16, verbose=0)
        models[k] = (model, stream)
    rates = {1: [], 8: []}
    for _ in range(ROUNDS):
        for k, (model, stream) in models.items():
            start = time.perf_counter()
            model.fit(stream, epochs=1, steps_per_epoch=STEPS, verbose=0)
            rates[k].append(round(STEPS * settings["batch_size"] / (time.perf_counter() - start)))
    print(json.dumps({"family": family, "images_per_second": rates}))


if __name__ == "__main__":
    main(*sys.argv[1:])
