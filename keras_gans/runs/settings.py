"""The run settings: one declaration drives the CLI flags, the defaults, config.json and resume.

Each ``Setting`` in ``SETTINGS`` is, at once:
- a ``keras-gans train`` flag (``--name-with-dashes`` unless ``flag`` says otherwise),
  with its help text, type, choices and positivity check;
- a key of ``config.json`` with its common default, which ``MODEL_DEFAULTS``
  may override per model family;
- a value a resumed run keeps from its ``config.json`` (``resumable=False``) or
  takes from the new command (``resumable=True``).

Adding a setting is one ``Setting(...)`` line here; ``runs.training`` reads it
from the settings dict.
"""

import dataclasses
import inspect
import json
import os
from typing import Any

from keras_gans.data.names import TRAIN_IMAGES, default_image_size
from keras_gans.errors import ArgumentError, RunError
from keras_gans.models.objectives import UPDATES
from keras_gans.runs.model_defaults import MODEL_DEFAULTS, ON_DATA

# The ``--precision`` choices (``runs.precision.run_policy`` resolves "auto").
PRECISIONS = ("float32", "mixed_bfloat16", "mixed_float16", "auto")
# The ``--distribute`` choices, made by ``runs.distribute.make_strategy``.
STRATEGIES = ("none", "mirrored", "multi-worker")


@dataclasses.dataclass(frozen=True)
class Setting:
    """One run setting.

    Attributes:
        name: key in ``config.json`` and in ``run_settings(**overrides)``.
        default: its value when neither the command nor the model family sets it.
        help: the flag's help text.
        type: the flag's type (``int``, ``float``, ``str``), or ``bool`` for a switch
            (``--flag`` alone turns it on), or ``"key=value"`` for a repeatable
            ``KEY=VALUE`` flag collected into a dict.
        choices: allowed values, or None.
        positive: the value must be > 0 (ints: >= 1).
        non_negative: the value must be >= 0 (seeds).
        resumable: a resumed run takes the new command's value (else config.json's).
        applies_to: ``"all"``, ``"noise"`` (models that generate from noise) or
            ``"translation"`` (pix2pix, cyclegan); setting it for another kind of
            model is an error.
        flag: the CLI flag (default: ``--`` and the name with dashes).
        metavar: the flag's value name in the help.
    """

    name: str
    default: Any
    help: str
    type: Any = str
    choices: tuple = None
    positive: bool = False
    non_negative: bool = False
    resumable: bool = False
    applies_to: str = "all"
    flag: str = None
    metavar: str = None

    @property
    def cli_flag(self):
        return self.flag or "--" + self.name.replace("_", "-")


SETTINGS = (
    Setting(
        "data",
        "digits",
        "digits (default), mnist, tfds:<name> or an image folder; pix2pix/cyclegan: "
        "photos-paired, photos-unpaired, tfds:cycle_gan/<name> or a folder",
    ),
    Setting(
        "epochs",
        None,
        "epochs to train (a resumed run: in all)",
        int,
        positive=True,
        resumable=True,
    ),  # fmt: skip
    Setting("batch_size", 64, "images per step", int, positive=True),
    Setting(
        "image_size",
        None,
        "side of the (square) images (default: 28 for mnist, else 16)",
        int,
        positive=True,
    ),
    Setting("latent_dim", None, "size of z", int, positive=True, applies_to="noise"),
    Setting("seed", 0, "seed of the weights, noise and data order", int, non_negative=True),
    Setting(
        "steps_per_epoch",
        None,
        "steps per epoch (default: one pass over the data)",
        int,
        positive=True,
    ),  # fmt: skip
    Setting(
        "distribute",
        None,
        "none (default), mirrored (local GPUs), multi-worker (reads TF_CONFIG)",
        choices=STRATEGIES,
        resumable=True,
    ),
    Setting(
        "mixed_precision",
        False,
        "mixed_float16 on a GPU, mixed_bfloat16 on CPU (saved with the run)",
        bool,
    ),
    Setting(
        "steps_per_execution",
        1,
        "training steps per call into the compiled step (Keras' compile option); each "
        "epoch's steps are rounded up to a multiple of it, so epochs end where a resume "
        "can start",
        int,
        positive=True,
    ),
    Setting(
        "checkpoint_seconds",
        60,
        "write the checkpoint at the end of an epoch once this many seconds have passed "
        "since the last one (0: after every epoch); the last epoch is always written, and "
        "a killed run resumes from the last checkpoint",
        int,
        non_negative=True,
        resumable=True,
        metavar="S",
    ),
    Setting(
        "precision",
        None,
        "float32 (default), mixed_bfloat16, mixed_float16, or auto: mixed_float16 on a GPU, "
        "mixed_bfloat16 on a CPU with bfloat16 units, else float32 (saved with the run)",
        choices=PRECISIONS,
    ),
    Setting(
        "threads",
        "auto",
        "TensorFlow's thread pools: auto (default: parallel-ops on a machine without a "
        "GPU, unless TensorFlow already runs in the process), parallel-ops (one thread "
        "per op, as many ops at once as cores), default (TensorFlow's: each op split over "
        "the cores) or INTRA:INTER; docs/performance.md has what each family measured",
        resumable=True,
        metavar="SETTING",
    ),
    Setting(
        "learning_rate",
        None,
        "learning rate of both optimizers (default: the model's)",
        float,
        positive=True,
        resumable=True,
        flag="--lr",
    ),
    Setting(
        "evaluate_every",
        None,
        "add FID, KID, precision/recall, coverage to the logs every N epochs (digits)",
        int,
        positive=True,
        resumable=True,
        applies_to="noise",
        metavar="N",
    ),
    Setting(
        "update",
        None,
        "noise models: how the discriminator and generator updates share fakes "
        "(default: simultaneous for dcgan, alternating for the others; docs/performance.md)",
        choices=UPDATES,
        applies_to="noise",
    ),
    Setting(
        "d_steps",
        None,
        "noise models: discriminator updates per generator update (default: the "
        "family's: 5 for wgan, wgan-gp and the wgan-gp cgan, else 1; wgan-gp on mnist: 1)",
        int,
        positive=True,
        applies_to="noise",
        metavar="K",
    ),
    Setting(
        "augment",
        False,
        "pix2pix/cyclegan: random jitter and mirroring, as in the papers",
        bool,
        applies_to="translation",
    ),
    Setting(
        "decay_epochs",
        None,
        "decay both learning rates linearly to 0 over the last N epochs (pix2pix and "
        "cyclegan: 10; the noise families: none)",
        int,
        positive=True,
        resumable=True,
        metavar="N",
    ),
    Setting(
        "model_args",
        {},
        "constructor argument of the model (JSON value), repeatable",
        "key=value",
        flag="--model-arg",
        metavar="KEY=VALUE",
    ),
)


