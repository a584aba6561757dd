"""The errors the library raises, and the exit codes the command line turns them into."""

from __future__ import annotations

from enum import IntEnum


def _short(name: str) -> str:
    """A name as quoted in a message: a very long one keeps its start and end."""
    return name if len(name) <= 80 else f"{name[:60]}…[{len(name) - 75:,} characters]…{name[-15:]}"


class ExitCode(IntEnum):
    """Exit codes of the frontclaims command line."""

    SUCCESS = 0
    ERROR = 1  # the command could not do what was asked (unknown place, bad file content)
    USAGE = 2  # bad arguments or options
    INPUT_SKIPPED = 3  # the command finished, but some input files were skipped
    DATABASE = 4  # the database cannot be opened, is not ours, or is locked
    MODEL = 5  # no trained spaCy pipeline is installed
    INTERRUPTED = 130  # stopped by Ctrl-C after finishing the current article
    BROKEN_PIPE = 141  # the reader of standard output went away (`| head`): stopped quietly, as cat does


class FrontclaimsError(Exception):
    """Base class of the errors frontclaims raises on purpose."""

    exit_code = ExitCode.ERROR


class UnknownPlaceError(FrontclaimsError):
    """No gazetteer entry matches the name."""

    def __init__(self, name: str, suggestions: list[str] | tuple[str, ...] = ()):
        self.name = name
        self.suggestions = tuple(suggestions)
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"no place called {_short(name)!r} in the gazetteer.{hint}")


class UncertainPlaceError(UnknownPlaceError):
    """The name is no place's name and close to several, or not close enough to one: the user chooses."""

    def __init__(self, name: str, candidates: list[str] | tuple[str, ...]):
        FrontclaimsError.__init__(
            self, f"{_short(name)!r} is not a place name frontclaims knows; it is close to "
                  f"{', '.join(candidates)}: give one of these names")
        self.name = name
        self.suggestions = tuple(candidates)


class ArticleError(FrontclaimsError):
    """An input file cannot be read as an article."""

    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class OutputPathError(FrontclaimsError):
    """A file the user asked for cannot be written there (nothing was changed)."""


class DatabaseError(FrontclaimsError):
    """The database cannot be opened or written."""

    exit_code = ExitCode.DATABASE


class NotAFrontclaimsDatabaseError(DatabaseError):
    """The file exists but is not a frontclaims database."""


class SchemaVersionError(DatabaseError):
    """The database was written by a newer frontclaims than this one."""


class ModelNotFoundError(FrontclaimsError):
    """No trained English spaCy pipeline is installed."""

    exit_code = ExitCode.MODEL


class LexiconError(FrontclaimsError):
    """The claim table or a vocabulary of the lexicon is malformed."""


class GazetteerError(FrontclaimsError):
    """The gazetteer file is missing or malformed."""
