"""Finnish places: every municipality, its region, where it is, and how far apart two people are.

The table is ``matcher/data/municipalities.csv`` (309 municipalities with Finnish and Swedish
names, region and centre coordinates from GeoNames, CC BY 4.0; how it is made and licensed:
``scripts/build_places.py`` and ``matcher/data/LICENSE-municipalities.md``). Nothing is fetched at
run time.

An answer names a municipality when, after folding case and diacritics, it is the Finnish or
Swedish name ("Helsingfors", "Esbo", "Åbo"), contains one as a word ("Espoo, Finland"), or contains
an inflected form of one ("Helsingissä", "Espoossa", "Tampereella", "Turkuun", "Kauniaisissa").
Inflected forms are read by Finnish grammar, not from a list of forms: a case ending is removed
(:data:`CASE_ENDINGS`) and what is left must be one of the stems the name takes (:func:`stems`:
consonant gradation, Helsinki → Helsingi-, Turku → Turu-, Lahti → Lahde-; ``-nen`` names,
Kauniainen → Kauniaisi-; ``-i`` → ``-e``, Rovaniemi → Rovanieme-; the illative's long vowel).
Names of the capital region as a whole ("pääkaupunkiseutu",
"huvudstadsregionen") read as Helsinki, its centre.

Distances are great-circle (haversine) distances between municipal centres in kilometres; road
distance is typically 20–30 % longer. Two municipalities are in the same *commuting area* when
they are the same municipality or both in the Helsinki region (:data:`HELSINKI_REGION`, the 14
municipalities of Helsingin seutu: the capital region and its commuter belt).

Example
-------
>>> places = municipalities()
>>> [places.name(i) for i in places.resolve_many(["Helsingfors", "Espoossa", "Åbo", "Mars"])[:3]]
['Helsinki', 'Espoo', 'Turku']
>>> int(places.resolve("Mars"))
-1
>>> e, h = places.resolve_many(["Esbo", "Helsinki"])
>>> round(float(places.distances()[e, h])), bool(places.same_area()[e, h])
(16, True)
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

import numpy as np

from matcher import vocab

#: mean Earth radius (km), IUGG
EARTH_RADIUS_KM = 6371.0088
#: Finnish case endings removed before comparing a word with a municipality's stems, longest
#: first, diacritics folded (inessive, elative, illative, adessive, ablative, allative,
#: translative, essive, genitive/illative -n)
CASE_ENDINGS = ("seen", "ssa", "sta", "lla", "lta", "lle", "ksi", "na", "n")
#: Helsingin seutu: the capital region (Helsinki, Espoo, Vantaa, Kauniainen) and its commuter
#: belt, one commuting area
HELSINKI_REGION = ("Helsinki", "Espoo", "Vantaa", "Kauniainen", "Hyvinkää", "Järvenpää",
                   "Kerava", "Kirkkonummi", "Mäntsälä", "Nurmijärvi", "Pornainen", "Sipoo",
                   "Tuusula", "Vihti")
#: answers naming the capital region as a whole: read as Helsinki
CAPITAL_REGION_NAMES = ("pääkaupunkiseutu", "pk-seutu", "pk seutu", "capital region",
                        "capital area", "greater helsinki", "helsinki region", "helsingin seutu",
                        "huvudstadsregionen", "huvudstadsområdet")
#: region-less "place" answers that name no place (remote meetings): never a municipality
UNKNOWN = -1


@dataclass(frozen=True, repr=False)
class Municipalities:
    """The municipality table: row ``i`` is one municipality (sorted by Finnish name)."""

    names: tuple[str, ...]        # Finnish names
    swedish: tuple[str, ...]      # Swedish names (the Finnish one where there is none)
    region_code: tuple[str, ...]  # Statistics Finland's region code, e.g. "01"
    region: tuple[str, ...]       # region's Finnish name, e.g. "Uusimaa"
    latitude: np.ndarray          # float64 degrees
    longitude: np.ndarray

    def __len__(self) -> int:
        return len(self.names)

    def __repr__(self) -> str:
        return f"Municipalities({len(self)} municipalities, {len(set(self.region))} regions)"

    def name(self, index: int) -> str:
        """Finnish name of municipality ``index``."""
        return self.names[index]

    def resolve(self, answer: object) -> int:
        """Row of the municipality an answer names, or :data:`UNKNOWN` (-1)."""
        return _resolve(self, vocab.normalise(answer))

    def resolve_many(self, answers: Iterable[object]) -> np.ndarray:
        """:meth:`resolve` for many answers (each distinct answer once), as int32."""
        answers = list(answers)
        distinct = {a: self.resolve(a) for a in dict.fromkeys(map(str, answers))}
        return np.array([distinct[str(a)] for a in answers], dtype=np.int32)

    @functools.cached_property
    def _distances(self) -> np.ndarray:
        return haversine_km(self.latitude, self.longitude, self.latitude, self.longitude)

    def distances(self) -> np.ndarray:
        """float32 (n, n) great-circle distances in km between municipal centres."""
        return self._distances

    @functools.cached_property
    def _same_area(self) -> np.ndarray:
        area = np.arange(len(self))
        capital = np.isin(np.array(self.names), HELSINKI_REGION)
        area[capital] = -1
        return area[:, None] == area[None, :]

    def same_area(self) -> np.ndarray:
        """bool (n, n): the two municipalities are one commuting area."""
        return self._same_area

    @functools.cached_property
    def _lookup(self) -> dict[str, int]:
        lookup = {vocab.normalise(n): i for i, n in enumerate(self.names)}
        lookup.update({vocab.normalise(n): i for i, n in enumerate(self.swedish)})
        helsinki = self.names.index("Helsinki")
        lookup.update({vocab.normalise(n): helsinki for n in CAPITAL_REGION_NAMES})
        return lookup

    @functools.cached_property
    def _forms(self) -> dict[str, int]:
        """Inflection stem -> row (:data:`UNKNOWN` where two municipalities share a stem)."""
        forms: dict[str, int] = {}
        for name, i in self._lookup.items():
            for form in stems(name):
                forms[form] = i if forms.get(form, i) == i else UNKNOWN
        return forms


def stems(name: str) -> set[str]:
    """The stems a (normalised) Finnish name takes before a case ending: the name; its weak
    grade (consonant gradation of the last consonant cluster); ``-i`` → ``-e``; ``-nen`` →
    ``-se``/``-si``; the lengthened final vowel of the illative and of ``-e`` stems.

    >>> sorted(stems("helsinki"))
    ['helsinge', 'helsingi', 'helsinke', 'helsinki', 'helsinkii']
    >>> sorted(stems("turku")), sorted(stems("kauniainen"))
    (['turku', 'turkuu', 'turu'], ['kauniainen', 'kauniaise', 'kauniaisi'])
    >>> sorted(stems("seinajoki")), sorted(stems("tampere"))
    (['seinajoe', 'seinajoi', 'seinajoke', 'seinajoki', 'seinajokii'], ['tampere', 'tamperee'])
    """
    forms = {name}
    if name.endswith("nen"):
        return forms | {name[:-3] + "se", name[:-3] + "si"}
    if not name or name[-1] not in _VOWELS:
        return forms
    forms.add(name + name[-1])
    weak = _weak_grade(name)
    forms.add(weak)
    if name.endswith("i") and not name.endswith("ii"):
        forms |= {name[:-1] + "e", weak[:-1] + "e"}
    return forms


#: consonant gradation, strong -> weak, for the consonants before a name's final vowel
#: (longest first; Finnish grammar, e.g. Helsinki -> Helsingissä, Lahti -> Lahdessa)
GRADATION = (("nk", "ng"), ("kk", "k"), ("tt", "t"), ("pp", "p"), ("nt", "nn"), ("lt", "ll"),
             ("rt", "rr"), ("mp", "mm"), ("ht", "hd"), ("lk", "l"), ("rk", "r"), ("hk", "h"),
             ("t", "d"), ("p", "v"), ("k", ""))
_VOWELS = frozenset("aeiouyao")


def _weak_grade(name: str) -> str:
    end = len(name)
    while end and name[end - 1] in _VOWELS:
        end -= 1
    head, vowels = name[:end], name[end:]
    for strong, weak in GRADATION:
        if head.endswith(strong):
            return head[:-len(strong)] + weak + vowels
    return name


def haversine_km(lat_a: np.ndarray, lon_a: np.ndarray, lat_b: np.ndarray, lon_b: np.ndarray
                 ) -> np.ndarray:
    """Great-circle distances (km, float32) between every point of ``a`` and every point of ``b``.

    >>> float(haversine_km(np.array([60.0]), np.array([25.0]), np.array([61.0]), np.array([25.0]))[0, 0])
    111.19...
    """
    pa, pb = np.radians(lat_a)[:, None], np.radians(lat_b)[None, :]
    dl = np.radians(lon_b)[None, :] - np.radians(lon_a)[:, None]
    h = np.sin((pb - pa) / 2) ** 2 + np.cos(pa) * np.cos(pb) * np.sin(dl / 2) ** 2
    return (2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0, 1)))).astype(np.float32)


@functools.lru_cache(maxsize=1)
def municipalities() -> Municipalities:
    """The shipped municipality table (read once)."""
    text = resources.files("matcher").joinpath("data/municipalities.csv").read_text("utf-8")
    rows = list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
    return Municipalities(
        names=tuple(r["name_fi"] for r in rows), swedish=tuple(r["name_sv"] for r in rows),
        region_code=tuple(r["region_code"] for r in rows),
        region=tuple(r["region_fi"] for r in rows),
        latitude=np.array([float(r["latitude"]) for r in rows]),
        longitude=np.array([float(r["longitude"]) for r in rows]))


def about_km(km: float, language: str = "en") -> str:
    """A distance as people say it: "about 15 km" (to 5 km; to 1 km below 10 km), in English,
    Finnish or Swedish.

    >>> about_km(16.2), about_km(3.4), about_km(0.2), about_km(16.2, "fi")
    ('about 15 km', 'about 3 km', 'under 1 km', 'noin 15 km')
    """
    from matcher.i18n import t

    if km < 1:
        return t("explain.km_under", language)
    step = 1 if km < 10 else 5
    return t("explain.km_about", language, km=int(round(km / step) * step))


def _resolve(table: Municipalities, norm: str) -> int:
    if not norm:
        return UNKNOWN
    if norm in table._lookup:
        return table._lookup[norm]
    words = norm.split()
    windows = [" ".join(words[k:k + size]) for size in (3, 2, 1)
               for k in range(len(words) - size + 1)]
    for window in windows:  # a name inside the answer ("Espoo, Finland", "Koski Tl")
        if window in table._lookup:
            return table._lookup[window]
    for window in windows:  # an inflected name ("asun Espoossa", "Mänttä-Vilppulassa")
        for ending in CASE_ENDINGS:
            if window.endswith(ending) and len(window) - len(ending) >= 2:
                found = table._forms.get(window[:-len(ending)])
                if found is not None:
                    return found
    return UNKNOWN
