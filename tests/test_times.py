"""Times: newsroom conventions for weekdays and relative expressions."""

from __future__ import annotations

import datetime as dt

import pytest

from newswatch.extract.times import most_recent_weekday, resolve

TUESDAY = dt.date(2015, 9, 29)


def test_example_weekdays_resolve_by_newsroom_convention(example_brief):
    values = {t.text: t.start for t in example_brief.times if t.resolved}
    assert values["Tuesday"] == dt.date(2015, 9, 29)
    assert values["Monday"] == dt.date(2015, 9, 28)


def test_in_recent_weeks_is_a_range_ending_at_publication(example_brief):
    recent = [t for t in example_brief.times if "recent weeks" in t.text][0]
    assert recent.kind == "range" and recent.granularity == "week"
    assert recent.end == TUESDAY and recent.start < TUESDAY


@pytest.mark.parametrize(
    "weekday, expected",
    [(1, dt.date(2015, 9, 29)), (0, dt.date(2015, 9, 28)), (2, dt.date(2015, 9, 23)), (6, dt.date(2015, 9, 27))],
)
def test_a_bare_weekday_is_the_latest_such_day_on_or_before_publication(weekday, expected):
    assert most_recent_weekday(TUESDAY, weekday) == expected


def test_explicit_dates_resolve_without_an_anchor():
    assert resolve("September 28, 2015", None)["start"] == dt.date(2015, 9, 28)


def test_relative_dates_stay_unresolved_without_an_anchor():
    assert resolve("Monday", None)["resolved"] is False
    assert resolve("yesterday", None)["resolved"] is False


@pytest.mark.parametrize("text", ["five-year", "several days", "three weeks"])
def test_durations_are_not_dates(text):
    assert resolve(text, TUESDAY)["kind"] == "duration"


def test_years_and_months_cover_their_span():
    assert (resolve("last year", TUESDAY)["start"], resolve("last year", TUESDAY)["end"]) == (dt.date(2014, 1, 1), dt.date(2014, 12, 31))
    march = resolve("March", TUESDAY)
    assert (march["start"], march["end"], march["granularity"]) == (dt.date(2015, 3, 1), dt.date(2015, 3, 31), "month")
