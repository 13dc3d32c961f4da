"""Realistic fake intake exports for demos, tests and benchmarks (deterministic by seed).

The generated tables look like Microsoft Forms exports of a bilingual (English/Finnish) career
mentoring sign-up form: Forms' own columns (Id, Start time, Completion time, Email, Name, Last
modified time) followed by one column per question, with answers in English or Finnish depending on
the language the respondent used. Profiles are coherent: a person's field drives their job title,
organisation, topics or goals and their free text, so scoring gives plausible top matches.

With ``messy=True`` (the default) the exports carry the blemishes of real ones: duplicate sign-ups,
stray spaces, loosely written numbers ("10+", "about 6", "2 mentees"), a language typo ("Finish"),
missing optional answers and blank trailing rows. With ``messy=False`` every row is clean.

Generation draws with numpy over templates: 20,000 rows take about a second.

Example
-------
>>> mentors = mentor_export(5, seed=1, messy=False)
>>> list(mentors.columns[:5])
['Id', 'Start time', 'Completion time', 'Email', 'Name']
>>> len(mentors)
5

Command line (writes mentors.xlsx, mentees.xlsx and round.toml into a folder)::

    python -m matcher.synthetic data/samples --mentors 60 --mentees 90
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from matcher import vocab

# Question headers, exactly as the bilingual form shows them.
Q_FIELD_MENTOR = "Which field do you work in? / Millä alalla työskentelet?"
Q_FIELD_MENTEE = "Which field are you in or aiming for? / Mikä on alasi tai tavoitealasi?"
Q_ORG_MENTOR = "Organisation / Organisaatio"
Q_ORG_MENTEE = "Organisation or school, if any / Organisaatio tai oppilaitos (jos on)"
Q_TITLE = "Job title / Ammattinimike"
Q_YEARS = "Years of work experience / Työkokemus vuosina"
Q_YEARS_FI = "How many years have you lived in Finland? / Kuinka monta vuotta olet asunut Suomessa?"
Q_LANGUAGES_MENTOR = ("Which languages can you use in mentoring, and how well? / "
                      "Millä kielillä voit mentoroida ja millä tasolla?")
Q_LANGUAGES_MENTEE = ("Which languages can you use in mentoring, and how well? / "
                      "Millä kielillä voit osallistua mentorointiin ja millä tasolla?")
Q_TOPICS = "Which topics can you help with? / Missä asioissa voit auttaa?"
Q_GOALS = "What would you like help with? / Missä asioissa toivot tukea?"
Q_ABOUT = "Tell briefly about yourself / Kerro lyhyesti itsestäsi"
Q_GOALS_TEXT = "Describe your goals in your own words / Kuvaile tavoitteitasi omin sanoin"
Q_CAPACITY = "How many mentees can you take? / Montako aktoria voit ottaa?"
Q_CITY = "City / Paikkakunta"
Q_MEETING = "How would you like to meet? / Miten haluaisit tavata?"
Q_GENDER = "Gender / Sukupuoli"
Q_GENDER_PREF = ("Do you wish for a mentor of a particular gender? / "
                 "Toivotko tietyn sukupuolen mentoria?")
Q_CONSENT = ("I agree that my answers are used for matching / "
             "Hyväksyn, että vastauksiani käytetään parien muodostamiseen")

FORMS_COLUMNS = ("Id", "Start time", "Completion time", "Email", "Name", "Last modified time")

#: canonical field -> header, as a round config's [mentors.columns] / [mentees.columns]
MENTOR_HEADERS = {
    "submitted_at": "Completion time", "email": "Email", "name": "Name",
    "organisation": Q_ORG_MENTOR, "field": Q_FIELD_MENTOR, "job_title": Q_TITLE,
    "years_experience": Q_YEARS, "years_in_finland": Q_YEARS_FI, "languages": Q_LANGUAGES_MENTOR,
    "topics": Q_TOPICS, "about": Q_ABOUT, "capacity": Q_CAPACITY, "city": Q_CITY,
    "meeting_mode": Q_MEETING, "gender": Q_GENDER, "consent": Q_CONSENT,
}
MENTEE_HEADERS = {
    "submitted_at": "Completion time", "email": "Email", "name": "Name",
    "organisation": Q_ORG_MENTEE, "field": Q_FIELD_MENTEE, "goals": Q_GOALS,
    "goals_text": Q_GOALS_TEXT, "languages": Q_LANGUAGES_MENTEE, "city": Q_CITY,
    "meeting_mode": Q_MEETING, "gender": Q_GENDER, "gender_preference": Q_GENDER_PREF,
    "consent": Q_CONSENT,
}

# Finnish answer options of the bilingual form (the English ones are the vocab labels).
_FIELD_FI = {
    "ict": "Tietotekniikka", "engineering": "Tekniikka", "health": "Terveydenhuolto",
    "social_care": "Sosiaaliala", "education": "Opetus ja kasvatus", "business": "Liiketoiminta",
    "finance": "Taloushallinto", "sales_marketing": "Myynti ja markkinointi",
    "hr": "Henkilöstöhallinto", "law": "Juridiikka", "hospitality": "Ravintola ja matkailu",
    "construction": "Rakentaminen", "logistics": "Logistiikka", "manufacturing": "Teollisuus",
    "science": "Tutkimus", "arts_media": "Kulttuuri ja media", "public_sector": "Julkishallinto",
    "property_services": "Kiinteistöpalvelut", "agriculture": "Maatalous",
}
_GOAL_FI = {
    "networking": "Verkostoituminen", "strengths": "Osaamisen tunnistaminen",
    "job_search_skills": "Työnhakutaidot", "working_life_culture": "Työelämäkulttuuri",
    "field_requirements": "Oman alan vaatimukset", "job_search_support": "Työnhaussa tukeminen",
    "entrepreneurship": "Yrittäjyys", "career_change": "Uranvaihto",
    "language_at_work": "Kieli työelämässä", "studies": "Opinnot ja koulutus",
    "leadership": "Johtaminen", "wellbeing": "Työhyvinvointi",
}
_LANG_FI = {"fi": "suomi", "sv": "ruotsi", "en": "englanti", "ru": "venäjä", "et": "viro",
            "ar": "arabia", "so": "somali", "fa": "persia", "uk": "ukraina", "es": "espanja",
            "fr": "ranska", "de": "saksa", "zh": "kiina", "ku": "kurdi", "tr": "turkki",
            "vi": "vietnam", "th": "thai", "pt": "portugali", "hi": "hindi", "ne": "nepali",
            "tl": "tagalog", "bn": "bengali", "ti": "tigrinja"}
_LEVEL_EN = {1: "basic", 2: "good", 3: "fluent", 4: "native"}
_LEVEL_FI = {1: "perus", 2: "hyvä", 3: "sujuva", 4: "äidinkieli"}
_CEFR = {1: "A2", 2: "B2", 3: "C1", 4: "native"}
_MEETING = {"en": {"in_person": "In person", "remote": "Remotely (Teams)", "either": "Either is fine"},
            "fi": {"in_person": "Kasvokkain", "remote": "Etänä (Teams)", "either": "Molemmat käyvät"}}
_GENDER = {"en": ("Woman", "Man", "Other", "Prefer not to say"),
           "fi": ("Nainen", "Mies", "Muu", "En halua sanoa")}
_GENDER_PREF = {"en": ("No preference", "Woman", "Man"), "fi": ("Ei väliä", "Nainen", "Mies")}

# Field -> (weight among mentors, weight among mentees, English titles, Finnish titles, English
# noun phrase, Finnish noun phrase, fictional organisations)
_PROFILES = {
    "ict": (16, 18, ("Software developer", "IT project manager", "Data analyst", "Cloud architect"),
            ("Ohjelmistokehittäjä", "IT-projektipäällikkö", "Data-analyytikko"),
            "software development and IT", "ohjelmistokehitys ja IT",
            ("Nordsoft Oy", "Kide Solutions Oy", "Bytewave Finland")),
    "engineering": (9, 9, ("Mechanical engineer", "Electrical design engineer", "Project engineer"),
                    ("Konetekniikan insinööri", "Sähkösuunnittelija", "Projekti-insinööri"),
                    "engineering and technical design", "tekniikka ja suunnittelu",
                    ("Voima Engineering Oy", "Pohjola Tech Oy")),
    "health": (9, 12, ("Registered nurse", "Physiotherapist", "Head nurse", "Pharmacist"),
               ("Sairaanhoitaja", "Fysioterapeutti", "Osastonhoitaja"),
               "health care and nursing", "terveydenhuolto ja hoitotyö",
               ("Hyvinvointialue Uusimaa", "Terveystalo-esimerkki Oy", "Medi Care Oy")),
    "social_care": (5, 6, ("Social worker", "Youth worker", "Service coordinator"),
                    ("Sosiaalityöntekijä", "Nuoriso-ohjaaja", "Palveluohjaaja"),
                    "social work and social services", "sosiaalityö ja sosiaalipalvelut",
                    ("Hyvinvointialue Uusimaa", "Kumppanuus ry")),
    "education": (6, 6, ("Teacher", "Early childhood educator", "Study counsellor"),
                  ("Opettaja", "Varhaiskasvatuksen opettaja", "Opinto-ohjaaja"),
                  "teaching and education", "opetus ja kasvatus",
                  ("Espoon Esimerkkikoulu", "Oppimo Oy")),
    "business": (8, 7, ("Business development manager", "Consultant", "Entrepreneur"),
                 ("Liiketoiminnan kehittäjä", "Konsultti", "Yrittäjä"),
                 "business development and consulting", "liiketoiminnan kehittäminen",
                 ("Kasvu Partners Oy", "Nordic Growth Oy")),
    "finance": (7, 6, ("Accountant", "Financial controller", "Payroll specialist"),
                ("Kirjanpitäjä", "Controller", "Palkanlaskija"),
                "accounting and finance", "taloushallinto ja kirjanpito",
                ("Tilitoimisto Luku Oy", "Fennobank Oyj")),
    "sales_marketing": (6, 6, ("Marketing manager", "Sales manager", "Customer success manager"),
                        ("Markkinointipäällikkö", "Myyntipäällikkö", "Asiakasvastaava"),
                        "sales and marketing", "myynti ja markkinointi",
                        ("Brandi Oy", "Myyntitalo Oy")),
    "hr": (5, 4, ("HR manager", "Recruiter", "HR specialist"),
           ("Henkilöstöpäällikkö", "Rekrytoija", "HR-asiantuntija"),
           "recruitment and human resources", "rekrytointi ja henkilöstöhallinto",
           ("Talentia-esimerkki Oy", "Rekry Oy")),
    "law": (3, 3, ("Lawyer", "Legal counsel"), ("Juristi", "Lakimies"),
            "law and legal services", "juridiikka ja lakipalvelut", ("Asianajotoimisto Laki Oy",)),
    "hospitality": (4, 6, ("Restaurant manager", "Chef", "Hotel receptionist"),
                    ("Ravintolapäällikkö", "Kokki", "Hotellivirkailija"),
                    "restaurants and tourism", "ravintola-ala ja matkailu",
                    ("Hotelli Aurora", "Ravintola Kuu Oy")),
    "construction": (4, 4, ("Site manager", "Architect", "Construction engineer"),
                     ("Vastaava työnjohtaja", "Arkkitehti", "Rakennusinsinööri"),
                     "construction and building", "rakentaminen",
                     ("Rakennus Kivi Oy", "Talotekniikka Oy")),
    "logistics": (3, 4, ("Logistics coordinator", "Warehouse supervisor", "Supply chain planner"),
                  ("Logistiikkakoordinaattori", "Varastoesimies"),
                  "logistics and supply chains", "logistiikka ja kuljetus",
                  ("Kuljetus Nopea Oy", "Satama Logistics Oy")),
    "manufacturing": (3, 3, ("Production manager", "Quality engineer"),
                      ("Tuotantopäällikkö", "Laatuinsinööri"),
                      "manufacturing and production", "teollisuus ja tuotanto",
                      ("Teräs ja Kone Oy", "Pohjolan Paperi Oyj")),
    "science": (4, 3, ("Researcher", "Laboratory manager", "Chemist"),
                ("Tutkija", "Laboratoriopäällikkö", "Kemisti"),
                "research and natural sciences", "tutkimus ja luonnontieteet",
                ("Esimerkkiyliopisto", "BioLab Finland Oy")),
    "arts_media": (3, 3, ("Graphic designer", "Journalist", "Communications specialist"),
                   ("Graafinen suunnittelija", "Toimittaja", "Viestinnän asiantuntija"),
                   "design, media and communications", "muotoilu, media ja viestintä",
                   ("Studio Valo Oy", "Media Nord Oy")),
    "public_sector": (4, 2, ("Planning officer", "Project coordinator", "Specialist"),
                      ("Suunnittelija", "Projektikoordinaattori", "Erityisasiantuntija"),
                      "public administration", "julkishallinto",
                      ("Esimerkkikaupunki", "Valtion Esimerkkivirasto")),
    "property_services": (1, 3, ("Facility services supervisor", "Cleaning team leader"),
                          ("Kiinteistöpalveluesimies", "Siivoustiiminvetäjä"),
                          "property and cleaning services", "kiinteistö- ja siivouspalvelut",
                          ("Puhdas Koti Oy", "Kiinteistöhuolto Oy")),
    "agriculture": (1, 2, ("Farm manager", "Forestry specialist"),
                    ("Maatilan isäntä", "Metsäasiantuntija"),
                    "agriculture and forestry", "maa- ja metsätalous",
                    ("Maatila Pelto", "Metsä Esimerkki Oy")),
}
FIELDS = tuple(_PROFILES)

_GOAL_WEIGHTS = np.array([14, 12, 16, 11, 9, 12, 4, 6, 8, 5, 3, 5], dtype=float)  # vocab.GOAL_KEYS order

_FIRST_FI = ("Aino", "Eero", "Helmi", "Juha", "Kaisa", "Laura", "Mikko", "Noora", "Olli", "Päivi",
             "Sanna", "Timo", "Tuula", "Veikko", "Elina", "Antti", "Riikka", "Jari", "Satu", "Heikki")
_LAST_FI = ("Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Hämäläinen", "Laine", "Heikkinen",
            "Koskinen", "Järvinen", "Lehtonen", "Saarinen", "Salminen", "Lindqvist", "Niemi")
_FIRST_INT = ("Amina", "Ahmed", "Fatima", "Hassan", "Olena", "Dmytro", "Irina", "Sergei", "Mei",
              "Wei", "Priya", "Arjun", "Leila", "Reza", "Maria", "Carlos", "Thu", "Minh", "Farah",
              "Yusuf", "Kadri", "Jaan", "Nimco", "Abdi", "Ana", "Kemal", "Rosa", "Samir")
_LAST_INT = ("Hassan", "Ali", "Mohamed", "Kovalenko", "Shevchenko", "Ivanova", "Petrov", "Chen",
             "Wang", "Sharma", "Patel", "Karimi", "Hosseini", "Garcia", "Silva", "Nguyen", "Tran",
             "Yilmaz", "Tamm", "Warsame", "Abdullahi", "Haddad", "Rossi", "Kowalski")

# Immigrant mentees' first languages, with weights
_HOME_LANGS = ("ar", "ru", "uk", "so", "fa", "et", "en", "es", "vi", "zh", "ku", "tr", "hi", "ne",
               "tl", "pt", "fr", "bn", "ti")
_HOME_WEIGHTS = np.array([14, 13, 11, 8, 8, 6, 5, 5, 4, 4, 4, 3, 3, 3, 2, 2, 2, 2, 1], dtype=float)

_CITIES = ("Helsinki", "Espoo", "Vantaa", "Tampere", "Turku", "Oulu", "Jyväskylä", "Lahti", "Kuopio",
           "Kerava", "Porvoo", "Vaasa")
_CITY_WEIGHTS = np.array([34, 17, 12, 9, 8, 4, 4, 3, 2, 3, 2, 2], dtype=float)
_CITY_SV = {"Helsinki": "Helsingfors", "Espoo": "Esbo", "Vantaa": "Vanda", "Turku": "Åbo",
            "Vaasa": "Vasa", "Porvoo": "Borgå"}

_ABOUT_EN = (
    "I work as a {title} and have {years} years of experience in {noun}. I enjoy helping newcomers "
    "with {topic1} and {topic2}.",
    "{years} years in {noun}, currently {title}. Happy to share what I know about {topic1}.",
    "As a {title} I have hired and trained people in {noun}; I can help with {topic1} and {topic2}.",
)
_ABOUT_FI = (
    "Työskentelen tehtävässä {title} ja minulla on {years} vuoden kokemus alalta {noun}. "
    "Voin auttaa aiheissa {topic1} ja {topic2}.",
    "Olen toiminut {years} vuotta alalla {noun}. Autan mielelläni aiheessa {topic1}.",
)
_GOALS_EN = (
    "I have a background in {noun} and I am looking for work in Finland. I would like help with "
    "{topic1} and {topic2}.",
    "I studied {noun} and want to understand how to get into the field here. Most of all I need "
    "{topic1}.",
    "I worked in {noun} for several years before moving to Finland. I hope my mentor can help with "
    "{topic1} and {topic2}.",
)
_GOALS_FI = (
    "Minulla on tausta alalla {noun} ja etsin töitä Suomesta. Toivon tukea aiheissa {topic1} ja "
    "{topic2}.",
    "Opiskelen alaa {noun} ja haluan tietää, miten alalle työllistytään. Tärkeintä on {topic1}.",
)
_LOOSE_YEARS = ("10+", "about {n}", "{n} years", "yli {n}", "n. {n}", "{n}+ vuotta")
_LOOSE_CAPACITY = ("{n} mentees", "{n} aktoria", "max {n}", "{n} (if needed)")
_TYPOS = {"fi": ("Finish", "Finnsh"), "en": ("Enlish", "Englsh"), "sv": ("Swedsh",)}


def mentor_export(n: int, seed: int = 0, messy: bool = True) -> pd.DataFrame:
    """A Microsoft Forms export of ``n`` mentor sign-ups (plus duplicates/blank rows if messy).

    Examples
    --------
    >>> df = mentor_export(20, seed=3)
    >>> Q_CAPACITY in df.columns and len(df) > 20
    True
    """
    rng = np.random.default_rng([seed, 1])
    fi = rng.random(n) < 0.35  # answered the Finnish version of the form
    field = _pick(rng, FIELDS, [p[0] for p in _PROFILES.values()], n)
    finnish_born = rng.random(n) < 0.75
    first, last, email = _people(rng, n, finnish_born, "example.org")
    years = np.clip(rng.gamma(3.0, 5.0, n).round().astype(int) + 2, 2, 40)
    topics = _goal_sets(rng, n, field, low=2, high=5)
    capacity = _pick(rng, (1, 2, 3), (55, 30, 15), n)
    langs = _mentor_languages(rng, n, finnish_born)
    titles = [_title(rng, f, is_fi) for f, is_fi in zip(field, fi)]
    nouns = [_PROFILES[f][5 if is_fi else 4] for f, is_fi in zip(field, fi)]
    about = [_text(rng, _ABOUT_FI if is_fi else _ABOUT_EN, is_fi, title=t, years=y, noun=nn, topics=tp)
             for is_fi, t, y, nn, tp in zip(fi, titles, years, nouns, topics)]
    table = {
        **_forms_columns(rng, n, first, last, email),
        Q_ORG_MENTOR: [str(rng.choice(_PROFILES[f][6])) for f in field],
        Q_FIELD_MENTOR: _field_answers(field, fi),
        Q_TITLE: titles,
        Q_YEARS: years.astype(str),
        Q_YEARS_FI: np.where(finnish_born, (years + rng.integers(18, 25, n)).astype(str),
                             rng.integers(4, 25, n).astype(str)),
        Q_LANGUAGES_MENTOR: _language_answers(rng, langs, fi),
        Q_TOPICS: _multi_answers(topics, fi, _GOAL_FI, "goals"),
        Q_ABOUT: about,
        Q_CAPACITY: capacity.astype(str),
        Q_CITY: _city_answers(rng, n, spread=0.10),
        Q_MEETING: _meeting_answers(rng, n, fi, (30, 25, 45)),
        Q_GENDER: _choice_answers(rng, n, fi, _GENDER, (52, 44, 2, 2)),
        Q_CONSENT: np.where(fi, "Kyllä", "Yes"),
    }
    frame = _remote_place_meets_remotely(pd.DataFrame(table), fi) if not messy else pd.DataFrame(table)
    if messy:
        frame = _blemish(frame, rng, numbers={Q_YEARS: _LOOSE_YEARS, Q_CAPACITY: _LOOSE_CAPACITY},
                         languages=Q_LANGUAGES_MENTOR, optional=(Q_ORG_MENTOR, Q_YEARS_FI, Q_GENDER))
    return frame


def mentee_export(n: int, seed: int = 0, messy: bool = True) -> pd.DataFrame:
    """A Microsoft Forms export of ``n`` mentee sign-ups (plus duplicates/blank rows if messy).

    Examples
    --------
    >>> df = mentee_export(10, seed=2, messy=False)
    >>> len(df), Q_GOALS in df.columns
    (10, True)
    """
    rng = np.random.default_rng([seed, 2])
    fi = rng.random(n) < 0.30
    field = _pick(rng, FIELDS, [p[1] for p in _PROFILES.values()], n)
    finnish_born = rng.random(n) < 0.15
    first, last, email = _people(rng, n, finnish_born, "example.com")
    goals = _goal_sets(rng, n, field, low=1, high=4)
    langs = _mentee_languages(rng, n, finnish_born)
    nouns = [_PROFILES[f][5 if is_fi else 4] for f, is_fi in zip(field, fi)]
    goals_text = [_text(rng, _GOALS_FI if is_fi else _GOALS_EN, is_fi, noun=nn, topics=g)
                  for is_fi, nn, g in zip(fi, nouns, goals)]
    org = np.where(rng.random(n) < 0.12, [str(rng.choice(_PROFILES[f][6])) for f in field], "")
    table = {
        **_forms_columns(rng, n, first, last, email),
        Q_ORG_MENTEE: org,
        Q_FIELD_MENTEE: _field_answers(field, fi),
        Q_GOALS: _multi_answers(goals, fi, _GOAL_FI, "goals"),
        Q_GOALS_TEXT: goals_text,
        Q_LANGUAGES_MENTEE: _language_answers(rng, langs, fi),
        Q_CITY: _city_answers(rng, n, spread=0.12),
        Q_MEETING: _meeting_answers(rng, n, fi, (25, 30, 45)),
        Q_GENDER: _choice_answers(rng, n, fi, _GENDER, (55, 41, 2, 2)),
        Q_GENDER_PREF: _choice_answers(rng, n, fi, _GENDER_PREF, (85, 12, 3)),
        Q_CONSENT: np.where(fi, "Kyllä", "Yes"),
    }
    frame = _remote_place_meets_remotely(pd.DataFrame(table), fi) if not messy else pd.DataFrame(table)
    if messy:
        frame = _blemish(frame, rng, numbers={}, languages=Q_LANGUAGES_MENTEE,
                         optional=(Q_GENDER, Q_GENDER_PREF))
    return frame


def write_round(folder: str | Path, n_mentors: int, n_mentees: int, seed: int = 0,
                fmt: str = "xlsx", messy: bool = True, name: str = "Synthetic round") -> Path:
    """Write ``mentors.<fmt>``, ``mentees.<fmt>`` and a working ``round.toml``; return its path.

    ``fmt="csv"`` writes what Finnish Excel saves: ``;``-delimited UTF-8 with a byte-order mark.

    Examples
    --------
    >>> import tempfile
    >>> path = write_round(tempfile.mkdtemp(), 5, 8, fmt="csv")
    >>> path.name, sorted(p.name for p in path.parent.iterdir())
    ('round.toml', ['mentees.csv', 'mentors.csv', 'round.toml'])
    """
    from matcher.detect import write_config  # the same writer as `matcher init`

    if fmt not in ("xlsx", "csv"):
        raise ValueError(f"fmt must be 'xlsx' or 'csv', got {fmt!r}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for who, frame in (("mentors", mentor_export(n_mentors, seed, messy)),
                       ("mentees", mentee_export(n_mentees, seed, messy))):
        path = folder / f"{who}.{fmt}"
        if fmt == "xlsx":
            frame.to_excel(path, index=False, sheet_name="Form1")
        else:
            frame.to_csv(path, index=False, sep=";", encoding="utf-8-sig")
    return write_config(folder / "round.toml", name=name, mentors_file=f"mentors.{fmt}",
                        mentees_file=f"mentees.{fmt}", mentor_columns=MENTOR_HEADERS,
                        mentee_columns=MENTEE_HEADERS)


# --- building blocks -----------------------------------------------------------------------

def _pick(rng: np.random.Generator, options, weights, n: int) -> np.ndarray:
    weights = np.asarray(weights, dtype=float)
    return np.asarray(options)[rng.choice(len(options), size=n, p=weights / weights.sum())]


def _people(rng, n, finnish_born, domain):
    first = np.where(finnish_born, _pick(rng, _FIRST_FI, np.ones(len(_FIRST_FI)), n),
                     _pick(rng, _FIRST_INT, np.ones(len(_FIRST_INT)), n))
    last = np.where(finnish_born, _pick(rng, _LAST_FI, np.ones(len(_LAST_FI)), n),
                    _pick(rng, _LAST_INT, np.ones(len(_LAST_INT)), n))
    local = pd.Series([f"{a}.{b}" for a, b in zip(first, last)]).map(vocab.normalise)
    local = local.str.replace(" ", ".", regex=False)
    # the same name twice gets a running number, as mail systems do
    nth = local.groupby(local).cumcount()
    local = local.where(nth == 0, local + nth.astype(str))
    return first, last, (local + "@" + domain).to_numpy()


def _forms_columns(rng, n, first, last, email) -> dict:
    start = pd.Timestamp("2026-01-12 08:00") + pd.to_timedelta(
        np.sort(rng.integers(0, 21 * 24 * 3600, n)), unit="s")
    took = pd.to_timedelta(rng.integers(120, 1500, n), unit="s")
    return {
        "Id": np.arange(1, n + 1),
        "Start time": start,
        "Completion time": start + took,
        "Email": email,
        "Name": [f"{a} {b}" for a, b in zip(first, last)],
        "Last modified time": pd.NaT,
    }


def _goal_sets(rng, n, field, low, high) -> list[tuple[str, ...]]:
    """Each person's goal keys: weighted by popularity, plus field-typical ones."""
    counts = rng.integers(low, high + 1, n)
    weights = _GOAL_WEIGHTS / _GOAL_WEIGHTS.sum()
    # Gumbel top-k: one vectorised draw of weighted samples without replacement per row
    keys_ = np.log(weights)[None, :] - np.log(-np.log(rng.random((n, len(weights)))))
    order = np.argsort(-keys_, axis=1, kind="stable")
    goals = np.asarray(vocab.GOAL_KEYS)
    sets = []
    for row, k, f in zip(order, counts, field):
        chosen = list(goals[np.sort(row[:k])])
        if f in ("health", "law", "education", "social_care") and "field_requirements" not in chosen:
            chosen.append("field_requirements")  # licensed professions: qualifications matter
        sets.append(tuple(chosen))
    return sets


