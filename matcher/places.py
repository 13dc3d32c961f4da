"""Finnish places: every municipality, its region, where it is, and how far apart two people are.

The table is ``matcher/data/municipalities.csv`` (309 municipalities with Finnish and Swedish
names, region and centre coordinates from GeoNames, CC BY 4.0; how it is made and licensed:
``scripts/build_places.py`` and ``matcher/data/LICENSE-municipalities.md``). Nothing is fetched at
run time.

An answer is read as the municipality it names (:func:`read_place`, :class:`PlaceReading`), the
words around the name ignored ("Asun Tampereella", "Jag bor i Vasa", "near Turku", "Helsinki
area", "Espoo / Helsinki": the first place named). In order, the first kind of name found anywhere
in the answer wins: a municipality by its Finnish or Swedish name ("Helsingfors", "i Esbo"); a
district of one of the six largest cities ("Kallio", "Hervanta", "Leppävaara"); a short form
("Hki", "Tre", "Jkl"); a region or the capital area, read as its centre ("Pirkanmaa" Tampere,
"Nyland" Helsinki, "pk-seutu" Helsinki); a place abroad ("Tukholma", "currently in Ukraine",
"ulkomailla": no municipality); then a postal code ("00100", "02150": its postal area,
:data:`matcher.vocab.places.POSTAL_AREAS`); last a typo, one edit from exactly one name of five
letters or more ("Helsinky"). The tables of districts, regions, short forms, postal areas and
places abroad are :mod:`matcher.vocab.places`.

Every name is also read in its Finnish case forms, by grammar, not from a list of forms: a case
ending is removed (:data:`CASE_ENDINGS`) and what is left must be one of the stems the name takes
(:func:`stems`: consonant gradation, Helsinki → Helsingi-, Turku → Turu-, Lahti → Lahde-,
Hervanta → Hervanna-; ``-nen`` names, Kauniainen → Kauniaisi-; ``-i`` → ``-e``, Rovaniemi →
Rovanieme-; the illative's long vowel), so "Helsingissä", "Åbossa", "Pirkanmaalla",
"Hervannassa" and "Tukholmassa" read too.

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
>>> [places.name(places.resolve(a)) for a in ("Asun Tampereella", "Kallio", "i Esbo", "02150")]
['Tampere', 'Helsinki', 'Espoo', 'Espoo']
>>> read_place("currently in Ukraine")
PlaceReading(index=-1, method='abroad', text='ukraine')
>>> e, h = places.resolve_many(["Esbo", "Helsinki"])
>>> round(float(places.distances()[e, h])), bool(places.same_area()[e, h])
(16, True)
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from matcher import vocab
from matcher.vocab import places as words

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
#: no municipality: the answer names none, or a place abroad
UNKNOWN = -1
#: the kinds of name an answer is read by, the first found winning (:func:`read_place`)
NAME_KINDS = ("name", "district", "short form", "region", "abroad")
#: fewest letters a name and a word must have to be read as a typo of one another
TYPO_LENGTH = 5
_ABROAD = -2
_POSTAL_CODE = re.compile(r"\b(\d{5})\b")


@dataclass(frozen=True, repr=False)
class Municipalities:
    """The municipality table: row ``i`` is one municipality (sorted by Finnish name)."""

    names: tuple[str, ...]        # Finnish names
    swedish: tuple[str, ...]      # Swedish names (the Finnish one where there is none)
    region_code: tuple[str, ...]  # Statistics Finland's region code, e.g. "01"
    region: tuple[str, ...]       # region's Finnish name, e.g. "Uusimaa"
    region_sv: tuple[str, ...]    # region's Swedish name, e.g. "Nyland"
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
        """Row of the municipality an answer names (:func:`read_place`), or :data:`UNKNOWN` (-1)."""
        return _read(vocab.normalise(answer)).index

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
    def _names(self) -> dict[str, dict[str, int]]:
        """Per kind of name (:data:`NAME_KINDS`), normalised name -> row (:data:`UNKNOWN` where
        two places share the name, ``_ABROAD`` abroad)."""
        row = {n: i for i, n in enumerate(self.names)}
        kinds: dict[str, list[tuple[str, int]]] = {
            "name": [*row.items(), *((n, i) for i, n in enumerate(self.swedish))],
            "district": [(d, row[c]) for d, c in words.DISTRICTS.items()],
            "short form": [(n, row[c]) for n, c in words.SHORT_FORMS.items()],
            "region": [*((n, row["Helsinki"]) for n in words.CAPITAL_REGION),
                       *((r, row[c]) for r, c in words.REGION_CENTRES.items()),
                       *((n, row[words.REGION_CENTRES[r]]) for r, ns in words.REGION_ENGLISH.items()
                         for n in ns),
                       *((sv, row[words.REGION_CENTRES[fi]])
                         for fi, sv in dict(zip(self.region, self.region_sv)).items())],
            "abroad": [(n, _ABROAD) for n in words.ABROAD]}
        return {kind: _unique((vocab.normalise(n), i) for n, i in names) for kind, names in kinds.items()}

    @functools.cached_property
    def _forms(self) -> dict[str, dict[str, int]]:
        """Per kind of name, inflection stem -> row (:data:`UNKNOWN` where two places share it)."""
        return {kind: _unique((form, i) for name, i in names.items() for form in stems(name))
                for kind, names in self._names.items()}

    @functools.cached_property
    def _typo_names(self) -> tuple[list[str], list[int]]:
        """The names a typo is read as (five letters or more, not abroad) and their rows."""
        named = {n: i for kind in NAME_KINDS[:-1] for n, i in self._names[kind].items()
                 if len(n) >= TYPO_LENGTH and i >= 0}
        return list(named), list(named.values())


def _unique(pairs: Iterable[tuple[str, int]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for key, i in pairs:
        out[key] = i if out.get(key, i) == i else UNKNOWN
    return out


#: stems grammar gives a compound whose first part inflects too (an adjective agreeing with its
#: noun: Uusimaa -> Uudellamaalla, Uudenmaan)
IRREGULAR_STEMS = {"uusimaa": ("uudellamaa", "uudeltamaa", "uudellemaa", "uudenmaa")}


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
    forms = {name, *IRREGULAR_STEMS.get(name, ())}
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
        region=tuple(r["region_fi"] for r in rows), region_sv=tuple(r["region_sv"] for r in rows),
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


@dataclass(frozen=True)
class PlaceReading:
    """How a place answer was read (:func:`read_place`)."""

    #: row of the municipality in :func:`municipalities`, :data:`UNKNOWN` (-1) for none
    index: int
    #: ``name``, ``district``, ``short form``, ``region`` (:data:`NAME_KINDS`), ``postal code``,
    #: ``corrected`` (a typo), ``abroad`` (a place outside Finland, index -1) or ``none``
    method: str
    #: the words read, normalised ("helsingissa", "00100", "ukraine")
    text: str = ""


def read_place(answer: object) -> PlaceReading:
    """Read a place answer as the municipality it names (the module's docstring says how).

    Examples
    --------
    >>> places = municipalities()
    >>> [(places.name(r.index), r.method) for r in map(read_place, ["Jag bor i Vasa", "Hervannassa",
    ...                                                              "Tre", "Uudellamaalla"])]
    [('Vaasa', 'name'), ('Tampere', 'district'), ('Tampere', 'short form'), ('Helsinki', 'region')]
    >>> read_place("00100"), read_place("Helsinky").method, read_place("kotona").method
    (PlaceReading(index=..., method='postal code', text='00100'), 'corrected', 'none')
    """
    return _read(vocab.normalise(answer))


def is_place_answer(answer: object) -> bool:
    """True when ``answer`` is what a place question gets: a place (:func:`read_place`, one
    abroad too) with at most one more word than the words around a place (a district, a
    note), not a sentence that mentions one.

    >>> is_place_answer("I live in Helsinki (Kallio)"), is_place_answer("ulkomailla")
    (True, True)
    >>> is_place_answer("I have worked in Oulu for years"), is_place_answer("Ten years in sales")
    (False, False)

    A country that is also a language's name (Finnish "englanti", "ruotsi", "viro": England and
    English, Sweden and Swedish) is no place answer: a languages question's answers are those.

    >>> is_place_answer("englanti (hyvä)"), is_place_answer("Ruotsi"), is_place_answer("Sweden")
    (False, False, True)
    """
    reading = read_place(answer)
    if reading.method == "none":
        return False
    language = vocab.vocabulary("languages").named(reading.text) if reading.method == "abroad" else None
    if language is not None and language[1] >= 1.0:  # the very name, not a near one ("sweden")
        return False
    named = set(reading.text.split())
    return sum(w not in words.PLACE_FRAME_WORDS and w not in named for w in vocab.normalise(answer).split()) <= 1


@functools.lru_cache(maxsize=1 << 14)
def _read(norm: str) -> PlaceReading:
    # cached: a place column repeats a few dozen answers thousands of times
    table = municipalities()
    words_ = norm.split()
    windows = [" ".join(words_[k:k + size]) for size in (3, 2, 1)
               for k in range(len(words_) - size + 1)]
    for kind in NAME_KINDS:
        found = _named(windows, table._names[kind], table._forms[kind])
        if found is not None and found[0] != UNKNOWN:  # a name two places share names neither
            index, text = found
            return PlaceReading(UNKNOWN if index == _ABROAD else index, kind, text)
    code = _POSTAL_CODE.search(norm)
    if code:
        area = next((words.POSTAL_AREAS[code.group(1)[:n]] for n in (3, 2)
                     if code.group(1)[:n] in words.POSTAL_AREAS), None)
        if area is not None:
            return PlaceReading(table.names.index(area), "postal code", code.group(1))
    return _typo(table, " ".join(w for w in words_ if w not in words.PLACE_FRAME_WORDS))


def _named(windows: list[str], names: dict[str, int], forms: dict[str, int]) -> tuple[int, str] | None:
    """The row of the first window that is a name (a name inside the answer: "Espoo, Finland",
    "Koski Tl"), else of the first that is an inflected one ("asun Espoossa",
    "Mänttä-Vilppulassa"); None when none is."""
    for window in windows:
        if window in names:
            return names[window], window
    for window in windows:
        for ending in CASE_ENDINGS:
            if window.endswith(ending) and len(window) - len(ending) >= 2:
                found = forms.get(window[:-len(ending)])
                if found is not None:
                    return found, window
    return None


def _typo(table: Municipalities, word: str) -> PlaceReading:
    """``word`` (the answer without its frame words) one edit (a letter added, dropped, changed,
    or two swapped) from the names of one place only, both of :data:`TYPO_LENGTH` letters or
    more; a word among others is never read as a typo ("tools" is no Töölö)."""
    names, rows = table._typo_names
    if len(word) >= TYPO_LENGTH:
        near = {rows[k] for _, _, k in process.extract(word, names, scorer=DamerauLevenshtein.distance,
                                                       score_cutoff=1, limit=None)}
        if len(near) == 1:
            return PlaceReading(near.pop(), "corrected", word)
    return PlaceReading(UNKNOWN, "none")
