"""Run checkpoints that survive a kill at any instant, and restore everything a resume needs.

At the end of an epoch that it saves (every epoch, or the first to end ``every_seconds``
after the last save, and always the last epoch) ``RunCheckpoint`` writes, in this order:

1. ``checkpoints/state.json.next``: the epoch count, the generator optimizer's step
   count and the noise generator's state;
2. ``checkpoints/last.keras`` (written to a temporary name, then renamed): both
   networks and both optimizers;
3. renames ``state.json.next`` to ``state.json``.

A kill between 2 and 3 leaves a checkpoint newer than ``state.json``; ``read_state``
notices (the checkpoint's step count equals the pending state's) and adopts the
pending state, so the epoch count always describes the checkpoint on disk.
"""

import json
import os
import time
import zipfile

import keras
import numpy as np

from keras_gans.errors import RunError

CONFIG = "config.json"
CHECKPOINT = os.path.join("checkpoints", "last.keras")
STATE = os.path.join("checkpoints", "state.json")


def write_json(path, obj):
    tmp = f"{path}.tmp"
    with open(tmp, "w") as f:
        json.dump(obj, f, indent=2, sort_keys=True)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def read_json(path):
    """The JSON in ``path``; a RunError naming the file when it is not valid JSON."""
    with open(path) as f:
        text = f.read()
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise RunError(
            f"{path} is not valid JSON ({e.msg}: line {e.lineno}, column {e.colno}): it may "
            f"have been cut short; restore it from a backup, or start a new run with another --out."
        ) from None


def _seed_generators(model):
    """``{"i:name": SeedGenerator}`` of the layers with one (dropout: Pix2Pix's U-Net).

    Keyed by position and name in the model's (deterministic) layer order.
    """
    layers = model._flatten_layers(include_self=False, recursive=True)
    return {
        f"{i}:{layer.name}": layer.seed_generator
        for i, layer in enumerate(layers)
        if getattr(layer, "seed_generator", None) is not None
    }


def model_state(model, epochs_done):
    """What a resume restores besides the ``.keras`` file."""
    state = {"epoch": int(epochs_done), "g_iterations": int(model.g_optimizer.iterations.numpy())}
    if hasattr(model, "noise_generator"):  # Pix2Pix has none (its noise is dropout)
        state["noise_state"] = model.noise_generator.state.numpy().tolist()
    seeds = _seed_generators(model)
    if seeds:  # .keras files do not hold the dropout masks' random state
        state["seed_states"] = {k: np.asarray(g.state.value).tolist() for k, g in seeds.items()}
    return state


def read_state(run_dir, model=None):
    """The run's state (``{"epoch": 0}`` before the first checkpoint).

    With ``model`` (the loaded checkpoint), a pending state written just before a
    kill is adopted when it describes that checkpoint.
    """
    state_path = os.path.join(run_dir, STATE)
    state = read_json(state_path) if os.path.isfile(state_path) else {"epoch": 0}
    pending = state_path + ".next"
    if model is not None and os.path.isfile(pending):
        candidate = read_json(pending)
        if candidate.get("g_iterations") == int(model.g_optimizer.iterations.numpy()):
            os.replace(pending, state_path)
            state = candidate
        else:
            os.remove(pending)
    return state


def restore_noise_state(model, state):
    """Puts the noise generator back where the checkpoint left it."""
    if "noise_state" in state and hasattr(model, "noise_generator"):
        model.noise_generator.state.assign(np.array(state["noise_state"], np.int64))
    generators = _seed_generators(model)
    for path, value in state.get("seed_states", {}).items():
        if path in generators:
            generator = generators[path]
            generator.state.assign(np.array(value, generator.state.dtype))


class RunCheckpoint(keras.callbacks.Callback):
    """Saves the model and the run state at the end of epochs (see the module docstring).

    Args:
        run_dir: the run folder.
        skip_if: a callable; when it returns True the epoch is not saved (the
            divergence guard uses it so a bad epoch never replaces a good checkpoint).
        every_seconds: 0 saves every epoch; otherwise an epoch is saved when at least
            this many seconds have passed since the last save (or since training
            began), and the last epoch of ``fit`` always is. A killed run resumes from
            the last saved epoch, so it loses at most about this long of training.
        clock: the seconds clock (``time.monotonic``; tests give their own).
    """

    def __init__(self, run_dir, skip_if=None, every_seconds=0, clock=time.monotonic):
        super().__init__()
        self.run_dir = run_dir
        self.skip_if = skip_if
        self.every_seconds = every_seconds
        self.clock = clock
        self._last_save = None

    def on_train_begin(self, logs=None):
        self._last_save = self.clock()

    def _due(self, epoch):
        if not self.every_seconds or self._last_save is None:
            return True
        last_epoch = (self.params or {}).get("epochs")
        return epoch + 1 == last_epoch or self.clock() - self._last_save >= self.every_seconds

    def on_epoch_end(self, epoch, logs=None):
        if self.skip_if is not None and self.skip_if():
            return
        if not self._due(epoch):
            return
        state_path = os.path.join(self.run_dir, STATE)
        write_json(state_path + ".next", model_state(self.model, epoch + 1))
        path = os.path.join(self.run_dir, CHECKPOINT)
        tmp = path[: -len(".keras")] + ".tmp.keras"
        self.model.save(tmp)
        os.replace(tmp, path)
        os.replace(state_path + ".next", state_path)
        self._last_save = self.clock()


def load_checkpoint(run_dir):
    """The model of the run's last checkpoint, with its state restored, and that state."""
    if not os.path.isdir(run_dir):
        raise RunError(f"No such run folder: {run_dir}")
    path = os.path.join(run_dir, CHECKPOINT)
    if not os.path.isfile(path):
        raise RunError(f"{run_dir} has no checkpoint yet ({CHECKPOINT}).")
    if not zipfile.is_zipfile(path):  # a .keras file is a zip archive
        raise RunError(
            f"{path} exists but is not a readable .keras file (no zip archive): it may have "
            f"been cut short; restore it from a backup, or start a new run with another --out."
        )
    model = keras.models.load_model(path)
    state = read_state(run_dir, model)
    restore_noise_state(model, state)
    return model, state
