"""A run's settings from a command's values, checked against the declarations.

``run_settings`` layers the common defaults (``runs.settings.SETTINGS``), the model
family's (``runs.model_defaults``) and the command's values into the dict that
``config.json`` holds; ``check_value``, ``check_model_args`` and ``check_tf_config``
give the one-sentence errors the CLI shows for a bad value.
"""

import inspect
import json
import os

from keras_gans.data.names import TRAIN_IMAGES, default_image_size
from keras_gans.errors import ArgumentError, RunError
from keras_gans.runs.model_defaults import MODEL_DEFAULTS, ON_DATA
from keras_gans.runs.settings import common_defaults, settings_by_name


def epoch_steps(settings, batches):
    """Steps of one epoch of a run: ``--steps-per-epoch`` or ``batches`` (one pass over
    the data), rounded up to a multiple of ``--steps-per-execution``. Keras would round
    an endless dataset's epochs up anyway; rounding here keeps the resume arithmetic
    (``epochs done x steps`` batches consumed) exact."""
    steps = settings.get("steps_per_epoch") or batches
    k = settings.get("steps_per_execution") or 1
    return -(-int(steps) // k) * k


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
