"""Run folders: what ``keras-gans train`` writes, resumes and exports from.

A run folder holds::

    config.json              the command's settings (model, data, sizes, seed, ...)
    checkpoints/last.keras   model + both optimizers after the last saved epoch (every
                             epoch once checkpoint_seconds have passed, and the last)
    checkpoints/state.json   epochs saved, step count, noise generator state
    samples/epoch_NNN.png    fixed-noise sample grids (ImageGrid)
    logs/                    TensorBoard logs (losses + sample grids)
    metrics.csv              one row of logs per finished epoch (1-based); with
                             evaluate_every=N also FID, KID, ... every N epochs

Running the same command again continues from the last saved epoch.
"""

import collections
import csv
import os

import keras

from keras_gans import data as data_lib
from keras_gans import models
from keras_gans.callbacks import DivergenceGuard, Evaluate, ImageGrid, LinearDecay, MetricsCSV
from keras_gans.callbacks.schedules import learning_rates
from keras_gans.data.stream import resumable_stream
from keras_gans.errors import RunError
from keras_gans.runs.checkpoint import (
    CHECKPOINT,
    CONFIG,
    RunCheckpoint,
    load_checkpoint,
    read_state,
)
from keras_gans.runs.checkpoint import read_json as _read_json
from keras_gans.runs.checkpoint import write_json as _write_json
from keras_gans.runs.distribute import make_strategy, worker_run_dir
from keras_gans.runs.precision import enable_mixed_precision, run_policy
from keras_gans.runs.resolve import epoch_steps
from keras_gans.runs.settings import common_defaults, resumable_names
from keras_gans.runs.threads import apply_threads, onednn_enabled
from keras_gans.runs.translation import (
    build_translation_model,
    pair_dataset,
    translation_callbacks,
    validation_data,
)


def finished_epochs(run_dir):
    """Epochs finished by the run in ``run_dir`` (0 before the first checkpoint)."""
    return read_state(run_dir)["epoch"]


def _trim_metrics(path, epochs_done):
    """Drops metrics.csv rows of epochs after the checkpoint (a run killed in between)."""
    if not os.path.isfile(path):
        return
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    if not rows:
        return
    kept = [rows[0]] + [r for r in rows[1:] if r and int(r[0]) <= epochs_done]
    with open(path, "w", newline="") as f:
        csv.writer(f).writerows(kept)


def _build_model(settings, image_shape):
    cls = models.get(settings["model"])
    if getattr(cls, "translation", False):
        return build_translation_model(settings, image_shape)
    model_args = dict(settings["model_args"])
    if cls.conditional and "num_classes" not in model_args:
        model_args["num_classes"] = data_lib.num_classes(settings["data"])
    # --precision-networks discriminator: the generator in float32 under a mixed policy
    float32_generator = settings.get("precision_networks") == "discriminator"
    with models.generator_policy("float32" if float32_generator else None):
        model = cls(
            image_shape=image_shape,
            latent_dim=settings["latent_dim"],
            seed=settings["seed"],
            **model_args,
        )
    model.compile(
        update=settings.get("update"),
        d_steps=settings.get("d_steps"),
        steps_per_execution=settings.get("steps_per_execution") or 1,
    )
    return model


def _input_shape(dataset, conditional, translation):
    """The image shape (a pair of shapes when ``translation``) of ``dataset``'s batches."""
    if translation:
        return tuple(tuple(s.shape[1:]) for s in dataset.element_spec)
    spec = dataset.element_spec[0] if conditional else dataset.element_spec
    return tuple(spec.shape[1:])


def initial_learning_rates(model, settings):
    """``[generator, discriminator]`` rates a run starts from (and ``--decay-epochs``
    decays from): ``--lr`` for both, else those config.json recorded when the run
    started, else the family's ``default_optimizers()`` (what ``_build_model``
    compiles with; a checkpoint's rates may be decayed)."""
    if settings.get("learning_rate"):
        return [float(settings["learning_rate"])] * 2
    if settings.get("initial_learning_rates"):
        return [float(r) for r in settings["initial_learning_rates"]]
    return list(learning_rates(model.default_optimizers()))


