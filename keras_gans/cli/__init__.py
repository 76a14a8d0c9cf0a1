"""The ``keras-gans`` command: parser, subcommands, folder translation."""

from typing import TYPE_CHECKING

from keras_gans.utils.lazy import attach

if TYPE_CHECKING:
    from keras_gans.cli.commands import COMMANDS, main
    from keras_gans.cli.parser import CliError, build_parser

__all__ = [
    "COMMANDS",
    "CliError",
    "build_parser",
    "main",
]

__getattr__, __dir__ = attach(__name__, __file__)
