"""Vocabularies: turn raw form answers ("suomi", "Tietotekniikka", "CV ja hakemukset") into keys.

Four kinds of vocabulary are built in, each with English, Finnish and (where common) Swedish names:

``languages``
    ISO 639-1 codes (``"fi"``, ``"en"``, ``"ar"`` ...).
``fields``
    the professional fields in :data:`FIELD_KEYS` (``"ict"``, ``"health"`` ...).
``goals``
    the mentoring topics of career mentoring in :data:`GOAL_KEYS` (``"networking"``,
    ``"job_search_skills"`` ...), used both for mentees' goals and for mentors' topics.
``cities``
    Finnish cities by their Finnish name (``"Turku"`` also answers to ``"Åbo"`` and
    ``"Turussa"``). A city outside the list is kept as written (title-cased), never an error.

Matching is case-, diacritics- and whitespace-insensitive ("JYVASKYLA " is Jyväskylä). An answer
that is not a known name gets a fuzzy suggestion from :mod:`rapidfuzz`; a suggestion scoring at
least :data:`AUTO_CORRECT` (e.g. "Finish" → Finnish) is trusted, a lower one is only offered as a
did-you-mean. A round config extends any vocabulary with ``[vocabulary.<kind>]`` tables mapping a
key (existing or new) to extra synonyms.

The module also reads language levels ("äidinkieli", "fluent", "B2" → 1 basic … 4 native) and
meeting modes ("etänä", "face to face", "molemmat" → ``remote`` / ``in_person`` / ``either``).

Example
-------
>>> label("fields", "ict")
'ICT'
>>> vocabulary("languages").resolve("englanti")
Match(key='en', score=100.0, status='exact')
>>> vocabulary("languages").resolve("Finish")
Match(key='fi', score=92.3, status='corrected')
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from collections.abc import Iterable, Mapping, Sequence

from rapidfuzz import fuzz, process

KINDS = ("languages", "fields", "goals", "cities")

#: fuzzy score (0-100) from which an unknown answer is read as its best suggestion
AUTO_CORRECT = 90.0
#: fuzzy score below which no did-you-mean is offered at all
SUGGEST = 70.0

#: language level number -> name (the numbers are what ``languages`` dicts hold)
LEVEL_NAMES = {1: "basic", 2: "good", 3: "fluent", 4: "native"}
LEVELS = {name: number for number, name in LEVEL_NAMES.items()}
MEETING_MODES = ("in_person", "remote", "either")

# Each entry: key -> (English display label, synonyms...). The label is a synonym too.
_LANGUAGES: dict[str, tuple[str, ...]] = {
    "fi": ("Finnish", "suomi", "suomen kieli", "suomeksi", "finska", "suomi kieli"),
    "sv": ("Swedish", "ruotsi", "ruotsin kieli", "ruotsiksi", "svenska", "svenska språket"),
    "en": ("English", "englanti", "englannin kieli", "englanniksi", "engelska"),
    "ru": ("Russian", "venäjä", "venäjän kieli", "ryska", "русский"),
    "et": ("Estonian", "viro", "viron kieli", "eesti", "estniska"),
    "ar": ("Arabic", "arabia", "arabian kieli", "arabiska", "العربية"),
    "so": ("Somali", "somalia", "somalin kieli", "somaliska"),
    "fa": ("Persian", "persia", "farsi", "dari", "persiska", "فارسی"),
    "uk": ("Ukrainian", "ukraina", "ukrainan kieli", "ukrainska", "українська"),
    "es": ("Spanish", "espanja", "espanjan kieli", "spanska", "español", "castellano"),
    "fr": ("French", "ranska", "ranskan kieli", "franska", "français"),
    "de": ("German", "saksa", "saksan kieli", "tyska", "deutsch"),
    "zh": ("Chinese", "kiina", "kiinan kieli", "kinesiska", "mandarin", "mandariinikiina",
           "中文", "普通话"),
    "ku": ("Kurdish", "kurdi", "kurdin kieli", "kurdiska", "sorani", "kurmanji"),
    "tr": ("Turkish", "turkki", "turkin kieli", "turkiska", "türkçe"),
    "vi": ("Vietnamese", "vietnam", "vietnami", "vietnamin kieli", "vietnamesiska",
           "tiếng việt"),
    "th": ("Thai", "thai", "thain kieli", "thaimaa", "thailändska"),
    "pt": ("Portuguese", "portugali", "portugalin kieli", "portugisiska", "português"),
    "it": ("Italian", "italia", "italian kieli", "italienska", "italiano"),
    "pl": ("Polish", "puola", "puolan kieli", "polska", "polski"),
    "hi": ("Hindi", "hindin kieli"),
    "bn": ("Bengali", "bangla", "bengalin kieli"),
    "ur": ("Urdu", "urdun kieli"),
    "ne": ("Nepali", "nepalin kieli", "nepalesiska"),
    "tl": ("Tagalog", "filipino", "tagalogin kieli"),
    "ta": ("Tamil", "tamili"),
    "ti": ("Tigrinya", "tigrinja"),
    "am": ("Amharic", "amhara", "amharan kieli"),
    "sw": ("Swahili", "swahilin kieli", "kiswahili"),
    "ps": ("Pashto", "pašto", "pastu"),
    "sq": ("Albanian", "albania", "albanian kieli", "albanska"),
    "sr": ("Serbian", "serbia", "serbian kieli", "serbiska"),
    "hr": ("Croatian", "kroatia", "kroatian kieli", "kroatiska"),
    "bs": ("Bosnian", "bosnia", "bosnian kieli"),
    "ro": ("Romanian", "romania", "romanian kieli", "rumänska"),
    "hu": ("Hungarian", "unkari", "unkarin kieli", "ungerska"),
    "el": ("Greek", "kreikka", "kreikan kieli", "grekiska"),
    "nl": ("Dutch", "hollanti", "hollannin kieli", "nederlands", "nederländska"),
    "da": ("Danish", "tanska", "tanskan kieli", "danska"),
    "no": ("Norwegian", "norja", "norjan kieli", "norska"),
    "is": ("Icelandic", "islanti", "isländska"),
    "lv": ("Latvian", "latvia", "latvian kieli", "lettiska"),
    "lt": ("Lithuanian", "liettua", "liettuan kieli", "litauiska"),
    "bg": ("Bulgarian", "bulgaria", "bulgarian kieli", "bulgariska"),
    "cs": ("Czech", "tšekki", "tsekki", "tjeckiska"),
    "sk": ("Slovak", "slovakki", "slovakiska"),
    "ja": ("Japanese", "japani", "japanin kieli", "japanska", "日本語"),
    "ko": ("Korean", "korea", "korean kieli", "koreanska", "한국어"),
    "my": ("Burmese", "burma", "burman kieli", "myanmar"),
    "se": ("Northern Sami", "saame", "pohjoissaame", "sami", "samiska"),
    "sign": ("Finnish Sign Language", "viittomakieli", "suomalainen viittomakieli",
             "sign language", "teckenspråk"),
}

FIELD_KEYS = ("ict", "engineering", "health", "social_care", "education", "business", "finance",
              "sales_marketing", "hr", "law", "hospitality", "construction", "logistics",
              "manufacturing", "science", "arts_media", "public_sector", "property_services",
              "agriculture")

_FIELDS: dict[str, tuple[str, ...]] = {
    "ict": ("ICT", "IT", "information technology", "software", "software development",
            "tietotekniikka", "ohjelmistokehitys", "IT-ala", "ICT-ala", "tietoliikenne",
            "data", "data science", "datatiede", "informationsteknik", "IT and software",
            "developer", "software developer", "software engineer", "programmer", "ohjelmoija",
            "ohjelmistokehittäjä", "koodari", "web developer", "data analyst"),
    "engineering": ("Engineering", "tekniikka", "insinööri", "insinööritieteet", "teknologia",
                    "teknik", "mechanical engineering", "electrical engineering",
                    "konetekniikka", "sähkötekniikka", "tekniikan ala", "engineer"),
    "health": ("Health care", "healthcare", "health", "terveydenhuolto", "hoitoala", "terveysala",
               "nursing", "medicine", "lääketiede", "sairaanhoito", "hälsovård", "vård",
               "pharmacy", "farmasia", "nurse", "sairaanhoitaja", "lähihoitaja", "hoitaja",
               "doctor", "physician", "lääkäri", "dentist", "hammaslääkäri", "physiotherapist"),
    "social_care": ("Social care", "social work", "social services", "sosiaaliala",
                    "sosiaalityö", "sosiaalipalvelut", "socialt arbete", "youth work",
                    "nuorisotyö", "vanhustyö", "elderly care", "social worker", "sosiaaliohjaaja"),
    "education": ("Education", "teaching", "opetus", "kasvatus", "opetusala", "opetus ja kasvatus",
                  "early childhood education", "varhaiskasvatus", "undervisning", "pedagogy",
                  "pedagogiikka", "teacher", "opettaja", "lastentarhanopettaja"),
    "business": ("Business", "business administration", "liiketoiminta", "kauppa",
                 "kaupallinen ala", "commerce", "trade", "handel", "affärsverksamhet",
                 "consulting", "konsultointi", "liiketalous"),
    "finance": ("Finance and accounting", "finance", "accounting", "taloushallinto", "kirjanpito",
                "talous", "banking", "pankkiala", "insurance", "vakuutusala", "economics",
                "finans", "redovisning", "taloustiede", "accountant", "kirjanpitäjä",
                "controller", "auditor"),
    "sales_marketing": ("Sales and marketing", "sales", "marketing", "myynti", "markkinointi",
                        "myynti ja markkinointi", "försäljning", "marknadsföring",
                        "customer service", "asiakaspalvelu", "salesperson", "myyjä"),
    "hr": ("HR", "human resources", "henkilöstöhallinto", "henkilöstöala", "rekrytointi",
           "recruitment", "personalförvaltning", "HR-ala"),
    "law": ("Law", "legal", "legal services", "juridiikka", "oikeusala", "laki", "juristi",
            "juridik", "oikeustiede", "lawyer", "asianajaja"),
    "hospitality": ("Hospitality and tourism", "hospitality", "tourism", "restaurant",
                    "restaurants", "ravintola", "ravintola-ala", "matkailu", "matkailuala",
                    "hotelli", "catering", "restaurang", "turism", "ravintola ja matkailu", "chef", "cook", "kokki"),
    "construction": ("Construction", "rakentaminen", "rakennusala", "building", "bygg",
                     "byggande", "architecture", "arkkitehtuuri", "architect", "carpenter",
                     "rakennusmies"),
    "logistics": ("Logistics", "transport", "transportation", "kuljetus", "logistiikka",
                  "warehouse", "varastointi", "logistik", "supply chain", "kuljetusala", "driver", "kuljettaja"),
    "manufacturing": ("Manufacturing", "industry", "teollisuus", "tuotanto", "production",
                      "industri", "tillverkning", "teollisuus ja tuotanto"),
    "science": ("Science and research", "science", "research", "tutkimus", "luonnontieteet",
                "natural sciences", "forskning", "chemistry", "kemia", "biology", "biologia",
                "physics", "fysiikka", "tutkimus ja kehitys", "R&D", "researcher", "tutkija"),
    "arts_media": ("Arts, culture and media", "arts", "media", "culture", "design", "kulttuuri",
                   "muotoilu", "taide", "communications", "viestintä", "journalism",
                   "journalismi", "kultur", "konst", "kulttuuri ja media", "designer", "journalist"),
    "public_sector": ("Public sector", "public administration", "government", "julkishallinto",
                      "julkinen sektori", "kunta-ala", "municipality", "offentlig sektor",
                      "offentlig förvaltning", "valtionhallinto"),
    "property_services": ("Property services", "cleaning", "facility services",
                          "kiinteistöpalvelut", "siivous", "kiinteistönhoito",
                          "fastighetsservice", "städning", "facility management",
                          "siivousala"),
    "agriculture": ("Agriculture and forestry", "agriculture", "farming", "forestry",
                    "maatalous", "metsätalous", "maa- ja metsätalous", "jordbruk", "lantbruk",
                    "horticulture", "puutarha-ala"),
}

GOAL_KEYS = ("networking", "strengths", "job_search_skills", "working_life_culture",
             "field_requirements", "job_search_support", "entrepreneurship", "career_change",
             "language_at_work", "studies", "leadership", "wellbeing")

_GOALS: dict[str, tuple[str, ...]] = {
    "networking": ("networking", "networks", "building networks", "professional networks",
                   "verkostoituminen", "verkostot", "verkostojen rakentaminen", "nätverkande",
                   "verkostoitumista"),
    "strengths": ("identifying strengths and skills", "identifying strengths", "strengths",
                  "skills", "identification of strengths", "osaamisen tunnistaminen",
                  "vahvuudet", "vahvuuksien tunnistaminen", "osaamisen tunnistamista",
                  "kompetens", "styrkor"),
    "job_search_skills": ("job-seeking skills", "job search skills", "job seeking skills", "CV",
                          "resume", "CV and applications", "applications", "job applications",
                          "interviews", "job interviews", "CV, applications and interviews",
                          "development of job-seeking skills", "työnhakutaidot",
                          "työnhakutaitojen kehittäminen", "ansioluettelo", "työhakemus",
                          "hakemukset", "työhaastattelu", "CV ja hakemukset", "LinkedIn",
                          "CV, hakemukset ja haastattelut", "arbetssökning"),
    "working_life_culture": ("Finnish working-life culture", "working-life culture",
                             "working life culture", "work culture", "Finnish work culture",
                             "familiarization with working life", "working life in Finland",
                             "työelämäkulttuuri", "suomalainen työelämäkulttuuri",
                             "suomalainen työelämä", "työelämäkulttuuriin tutustuminen",
                             "arbetslivskultur"),
    "field_requirements": ("field requirements and qualifications", "field requirements",
                           "field-specific requirements", "study of field-specific requirements",
                           "qualifications", "licensing", "recognition of qualifications",
                           "degree recognition", "oman alan vaatimukset", "alan vaatimukset",
                           "oman alan vaatimuksiin perehtyminen", "tutkinnon tunnustaminen",
                           "pätevyys", "behörighet", "licence", "license", "certification",
                           "laillistaminen", "qualification"),
    "job_search_support": ("support in job search", "job search support", "job-seeking support",
                           "support for job-seeking", "provision of support for job-seeking",
                           "finding a job", "työnhaussa tukeminen", "työnhaun tuki",
                           "tuki työnhakuun", "työpaikan löytäminen", "stöd i arbetssökning"),
    "entrepreneurship": ("entrepreneurship", "starting a business", "own business",
                         "yrittäjyys", "yrityksen perustaminen", "oma yritys", "företagande"),
    "career_change": ("career change", "changing career", "new career", "career planning",
                      "career path", "uranvaihto", "alanvaihto", "uran vaihtaminen",
                      "uransuunnittelu", "urapolku", "karriärbyte"),
    "language_at_work": ("language at work", "Finnish at work", "Swedish at work",
                         "language skills at work", "workplace Finnish", "language skills",
                         "kieli työelämässä", "suomen kieli työelämässä", "työelämän suomi",
                         "kielitaito", "språk i arbetslivet", "finska i arbetslivet"),
    "studies": ("studies and training", "studies", "education and training", "further education",
                "training", "opinnot ja koulutus", "opinnot", "koulutus", "opiskelu",
                "kouluttautuminen", "studier", "studier och utbildning"),
    "leadership": ("leadership", "management", "johtaminen", "esihenkilötyö", "esimiestyö",
                   "becoming a manager", "team leadership", "ledarskap"),
    "wellbeing": ("wellbeing at work", "wellbeing", "well-being", "well-being at work",
                  "coping at work", "stress management", "work-life balance", "työhyvinvointi",
                  "työssä jaksaminen", "jaksaminen", "hyvinvointi", "välmående i arbetet",
                  "välmående", "arbetshälsa", "ork i arbetet"),
}

_CITIES: dict[str, tuple[str, ...]] = {
    "Helsinki": ("Helsingfors", "Helsingissä", "Hki", "Hesa", "Stadi"),
    "Espoo": ("Esbo", "Espoossa"),
    "Vantaa": ("Vanda", "Vantaalla"),
    "Kauniainen": ("Grankulla",),
    "Tampere": ("Tammerfors", "Tampereella"),
    "Turku": ("Åbo", "Turussa"),
    "Oulu": ("Uleåborg", "Oulussa"),
    "Jyväskylä": ("Jyväskylässä",),
    "Kuopio": ("Kuopiossa",),
    "Lahti": ("Lahtis", "Lahdessa"),
    "Pori": ("Björneborg", "Porissa"),
    "Joensuu": ("Joensuussa",),
    "Vaasa": ("Vasa", "Vaasassa"),
    "Lappeenranta": ("Villmanstrand", "Lappeenrannassa"),
    "Rovaniemi": ("Rovaniemellä",),
    "Seinäjoki": ("Seinäjoella",),
    "Kotka": ("Kotkassa",),
    "Hämeenlinna": ("Tavastehus", "Hämeenlinnassa"),
    "Porvoo": ("Borgå", "Porvoossa"),
    "Kouvola": ("Kouvolassa",),
    "Mikkeli": ("S:t Michel", "Mikkelissä"),
    "Salo": ("Salossa",),
    "Kokkola": ("Karleby", "Kokkolassa"),
    "Kerava": ("Kervo", "Keravalla"),
    "Järvenpää": ("Träskända", "Järvenpäässä"),
    "Tuusula": ("Tusby",),
    "Nurmijärvi": (),
    "Kirkkonummi": ("Kyrkslätt",),
    "Sipoo": ("Sibbo",),
    "Lohja": ("Lojo",),
    "Hyvinkää": ("Hyvinge",),
    "Riihimäki": (),
    "Kajaani": ("Kajana",),
    "Savonlinna": ("Nyslott",),
    "Rauma": ("Raumo",),
    "Raahe": ("Brahestad",),
    "Imatra": (),
    "Kemi": (),
    "Tornio": ("Torneå",),
    "Iisalmi": ("Idensalmi",),
    "Varkaus": (),
    "Pietarsaari": ("Jakobstad",),
    "Kangasala": (),
    "Nokia": (),
    "Ylöjärvi": (),
    "Raisio": ("Reso",),
    "Kaarina": ("S:t Karins",),
    "Naantali": ("Nådendal",),
    "Raasepori": ("Raseborg", "Tammisaari", "Ekenäs"),
    "Loviisa": ("Lovisa",),
    "Hanko": ("Hangö",),
    "Maarianhamina": ("Mariehamn",),
    "Kuusamo": (),
    "Kemijärvi": (),
}

#: answers in a city column that say "no place" rather than naming a city
NOT_CITIES = frozenset({"remote", "online", "etana", "etanä", "verkossa", "anywhere",
                        "missa vain", "ei valia", "distans", "teams", "zoom", "-", "none"})

_LEVEL_WORDS = {
    4: ("native", "mother tongue", "first language", "äidinkieli", "äidinkielenä", "modersmål",
        "native speaker", "kotikieli"),
    3: ("fluent", "sujuva", "erinomainen", "excellent", "advanced", "flytande", "c1", "c2",
        "proficient", "sujuvasti", "kiitettävä", "very good"),
    2: ("good", "hyvä", "b1", "b2", "intermediate", "working knowledge", "god", "keskitaso",
        "hyvin"),
    1: ("basic", "perus", "perustaso", "alkeet", "tyydyttävä", "a1", "a2", "beginner",
        "elementary", "grund", "vähän", "a little", "some"),
}

_BUILTIN = {"languages": _LANGUAGES, "fields": _FIELDS, "goals": _GOALS}


def normalise(text: object) -> str:
    """Fold an answer for comparison: lower case, no diacritics, punctuation as single spaces.

    Examples
    --------
    >>> normalise("  Jyväskylä ")
    'jyvaskyla'
    >>> normalise("IT-ala")
    'it ala'
    """
    return _normalise(str(text))


@functools.lru_cache(maxsize=1 << 16)
def _normalise(text: str) -> str:
    # cached: a column repeats the same few hundred answers thousands of times
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # '&' and '+' carry meaning in answers like "R&D" or "10+"; everything else is punctuation
    return " ".join(re.sub(r"[^\w&+]+", " ", plain).split())


@dataclass(frozen=True)
class Match:
    """How one raw answer resolved.

    ``status`` is ``"exact"`` (a known name), ``"contained"`` (a known name stands as whole words
    inside a longer answer: "Software developer" mentions "software"), ``"corrected"`` (fuzzy score ≥ :data:`AUTO_CORRECT`,
    read as ``key``), ``"suggested"`` (a lower did-you-mean: ``key`` is only a suggestion) or
    ``"unknown"`` (nothing close; ``key`` is None).
    """

    key: str | None
    score: float
    status: str
    #: for ``"contained"``: the known name found inside the answer
    matched: str = field(default="", repr=False)

    @property
    def accepted(self) -> str | None:
        """The key to use, or None when the answer must be dropped."""
        return self.key if self.status in ("exact", "contained", "corrected") else None


class Vocabulary:
    """A kind's canonical keys with their English labels and every synonym that maps onto them.

    Build with :func:`vocabulary` (built-ins, optionally extended by a round config).

    Examples
    --------
    >>> v = vocabulary("fields", {"fields": {"ict": ("koodaus",)}})
    >>> v.lookup("Koodaus"), v.lookup("Tietotekniikka"), v.lookup("astrology")
    ('ict', 'ict', None)
    """

    def __init__(self, kind: str, entries: Mapping[str, tuple[str, ...]]):
        self.kind = kind
        self.labels: dict[str, str] = {}
        self._lookup: dict[str, str] = {}
        self._names: dict[str, tuple[str, ...]] = {}
        for key, (label_text, *synonyms) in entries.items():
            self.labels[key] = label_text
            self._names[key] = (label_text, *synonyms)
            for name in (key, label_text, *synonyms):
                # first claim wins, so built-in names keep their meaning when a config reuses one
                self._lookup.setdefault(normalise(name), key)
        self._choices = list(self._lookup)

    def __repr__(self) -> str:
        return f"Vocabulary({self.kind!r}, {len(self.labels)} keys, {len(self._lookup)} names)"

    def __contains__(self, key: object) -> bool:
        return key in self.labels

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(self.labels)

    def label(self, key: str) -> str:
        """English display label of ``key`` (the key itself, humanised, if unknown)."""
        return self.labels.get(key) or str(key).replace("_", " ")

    def names(self, key: str) -> tuple[str, ...]:
        """The label and synonyms of ``key`` as written (empty for an unknown key).

        >>> vocabulary("goals").names("networking")[:2]
        ('networking', 'networks')
        """
        return self._names.get(key, ())

    def lookup(self, raw: object) -> str | None:
        """The key ``raw`` names exactly (after :func:`normalise`), trying the text without a
        parenthesis, inside it, and its ``/``-separated parts ("Tietotekniikka (IT)"); else None."""
        norm = normalise(raw)
        if norm in self._lookup:
            return self._lookup[norm]
        text = str(raw)
        inside = re.findall(r"\(([^)]*)\)", text)
        candidates = [re.sub(r"\([^)]*\)", " ", text), *inside, *text.split("/")]
        for candidate in candidates:
            key = self._lookup.get(normalise(candidate))
            if key is not None:
                return key
        return None

    def named(self, raw: object) -> tuple[str, float] | None:
        """``(key, confidence)`` of the concept ``raw`` names (:meth:`lookup`: confidence 1), or
        None; the languages vocabulary also reads abbreviations, with less confidence."""
        key = self.lookup(raw)
        return None if key is None else (key, 1.0)

    def suggest(self, raw: object) -> tuple[str, float] | None:
        """Best fuzzy candidate ``(key, score 0-100)`` for ``raw``, or None below :data:`SUGGEST`."""
        norm = normalise(raw)
        if not norm:
            return None
        best = process.extractOne(norm, self._choices, scorer=fuzz.token_sort_ratio,
                                  processor=None, score_cutoff=SUGGEST)
        return (self._lookup[best[0]], round(float(best[1]), 1)) if best else None

    def contained(self, raw: object) -> tuple[str, str] | None:
        """``(key, name)`` of the longest known name (4+ characters) that stands as whole words
        inside ``raw``, or None.

        >>> vocabulary("fields").contained("Senior software developer, 10 years")
        ('ict', 'software developer')
        """
        found = [m.group(0) for m in self._phrases.finditer(normalise(raw))]
        if not found:
            return None
        name = max(found, key=len)  # max keeps the first of equal lengths
        return self._lookup[name], name

    @functools.cached_property
    def _phrases(self) -> re.Pattern:
        # longest first, so at any position the alternation prefers the most specific name
        names = sorted((n for n in self._lookup if len(n) >= 4), key=lambda n: (-len(n), n))
        return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")

    def resolve(self, raw: object) -> Match:
        """Resolve one answer: exact name, else a known name inside it, else fuzzy
        (auto-corrected from :data:`AUTO_CORRECT`)."""
        key = self.lookup(raw)
        if key is not None:
            return Match(key, 100.0, "exact")
        inside = self.contained(raw)
        if inside is not None:
            return Match(inside[0], 100.0, "contained", matched=inside[1])
        best = self.suggest(raw)
        if best is None:
            return Match(None, 0.0, "unknown")
        return Match(best[0], best[1], "corrected" if best[1] >= AUTO_CORRECT else "suggested")

    def resolve_many(self, values: Iterable[object]) -> dict[object, Match]:
        """:meth:`resolve` each distinct value once (for mapping a whole column)."""
        return {value: self.resolve(value) for value in dict.fromkeys(values)}


def _entries(kind: str) -> dict[str, tuple[str, ...]]:
    if kind == "languages":
        from matcher.vocab import languages

        return languages.entries(_LANGUAGES)
    if kind == "cities":
        return {city: (city, *names) for city, names in _CITIES.items()}
    if kind not in _BUILTIN:
        raise KeyError(f"unknown vocabulary kind {kind!r}; kinds are {', '.join(KINDS)}")
    return dict(_BUILTIN[kind])


def vocabulary(kind: str, extra: Mapping[str, Mapping[str, tuple[str, ...]]] | None = None
               ) -> Vocabulary:
    """The built-in vocabulary of ``kind``, extended by a config's ``vocabulary`` table.

    ``extra`` is :attr:`matcher.config.RoundConfig.vocabulary`: ``{kind: {key: synonyms}}``. A key
    not built in becomes a new canonical key labelled by its first synonym.

    Examples
    --------
    >>> vocabulary("goals", {"goals": {"wellbeing": ("jaksaminen", "well-being")}}).lookup("Jaksaminen")
    'wellbeing'
    """
    extra_entries = dict((extra or {}).get(kind, {}))
    if not extra_entries:
        return _builtin(kind)
    entries = _entries(kind)
    for key, synonyms in extra_entries.items():
        if key in entries:
            entries[key] = entries[key] + tuple(synonyms)
        else:
            entries[key] = (synonyms[0] if synonyms else key.replace("_", " "), *synonyms)
    return _built(kind, entries, extra_entries)


@functools.cache
def _builtin(kind: str) -> Vocabulary:
    return _built(kind, _entries(kind))


def _built(kind: str, entries: Mapping[str, tuple[str, ...]],
           extra: Mapping[str, tuple[str, ...]] = {}) -> Vocabulary:
    """A :class:`Vocabulary` of ``entries``; for languages one that also reads codes,
    inflections and abbreviations (:class:`matcher.vocab.languages.LanguageVocabulary`), the
    built-in and the config's languages read first."""
    if kind != "languages":
        return Vocabulary(kind, entries)
    from matcher.vocab import languages

    return languages.LanguageVocabulary(kind, entries, frozenset(_LANGUAGES) | frozenset(extra),
                                        languages.rare_codes(_LANGUAGES))


