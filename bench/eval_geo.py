"""Toponym recognition and resolution on LGL, GeoWebNews, TR-News and GeoVirus (Gritta et al. metrics).

Data: ``geo/{lgl,GWN,TR-News,GeoVirus}.jsonl`` (see ``geo/SOURCE.md``).

Gold toponyms:

* LGL, TR-News, GeoVirus: every annotated toponym. Those without coordinates (a few LGL/TR-News
  phrases have no gaztag) count for recognition only.
* GeoWebNews: the toponyms the corpus gives coordinates for (literal, mixed, coercion, metonymic,
  embedded and modifier types), except adjectival modifiers ("French", "Syrian"): newswatch
  treats adjectives as nationalities (NORP), not places. Expressions, non-toponyms, homonyms,
  demonyms and languages have no coordinates and are not counted.

Recognition: every mention of every predicted place is one predicted toponym. Pairs are one-to-one,
**exact** (same start and end) or by **overlap** (any shared character); P/R/F1 for both.

Resolution, on gold toponyms with coordinates that a prediction overlaps (the same pairs for every
system): **Acc@161** (share within 161 km, 100 miles), **median error** (km), and **AUC**, the
area under the curve of sorted scaled errors log(1 + km) / log(20039) (20,039 km is half the
Earth's circumference), by the trapezoidal rule over n - 1 unit steps, as in Gritta et al. (2018,
"What's missing in geographical parsing?"). AUC: lower is better; 0 is perfect.

Systems, in the same run, on the same recognised toponyms:

* ``newswatch``: the full pipeline (``Analyzer().analyze(text)``), its places' coordinates.
* ``pop-prior``: each recognised mention looked up in the same gazetteer, the most populous
  candidate taken (countries have the largest populations, so "Jordan" is the country).
* ``mordecai3``: published Acc@161 of Mordecai 3 (Halterman 2023), **not run here**; its
  recognition and evaluation set-up differ, so compare with care.
"""

from __future__ import annotations

import math
import statistics
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import PRF, Row, data_dir, read_jsonl, evaluation_parser, print_rows

CORPORA = {"lgl": "lgl.jsonl", "gwn": "GWN.jsonl", "trnews": "TR-News.jsonl", "geovirus": "GeoVirus.jsonl"}
# Mordecai 3 (Halterman 2023, arXiv:2303.13675), Table 2, Acc@161.
PUBLISHED_MORDECAI3 = {"lgl": 0.827, "trnews": 0.873, "gwn": 0.941}
EARTH_HALF_CIRCUMFERENCE_KM = 20039.0
SYSTEMS = ("newswatch", "pop-prior")


@dataclass
class Toponym:
    start: int
    end: int
    name: str
    lat: float | None = None
    lon: float | None = None


@dataclass
class Prediction:
    start: int
    end: int
    name: str
    coords: dict[str, tuple[float, float] | None]  # system -> (lat, lon)


@dataclass
class Score:
    exact: PRF = field(default_factory=PRF)
    overlap: PRF = field(default_factory=PRF)
    errors: dict[str, list[float]] = field(default_factory=lambda: {s: [] for s in SYSTEMS})
    unresolved: int = 0  # gold with coordinates, recognised, but no coordinates predicted
    wrong: Counter = field(default_factory=Counter)  # (gold name, predicted name) -> count, newswatch > 161 km
    missed: Counter = field(default_factory=Counter)  # gold names not recognised
    spurious: Counter = field(default_factory=Counter)  # predicted names matching no gold
    docs: int = 0
    seconds: float = 0.0


def gold_toponyms(corpus: str, record: dict) -> list[Toponym]:
    out = []
    for t in record["toponyms"]:
        if not t.get("offset_ok", True):
            continue
        if corpus == "gwn" and (t["lat"] is None or t.get("modifier_type") == "Adjective"):
            continue
        out.append(Toponym(t["start"], t["end"], t["name"], t["lat"], t["lon"]))
    return out


def _overlaps(a, b) -> bool:
    return a.start < b.end and b.start < a.end


def pair(gold: list[Toponym], predicted: list[Prediction], exact: bool) -> list[tuple[Toponym, Prediction]]:
    """One-to-one pairs, in text order; exact pairs need the same start and end."""
    pairs, used = [], set()
    for g in gold:
        for i, p in enumerate(predicted):
            if i in used:
                continue
            if (p.start, p.end) == (g.start, g.end) if exact else _overlaps(g, p):
                pairs.append((g, p))
                used.add(i)
                break
    return pairs


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def auc_of_errors(errors: list[float]) -> float | None:
    """Gritta et al.'s AUC: trapezoidal area under sorted log(1 + km) / log(20039), x scaled to [0, 1]."""
    if len(errors) < 2:
        return None
    scaled = sorted(math.log(1 + e) / math.log(EARTH_HALF_CIRCUMFERENCE_KM) for e in errors)
    area = sum((a + b) / 2 for a, b in zip(scaled, scaled[1:]))
    return area / (len(scaled) - 1)


