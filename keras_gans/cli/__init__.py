"""The ``keras-gans`` command: parser, subcommands, folder translation."""

from keras_gans.utils.lazy import attach

__all__ = [
    "COMMANDS",
    "CliError",
    "build_parser",
    "main",
]

__getattr__, __dir__ = attach(
    __name__,
    {
        "COMMANDS": "keras_gans.cli.commands:COMMANDS",
        "CliError": "keras_gans.cli.parser:CliError",
        "build_parser": "keras_gans.cli.parser:build_parser",
        "main": "keras_gans.cli.commands:main",
    },
)