def keys(kind: str) -> tuple[str, ...]:
    """The built-in canonical keys of ``kind``, in a stable documented order.

    >>> keys("goals")[:2]
    ('networking', 'strengths')
    """
    return _builtin(kind).keys


def label(kind: str, key: str) -> str:
    """English display label of a built-in key (the key, humanised, when not built in).

    >>> label("languages", "fi"), label("goals", "job_search_skills")
    ('Finnish', 'job-seeking skills')
    """
    return _builtin(kind).label(key)


_LEVEL_LOOKUP = {normalise(word): level for level, words in _LEVEL_WORDS.items() for word in words}
#: words that lead into a level and go with it: "som modersmål", "as a first language",
#: "my native language", "minun äidinkieleni" (after a word: "Som: native" is Somali)
_LEVEL_LEADS = ("som", "as", "as a", "my", "mitt", "min", "minun")
#: what separates two answers of one cell
_ANSWER_BREAKS = re.compile(r"[,;\n]")
_LEVEL_PATTERN = re.compile(
    r"\b(?:(?<=\w )(?:" + "|".join(_LEVEL_LEADS) + r")\s+)?("
    + "|".join(sorted((re.escape(w) for w in _LEVEL_LOOKUP), key=len, reverse=True)) + r")\b")

#: one-word descriptions of each level in English, Finnish and Swedish, read by their stems
#: (:func:`matcher.vocab.meaning.stem`), so inflected and derived forms read too ("äidinkieleni",
#: "sujuvasti", "grundläggande", "kohtalaisesti"); school-grade words read as their place on the
#: scale ("kiitettävä"/"berömlig" excellent 3, "tyydyttävä"/"nöjaktig" satisfactory 1)
LEVEL_DESCRIPTIONS = {
    4: ("native", "natiivi", "äidinkieli", "kotikieli", "syntyperäinen", "modersmål", "infödd",
        "förstaspråk", "bilingual", "kaksikielinen", "tvåspråkig"),
    3: ("fluent", "excellent", "advanced", "proficient", "strong", "expert", "sujuva",
        "erinomainen", "kiitettävä", "vahva", "loistava", "flytande", "utmärkt", "avancerad",
        "berömlig", "obehindrad"),
    2: ("good", "intermediate", "moderate", "conversational", "decent", "fair", "hyvä", "hyvin",
        "keskitaso", "kohtalainen", "keskinkertainen", "god", "bra", "medel", "medelnivå"),
    1: ("basic", "beginner", "elementary", "weak", "limited", "passable", "satisfactory",
        "novice", "rudimentary", "perus", "perusteet", "alkeet", "alkeis", "alkeellinen",
        "aloittelija", "heikko", "välttävä", "tyydyttävä", "vähän", "grund", "grunder",
        "nybörjare", "begränsad", "nöjaktig", "lite", "rudimentär"),
}
#: words that raise "good" to "fluent" ("erittäin hyvä", "mycket bra", "really good")
LEVEL_INTENSIFIERS = frozenset({"very", "really", "extremely", "erittain", "todella", "tosi",
                                "mycket", "valdigt", "riktigt", "jattebra"})