def _mentor_languages(rng, n, finnish_born) -> list[dict[str, int]]:
    english = _pick(rng, (2, 3, 4), (30, 65, 5), n)
    swedish = rng.random(n) < 0.25
    home = _pick(rng, _HOME_LANGS, _HOME_WEIGHTS, n)
    finnish = _pick(rng, (2, 3), (30, 70), n)
    out = []
    for i in range(n):
        if finnish_born[i]:
            langs = {"fi": 4, "en": int(english[i])}
            if swedish[i]:
                langs["sv"] = 2
        else:
            langs = {str(home[i]): 4, "fi": int(finnish[i])}
            langs.setdefault("en", int(english[i]))
        out.append(langs)
    return out


def _mentee_languages(rng, n, finnish_born) -> list[dict[str, int]]:
    home = _pick(rng, _HOME_LANGS, _HOME_WEIGHTS, n)
    english = _pick(rng, (0, 1, 2, 3), (12, 18, 40, 30), n)
    finnish = _pick(rng, (0, 1, 2, 3), (15, 40, 30, 15), n)
    out = []
    for i in range(n):
        if finnish_born[i]:
            langs = {"fi": 4, "en": max(int(english[i]), 2)}
        else:
            langs = {str(home[i]): 4}
            for code, level in (("fi", finnish[i]), ("en", english[i])):
                if level and code not in langs:
                    langs[code] = int(level)
        out.append(langs)
    return out