class Systems:
    """The full newswatch pipeline, and the population-prior baseline on its recognised toponyms."""

    def __init__(self):
        from newswatch import gazetteer
        from newswatch.pipeline import Analyzer

        self.analyzer = Analyzer()
        self.gazetteer = gazetteer.load()

    def most_populous(self, name: str) -> tuple[float, float] | None:
        candidates = self.gazetteer.lookup(name)
        if not candidates:
            return None
        best = max(candidates, key=lambda c: c.population)
        return (best.latitude, best.longitude)

    def predict(self, text: str) -> list[Prediction]:
        brief = self.analyzer.analyze(text)
        out = []
        for place in brief.places:
            coords = (place.latitude, place.longitude) if place.latitude is not None else None
            for m in place.mentions:
                out.append(Prediction(m.start, m.end, m.text, {"newswatch": coords, "pop-prior": self.most_populous(m.text)}))
        out.sort(key=lambda p: p.start)
        return out


def score_document(score: Score, gold: list[Toponym], predicted: list[Prediction]) -> None:
    for prf, exact in ((score.exact, True), (score.overlap, False)):
        n = len(pair(gold, predicted, exact))
        prf.tp += n
        prf.fp += len(predicted) - n
        prf.fn += len(gold) - n
    pairs = pair(gold, predicted, exact=False)
    paired_gold = {id(g) for g, _ in pairs}
    paired_pred = {id(p) for _, p in pairs}
    score.missed.update(g.name for g in gold if id(g) not in paired_gold)
    score.spurious.update(p.name for p in predicted if id(p) not in paired_pred)
    for g, p in pairs:
        if g.lat is None:
            continue
        if p.coords["newswatch"] is None:
            score.unresolved += 1
            continue
        for system in SYSTEMS:
            coords = p.coords[system] or p.coords["newswatch"]
            score.errors[system].append(haversine_km(g.lat, g.lon, *coords))
        if score.errors["newswatch"][-1] > 161:
            score.wrong[(g.name, p.name)] += 1


def evaluate(systems: Systems, corpus: str, records: Iterable[dict]) -> Score:
    score = Score()
    started = time.perf_counter()
    for record in records:
        score_document(score, gold_toponyms(corpus, record), systems.predict(record["text"]))
        score.docs += 1
    score.seconds = time.perf_counter() - started
    return score


def rows_for(corpus: str, score: Score) -> list[Row]:
    note = f"{score.docs} docs, {score.seconds:.0f} s"
    rows = []
    for kind, prf in (("exact", score.exact), ("overlap", score.overlap)):
        n = prf.tp + prf.fn
        rows += [
            Row("geo", corpus, f"recognition {kind} P", "newswatch", prf.precision, n, note),
            Row("geo", corpus, f"recognition {kind} R", "newswatch", prf.recall, n, note),
            Row("geo", corpus, f"recognition {kind} F1", "newswatch", prf.f1, n, note),
        ]
    for system in SYSTEMS:
        errors = score.errors[system]
        n = len(errors)
        extra = f"; {score.unresolved} recognised but not geocoded, left out" if score.unresolved else ""
        rows += [
            Row("geo", corpus, "Acc@161", system, sum(e <= 161 for e in errors) / n if n else None, n, note + extra),
            Row("geo", corpus, "median error km", system, statistics.median(errors) if n else None, n, note),
            Row("geo", corpus, "AUC (lower better)", system, auc_of_errors(errors), n, note),
        ]
    if corpus in PUBLISHED_MORDECAI3:
        rows.append(Row("geo", corpus, "Acc@161", "mordecai3", PUBLISHED_MORDECAI3[corpus], 0, "published figure (Halterman 2023), not run here"))
    return rows


def run(data: Path, limit: int | None = None, corpora: Iterable[str] = CORPORA, details: dict[str, Score] | None = None) -> list[Row]:
    systems = Systems()
    rows = []
    for corpus in corpora:
        score = evaluate(systems, corpus, read_jsonl(data / "geo" / CORPORA[corpus], limit))
        if details is not None:
            details[corpus] = score
        rows += rows_for(corpus, score)
    return rows


def print_errors(details: dict[str, Score], top: int = 15) -> None:
    for corpus, score in details.items():
        print(f"\n{corpus}: most frequent wrong resolutions (> 161 km), gold name -> predicted mention")
        for (gold, pred), n in score.wrong.most_common(top):
            print(f"  {n:4d}  {gold!r} -> {pred!r}")
        print(f"{corpus}: most frequent missed toponyms")
        print("  " + ", ".join(f"{name} ({n})" for name, n in score.missed.most_common(top)))
        print(f"{corpus}: most frequent spurious places")
        print("  " + ", ".join(f"{name} ({n})" for name, n in score.spurious.most_common(top)))


def main() -> None:
    parser = evaluation_parser(__doc__.split("\n")[0], "score only the first N articles of each corpus")
    parser.add_argument("--corpus", action="append", choices=list(CORPORA), help="one corpus (repeatable; default all)")
    parser.add_argument("--errors", action="store_true", help="also list the most frequent errors")
    args = parser.parse_args()
    details: dict[str, Score] = {}
    print_rows(run(data_dir(args.data), args.limit, args.corpus or list(CORPORA), details))
    if args.errors:
        print_errors(details)


if __name__ == "__main__":
    main()