#: words that lower a level by one ("not fluent", "ei sujuva", "inte flytande")
LEVEL_NEGATIONS = frozenset({"not", "ei", "inte", "no"})
#: words that say "level" beside a level ("äidinkielen taso", "C1 level", "CEFR B2"): they go
#: with the level, not with the language
LEVEL_FRAME = frozenset({"level", "taso", "tasolla", "tasoinen", "niva", "nivan", "cefr"})
#: a level on a numeric scale: "4/5", "4 of 5", "4 av 5", "4 (1-5)"; a bare "taso 4" / "level 4"
#: / "nivå 4" / "(4)" is read on the 1-5 scale most self-assessments use
_SCALE = re.compile(r"(?<![\w.])(\d{1,2})\s*(?:/|of|out of|av)\s*([1-9]\d?)(?![\w.])"
                    r"|(?<![\w.])(\d{1,2})\s*\(\s*[01]\s*[-–]\s*([1-9]\d?)\s*\)"
                    r"|\b(?:taso|tasolla|level|niva|nivå)\s*(\d)\b|\(\s*(\d)\s*\)",
                    re.IGNORECASE)
#: the scale a bare number is read on
DEFAULT_SCALE = 5


@dataclass(frozen=True)
class LevelReading:
    """How one language answer's level was read (:func:`read_level`)."""

    #: the language part, normalised
    text: str
    #: 1 basic, 2 good, 3 fluent, 4 native; None when no level was given or none could be read
    level: int | None
    #: ``word`` (a level name, CEFR code), ``scale`` (a number on a scale), ``meaning`` (the
    #: stems of a level description), ``none`` (no level given) or ``unread``
    method: str
    #: for ``unread``: the words that look like a level but read as none (the fallback, the
    #: config's ``[defaults] language_level``, applies and is reported)
    unread: str = ""


