import json
import sys
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/ lives beside src/, not in the package

from bench import accuracy
from bench.common import Row


def _install(monkeypatch, name, module):
    monkeypatch.setitem(sys.modules, f"fakebench.eval_{name}", module)


def test_a_failing_facet_module_is_reported_and_the_others_still_run(monkeypatch, tmp_path, capsys):
    monkeypatch.setitem(sys.modules, "fakebench", types.ModuleType("fakebench"))
    good = types.ModuleType("good")
    good.run = lambda data, limit: [Row("good", "d", "F1", "sys", 0.5, 2)]
    bad = types.ModuleType("bad")

    def explode(data, limit):
        raise RuntimeError("boom")

    bad.run = explode
    _install(monkeypatch, "good", good)
    _install(monkeypatch, "bad", bad)
    rows = accuracy.run_all(["bad", "missing", "good"], tmp_path, None, package="fakebench")
    by_facet = {r.facet: r for r in rows}
    assert "RuntimeError: boom" in by_facet["bad"].note and by_facet["bad"].value is None
    assert "not written" in by_facet["missing"].note
    assert by_facet["good"].value == 0.5
    assert "boom" in capsys.readouterr().err


def test_smoke_run_writes_wellformed_json_and_markdown(shared_data, tmp_path):
    out = tmp_path / "acc.json"
    assert accuracy.main(["--smoke", "--data", str(shared_data), "--only", "quotes,geo,nope", "--json", str(out)]) == 0
    rows = json.loads(out.read_text())["rows"]
    assert {r["facet"] for r in rows} >= {"quotes", "geo", "nope"}
    assert out.with_suffix(".md").read_text().startswith("| facet |")


def test_the_smoke_run_covers_every_facet_without_a_skipped_row(shared_data, tmp_path):
    out = tmp_path / "acc.json"
    assert accuracy.main(["--smoke", "--data", str(shared_data), "--json", str(out)]) == 0
    rows = json.loads(out.read_text())["rows"]
    assert {r["facet"] for r in rows} == set(accuracy.FACETS)
    assert [r for r in rows if r["note"].startswith("skipped")] == []


def _event(etype, modality, actor, target=None):
    party = lambda code: types.SimpleNamespace(code=code) if code else None  # noqa: E731
    return types.SimpleNamespace(type=etype, modality=modality, actor=party(actor), target=party(target))


def test_petr2_matching_counts_stated_future_acts_where_plover_matching_does_not():
    from bench.eval_events import PETR2_COUNTED_MODALITIES, PETR2_UNCODED, _tuples

    brief = types.SimpleNamespace(events=[
        _event("ASSAULT", "asserted", "USA", "IRQ"),
        _event("AID", "future", "USA", "ISR"),  # "The United States will supply arms to Israel"
        _event("ASSAULT", "possible", "RUS", "SYR"),
        _event("AID", "hedged", "USA", "ISR"),
        _event("ASSAULT", "denied", "IRN", "IRQ"),
    ])
    assert _tuples(brief) == [("USA", "ASSAULT", "IRQ")]
    assert _tuples(brief, PETR2_UNCODED, PETR2_COUNTED_MODALITIES) == [("USA", "ASSAULT", "IRQ"), ("USA", "AID", "ISR")]


def test_plover_gsr_non_iso_country_codes_are_read_as_the_iso_ones(tmp_path):
    from bench.eval_events import load_plover

    gold = [
        {"id": "a", "text": "Italy suspended air links with Serbia.", "event": "SANCTION", "source": [{"code": "ITLGOV"}], "target": [{"code": "SRB"}]},
        {"id": "b", "text": "Russia hosted Japan's prime minister.", "event": "CONSULT", "source": [{"code": "RUS"}], "target": [{"code": "JAP"}]},
    ]
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    records = load_plover(path)
    assert (records[0]["sources"], records[0]["targets"]) == (["ITA"], ["SRB"])
    assert records[1]["targets"] == ["JPN"]
