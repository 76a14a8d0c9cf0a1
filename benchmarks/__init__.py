"""Benchmarks (`make bench`): every process runs TensorFlow's kernels as the CLI does."""

import keras_gans_cli

# Before any benchmark module imports TensorFlow: TF_ENABLE_ONEDNN_OPTS=1 unless set,
# so that ours is measured as `keras-gans train` runs it (docs/cli.md); the reference in
# the same process gets the same kernels.
keras_gans_cli.environment_defaults()