def scale_level(value: float, top: float) -> int:
    """A level 1-4 from ``value`` on a scale up to ``top``: the top is native (fluent on a
    scale of 3 or less), three quarters of it fluent, half good, less basic.

    >>> [scale_level(n, 5) for n in range(1, 6)], [scale_level(n, 10) for n in (10, 8, 5, 3)]
    ([1, 1, 2, 3, 4], [4, 3, 2, 1])
    """
    share = min(max(value, 0.0) / top, 1.0) if top > 0 else 0.0
    if share >= 1.0:
        return 4 if top > 3 else 3
    return 3 if share >= 0.75 else 2 if share >= 0.5 else 1


def common_start(texts: Sequence[str]) -> str:
    """The longest start all ``texts`` share, letter by letter.

    >>> common_start(("kohtalain", "kohtalais")), common_start(("a", "b")), common_start(())
    ('kohtalai', '', '')
    """
    if not texts:
        return ""
    first, last = min(texts), max(texts)
    size = next((k for k, (a, b) in enumerate(zip(first, last)) if a != b), min(len(first), len(last)))
    return first[:size]


#: letters at the end of a level word's stem a derivation may change (:func:`_stem_level`)
STEM_SUFFIX_CHANGE = 2


@functools.cache
def _level_stems() -> dict[str, tuple[str, int]]:
    """Each level description's stem cut to :data:`matcher.vocab.meaning.STEM_LENGTH`: its
    whole stem and its level."""
    from matcher.vocab import meaning  # meaning imports this module

    # without guessing: level words are folded ("modersmal"), which Finnish rules misread
    whole = {meaning.full_stem(normalise(w), guess=False): level
             for level, words in LEVEL_DESCRIPTIONS.items() for w in words}
    return {stem[:meaning.STEM_LENGTH]: (stem, level) for stem, level in whole.items()}


