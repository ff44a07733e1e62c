"""Errors a user can act on; each carries the CLI exit code it maps to."""

from __future__ import annotations


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
