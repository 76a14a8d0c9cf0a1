"""``attach``: the public names of a package, imported on first use (PEP 562).

The rooms whose names the ``keras-gans`` argument parser reaches (``cli``, ``runs``,
``data``, ``models``, ``utils``) re-export this way, so that parsing the command
line (``--help``, an argument error) does not import TensorFlow. Their ``__init__``
lists the re-exports as ordinary imports under ``if TYPE_CHECKING:`` (read by type
checkers, IDEs and the API reference), and ``attach`` reads that block.
"""

import ast
import importlib
import importlib.util
import sys


def exports_of(path):
    """``{public name: "module:attribute" or "module"}`` from the ``from ... import``
    statements under ``if TYPE_CHECKING:`` in the file ``path``."""
    with open(path) as f:
        tree = ast.parse(f.read(), path)
    exports = {}
    for node in tree.body:
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for statement in node.body:
                spec = importlib.util.find_spec(statement.module)
                is_package = spec.submodule_search_locations is not None
                for alias in statement.names:
                    public = alias.asname or alias.name
                    submodule = f"{statement.module}.{alias.name}"
                    if is_package and importlib.util.find_spec(submodule) is not None:
                        exports[public] = submodule
                    else:
                        exports[public] = f"{statement.module}:{alias.name}"
    return exports


def attach(package, path):
    """``(__getattr__, __dir__)`` for the package ``package`` whose ``__init__`` is ``path``.

    Args:
        package: the package's ``__name__``.
        path: its ``__file__``; the names to re-export are the imports under
            ``if TYPE_CHECKING:`` there.

    Example:
    >>> import keras_gans.utils
    >>> from keras_gans.utils.lazy import attach
    >>> getattr_, dir_ = attach("keras_gans.utils", keras_gans.utils.__file__)
    >>> getattr_("check_int").__name__
    'check_int'
    >>> "save_png" in dir_()
    True
    """
    exports = exports_of(path)

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
