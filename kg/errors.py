"""The one exception family of kg: every user-facing error is a `KGError`."""
from __future__ import annotations

__all__ = ["KGError", "IngestError", "ModelError"]


class KGError(Exception):
    """Base class: a message that names the bad value, what was allowed and the fix."""


class IngestError(KGError):
    """A document could not be read; the message starts with the file name."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class ModelError(KGError):
    """The statistical NER model could not be loaded or used."""