def _set_learning_rate(model, settings):
    if settings.get("learning_rate"):
        for optimizer in (model.g_optimizer, model.d_optimizer):
            optimizer.learning_rate = float(settings["learning_rate"])


RunStart = collections.namedtuple("RunStart", "model dataset steps_per_epoch")


def fresh_run(settings):
    """What ``train`` builds before a new run's first epoch, without a run folder or
    callbacks: the compiled model (in Keras' current dtype policy) and its endless
    training data. benchmarks/families.py times a family's CLI defaults with it.

    Returns:
        ``RunStart(model, dataset, steps_per_epoch)``.
    """
    keras.utils.set_random_seed(settings["seed"])
    cls = models.get(settings["model"])
    translation = getattr(cls, "translation", False)
    dataset, steps, _ = _training_data(settings, cls.conditional, translation, 0)
    model = _build_model(settings, _input_shape(dataset, cls.conditional, translation))
    _set_learning_rate(model, settings)
    return RunStart(model, dataset, steps)


def _training_data(settings, conditional, translation, epochs_done):
    """``(dataset, steps_per_epoch, held_out)`` positioned after ``epochs_done``
    epochs; ``held_out`` is the image-to-image runs' test pairs, else None."""
    if translation:
        return pair_dataset(settings, epochs_done)
    return (*_dataset(settings, conditional, epochs_done), None)


def train(run_dir, settings, verbose=2):
    """Trains (or resumes) the run in ``run_dir`` with ``settings`` (``runs.run_settings``).

    The run's dtype policy (``precision_policy`` in its config.json) is Keras' global
    policy while the model is built and trained, and the caller's policy again after.

    Returns:
        The trained model.
    """
    previous = keras.mixed_precision.global_policy()
    try:
        return _train(run_dir, settings, verbose)
    finally:
        keras.mixed_precision.set_global_policy(previous)


