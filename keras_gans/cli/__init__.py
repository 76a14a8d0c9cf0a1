"""The ``keras-gans`` command: parser, subcommands, folder translation."""

from keras_gans.cli.commands import COMMANDS, main
from keras_gans.cli.parser import CliError, build_parser

__all__ = ["COMMANDS", "CliError", "build_parser", "main"]