def _stem_level(word: str) -> int | None:
    """The level a word's stem names (its stem, or a stem it starts with: a compound's first
    part, "alkeistaso" starts with "alkeis"). Two compounds sharing only their first part
    name different things: "förstahandsval" (first choice) is no "förstaspråk" (first
    language), so the whole stems must agree as far as the shorter goes, but for its last
    :data:`STEM_SUFFIX_CHANGE` letters (a derivation: "kohtalaisesti" from "kohtalainen").

    >>> [_stem_level(w) for w in ("forstasprakig", "forstahandsval", "aidinkieleni", "alkeistaso")]
    [4, None, 4, 1]
    """
    from matcher.vocab import meaning

    whole = meaning.full_stem(word, guess=False)
    found = whole[:meaning.STEM_LENGTH]
    stems = _level_stems()
    matches = [stems[found]] if found in stems else []
    matches += [entry for s, entry in stems.items() if len(s) >= 4 and s != found and found.startswith(s)]
    return next((level for stem, level in matches
                 if len(common_start((stem, whole))) >= min(len(stem), len(whole)) - STEM_SUFFIX_CHANGE),
                None)


def read_level(item: object) -> LevelReading:
    """Split one language answer into its language and level, reading the level by meaning.

    In order: a level name or CEFR code (:data:`_LEVEL_WORDS`), a number on a scale
    (:func:`scale_level`), the stems of the level descriptions (:data:`LEVEL_DESCRIPTIONS`,
    raised by an intensifier, lowered by a negation). Words left over beside a language name
    that read as none of these are ``unread``: the caller applies the default level and says so.

    >>> read_level("suomi (äidinkieleni)")
    LevelReading(text='suomi', level=4, method='meaning', unread='')
    >>> read_level("engelska 4/5").level, read_level("ruotsi: erittäin hyvä").level
    (3, 3)
    >>> read_level("Arabic").method, read_level("viro (jotain)")
    ('none', LevelReading(text='viro jotain', level=None, method='unread', unread='jotain'))
    """
    return _read_level(str(item))


