"""The StyleGAN2 tutorial's pictures from a trained run folder.

``python -m benchmarks.stylegan2_grids RUN`` writes, from the run's checkpoint (its EMA
generator), ``docs/images/stylegan2/psi{0.5,0.7,1.0}.png`` (64 samples each, seeds 0-63)
and ``mixing.png`` (rows: A, A's coarse styles with B's fine ones at crossovers 4 and 2,
then B).
"""

import argparse
import os

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "docs", "images", "stylegan2")


def write_grids(run_dir, out_dir=OUT):
    import keras_gans
    from keras_gans import runs

    model = runs.load_run_model(run_dir)
    os.makedirs(out_dir, exist_ok=True)
    written = []
    for psi in (0.5, 0.7, 1.0):
        path = os.path.join(out_dir, f"psi{psi}.png")
        keras_gans.utils.save_grid(model.generate(64, seed=0, truncation_psi=psi), path)
        written.append(path)
    z_a = keras_gans.utils.seeded_noise(8, model.latent_dim, 0)
    z_b = keras_gans.utils.seeded_noise(8, model.latent_dim, 100)
    w_a, w_b = model.mapping(z_a), model.mapping(z_b)
    rows = [model.synthesis(w_a)]
    rows += [model.synthesis(model.mix(w_a, w_b, k)) for k in (4, 2)]
    rows.append(model.synthesis(w_b))
    path = os.path.join(out_dir, "mixing.png")
    grid = keras_gans.utils.make_grid(
        np.concatenate([np.asarray(r) for r in rows]), cols=8, scale=2
    )
    keras_gans.utils.save_png(grid, path)
    written.append(path)
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("run", help="a keras-gans train stylegan2 run folder")
    args = parser.parse_args(argv)
    for path in write_grids(args.run):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
