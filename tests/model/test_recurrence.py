"""A venue's own RRULE: every bad rule is refused with the field and the fix, never a hang."""

from __future__ import annotations

import pytest

import eminence as em
from eminence.testing import profile_data

BAD_RULES = [
    ("FREQ=WEEKLY;INTERVAL=0", "INTERVAL=0 must be from 1"),
    ("FREQ=WEEKLY;INTERVAL=-2", "INTERVAL=-2 must be from 1"),
    ("FREQ=DAILY;COUNT=10000000", "COUNT=10000000 must be from 1 to 3,650"),
    ("FREQ=DAILY;COUNT=3;UNTIL=20270601", "COUNT and UNTIL are both given"),
    ("FREQ=HOURLY", "FREQ=HOURLY is not one of DAILY"),
    ("FREQ=SECONDLY", "at most one block a day"),
    ("BYDAY=MO", "FREQ= is not one of"),
    ("FREQ=WEEKLY;BYHOUR=9", "BYHOUR sets a time of day"),
    ("FREQ=WEEKLY;DTSTART=20270101", "DTSTART is not a rule part"),
    ("FREQ=WEEKLY;FREQ=DAILY", "FREQ is given twice"),
    ("FREQ=WEEKLY;;", "is not NAME=VALUE"),
    ("nonsense", "is not NAME=VALUE"),
    ("FREQ=MONTHLY;BYDAY=XX", "dateutil cannot read it"),
    ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "exclude every day"),
    ("FREQ=YEARLY;BYMONTH=4,6,9,11;BYMONTHDAY=31", "exclude every day"),
    ("FREQ=WEEKLY;BYMONTHDAY=3", "BYMONTHDAY does not work with FREQ=WEEKLY"),
    ("FREQ=MONTHLY;BYWEEKNO=3", "BYWEEKNO works only with FREQ=YEARLY"),
    ("FREQ=MONTHLY;BYYEARDAY=100", "BYYEARDAY works only with FREQ=YEARLY"),
    ("FREQ=WEEKLY;BYDAY=1MO", "takes a number"),
    ("FREQ=DAILY;BYSETPOS=1", "BYSETPOS needs another BYxxx part"),
    ("FREQ=DAILY;UNTIL=2027-06-01", "is not a date such as 20271231"),
    ("FREQ=DAILY;UNTIL=20200101", "before the plan starts"),
    ("FREQ=DAILY;UNTIL=20400101", "beyond the plan's ten years"),
    # Every day of the rule falls in the profile's holiday (2027-08-02 to 2027-08-20).
    ("FREQ=MONTHLY;BYMONTHDAY=5,10,15;UNTIL=20270820;BYMONTH=8", "outside the unavailable"),
]


def _with_rule(rule: str) -> em.model.Profile:
    data = profile_data()
    data["venues"][0]["rrule"] = rule
    return em.model.Profile.model_validate(data)


class TestBadRules:
    @pytest.mark.parametrize(("rule", "message"), BAD_RULES)
    def test_is_refused_naming_the_field_and_the_fix(self, rule: str, message: str) -> None:
        with pytest.raises(em.InvalidInputError) as caught:
            _with_rule(rule)
        (problem,) = caught.value.problems
        assert problem.path == "venues[0].rrule"
        assert message in problem.message

    def test_a_huge_rule_is_refused_by_length(self) -> None:
        with pytest.raises(em.InvalidInputError, match=r"venues\[0\]\.rrule"):
            _with_rule("FREQ=DAILY;BYMONTHDAY=" + ",".join(["1"] * 400))


class TestGoodRules:
    @pytest.mark.parametrize(
        "rule",
        [
            "FREQ=WEEKLY;BYDAY=TU,TH",
            "RRULE:FREQ=MONTHLY;BYDAY=1TU",
            "freq=monthly;byday=-1fr",
            "FREQ=MONTHLY;BYMONTHDAY=31",
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;COUNT=20",
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
            "FREQ=DAILY;UNTIL=20300101T000000Z",
        ],
    )
    def test_is_kept_as_written(self, rule: str) -> None:
        assert _with_rule(rule).venues[0].rrule == rule

    def test_a_profile_round_trips_with_its_rule(self) -> None:
        profile = _with_rule("FREQ=MONTHLY;BYDAY=1TU")
        assert em.model.Profile.model_validate_json(profile.model_dump_json()) == profile