@functools.lru_cache(maxsize=1 << 14)
def _read_level(raw: str) -> LevelReading:
    # cached: a language column repeats the same few dozen answers thousands of times
    norm = normalise(raw)
    # the text with a "," where the answer had a separator: a lead word ("som") goes with the
    # level after it only within one answer ("Arabic (basic), SOM (basic)" names Somali)
    marked = " , ".join(normalise(part) for part in _ANSWER_BREAKS.split(raw))
    named = [_LEVEL_LOOKUP[m.group(1)] for m in _LEVEL_PATTERN.finditer(marked)]
    if named:
        # the first level named counts ("C1/C2" is C1), but a native one over any other: a
        # CEFR code beside "first language" rates a native speaker on a scale of learners
        # ("C2 / first language" is native); every one is removed
        rest = " ".join(w for w in _LEVEL_PATTERN.sub(" ", marked).split() if w != ",")
        level = LEVELS["native"] if LEVELS["native"] in named else named[0]
        return LevelReading(*_language_part(rest, _modified(level, rest.split())), "word")
    scale = _SCALE.search(raw)
    if scale:
        value, top = scale.group(1) or scale.group(3), scale.group(2) or scale.group(4)
        level = (scale_level(int(value), int(top)) if value
                 else scale_level(int(scale.group(5) or scale.group(6)), DEFAULT_SCALE))
        return LevelReading(normalise(raw[:scale.start()] + " " + raw[scale.end():]), level, "scale")
    words = marked.split()
    levels = [_stem_level(w) if w != "," else None for w in words]
    if any(levels):
        first, stem_level = next((i, lv) for i, lv in enumerate(levels) if lv)
        lead = first - 1 if first > 1 and words[first - 1] in _LEVEL_LEADS and words[first - 2] != "," else -1
        others = [w for i, (w, lv) in enumerate(zip(words, levels))
                  if not lv and i != lead and w != ","]
        return LevelReading(*_language_part(" ".join(others), _modified(stem_level, others)),
                            "meaning")
    words = norm.split()
    leftover = _words_after_language(words)
    if leftover:  # the text stays whole: the language is read from it as from any answer
        return LevelReading(norm, None, "unread", leftover)
    return LevelReading(norm, None, "none")