def _language_answers(rng, langs, fi) -> list[str]:
    """Free-text language answers in the styles people really use."""
    styles = rng.integers(0, 4, len(langs))
    answers = []
    for spoken, is_fi, style in zip(langs, fi, styles):
        names = {c: (_LANG_FI.get(c, vocab.label("languages", c)) if is_fi
                     else vocab.label("languages", c)) for c in spoken}
        levels = _LEVEL_FI if is_fi else _LEVEL_EN
        if style == 0:
            parts = [f"{names[c]} ({levels[lv]})" for c, lv in spoken.items()]
            answers.append("; ".join(parts))
        elif style == 1:
            parts = [f"{names[c]} - {levels[lv]}" for c, lv in spoken.items()]
            answers.append(", ".join(parts))
        elif style == 2:
            parts = [f"{names[c]} {_CEFR[lv]}" for c, lv in spoken.items()]
            answers.append(", ".join(parts))
        else:  # the Forms multi-select style, without levels
            answers.append("".join(f"{names[c].capitalize()};" for c in spoken))
    return answers


def _field_answers(field, fi) -> np.ndarray:
    english = np.array([vocab.label("fields", f) for f in field], dtype=object)
    finnish = np.array([_FIELD_FI[f] for f in field], dtype=object)
    return np.where(fi, finnish, english)


