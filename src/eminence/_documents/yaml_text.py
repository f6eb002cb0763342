"""Reading YAML from its event stream, vetted before anything is built, and writing it back
with a dumper that keeps every line break."""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import TYPE_CHECKING, Any, Protocol

from eminence.errors import (
    DocumentSyntaxError,
    EminenceError,
    InputLimitError,
    MissingExtraError,
)

if TYPE_CHECKING:
    import yaml
from eminence._documents.limits import (
    Limits,
    _check_int,
    _int_digit_limit,
    _kind,
    _show,
    _too_deep,
    _too_many_digits,
    _unquoted,
)


def _parse_yaml(text: str, limits: Limits) -> object:
    try:
        import yaml
    except ImportError:
        raise MissingExtraError("PyYAML", "yaml", "reading YAML") from None
    try:
        try:
            return _load_yaml(_strict_loader(fast=True), text, limits)
        except yaml.YAMLError:
            # libyaml has limits of its own (a nesting depth, since 0.2.6) and scans far ahead
            # of the events, so it may refuse text before eminence's limits could judge it.
            # The pure-Python parser has none and scans little ahead: what it says stands.
            return _load_yaml(_strict_loader(fast=False), text, limits)
    except yaml.MarkedYAMLError as error:
        message = _yaml_message(error)
        raise DocumentSyntaxError(message, redacted=_unquoted(message)) from None
    except yaml.YAMLError as error:
        raise DocumentSyntaxError(
            f"invalid YAML: {' '.join(str(error).split())}", redacted="invalid YAML"
        ) from None
    except UnicodeError:
        raise DocumentSyntaxError(
            "invalid YAML: the text holds a lone surrogate, which is not a character"
        ) from None
    except RecursionError:
        raise _too_deep(f"more than {limits.max_depth:,}", limits) from None
    except EminenceError:
        raise
    except (ValueError, OverflowError) as error:
        raise DocumentSyntaxError(f"invalid YAML: {error}", redacted="invalid YAML") from None


def _load_yaml(loader_class: Any, text: str, limits: Limits) -> object:
    """Vet the events against the limits, then build the data, with one loader class."""
    loader = loader_class(text)
    try:
        _check_yaml_events(loader, limits)
    finally:
        loader.dispose()
    loader = loader_class(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _check_yaml_events(loader: Any, limits: Limits) -> None:
    """Vet the event stream before anything is built, so hostile YAML costs only a scan.

    Events arrive one at a time from a parser that keeps its own stack, so neither depth nor
    an alias bomb can hurt here; the first offending event ends the scan.  Events are told
    apart by exact type, as this loop runs once per value.
    """
    import yaml

    scalar, alias = yaml.ScalarEvent, yaml.AliasEvent
    starts = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
    ends = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    # Per open collection: [events inside it so far, is it a mapping, where it starts].
    open_collections: list[list[Any]] = []
    nodes = 0
    documents = 0
    while loader.check_event():
        event = loader.get_event()
        kind = type(event)
        if kind is scalar or kind in starts:
            where = event.start_mark
            if event.anchor is not None:
                raise _anchors_refused(where)
            if event.tag is not None:
                raise DocumentSyntaxError(
                    f"YAML tags are not allowed: {_show_tag(event.tag)!r} ({_at(where)}); "
                    "write plain values",
                    redacted=f"YAML tags are not allowed ({_at(where)}); write plain values",
                )
            nodes += 1
            if nodes > limits.max_nodes:
                raise InputLimitError(
                    f"the document has more than {limits.max_nodes:,} values ({_at(where)}); "
                    f"at most {limits.max_nodes:,} are allowed"
                )
            if open_collections:
                parent = open_collections[-1]
                parent[0] += 1
                entries = (parent[0] + 1) // 2 if parent[1] else parent[0]
                if entries > limits.max_collection:
                    raise InputLimitError(
                        f"the {'mapping' if parent[1] else 'sequence'} at {_at(parent[2])} "
                        f"has more than {limits.max_collection:,} entries; "
                        f"at most {limits.max_collection:,} are allowed"
                    )
            if kind is scalar:
                if len(event.value) > limits.max_string:
                    raise InputLimitError(
                        f"the text at {_at(where)} has {len(event.value):,} characters; "
                        f"at most {limits.max_string:,} are allowed"
                    )
            else:
                open_collections.append([0, kind is yaml.MappingStartEvent, where])
                if len(open_collections) > limits.max_depth:
                    raise _too_deep(f"more than {limits.max_depth:,}", limits, f" ({_at(where)})")
        elif kind in ends:
            open_collections.pop()
        elif kind is alias:
            raise _anchors_refused(event.start_mark)
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise DocumentSyntaxError(
                    "YAML text must hold one document, but a second one starts at "
                    f"{_at(event.start_mark)}"
                )


def _anchors_refused(where: _Mark | None) -> DocumentSyntaxError:
    return DocumentSyntaxError(
        f"YAML anchors and aliases are not allowed ({_at(where)}); write each value out in full"
    )


@functools.cache
def _strict_loader(*, fast: bool) -> Any:
    """A safe loader, libyaml's if ``fast`` and installed, that insists on unique text keys
    and integers of bounded length, and tells where a value it cannot read is."""
    import yaml

    safe = yaml.constructor.SafeConstructor

    def construct_timestamp(self: Any, node: yaml.ScalarNode) -> dt.date:
        # The one safe constructor that can fail on text its pattern accepts: 2024-13-45.
        try:
            return safe.construct_yaml_timestamp(self, node)
        except ValueError as error:
            where = _at(node.start_mark)
            raise DocumentSyntaxError(
                f"invalid YAML date {_show(node.value)} ({where}): {error}",
                redacted=f"invalid YAML date ({where}): {error}",
            ) from None

    def construct_int(self: Any, node: yaml.ScalarNode) -> int:
        _refuse_yaml_11_number(node)
        limit = _int_digit_limit()
        # In any base YAML knows, text of half the limit gives a number within it.
        if len(node.value) <= limit // 2:
            return int(safe.construct_yaml_int(self, node))
        count = len(_NOT_DIGIT.sub("", node.value))
        if count > limit:
            raise _too_many_digits(count, limit, f" ({_at(node.start_mark)})")
        value = int(safe.construct_yaml_int(self, node))
        _check_int(value, f" ({_at(node.start_mark)})")
        return value

    def construct_float(self: Any, node: yaml.ScalarNode) -> float:
        _refuse_yaml_11_number(node)
        return float(safe.construct_yaml_float(self, node))

    def construct_mapping(self: Any, node: yaml.Node, deep: bool = False) -> dict[str, Any]:
        if not isinstance(node, yaml.MappingNode):
            raise yaml.constructor.ConstructorError(
                None, None, f"expected a mapping, but found a {_node_kind(node)}", node.start_mark
            )
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            where = _at(key_node.start_mark)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise DocumentSyntaxError(
                    f"YAML merge keys are not allowed ({where}); quote '<<' to mean the text"
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise DocumentSyntaxError(
                    f"mapping keys must be text, but the key at {where} is a {_node_kind(key_node)}"
                )
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, str):
                raise DocumentSyntaxError(
                    f"mapping keys must be text, but YAML reads the key {_show(key_node.value)} "
                    f"({where}) as {_kind(key)}; put it in quotes",
                    redacted=f"mapping keys must be text, but YAML reads the key at {where} "
                    f"as {_kind(key)}; put it in quotes",
                )
            if key in mapping:
                raise DocumentSyntaxError(
                    f"duplicate key {_show(key)} ({where}); each key may appear once",
                    redacted=f"a key appears twice ({where}); each key may appear once",
                )
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader) if fast else yaml.SafeLoader
    loader: Any = type(
        "StrictSafeLoader",
        (base,),
        {"construct_mapping": construct_mapping},
    )
    loader.add_constructor("tag:yaml.org,2002:int", construct_int)
    loader.add_constructor("tag:yaml.org,2002:float", construct_float)
    loader.add_constructor("tag:yaml.org,2002:timestamp", construct_timestamp)
    return loader