def _modified(level: int, others: list[str]) -> int:
    if level == 2 and LEVEL_INTENSIFIERS & set(others):
        level = 3
    if LEVEL_NEGATIONS & set(others):
        level = max(1, level - 1)
    return level


def _language_part(rest: str, level: int) -> tuple[str, int]:
    """The language text with the modifiers of its level removed."""
    kept = [w for w in rest.split() if w not in LEVEL_INTENSIFIERS | LEVEL_NEGATIONS | LEVEL_FRAME]
    return " ".join(kept), level


def _words_after_language(words: list[str]) -> str:
    """The words after a language name the answer starts with, when they name no language (nor
    a typo of one); "" otherwise (an answer that is no language at all, or several joined, has
    no level to read)."""
    from matcher.vocab.languages import FRAME_WORDS

    languages = _builtin("languages")
    # the head is a language name, so at most as many words as the longest one: a pasted
    # page of text is not looked up in all its prefixes
    for cut in range(min(len(words) - 1, _longest_language_name()), 0, -1):
        # words that frame a name ("suomen kieli", "eesti keel") are no level left unread
        head, rest = " ".join(words[:cut]), " ".join(w for w in words[cut:] if w not in FRAME_WORDS)
        if not rest:
            return ""
        if languages.lookup(head) is not None:
            typo = languages.suggest(rest)
            if languages.contained(rest) is not None or (typo and typo[1] >= AUTO_CORRECT):
                break
            return rest
    return ""


