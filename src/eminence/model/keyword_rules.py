"""Keyword and hashtag rules: a listening tool's saved searches, labelling rows by their text.

A TweetDeck or HootSuite column is a saved search; here a rule is one label (a topic or a
segment id) with the keywords that stand for it. A keyword is a few plain words
(``"data protection"``) or one hashtag or mention (``"#GDPR"``, ``"@gartner"``). It occurs in a
text when its words appear there in a row, whole, ignoring case and the punctuation between
them: ``"data protection"`` occurs in ``"Data-protection fines"``, not in ``"dataprotection"``;
a plain word also occurs as a hashtag (``"GDPR"`` in ``"#GDPR"``), a hashtag only as itself.

No pattern language is taken from users: the text is split into words once, and each run of
up to `MAX_KEYWORD_WORDS` words is looked up in a table of the keywords, so the work per row
grows with the length of its text, not with the number of rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Annotated, Literal, Self

from pydantic import Field, StringConstraints, model_validator

from eminence.errors import Problem
from eminence.model._base import FrozenDict, FrozenMap, Record
from eminence.model.quantities import Id

__all__ = (
    "MAX_KEYWORDS",
    "MAX_KEYWORD_WORDS",
    "LabelRules",
    "Matcher",
    "RuleMatch",
)

MAX_KEYWORD_WORDS = 5
"""Words in one keyword: a phrase longer than this is a sentence, not a search."""

MAX_KEYWORDS = 1_000
"""Keywords over all the rules of one mapping: a few dozen saved searches, each with synonyms."""

Keyword = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Keywords = Annotated[tuple[Keyword, ...], Field(min_length=1)]

Rule = Literal["topics", "segments"]
"""What a rule labels: a row's topics, or its speaker's segment."""

_WORD = re.compile(r"([#@]?)(\w+)")
"""A word of a text, with the ``#`` or ``@`` before it when it is a hashtag or a mention."""


class RuleMatch(Record):
    """Why a row carries a label: the rule (``topics`` or ``segments``, and its id) and the
    keyword of it that occurs in the row's text."""

    rule: Rule
    label: Id
    keyword: str


class LabelRules(Record):
    """Keywords that label a row's topics, and its speaker's segment, from the row's text.

    Every topic whose keywords occur is added to the row's topics. The first segment rule, in
    the mapping's order, whose keyword occurs names the speaker's segment, when the row's
    speaker is no segment, peer or ``other`` of the profile.

    >>> rules = LabelRules(topics={"gdpr": ["#GDPR", "data protection"]})
    >>> [match.label for match in rules.matches("New data-protection fines")]
    ['gdpr']
    """

    topics: FrozenMap[Id, Keywords] = Field(default_factory=FrozenDict)
    segments: FrozenMap[Id, Keywords] = Field(default_factory=FrozenDict)

    @model_validator(mode="after")
    def _searchable(self) -> Self:
        problems = []
        count = 0
        for rule, label, keyword in self._keywords():
            count += 1
            words = _words(keyword)
            if not words:
                problems.append(
                    Problem(f"{rule}.{label}", f"{keyword!r} has no word to search for")
                )
            elif len(words) > 1 and any(prefix for prefix, _ in words):
                problems.append(
                    Problem(
                        f"{rule}.{label}",
                        f"{keyword!r} mixes a hashtag or mention with other words; give the "
                        "hashtag alone, or the words without '#' and '@'",
                    )
                )
            elif len(words) > MAX_KEYWORD_WORDS:
                problems.append(
                    Problem(
                        f"{rule}.{label}",
                        f"{keyword!r} has {len(words)} words; a keyword has at most "
                        f"{MAX_KEYWORD_WORDS}",
                    )
                )
        if count > MAX_KEYWORDS:
            problems.append(
                Problem("rules", f"{count} keywords; at most {MAX_KEYWORDS} are searched")
            )
        self._reject(problems)
        return self

    def _keywords(self) -> Iterator[tuple[Rule, str, str]]:
        rules: tuple[tuple[Rule, Mapping[str, tuple[str, ...]]], ...] = (
            ("topics", self.topics),
            ("segments", self.segments),
        )
        for rule, labels in rules:
            for label, keywords in labels.items():
                for keyword in keywords:
                    yield rule, label, keyword

    def matches(self, text: str) -> tuple[RuleMatch, ...]:
        """Each rule whose keyword occurs in the text, with the keyword found first, in the
        mapping's order: topics first, then segments."""
        return self.matcher().matches(text)

    def matcher(self) -> Matcher:
        """The rules' table of keywords, built once to label many rows."""
        return Matcher(self)


class Matcher:
    """The rules' keywords in tables keyed by their words: phrases, and hashtags or mentions."""

    def __init__(self, rules: LabelRules) -> None:
        labels: dict[tuple[Rule, str], int] = {}
        self._phrases: dict[tuple[str, ...], list[tuple[int, str]]] = {}
        self._tags: dict[str, list[tuple[int, str]]] = {}
        for rule, label, keyword in rules._keywords():
            entry = (labels.setdefault((rule, label), len(labels)), keyword)
            words = _words(keyword)
            prefix, word = words[0]
            if prefix:
                self._tags.setdefault(prefix + word, []).append(entry)
            else:
                self._phrases.setdefault(tuple(w for _, w in words), []).append(entry)
        self._labels = list(labels)

    def matches(self, text: str) -> tuple[RuleMatch, ...]:
        """Each rule whose keyword occurs in the text: at most `MAX_KEYWORD_WORDS` lookups a
        word, however many rules there are."""
        if not self._labels or not text:
            return ()
        words = _words(text)
        plain = [word for _, word in words]
        found: dict[int, str] = {}
        for start, (prefix, word) in enumerate(words):
            hits = list(self._tags.get(prefix + word, ())) if prefix else []
            for length in range(1, min(MAX_KEYWORD_WORDS, len(plain) - start) + 1):
                hits += self._phrases.get(tuple(plain[start : start + length]), ())
            for position, keyword in hits:
                found.setdefault(position, keyword)
        return tuple(
            RuleMatch(rule=rule, label=label, keyword=found[position])
            for position, (rule, label) in enumerate(self._labels)
            if position in found
        )


def _words(text: str) -> list[tuple[str, str]]:
    return [(prefix, word) for prefix, word in _WORD.findall(text.casefold())]
