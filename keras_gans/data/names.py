"""The built-in dataset names and their default image sides (no TensorFlow needed)."""

BUILTIN = ("digits", "mnist")
# Image side when none is given: 16 (digits upsampled from 8x8, folders, TFDS) except
# MNIST, kept at its own 28x28.
DEFAULT_IMAGE_SIZE = {"mnist": 28}
# Images in the train split of each built-in dataset (a run sizes its default epochs
# by them: keras_gans.runs.resolve.run_settings).
TRAIN_IMAGES = {"digits": 1438, "mnist": 4000}


def default_image_size(name):
    """The image side ``load``/``load_arrays`` use for ``name`` when none is given."""
    return DEFAULT_IMAGE_SIZE.get(str(name), 16)
