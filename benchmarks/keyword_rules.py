"""Time keyword rules labelling a listening export: the work grows with the text, not the rules.

    python benchmarks/keyword_rules.py [--quick]

Rows of about 40 words are labelled with 10, 100 and 1,000 keywords. The reference, measured
in the same run, is the plain way: one word-bounded regular expression per keyword searched
in every row, whose time grows with the number of keywords. Times are the best of three
repetitions; the ratios say how much more 1,000 keywords cost than 10, for each.
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable
from functools import partial

import numpy as np

from eminence.model.keyword_rules import LabelRules, Matcher

VOCABULARY = [f"word{n}" for n in range(2_000)]


def _rows(count: int, rng: np.random.Generator) -> list[str]:
    return [" ".join(rng.choice(VOCABULARY, size=40)) + " #risk" for _ in range(count)]


def _rules(keywords: int) -> dict[str, list[str]]:
    words = [
        f"{VOCABULARY[2 * n % 2_000]} {VOCABULARY[(2 * n + 1) % 2_000]}" for n in range(keywords)
    ]
    return {f"t{n}": words[n : n + 10] for n in range(0, keywords, 10)}


def _by_rules(matcher: Matcher, rows: list[str]) -> object:
    return [matcher.matches(row) for row in rows]


def _by_regex(patterns: list[tuple[str, re.Pattern[str]]], rows: list[str]) -> object:
    return [[label for label, pattern in patterns if pattern.search(row)] for row in rows]


def _best(run: Callable[[], object]) -> float:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rows")
    arguments = parser.parse_args()
    rows = _rows(500 if arguments.quick else 5_000, np.random.default_rng(0))
    matcher_times: dict[int, float] = {}
    regex_times: dict[int, float] = {}
    for keywords in (10, 100, 1_000):
        topics = _rules(keywords)
        matcher = LabelRules(topics=topics).matcher()
        patterns = [
            (label, re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE))
            for label, words in topics.items()
            for word in words
        ]
        matcher_times[keywords] = _best(partial(_by_rules, matcher, rows))
        regex_times[keywords] = _best(partial(_by_regex, patterns, rows))
        print(
            f"{keywords:>5} keywords, {len(rows)} rows: rules {matcher_times[keywords]:.3f} s, "
            f"one regex a keyword {regex_times[keywords]:.3f} s"
        )
    print(
        f"1,000 keywords cost {matcher_times[1_000] / matcher_times[10]:.1f}x 10 keywords with "
        f"the rules, {regex_times[1_000] / regex_times[10]:.1f}x with one regex a keyword"
    )


if __name__ == "__main__":
    main()
