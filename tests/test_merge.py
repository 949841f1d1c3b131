import datetime as dt

from newswatch.monitor.merge import EventRecord, event_key, merge_events
from newswatch.schema import Actor, Event, Span

SPAN = Span(start=0, end=6, text="struck")


def record(article_id, day, *, actor="RUS", type="ASSAULT", target="SYR", modality="asserted",
           country="SY", place="Homs", dup_of=None):
    event = Event(id="V1", type=type, actor=Actor(text=actor, code=actor), target=Actor(text=target, code=target),
                  date=dt.date(2015, 9, day), modality=modality, trigger=SPAN, evidence=SPAN, confidence=0.8)
    return EventRecord(article_id, dt.date(2015, 9, day), event, country, place, dup_of)


def test_reports_of_the_same_event_within_the_window_merge_and_list_all_sources():
    clusters = merge_events([record("a", 29), record("b", 30), record("c", 30, place=None)])
    assert len(clusters) == 1
    assert clusters[0].sources == ["a", "b", "c"]
    assert clusters[0].corroboration == 3


def test_wire_copies_count_once_towards_corroboration():
    clusters = merge_events([record("a", 29), record("a2", 29, dup_of="a"), record("b", 30)])
    assert clusters[0].corroboration == 2
    assert clusters[0].sources == ["a", "a2", "b"]


def test_asserted_and_possible_events_with_the_same_actors_stay_apart():
    clusters = merge_events([record("a", 29), record("b", 29, modality="possible")])
    assert len(clusters) == 2
    assert {c.key[3] for c in clusters} == {"asserted", "possible"}


def test_events_outside_the_window_or_in_other_places_do_not_merge():
    far = merge_events([record("a", 1), record("b", 10)], window_days=3)
    elsewhere = merge_events([record("a", 29), record("b", 29, place="Aleppo")])
    other_country = merge_events([record("a", 29), record("b", 29, country="IQ", place=None)])
    assert len(far) == len(elsewhere) == len(other_country) == 2


def test_different_actor_type_or_target_give_different_keys():
    base = record("a", 29).event
    assert event_key(base) != event_key(record("a", 29, actor="USA").event)
    assert event_key(base) != event_key(record("a", 29, type="ACCUSE").event)
    assert event_key(base) != event_key(record("a", 29, target="TUR").event)


def test_clusters_are_ordered_by_corroboration():
    clusters = merge_events([record("x", 29, actor="USA"), record("a", 29), record("b", 29)])
    assert [c.corroboration for c in clusters] == [2, 1]