_NOT_DIGIT = re.compile(r"[^0-9]+")
_LEADING_ZERO = re.compile(r"[-+]?0[0-7_]+")


def _refuse_yaml_11_number(node: yaml.ScalarNode) -> None:
    """Refuse the numbers YAML 1.1 reads in a way nobody writing them means: base 60
    (``1:30`` is 90) and a leading zero (``0700`` is octal 448)."""
    text = node.value
    if ":" in text:
        meaning = "a number in base 60"
        fix = "write it as a decimal number (1:30 as 1.5)"
    elif _LEADING_ZERO.fullmatch(text):
        meaning, fix = "an octal number", "drop the leading zero"
    else:
        return
    where = _at(node.start_mark)
    advice = f"{fix}, or put it in quotes to mean the text"
    raise DocumentSyntaxError(
        f"YAML reads {_show(text)} ({where}) as {meaning}; {advice}",
        redacted=f"YAML reads the value at {where} as {meaning}; {advice}",
    )


def _node_kind(node: yaml.Node) -> str:
    return type(node).__name__.removesuffix("Node").lower()


class _Mark(Protocol):
    """Where a YAML event or node starts; PyYAML and libyaml each have their own class."""

    line: int
    column: int


def _at(mark: _Mark | None) -> str:
    if mark is None:
        return "an unknown place"
    return f"line {mark.line + 1}, column {mark.column + 1}"


def _show_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org") else tag


def _yaml_message(error: yaml.MarkedYAMLError) -> str:
    mark = error.problem_mark or error.context_mark
    where = f" at {_at(mark)}" if mark is not None else ""
    problem = error.problem or error.context or "malformed text"
    context = f" ({error.context})" if error.problem and error.context else ""
    return f"invalid YAML{where}: {problem}{context}"


# Line breaks in YAML 1.1 besides \r and \n, which PyYAML writes raw inside single quotes and
# then reads back as a space.
_YAML_ODD_BREAKS = re.compile("[\x85\u2028\u2029]")


@functools.cache
def _yaml_dumper() -> Any:
    """PyYAML's safe dumper, but with text holding an odd line break in double quotes, where
    it is escaped, so that it reads back unchanged."""
    import yaml

    def represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
        style = '"' if _YAML_ODD_BREAKS.search(text) else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)

    dumper: Any = type("PlainSafeDumper", (yaml.SafeDumper,), {})
    dumper.add_representer(str, represent_str)
    return dumper