@functools.cache
def _longest_language_name() -> int:
    """Words in the longest built-in language name ("Finnish Sign Language": 3)."""
    languages = _builtin("languages")
    return max(len(normalise(name).split()) for key in languages.keys for name in languages.names(key))


def language_level(text: object) -> int | None:
    """Level 1-4 named in ``text`` ("äidinkieli" 4, "C1" 3, "hyvä" 2, "A2" 1, "4/5" 3,
    "erittäin hyvä" 3, "grundläggande" 1), else None (see :func:`read_level`).

    >>> language_level("Sujuva"), language_level("B2"), language_level("?")
    (3, 2, None)
    """
    return read_level(text).level


def split_level(item: object) -> tuple[str, int | None]:
    """Split one language answer into its language text and level.

    Handles "Finnish (native)", "suomi - äidinkieli", "englanti B2", "English: fluent", "svenska
    (modersmålet)", "engelska 4/5" and a bare "Arabic" (level None: the caller applies the config
    default); see :func:`read_level`.

    >>> split_level("suomi - äidinkieli")
    ('suomi', 4)
    >>> split_level("English (C1)")
    ('english', 3)
    """
    reading = read_level(item)
    return reading.text, reading.level


def meeting_mode(answers: Iterable[object]) -> str | None:
    """Meeting mode from the answers of one (possibly multi-select) question
    (:func:`matcher.vocab.meeting.meeting_mode`: phrases, stems, negations).

    >>> meeting_mode(["Etänä"]), meeting_mode(["En pysty tapaamaan kasvokkain"]), meeting_mode(["?"])
    ('remote', 'remote', None)
    """
    from matcher.vocab import meeting  # meeting imports this module

    return meeting.meeting_mode(answers)


def meeting_words() -> dict[str, tuple[str, ...]]:
    """The words of each meeting mode (:func:`matcher.vocab.meeting.meeting_words`)."""
    from matcher.vocab import meeting

    return meeting.meeting_words()


def is_not_city(text: object) -> bool:
    """True for answers in a city column that name no place ("etänä", "remote", "-"), alone or
    among other words ("etänä mistä vain"); the caller reads a place named beside one first.

    >>> is_not_city("Etänä mistä vain"), is_not_city("Espoo")
    (True, False)
    """
    norm = normalise(text)
    return not norm or norm in _NOT_CITY_NAMES or any(w in _NOT_CITY_NAMES for w in norm.split())


_NOT_CITY_NAMES = frozenset(normalise(w) for w in NOT_CITIES)
