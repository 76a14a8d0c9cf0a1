"""``attach``: the public names of a package, imported on first use (PEP 562).

The rooms whose names the ``keras-gans`` argument parser reaches (``cli``, ``runs``,
``data``, ``models``, ``utils``) re-export this way, so that parsing the command
line (``--help``, an argument error) does not import TensorFlow.
"""

import importlib
import sys


def attach(package, exports):
    """``(__getattr__, __dir__)`` for the package ``package``.

    Args:
        package: the package's ``__name__``.
        exports: ``{public name: "module"}`` for a submodule, or
            ``{public name: "module:attribute"}`` for a name a module defines.

    Example:
    >>> from keras_gans.utils.lazy import attach
    >>> getattr_, dir_ = attach("keras_gans.utils", {"check_int": "keras_gans.utils.checks:check_int"})
    >>> getattr_("check_int").__name__
    'check_int'
    >>> dir_()
    ['check_int']
    """

    def __getattr__(name):
        if name not in exports:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, _, attribute = exports[name].partition(":")
        value = importlib.import_module(module)
        if attribute:
            value = getattr(value, attribute)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__():
        return sorted(exports)

    return __getattr__, __dir__
