"""The project's small exception hierarchy and the validation problem it reports.

``UserError`` and its subclasses are mistakes in input or set-up: the CLI prints them and
exits non-zero without a traceback. Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class UserError(Exception):
    """A problem the user can fix; shown as a message, not a traceback."""


class ConfigError(UserError):
    """``mkdocs.yml`` or the project layout is not usable."""


class ValidationFailed(UserError):
    """Inputs were rejected (or warned about under ``--strict``)."""


class InputChanged(UserError):
    """An input file changed between validating it and rendering it: build again."""


class Severity(StrEnum):
    """ERROR rejects the file; WARNING (unknown keys) fails ``--strict``; NOTICE never fails."""

    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one input file: where, what was expected and what was found."""

    file: str
    path: str
    expected: str
    found: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.file}: {self.path}" if self.path else self.file
        return f"{self.severity.value}: {where}: expected {self.expected}, found {self.found}"