def _train(run_dir, settings, verbose):
    # First: TensorFlow's thread pools, which its first op fixes; then the
    # MultiWorkerMirroredStrategy, which must exist before other TensorFlow work.
    thread_counts = apply_threads(settings.get("threads"))
    strategy = make_strategy(settings.get("distribute"))
    run_dir = worker_run_dir(run_dir, strategy)
    config_path = os.path.join(run_dir, CONFIG)
    if os.path.isfile(config_path):
        saved = _read_json(config_path)
        if saved["model"] != settings["model"]:
            raise RunError(
                f"{run_dir} holds a '{saved['model']}' run, not '{settings['model']}'; "
                f"choose another --out."
            )
        changed = {k: settings[k] for k in resumable_names() if settings.get(k) is not None}
        settings = {**common_defaults(), **saved, **changed}
    elif os.path.exists(run_dir) and os.listdir(run_dir):
        raise RunError(f"{run_dir} exists and is not a keras-gans run folder.")
    keras.utils.set_random_seed(settings["seed"])
    if settings.get("precision") and settings.get("mixed_precision"):
        raise RunError("Give --precision or --mixed-precision, not both.")
    # The policy is resolved once, when the run starts, and kept for its resumes.
    policy = settings.get("precision_policy") or run_policy(settings)
    if policy != "float32":
        enable_mixed_precision(policy)
    cls = models.get(settings["model"])
    conditional = cls.conditional
    translation = getattr(cls, "translation", False)
    model, done = None, 0
    if os.path.isfile(os.path.join(run_dir, CHECKPOINT)):
        with strategy.scope():
            model, state = load_checkpoint(run_dir)
        done = state["epoch"]
    if done >= settings["epochs"]:
        return model
    dataset, steps_per_epoch, held_out = _training_data(settings, conditional, translation, done)
    if model is None or not done:
        with strategy.scope():
            model = _build_model(settings, _input_shape(dataset, conditional, translation))
    rates = initial_learning_rates(model, settings)
    # Written once the settings have proved to make a model: a bad option leaves no folder.
    os.makedirs(os.path.join(run_dir, "checkpoints"), exist_ok=True)
    _write_json(
        config_path,
        {
            **settings,
            "precision_policy": policy,
            "thread_counts": list(thread_counts),
            "onednn": onednn_enabled(),
            "initial_learning_rates": rates,
        },
    )
    _set_learning_rate(model, settings)
    metrics = os.path.join(run_dir, "metrics.csv")
    _trim_metrics(metrics, done)
    logs = os.path.join(run_dir, "logs")
    guard = DivergenceGuard(max_abs_loss=1e6, verbose=False)
    callbacks = [guard]
    if settings.get("evaluate_every"):
        # Before the loggers, which record the values it adds to the logs.
        callbacks.append(Evaluate(every=settings["evaluate_every"], n=500, data=settings["data"]))
    if translation:
        callbacks += translation_callbacks(model, held_out, run_dir, logs)
    else:
        callbacks.append(
            ImageGrid(
                os.path.join(run_dir, "samples"),
                n=model.num_classes * 8 if conditional else 64,
                seed=0,
                tensorboard_dir=logs,
            )
        )
    if settings.get("decay_epochs"):
        decay = min(settings["decay_epochs"], settings["epochs"])
        callbacks.append(LinearDecay(settings["epochs"], decay, rates))
    callbacks += [
        keras.callbacks.TensorBoard(logs, write_graph=False),
        _GuardedMetricsCSV(metrics, guard),
        RunCheckpoint(
            run_dir,
            skip_if=lambda: guard.diverged is not None,
            every_seconds=settings.get("checkpoint_seconds") or 0,
        ),
    ]
    model.fit(
        dataset,
        epochs=settings["epochs"],
        initial_epoch=done,
        steps_per_epoch=steps_per_epoch,
        callbacks=callbacks,
        validation_data=validation_data(held_out) if translation else None,
        shuffle=False,  # the dataset orders itself
        verbose=verbose,
    )
    if guard.diverged is not None:
        kept = read_state(run_dir)["epoch"]
        raise RunError(
            f"{guard.diverged['message']} {run_dir} keeps the checkpoint of epoch {kept}; "
            f"lower the learning rates or check the data before resuming."
        )
    return model


class _GuardedMetricsCSV(MetricsCSV):
    """MetricsCSV that writes no row for an epoch the divergence guard stopped."""

    def __init__(self, path, guard):
        super().__init__(path)
        self.guard = guard

    def on_epoch_end(self, epoch, logs=None):
        if self.guard.diverged is None:
            super().on_epoch_end(epoch, logs)


def _dataset(settings, conditional, epochs_done):
    """``(dataset, steps_per_epoch)`` positioned after ``epochs_done`` epochs.

    In-memory data (digits, folders) is a ``resumable_stream``: a resumed run
    sees exactly the batches an uninterrupted one would. TFDS data is the
    ordinary shuffled dataset (a resumed run reshuffles).
    """
    name = settings["data"]
    if str(name).startswith("tfds:"):
        dataset = data_lib.load(
            name,
            image_size=settings["image_size"],
            batch_size=settings["batch_size"],
            seed=settings["seed"],
            with_labels=conditional,
        )
        return dataset, settings["steps_per_epoch"]
    images, labels = data_lib.load_arrays(
        name, settings["image_size"], "train", with_labels=conditional
    )
    steps = epoch_steps(settings, len(images) // settings["batch_size"])
    dataset, _ = resumable_stream(
        images, labels, settings["batch_size"], settings["seed"], skip_batches=epochs_done * steps
    )
    return dataset, steps