def _multi_answers(sets, fi, finnish_names, kind) -> list[str]:
    """Microsoft Forms multi-select cells: every choice followed by ';'."""
    return ["".join(f"{finnish_names[k] if is_fi else vocab.label(kind, k).capitalize()};"
                    for k in keys_) for keys_, is_fi in zip(sets, fi)]


def _city_answers(rng, n, spread) -> np.ndarray:
    city = _pick(rng, _CITIES, _CITY_WEIGHTS, n).astype(object)
    swedish = rng.random(n) < 0.05
    city = np.where(swedish, [_CITY_SV.get(c, c) for c in city], city)
    return np.where(rng.random(n) < spread, "Etänä / remote", city)


def _remote_place_meets_remotely(frame: pd.DataFrame, fi) -> pd.DataFrame:
    """A clean export has no contradiction: who gives "remote" as the place meets remotely
    (messy exports keep the in-person answers, a contradiction ``validate`` reports)."""
    remote = frame[Q_CITY].to_numpy() == "Etänä / remote"
    answer = np.where(fi, _MEETING["fi"]["remote"], _MEETING["en"]["remote"])
    frame[Q_MEETING] = np.where(remote, answer, frame[Q_MEETING].to_numpy())
    return frame


def _meeting_answers(rng, n, fi, weights) -> np.ndarray:
    mode = _pick(rng, vocab.MEETING_MODES, weights, n)
    return np.where(fi, [_MEETING["fi"][m] for m in mode], [_MEETING["en"][m] for m in mode])


