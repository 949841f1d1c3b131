import datetime as dt

import pytest

from newswatch.monitor.series import count_series

ROWS = [
    {"date": "2015-09-28", "type": "ASSAULT", "actor_code": "RUS", "country": "SY", "place": "Homs"},
    {"date": dt.date(2015, 9, 28), "type": "ASSAULT", "actor_code": "RUS", "country": "SY", "place": "Homs"},
    {"date": "2015-10-01", "type": "ACCUSE", "actor_code": "USA", "country": "SY", "place": None},
]


def test_daily_series_fill_missing_days_with_zero_for_every_key():
    series = count_series(ROWS, by="type", freq="day")
    assault = [(r["period"].day, r["count"]) for r in series if r["key"] == "ASSAULT"]
    assert assault == [(28, 2), (29, 0), (30, 0), (1, 0)]
    assert sum(r["count"] for r in series if r["key"] == "ACCUSE") == 1


def test_weekly_series_group_by_iso_week_starting_monday():
    series = count_series(ROWS, by="actor_code", freq="week")
    assert {(r["period"], r["key"], r["count"]) for r in series} == {
        (dt.date(2015, 9, 28), "RUS", 2), (dt.date(2015, 9, 28), "USA", 1)}


def test_rows_without_date_are_ignored_and_empty_input_gives_empty_series():
    assert count_series([{"date": None, "type": "AID"}], by="type") == []


def test_unknown_grouping_is_rejected():
    with pytest.raises(ValueError, match="cannot group by"):
        count_series(ROWS, by="colour")
