"""Errors as RFC 9457 problem details: a status, a type, a title, and what to fix where.

Framework-free, so the HTTP service and the agent's tools report a problem alike. Each finding
of an `InvalidInputError` keeps its path, prefixed by where its document sits in the request
(``profile.capacity.hours_per_week`` in a re-forecast's body).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from eminence.errors import (
    DocumentSyntaxError,
    EminenceError,
    InputLimitError,
    InvalidInputError,
    Problem,
    UnknownReferenceError,
)

__all__ = ("MEDIA_TYPE", "SCHEMA", "ProblemDetails", "problem_of", "within")

MEDIA_TYPE = "application/problem+json"

_TYPES = "urn:eminence:problem:"

SCHEMA: dict[str, Any] = {
    "title": "ProblemDetails",
    "description": "An error as RFC 9457 problem details; `problems` says what to fix where.",
    "type": "object",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string"},
        "problems": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"path": {"type": "string"}, "message": {"type": "string"}},
                "required": ["path", "message"],
            },
        },
    },
    "required": ["type", "title", "status", "detail"],
}
"""The JSON Schema of a problem document, as the service's OpenAPI document shows it."""


@dataclass(frozen=True, slots=True)
class ProblemDetails:
    """One error as RFC 9457 describes it; ``problems`` lists each finding with its path."""

    status: int
    type: str
    title: str
    detail: str
    problems: tuple[Problem, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """The problem document, ready to send as ``application/problem+json``."""
        found: dict[str, Any] = {
            "type": _TYPES + self.type,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        if self.problems:
            found["problems"] = [{"path": p.path, "message": p.message} for p in self.problems]
        return found


def problem_of(error: EminenceError) -> ProblemDetails:
    """The problem details of an error eminence raised about a request's input."""
    detail = str(error)
    if isinstance(error, InvalidInputError):
        return ProblemDetails(
            422, "invalid-input", "The input is not valid", detail, error.problems
        )
    if isinstance(error, InputLimitError):
        return ProblemDetails(413, "input-limit", "The input exceeds a safety limit", detail)
    if isinstance(error, DocumentSyntaxError):
        return ProblemDetails(400, "malformed", "The input is not well-formed JSON", detail)
    if isinstance(error, UnknownReferenceError):
        return ProblemDetails(422, "unknown-reference", "The input names nothing known", detail)
    return ProblemDetails(422, "unprocessable", "The input cannot be planned", detail)


def within(where: str, error: InvalidInputError) -> InvalidInputError:
    """The same findings, their paths starting at ``where`` in a request that holds several
    documents."""
    problems = [
        Problem(f"{where}.{p.path}" if p.path else where, p.message) for p in error.problems
    ]
    return InvalidInputError(error.what, problems)
