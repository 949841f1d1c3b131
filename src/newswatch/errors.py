"""Errors a user can act on. Each names the input (file, line or field) it is about."""

from __future__ import annotations


class NewswatchError(Exception):
    """Base class: the CLI prints these as one line on stderr, never a traceback."""


class InputError(NewswatchError):
    def __init__(self, source: str, message: str, line: int | None = None, field: str | None = None):
        self.source, self.line, self.field, self.reason = source, line, field, message
        where = source
        if line is not None:
            where += f":{line}"
        if field is not None:
            where += f" (field {field!r})"
        super().__init__(f"{where}: {message}")