def settings_by_name():
    """``{name: Setting}`` of ``SETTINGS``."""
    return {s.name: s for s in SETTINGS}


def common_defaults():
    """``{name: default}`` of every setting (before a family's ``MODEL_DEFAULTS``)."""
    return {s.name: s.default for s in SETTINGS}


def epoch_steps(settings, batches):
    """Steps of one epoch of a run: ``--steps-per-epoch`` or ``batches`` (one pass over
    the data), rounded up to a multiple of ``--steps-per-execution``. Keras would round
    an endless dataset's epochs up anyway; rounding here keeps the resume arithmetic
    (``epochs done x steps`` batches consumed) exact."""
    steps = settings.get("steps_per_epoch") or batches
    k = settings.get("steps_per_execution") or 1
    return -(-int(steps) // k) * k


def resumable_names():
    """Names of the settings a resumed run takes from the new command."""
    return tuple(s.name for s in SETTINGS if s.resumable)


def parse_key_value(text):
    """``"key=json"`` -> ``(key, value)``; a value that is not JSON stays a string."""
    key, sep, value = text.partition("=")
    if not sep or not key.isidentifier():
        raise ArgumentError(f"expected KEY=VALUE, got {text!r}")
    try:
        return key, json.loads(value)
    except json.JSONDecodeError:
        return key, value


def check_value(setting, value):
    """``value`` if it fits ``setting`` (positivity, choices); else a RunError naming
    its flag. The CLI checks every flag with it; the Python API also takes 0 for "off"
    (``decay_epochs=0``)."""
    if value is None:
        return value
    if setting.positive and not value > 0:
        kind = "integer" if setting.type is int else "number"
        raise RunError(f"{setting.cli_flag} must be a positive {kind}, got {value}")
    if setting.non_negative and value < 0:
        raise RunError(f"{setting.cli_flag} must be a non-negative integer, got {value}")
    if setting.choices is not None and value not in setting.choices:
        raise RunError(f"{setting.cli_flag} must be one of {list(setting.choices)}, got {value!r}")
    return value


def check_tf_config(strategy):
    """``strategy`` unless it is ``"multi-worker"`` without the ``TF_CONFIG`` environment
    variable (which names the cluster's workers): then a RunError saying so. The CLI
    checks it before importing TensorFlow; ``runs.distribute.make_strategy`` again."""
    if strategy == "multi-worker" and not os.environ.get("TF_CONFIG"):
        raise RunError(
            "--distribute multi-worker needs TF_CONFIG on every worker, e.g. "
            '{"cluster": {"worker": ["host1:port", "host2:port"]}, '
            '"task": {"type": "worker", "index": 0}}'
        )
    return strategy


# Constructor arguments a run sets from its own flags (the flag to use instead).
RUN_OWNED_ARGS = {
    "image_shape": "--image-size (and --data for the channels)",
    "image_shape_b": "--image-size (and --data for the channels)",
    "target_channels": "--data",
    "latent_dim": "--latent-dim",
    "seed": "--seed",
    "generator": None,
    "discriminator": None,
}


def constructor_parameters(cls):
    """``{name: default}`` of the named arguments ``cls`` and its keras_gans base
    classes take (``inspect.Parameter.empty`` where there is no default)."""
    params = {}
    for klass in reversed(cls.__mro__):
        if "__init__" not in vars(klass) or not klass.__module__.startswith("keras_gans"):
            continue
        for name, p in inspect.signature(klass.__init__).parameters.items():
            if name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
                params[name] = p.default
    return params


def _kind_mismatch(default, value):
    """What ``value`` should be when it does not fit the type of ``default``, else None."""
    if default is None or default is inspect.Parameter.empty:
        return None
    if isinstance(default, bool):
        return None if isinstance(value, bool) else "true or false"
    if isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else "an integer"
    if isinstance(default, float):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return None if ok else "a number"
    if isinstance(default, str):
        return None if isinstance(value, str) else "a string"
    if isinstance(default, (tuple, list)):
        return None if isinstance(value, (tuple, list)) else "a JSON list such as [64, 64]"
    return None


def check_model_args(model, model_args):
    """Raises RunError unless every ``--model-arg`` is an argument of ``model``'s
    constructor that the run does not set itself, with a value of its default's type."""
    from keras_gans import models

    params = constructor_parameters(models.get(model))
    for key, value in model_args.items():
        if key in RUN_OWNED_ARGS:
            flag = RUN_OWNED_ARGS[key]
            how = f"use {flag}" if flag else "the run builds its networks from the other arguments"
            raise RunError(f"--model-arg {key} is set by the run itself; {how}.")
        if key not in params:
            choices = sorted(k for k in params if k not in RUN_OWNED_ARGS)
            raise RunError(f"{model} takes no argument {key!r}; choose from {choices}")
        wanted = _kind_mismatch(params[key], value)
        if wanted:
            raise RunError(
                f"--model-arg {key} must be {wanted} (its default is {params[key]!r}), "
                f"got {value!r}"
            )


def run_settings(model, **overrides):
    """The full settings of a run: common defaults, the family's, then non-None ``overrides``.

    Args:
        model: a model family name (``keras_gans.models.names()``).
        **overrides: setting values by name (None: not given).

    Returns:
        ``{"model": name, setting: value, ...}`` as written to ``config.json``.
    """
    from keras_gans import models

    cls = models.get(model)
    translation = getattr(cls, "translation", False)
    declared = settings_by_name()
    unknown = sorted(set(overrides) - set(declared))
    if unknown:
        raise RunError(f"Unknown run setting {unknown[0]!r}; choose from {sorted(declared)}")
    for key, value in overrides.items():
        setting = declared[key]
        wanted = {"noise": False, "translation": True}.get(setting.applies_to)
        if value and wanted is not None and translation != wanted:
            what = "translates images" if translation else "generates from noise"
            raise RunError(f"{model} {what}; the setting {key} does not apply to it.")
    settings = {"model": model.lower(), **common_defaults(), **MODEL_DEFAULTS[model.lower()]}
    family_data, family_epochs = settings["data"], settings["epochs"]
    # A family's defaults on another built-in dataset, where they were measured there
    data_defaults = dict(settings.pop(ON_DATA, {}).get(overrides.get("data") or family_data, {}))
    settings["model_args"] = {**settings["model_args"], **data_defaults.pop("model_args", {})}
    settings.update(data_defaults)
    given_args = overrides.pop("model_args", None) or {}
    check_model_args(model.lower(), given_args)
    model_args = {**settings["model_args"], **given_args}
    settings.update({k: v for k, v in overrides.items() if v is not None})
    if overrides.get("mixed_precision") and overrides.get("precision") is None:
        # --mixed-precision alone names the run's policy the older way: it replaces
        # a family's default --precision instead of clashing with it
        settings["precision"] = None
    settings["model_args"] = model_args
    if settings["image_size"] is None:
        settings["image_size"] = default_image_size(settings["data"])
    if overrides.get("epochs") is None and "epochs" not in data_defaults:
        settings["epochs"] = scaled_epochs(family_epochs, family_data, settings["data"])
    return settings


def scaled_epochs(epochs, family_data, data):
    """A family's default ``epochs`` on ``data`` instead of the data it was chosen on:
    the same number of images seen, when both are built-in datasets (60 epochs of the
    1,438 digits -> 22 of the 4,000 MNIST digits); otherwise ``epochs`` unchanged."""
    if family_data == data or family_data not in TRAIN_IMAGES or data not in TRAIN_IMAGES:
        return epochs
    return max(1, round(epochs * TRAIN_IMAGES[family_data] / TRAIN_IMAGES[data]))
