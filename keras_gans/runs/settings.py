"""The run settings: one declaration drives the CLI flags, the defaults, config.json and resume.

Each ``Setting`` in ``SETTINGS`` is, at once:
- a ``keras-gans train`` flag (``--name-with-dashes`` unless ``flag`` says otherwise),
  with its help text, type, choices and positivity check;
- a key of ``config.json`` with its common default, which ``MODEL_DEFAULTS``
  may override per model family;
- a value a resumed run keeps from its ``config.json`` (``resumable=False``) or
  takes from the new command (``resumable=True``).

Adding a setting is one ``Setting(...)`` line here; ``runs.training`` reads it
from the settings dict. ``runs.resolve`` turns a command's values into a run's
settings and checks them against these declarations.
"""

import dataclasses
from typing import Any

from keras_gans.models.objectives import UPDATES

# The ``--precision`` choices (``runs.precision.run_policy`` resolves "auto").
PRECISIONS = ("float32", "mixed_bfloat16", "mixed_float16", "auto")
# The ``--precision-networks`` choices: the networks that compute in a mixed policy.
PRECISION_NETWORKS = ("all", "discriminator")
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
        "precision_networks",
        "all",
        "noise models: which networks compute in a mixed --precision: all (default) or "
        "discriminator (the generator, its samples and exports stay float32)",
        choices=PRECISION_NETWORKS,
        applies_to="noise",
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


def resumable_names():
    """Names of the settings a resumed run takes from the new command."""
    return tuple(s.name for s in SETTINGS if s.resumable)
