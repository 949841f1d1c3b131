"""Our own labelled event sentences (training/events): well formed, and the calibration set kept apart."""

import json
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/ lives beside src/, not in the package

from bench.eval_events import CALIBRATION_SENTENCES, CAMEO_CHECK_SENTENCES, OWN_SENTENCES, load_own_sentences

TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "NONE",
}
MODALITIES = {"asserted", "denied", "negated", "possible", "future", "hedged"}


def _raw(folder: Path) -> list[dict]:
    return [json.loads(line) for path in sorted(folder.glob("*.jsonl")) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("folder", [OWN_SENTENCES, CALIBRATION_SENTENCES, CAMEO_CHECK_SENTENCES], ids=["training", "calibration", "cameo-check"])
def test_every_record_is_well_formed(folder):
    records = _raw(folder)
    assert records
    for r in records:
        assert r["type"] in TYPES and r["modality"] in MODALITIES, r["id"]
        for role in ("actor", "target"):
            assert r[role] is None or r[role] in r["text"], (r["id"], role)
        if r["type"] == "NONE":
            assert r["actor"] is None and r["target"] is None, r["id"]


def test_ids_are_unique_and_no_sentence_is_in_two_sets():
    training, calibration, check = _raw(OWN_SENTENCES), _raw(CALIBRATION_SENTENCES), _raw(CAMEO_CHECK_SENTENCES)
    ids = [r["id"] for r in training + calibration + check]
    assert len(ids) == len(set(ids))
    texts = [{r["text"] for r in records} for records in (training, calibration, check)]
    assert not texts[0] & texts[1] and not texts[0] & texts[2] and not texts[1] & texts[2]


def test_the_cameo_sentences_are_labelled_by_the_official_table_and_cover_every_code():
    # Each CAMEO code has three sentences: two in part13 (rules may be revised on them), the
    # middle one in cameo_check (never read for errors), unless removed as a near copy.
    training = [r for r in _raw(OWN_SENTENCES) if r.get("cameo")]
    check = _raw(CAMEO_CHECK_SENTENCES)
    assert check and all(r.get("cameo") for r in check)
    codes = {r["cameo"] for r in training + check}
    assert len(codes) >= 250
    by_code: dict[str, set[str]] = {}
    for r in training + check:
        by_code.setdefault(r["cameo"], set()).add(r["type"])
    assert all(len(types) == 1 for types in by_code.values())  # one code, one PLOVER type


def test_no_check_sentence_retells_a_training_sentence():
    training = [_words(r["text"]) for r in _raw(OWN_SENTENCES)]
    for r in _raw(CAMEO_CHECK_SENTENCES):
        words = _words(r["text"])
        assert max(len(words & t) / len(words | t) for t in training) < 0.4, r["id"]


def test_the_loader_marks_the_calibration_half_and_does_not_mix_the_folders():
    training = load_own_sentences()
    calibration = load_own_sentences(CALIBRATION_SENTENCES, half="cal")
    assert {r["half"] for r in training} == {"own"} and {r["half"] for r in calibration} == {"cal"}
    assert not {r["id"] for r in training} & {r["id"] for r in calibration}


def test_a_malformed_line_names_its_file_and_line(tmp_path):
    (tmp_path / "bad.jsonl").write_text('{"id": "x-1", "text": "t"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.jsonl:1"):
        load_own_sentences(tmp_path)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def test_no_training_sentence_retells_a_calibration_sentence():
    # The thresholds are chosen on the calibration sentences: a near copy among the training
    # sentences (most words shared, as two writers retelling one real event) would flatter the model.
    calibration = [_words(r["text"]) for r in _raw(CALIBRATION_SENTENCES)]
    for r in _raw(OWN_SENTENCES):
        words = _words(r["text"])
        assert max(len(words & c) / len(words | c) for c in calibration) < 0.4, r["id"]
