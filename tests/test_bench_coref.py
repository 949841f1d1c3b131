import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/ lives beside src/, not in the package

from bench import eval_coref as ec


def _close(score, precision, recall):
    assert score.precision == pytest.approx(precision)
    assert score.recall == pytest.approx(recall)


KEY = [frozenset("abc"), frozenset("de")]


def test_perfect_response_scores_one_everywhere():
    scores = ec.score_all(KEY, list(KEY))
    for metric in ec.METRICS:
        _close(scores[metric], 1.0, 1.0)
    assert ec.conll_f1(scores) == pytest.approx(1.0)


def test_all_in_one_cluster():
    scores = ec.score_all(KEY, [frozenset("abcde")])
    _close(scores["MUC"], 3 / 4, 1.0)  # 5 - 1 response links, 4 needed ones; every key link found
    _close(scores["B3"], (9 / 5 + 4 / 5) / 5, 1.0)  # 0.52
    _close(scores["CEAF-e"], 0.75 / 1, 0.75 / 2)  # phi(abc, abcde) = 6/8 is the best single pair


def test_all_singletons():
    scores = ec.score_all(KEY, [frozenset(m) for m in "abcde"])
    _close(scores["MUC"], 0.0, 0.0)  # no links; precision 0/0 counts as 0, as in the reference scorer
    _close(scores["B3"], 1.0, 2 / 5)
    _close(scores["CEAF-e"], (1 / 2 + 2 / 3) / 5, (1 / 2 + 2 / 3) / 2)
    assert scores["B3"].f1 == pytest.approx(2 * 0.4 / 1.4)


def test_pradhan_et_al_2014_example():
    # Key {a,b,c} {d,e,f,g}; response {a,b} {c,d} {f,g,h,i} (Pradhan et al. 2014, "Scoring coreference partitions").
    key = [frozenset("abc"), frozenset("defg")]
    response = [frozenset("ab"), frozenset("cd"), frozenset("fghi")]
    scores = ec.score_all(key, response)
    _close(scores["MUC"], 2 / 5, 2 / 5)
    _close(scores["B3"], 4 / 8, (4 / 3 + 1 / 3 + 1 / 4 + 1) / 7)
    _close(scores["CEAF-e"], 1.3 / 3, 1.3 / 2)  # 0.8 (abc~ab) + 0.5 (defg~fghi)


def test_ceaf_alignment_is_optimal_not_greedy():
    # phi(K1,R1) = 6/9 is the largest pair, but taking it leaves K2 with nothing (phi 0);
    # the optimum pairs K1-R2 (4/7) and K2-R1 (2/5).
    key = [frozenset("12345"), frozenset("6")]
    response = [frozenset("1236"), frozenset("45")]
    best = 4 / 7 + 2 / 5
    _close(ec.ceaf_e(key, response), best / 2, best / 2)


def test_clusters_of_groups_mentions_by_id():
    clusters = ec.clusters_of({"a": 1, "b": 1, "c": 2})
    assert sorted(map(sorted, clusters)) == [["a", "b"], ["c"]]


def _token_xml(tokens):
    return "\n".join(f'<token t_id="{i}" sentence="{s}" number="{n}">{t}</token>' for i, (s, n, t) in enumerate(tokens, 1))


def _write_corpus(root: Path) -> None:
    topic = root / "ECB+" / "1"
    topic.mkdir(parents=True)
    ecb = [(0, 0, "Police"), (0, 1, "arrested"), (0, 2, "a"), (0, 3, "man"), (0, 4, "."),
           (1, 0, "The"), (1, 1, "arrest"), (1, 2, "ended"), (1, 3, "a"), (1, 4, "``"), (1, 5, "long"), (1, 6, "''"),
           (1, 7, "chase"), (1, 8, "."),
           (2, 0, "He"), (2, 1, "was"), (2, 2, "arrested"), (2, 3, "again"), (2, 4, ".")]
    (topic / "1_1ecb.xml").write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<Document doc_name="1_1ecb.xml" doc_id="D1">
{_token_xml(ecb)}
<Markables>
<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="2"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="2"><token_anchor t_id="7"/></ACTION_OCCURRENCE>
<NEG_ACTION_OCCURRENCE m_id="3"><token_anchor t_id="13"/></NEG_ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="4"><token_anchor t_id="17"/></ACTION_OCCURRENCE>
<HUMAN_PART_PER m_id="5"><token_anchor t_id="1"/></HUMAN_PART_PER>
<ACTION_OCCURRENCE m_id="10" RELATED_TO="" TAG_DESCRIPTOR="t1_arrest" instance_id="ACT1" />
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="100" note="ACT1"><source m_id="1" /><source m_id="2" /><source m_id="4" /><target m_id="10" /></CROSS_DOC_COREF>
</Relations>
</Document>
""", encoding="utf-8")
    plus = [(0, 0, "http"), (0, 1, ":"), (0, 2, "//x"),
            (1, 0, "Officers"), (1, 1, "detained"), (1, 2, "and"), (1, 3, "questioned"), (1, 4, "him"), (1, 5, ";"),
            (1, 6, "the"), (1, 7, "questioning"), (1, 8, "lasted"), (1, 9, "hours"), (1, 10, ".")]
    (topic / "1_1ecbplus.xml").write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<Document doc_name="1_1ecbplus.xml" doc_id="D2">
{_token_xml(plus)}
<Markables>
<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="5"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="2"><token_anchor t_id="7"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="3"><token_anchor t_id="11"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="20" RELATED_TO="" TAG_DESCRIPTOR="t1b_questioning" />
<ACTION_OCCURRENCE m_id="21" RELATED_TO="" TAG_DESCRIPTOR="t1_arrest" instance_id="ACT1" />
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="200" note="ACT1"><source m_id="1" /><target m_id="21" /></CROSS_DOC_COREF>
<INTRA_DOC_COREF r_id="7"><source m_id="2" /><source m_id="3" /><target m_id="20" /></INTRA_DOC_COREF>
</Relations>
</Document>
""", encoding="utf-8")
    (root / "ECBplus_coreference_sentences.csv").write_text(
        "Topic,File,Sentence Number\n1,1ecb,0\n1,1ecb,1\n1,1ecbplus,1\n", encoding="utf-8"
    )


