"""Lexicons are reviewed data: every word in them must load as the word written."""

from __future__ import annotations

from importlib import resources

import pytest

from newswatch import lexicons

NAMES = sorted(p.name[: -len(".yaml")] for p in (resources.files("newswatch") / "data" / "lexicons").iterdir() if p.name.endswith(".yaml"))


def _booleans(value, path: str):
    if isinstance(value, bool):
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, bool):
                yield f"{path} (key)"
            yield from _booleans(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _booleans(item, f"{path}[{i}]")


@pytest.mark.parametrize("name", NAMES)
def test_no_word_is_read_as_a_yaml_boolean(name):
    # Unquoted no, yes, on and off load as booleans in YAML 1.1: "no" was lost from the negation cues.
    assert list(_booleans(lexicons.load(name), name)) == []


def test_negation_cues_include_no():
    assert "no" in lexicons.load("event_modality")["negation"]


def test_each_organisation_is_listed_in_one_spelling():
    # organisation_key folds British and American spellings together: a second spelling of a
    # listed name is redundant, and two that differ only in spelling could not have two codes.
    from collections import Counter

    from newswatch.extract.entities import organisation_key

    keys = Counter(organisation_key(name) for name in lexicons.load("actor_codes")["organizations"])
    assert [key for key, n in keys.items() if n > 1] == []
