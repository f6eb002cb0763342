"""A batch plans each profile as it would be planned alone with its derived seed."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.testing import random_profile, random_profile_data

TRIALS = 60


def _alone(profile: em.model.Profile, seed: int) -> str:
    return em.plan(profile, seed=em.batch_seed(seed, profile), trials=TRIALS).model_dump_json()


def _batch(profiles: list[em.model.Profile], seed: int) -> list[str]:
    plans = em.plan_many(profiles, seed=seed, trials=TRIALS, errors="raise")
    return [outcome.plan.model_dump_json() for outcome in plans if outcome.plan is not None]


class TestIdenticalToPlanningAlone:
    @settings(max_examples=15, deadline=None)
    @given(
        st.lists(st.integers(0, 10**6), min_size=1, max_size=3),
        st.integers(0, 2**64),
    )
    def test_each_plan_is_the_one_its_derived_seed_gives_alone(
        self, profile_seeds: list[int], seed: int
    ) -> None:
        profiles = [random_profile(s, venues=3, goals=2, events=1) for s in profile_seeds]
        assert _batch(profiles, seed) == [_alone(profile, seed) for profile in profiles]

    def test_a_single_plan_keeps_its_own_seed(self) -> None:
        # The batch derives seeds; em.plan itself is untouched (its golden hashes hold it).
        profile = em.example("consultant")
        assert em.plan(profile, trials=TRIALS).seed == 0
        assert em.plan_many([profile], trials=TRIALS).collect()[0].plan.seed != 0  # type: ignore[union-attr]


class TestStreams:
    def test_profiles_sharing_venue_ids_do_not_share_luck(self) -> None:
        # Same venues, same estimates, different names: alone with one seed they would draw
        # the same luck; in a batch each has its own stream.
        data = random_profile_data(7, venues=3, goals=1, events=0)
        twins = [em.loads({**data, "name": name}) for name in ("Ada", "Grace")]
        seeds = [em.batch_seed(0, twin) for twin in twins]
        assert seeds[0] != seeds[1]
        plans = em.plan_many(twins, trials=TRIALS).collect().plans
        assert plans[0].projections.goals[0].progress != plans[1].projections.goals[0].progress

    def test_identical_profiles_get_the_same_seed(self) -> None:
        profile = em.example("executive")
        copy = em.loads(json.loads(profile.model_dump_json()))
        assert em.batch_seed(3, profile) == em.batch_seed(3, copy)

    @settings(max_examples=200, deadline=None)
    @given(st.integers(0, 2**64), st.integers(0, 10**6))
    def test_a_derived_seed_is_exact_in_json(self, seed: int, profile_seed: int) -> None:
        derived = em.batch_seed(seed, random_profile(profile_seed, venues=2, goals=1))
        assert 0 <= derived < 2**53
        assert float(derived) == derived


class TestOrderAndPartitioning:
    PROFILES = tuple(random_profile(s, venues=3, goals=2, events=1) for s in range(6))

    @pytest.mark.parametrize("shuffle", range(3))
    def test_a_plan_does_not_depend_on_the_order_of_the_batch(self, shuffle: int) -> None:
        profiles = list(self.PROFILES)
        order = list(range(len(profiles)))
        random.Random(shuffle).shuffle(order)
        in_order = _batch(profiles, 11)
        shuffled = _batch([profiles[i] for i in order], 11)
        assert shuffled == [in_order[i] for i in order]

    @pytest.mark.parametrize("size", [1, 2, 4])
    def test_a_batch_split_in_parts_gives_what_the_whole_gives(self, size: int) -> None:
        profiles = list(self.PROFILES)
        whole = list(em.plan_many(profiles, seed=5, trials=TRIALS))
        parts = [
            outcome
            for first in range(0, len(profiles), size)
            for outcome in em.plan_many(
                profiles[first : first + size], seed=5, trials=TRIALS, start=first
            )
        ]
        assert [(o.index, o.seed, o.plan) for o in parts] == [
            (o.index, o.seed, o.plan) for o in whole
        ]


class TestInputsAndErrors:
    def test_profiles_mappings_and_paths_plan_alike(self, tmp_path: Path) -> None:
        profile = em.example("community")
        path = tmp_path / "community.json"
        path.write_text(em.dump(profile, format="json"), "utf-8")
        data = json.loads(profile.model_dump_json())
        outcomes = em.plan_many([profile, data, path, str(path)], trials=TRIALS).collect()
        assert [o.source for o in outcomes] == [None, None, path, path]
        assert len({o.plan.model_dump_json() for o in outcomes if o.plan}) == 1

    def test_errors_are_collected_with_their_index_and_path(self, tmp_path: Path) -> None:
        broken = tmp_path / "broken.json"
        broken.write_text('{"name": "x"}', "utf-8")
        missing = tmp_path / "missing.toml"
        good = em.example("consultant")
        result = em.plan_many([good, broken, {"name": 3}, missing, good], trials=TRIALS).collect()
        assert [o.ok for o in result] == [True, False, False, False, True]
        failures = [(o.index, o.source, type(o.error)) for o in result.failures]
        assert failures == [
            (1, broken, em.InvalidInputError),
            (2, None, em.InvalidInputError),
            (3, missing, em.UnreadableFileError),
        ]
        assert all(o.seed is None for o in result.failures)
        assert result[4].plan == result[0].plan

    def test_errors_raise_stops_at_the_first(self) -> None:
        batch = em.plan_many([em.example("consultant"), {"name": 3}], trials=TRIALS, errors="raise")
        assert next(batch).ok
        with pytest.raises(em.InvalidInputError):
            next(batch)

    @pytest.mark.parametrize(
        ("call", "argument"),
        [
            (lambda: em.plan_many([], errors="ignore"), "errors"),  # type: ignore[arg-type]
            (lambda: em.plan_many(em.example("consultant")), "profiles"),  # type: ignore[arg-type]
            (lambda: em.plan_many([], seed=-1), "seed"),
            (lambda: em.plan_many([], start=-1), "start"),
        ],
    )
    def test_bad_arguments_are_named(self, call: object, argument: str) -> None:
        with pytest.raises(em.InvalidArgumentError) as caught:
            call()  # type: ignore[operator]
        assert caught.value.argument == argument

    def test_a_value_that_is_no_profile_is_an_error_of_its_own(self) -> None:
        (outcome,) = em.plan_many([42], trials=TRIALS)  # type: ignore[list-item]
        assert isinstance(outcome.error, em.InvalidArgumentError)
        assert "42" in str(outcome.error)


class TestStreaming:
    def test_profiles_are_planned_only_as_the_batch_is_read(self) -> None:
        read: list[int] = []

        def profiles() -> object:
            for index in range(3):
                read.append(index)
                yield em.example("consultant")

        batch = em.plan_many(profiles(), trials=TRIALS)  # type: ignore[arg-type]
        assert read == []
        assert next(batch).index == 0
        assert read == [0]
        assert len(batch.collect()) == 2


@pytest.mark.extra("pandas")
class TestFrame:
    def test_one_row_per_profile_and_goal_and_one_per_failure(self) -> None:
        profiles: list[em.model.Profile | dict[str, object]]
        profiles = [em.example("consultant"), {"name": 3}, em.example("executive")]
        result = em.plan_many(profiles, trials=TRIALS).collect()
        frame = result.to_frame()
        plans = result.plans
        goals = [len(plan.projections.goals) for plan in plans]
        assert len(frame) == goals[0] + 1 + goals[1]
        assert list(frame.columns)[:5] == ["index", "source", "name", "seed", "goal"]
        first = frame[frame["index"] == 0]
        assert list(first["goal"]) == [g.goal for g in plans[0].projections.goals]
        assert list(first["p80"]) == [g.p80 for g in plans[0].projections.goals]
        assert list(first["chance_by_deadline"].fillna(-1)) == [
            -1 if g.chance_by_deadline is None else g.chance_by_deadline
            for g in plans[0].projections.goals
        ]
        failed = frame[frame["index"] == 1]
        assert len(failed) == 1
        assert "name" in failed["error"].iloc[0]


class TestProfileText:
    def test_a_document_s_text_plans_as_its_profile(self) -> None:
        profile = em.example("consultant")
        text = em.dump(profile, format="json")
        outcomes = em.plan_many(
            [profile, em.batch.ProfileText(text), em.batch.ProfileText(text.encode())],
            trials=TRIALS,
        ).collect()
        assert outcomes[1].plan == outcomes[2].plan == outcomes[0].plan

    def test_text_that_is_not_a_profile_is_that_profile_s_error(self) -> None:
        (outcome,) = em.plan_many([em.batch.ProfileText('{"name": "no venues"}')], trials=TRIALS)
        assert isinstance(outcome.error, em.InvalidInputError)
        assert outcome.source is None