def test_reader_on_synthetic_ecbplus(tmp_path):
    _write_corpus(tmp_path)
    topics = ec.load_topics(tmp_path)
    ecb, plus = topics["1"]
    assert (ecb.name, plus.name) == ("1_1ecb", "1_1ecbplus")
    # Only action mentions of the checked sentences; sentence 2's "arrested" is left out.
    assert [(m.m_id, m.tag) for m in ecb.mentions] == [("1", "ACTION_OCCURRENCE"), ("2", "ACTION_OCCURRENCE"), ("3", "NEG_ACTION_OCCURRENCE")]
    assert ecb.text.startswith("Police arrested a man.\n\nThe arrest ended a “long” chase.")
    assert [ecb.text[slice(*ec.mention_span(ecb, m))] for m in ecb.mentions] == ["arrested", "arrest", "chase"]
    # The URL sentence of an ecbplus file is not part of the text.
    assert plus.text == "Officers detained and questioned him; the questioning lasted hours."
    assert [plus.text[slice(*ec.mention_span(plus, m))] for m in plus.mentions] == ["detained", "questioned", "questioning"]
    gold = {m.key: m.gold for d in (ecb, plus) for m in d.mentions}
    assert gold[("1_1ecb", "1")] == gold[("1_1ecb", "2")] == gold[("1_1ecbplus", "1")] == "1/ACT1"
    assert gold[("1_1ecbplus", "2")] == gold[("1_1ecbplus", "3")] != gold[("1_1ecb", "3")]
    assert len(ec.clusters_of(gold)) == 3


def test_limit_keeps_the_first_documents_by_number(tmp_path):
    _write_corpus(tmp_path)
    assert [d.name for d in ec.load_topics(tmp_path, limit=1)["1"]] == ["1_1ecb"]


def test_system_assignments_hybrid_falls_back_to_lemma(tmp_path):
    _write_corpus(tmp_path)
    topics = ec.load_topics(tmp_path)
    lemmas = {("1_1ecb", "1"): "arrest", ("1_1ecb", "2"): "arrest", ("1_1ecb", "3"): "chase",
              ("1_1ecbplus", "1"): "detain", ("1_1ecbplus", "2"): "question", ("1_1ecbplus", "3"): "questioning"}
    nw = ec.NewswatchResult({("1_1ecb", "1"): "1/nwC1", ("1_1ecbplus", "1"): "1/nwC1"})
    short = {"1_1ecb": "ecb", "1_1ecbplus": "plus"}
    systems = {name: sorted(sorted(f"{short[d]}:{m}" for d, m in c) for c in ec.clusters_of(a))
               for name, a in ec.system_assignments(topics, lemmas, nw).items()}
    assert ["ecb:1", "ecb:2"] in systems["same-lemma"] and len(systems["same-lemma"]) == 5
    assert ["ecb:1", "plus:1"] in systems["newswatch"] and len(systems["newswatch"]) == 5
    # Hybrid: the uncovered "arrest" is clustered by lemma only with other uncovered mentions.
    assert ["ecb:1", "plus:1"] in systems["newswatch+lemma"] and ["ecb:2"] in systems["newswatch+lemma"]
    assert len(systems["singletons"]) == 6


def test_smoke_run_on_shared_data(shared_data):
    if not (shared_data / "ecbplus").is_dir():
        pytest.skip("ecbplus data absent")
    rows = ec.run(shared_data, limit=2)
    by = {(r.data, r.metric, r.system): r for r in rows}
    for system in ec.SYSTEMS:
        for metric in ("B3 F1", "MUC F1", "CEAF-e F1", "CoNLL F1"):
            assert 0.0 <= by["ecbplus/test", metric, system].value <= 1.0
    assert by["ecbplus/test", "B3 P", "singletons"].value == pytest.approx(1.0)
    assert by["ecbplus/test", "mentions covered by events", "newswatch"].n > 0
