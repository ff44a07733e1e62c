"""Errors a user can act on; each carries the CLI exit code it maps to."""

from __future__ import annotations

# Exit codes of the command line (README, "Exit codes"): a batch with error lines exits EXIT_LINES even
# when numbers failed too, so that "some lines were not processed" is never mistaken for a number problem.
EXIT_OK, EXIT_NUMBERS, EXIT_USAGE, EXIT_MODEL, EXIT_LINES = 0, 1, 2, 3, 4


class VnsummError(Exception):
    """Base class: the message is meant for the user, one line, no traceback."""

    exit_code = 2


class InputError(VnsummError):
    """The input text cannot be processed (empty, binary, undecodable)."""

    exit_code = 2


class ConfigError(VnsummError):
    """models.yaml or a CLI option names something that does not exist or is malformed."""

    exit_code = 2


class ModelUnavailableError(VnsummError):
    """The weights of a translation model are not present and cannot be fetched."""

    exit_code = 3