def _choice_answers(rng, n, fi, options, weights) -> np.ndarray:
    index = _pick(rng, np.arange(len(weights)), weights, n)
    return np.where(fi, np.asarray(options["fi"])[index], np.asarray(options["en"])[index])


def _title(rng, field, is_fi) -> str:
    return str(rng.choice(_PROFILES[field][3 if is_fi else 2]))


def _text(rng, templates, is_fi, topics, **values) -> str:
    names = [(_GOAL_FI[k].lower() if is_fi else vocab.label("goals", k)) for k in topics]
    names = names + names[:1]  # one topic is mentioned twice rather than inventing a second
    template = templates[int(rng.integers(len(templates)))]
    return template.format(topic1=names[0], topic2=names[1], **values)


def _blemish(frame, rng, numbers, languages, optional) -> pd.DataFrame:
    """Add the blemishes of real exports, each at least once, at seed-determined rows."""
    frame = frame.copy()
    n = len(frame)
    rows = lambda share: np.flatnonzero(rng.random(n) < share)  # noqa: E731 - tiny local helper
    if n == 0:
        return frame
    for column, patterns in numbers.items():
        loose = np.union1d(rows(0.06), [0])
        values = frame[column].to_numpy(dtype=object)
        picks = rng.integers(0, len(patterns), len(loose))
        picks[0] = 0  # the first row always shows the first pattern ("10+"), for reviewers
        values[loose] = [patterns[p].format(n=values[i]) for i, p in zip(loose, picks)]
        frame[column] = values
    # a language typo ('Finish'): replace the first spelled language name in a few answers
    answers = frame[languages].to_numpy(dtype=object)
    for i in np.union1d(rows(0.02), [min(1, n - 1)]):
        for code, typos in _TYPOS.items():
            name = vocab.label("languages", code)
            if name in answers[i]:
                answers[i] = answers[i].replace(name, typos[i % len(typos)], 1)
                break
        else:
            answers[i] = f"{answers[i].rstrip(';')};Finish;"
    frame[languages] = answers
    for column in optional:
        frame.loc[frame.index[rows(0.05)], column] = ""
    # stray spaces around answers
    for column in (languages, "Name", Q_CITY):
        spaced = rows(0.08)
        frame.loc[frame.index[spaced], column] = "  " + frame[column].iloc[spaced].astype(str) + " "
    # duplicate sign-ups: the same person submits the form again later
    again = np.union1d(rows(0.03), [min(2, n - 1)])
    dupes = frame.iloc[again].copy()
    dupes["Id"] = np.arange(n + 1, n + 1 + len(dupes))
    later = pd.to_timedelta(rng.integers(3600, 5 * 24 * 3600, len(dupes)), unit="s")
    dupes["Start time"] = dupes["Start time"] + later
    dupes["Completion time"] = dupes["Completion time"] + later
    dupes["Email"] = dupes["Email"].str.upper()  # same address, typed differently
    frame = pd.concat([frame, dupes], ignore_index=True)
    # blank trailing rows, as when someone cleared rows at the end of the sheet with the space bar
    # (cells holding a space survive in a workbook, where truly empty rows would not be stored)
    blank = pd.DataFrame({c: [" "] * 2 for c in frame.columns})
    return pd.concat([frame, blank], ignore_index=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic mentoring round.")
    parser.add_argument("folder")
    parser.add_argument("--mentors", type=int, default=60)
    parser.add_argument("--mentees", type=int, default=90)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    parser.add_argument("--clean", action="store_true", help="no blemishes")
    parser.add_argument("--name", default="Synthetic round")
    args = parser.parse_args(argv)
    path = write_round(args.folder, args.mentors, args.mentees, seed=args.seed, fmt=args.format,
                       messy=not args.clean, name=args.name)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
