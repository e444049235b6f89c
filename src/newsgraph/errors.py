"""Errors that newsgraph reports to its users as one clear line."""

from __future__ import annotations


class NewsgraphError(Exception):
    """Base class: the message is meant to be shown to the user as it is, on one line."""


class InputError(NewsgraphError):
    """The input cannot be analysed (empty, binary, not text, too large...)."""

    def __init__(self, source: str, problem: str):
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class ModelNotFoundError(NewsgraphError):
    """The spaCy pipeline that was asked for is not installed."""


class KnowledgeBaseError(NewsgraphError):
    """A knowledge-base file is malformed."""

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")
