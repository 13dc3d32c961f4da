"""``matcher init``: recognise which form column is which, and write a round config that runs.

Header detection scores every (header, canonical field) pair: a header that *is* one of the form
tool's own columns (Microsoft Forms' Id, Start time, Completion time, Email, Name, Last modified
time; Google Forms' Timestamp, Email address) is taken as it is; otherwise each field has English
and Finnish keywords, and a keyword found at the start of a word of the header ("ala" in "Millä
alalla työskentelet?") scores 100, a fuzzy match (:func:`rapidfuzz.fuzz.partial_ratio`, for
keywords of 5+ letters) scores what rapidfuzz says. Longer keywords add a small bonus so "own words"
beats "goals" for the free-text question. Headers are then assigned to fields by an optimal
one-to-one assignment (:func:`scipy.optimize.linear_sum_assignment`), so each header is used at most
once. A column whose answers are mostly e-mail addresses is taken as the e-mail column whatever its
header says; one that holds none is never.

The answers decide too, from each column's distinct options (:mod:`matcher.contents`): a column
of sentences is free text and never a number field; a column whose options read with confidence
as one concept family (goals, fields, meeting modes, languages, municipalities) scores for that
family's fields even under a header no keyword matches (``MIN_SCORE`` plus up to
``FAMILY_BONUS``, so a header naming a field still wins over answers alone) and never for another
family's field its header suggested ("meetings" in a goals question); a mentor column of small
whole numbers nobody's header claims is the capacity. ``init`` reads the two forms twice: a choice
column one form leaves undecided is read again together with the other form's column of the
family (both forms ask it, in their own words). Options that recur and read as a family are
never free text or a number field, whatever the header's word; a column whose options read as
goals and fields alike is scored for both by share and shape (a multi-select fits goals, topics
and languages), and the one-to-one assignment decides. Each such decision is a note ``init`` prints.

Microsoft Forms' ``Id`` is the response number of the export, not a person's id: it is carried
through, and participants get ids derived from their e-mail (see :mod:`matcher.intake`).

Example
-------
>>> import pandas as pd
>>> table = pd.DataFrame(columns=["Id", "Email", "Millä kielillä voit mentoroida?", "Paikkakunta"])
>>> detect_columns(table, "mentors").columns
{'email': 'Email', 'languages': 'Millä kielillä voit mentoroida?', 'city': 'Paikkakunta'}
"""

from __future__ import annotations

import functools
import json
import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from rapidfuzz import fuzz
from scipy.optimize import linear_sum_assignment

from matcher import i18n, vocab
from matcher.contents import (MEANT_FAMILIES, MIN_SHARE, ColumnContents, column_separators, is_yes_no,
                              read_contents, read_shape)
from matcher.config import (DEFAULT_WEIGHTS, DUPLICATE_POLICIES, LANGUAGE_LEVELS, MEETING_MODES,
                            MENTEE_FIELDS, MENTOR_FIELDS, ConstraintConfig, Defaults, ReadConfig,
                            ScoringConfig, SolverConfig, WishConfig)
from matcher.eligibility import yes_no as yes_no_answer
from matcher.errors import InputError
from matcher.headers import header_scores
from matcher.intake.answers import read_answers
from matcher.intake.values import parse_times
from matcher.option_columns import fold_questions
from matcher.readers import EMAIL_LIKE, read_table
from matcher.safe_io import atomic_write_text
from matcher.vocab.options import pieces

#: a header must score at least this (0-100, before the length bonus) to be taken for a field
MIN_SCORE = 85.0
#: canonical fields that must be mapped for a round to be read
REQUIRED_FIELDS = ("languages",)
#: the form tools' own columns (normalised header -> canonical field, or None: carried through)
FORMS_OWN = {
    "id": None, "start time": None, "last modified time": None, "aloitusaika": None,
    "completion time": "submitted_at", "timestamp": "submitted_at", "aikaleima": "submitted_at",
    "valmistumisaika": "submitted_at", "email": "email", "email address": "email",
    "sahkoposti": "email", "sahkopostiosoite": "email", "name": "name", "nimi": "name",
    # LimeSurvey's own columns ("Start language" is the form's language, not the person's)
    "response id": None, "date submitted": "submitted_at", "last page": None, "start language": None,
    "seed": None, "date started": None, "date last action": None, "ip address": None, "referrer url": None,
    "startdate": None, "submitdate": "submitted_at", "lastpage": None, "startlanguage": None,
    "datestamp": None, "ipaddr": None, "refurl": None, "token": None,
    # Typeform's
    "start date utc": None, "submit date utc": "submitted_at", "network id": None, "tags": None,
    "ending": None, "response type": None,
    # SurveyMonkey's
    "respondent id": None, "collector id": None, "start date": None, "end date": "submitted_at",
    "custom data 1": None,
    # Jotform's
    "submission date": "submitted_at", "submission id": None, "submission ip": None,
    "last update date": None,
    # Qualtrics'
    "enddate": "submitted_at", "recordeddate": None, "responseid": None, "ipaddress": None,
    "progress": None, "duration in seconds": None, "finished": None, "distributionchannel": None,
    "userlanguage": None, "externalreference": None, "locationlatitude": None,
    "locationlongitude": None, "status": None, "recipientlastname": None, "recipientfirstname": None,
    "recipientemail": None,
    # and their question-text row's wording of them
    "recorded date": None, "recipient last name": None,
    "recipient first name": None, "recipient email": None, "external data reference": None,
    "location latitude": None, "location longitude": None, "distribution channel": None,
    "user language": None,
    # a coordinator's own columns beside the answers (notes on whom they called, a status)
    "huom": None, "huomiot": None, "muistiinpanot": None, "notes": None, "anteckningar": None,
    "tila": None,
    # KoboToolbox's and ODK's ("_submission_time", "_uuid", "__version__": :data:`_SYSTEM`
    # headings are read without their underscores; "start", "end", "today" are metadata the
    # form records, the server's submission time is the one kept)
    "submission time": "submitted_at", "submissiondate": "submitted_at", "submitted by": None,
    "uuid": None, "validation status": None, "version": None, "index": None, "start": None,
    "end": None, "today": None, "deviceid": None, "instanceid": None, "instancename": None,
    "username": None, "phonenumber": None, "audit": None, "reviewstate": None,
    # Microsoft Forms' in Finnish and Swedish
    "tunnus": None, "viimeksi muokattu": None, "starttid": None, "tid for slutforande": "submitted_at",
    "senast andrad": None, "e post": "email", "namn": "name",
}

#: consent questions ("I agree that my answers are used for matching", "Hyväksyn, että
#: vastauksiani käytetään…", "Jag godkänner att mina svar används…"), normalised
CONSENT_KEYWORDS = ("i agree", "agree that", "consent", "i consent", "permission", "hyvaksyn",
                    "suostun", "suostumus", "annan luvan", "lupa kayttaa", "jag godkanner",
                    "godkanner att", "samtycke", "samtycker")
#: "a mentor from my own field only" wishes
SAME_FIELD_KEYWORDS = ("same field", "own field only", "from my field", "samalta alalta",
                       "omalta alaltani", "oman alan mentori", "saman alan", "samma bransch",
                       "samma omrade", "inom min bransch")
#: "in which language would you like to be mentored" wishes
MENTORING_LANGUAGE_KEYWORDS = ("language of mentoring", "mentoring language", "language would you like",
                               "like to be mentored in", "milla kielella haluat",
                               "mentoroinnin kieli", "mentoroinnin kielen", "pa vilket sprak",
                               "mentorskapets sprak")

KEYWORDS: dict[str, tuple[str, ...]] = {
    "id": ("participant id", "mentor id", "mentee id", "member number", "osallistujatunnus",
           "osallistujan tunnus", "jasennumero"),
    "name": ("name", "full name", "your name", "nimi", "koko nimi", "nimesi", "namn", "sukunimi",
             "etu ja sukunimi", "first and last name", "fornamn och efternamn"),
    "email": ("email", "e mail", "email address", "sahkoposti", "sahkopostiosoite", "e post"),
    "submitted_at": ("completion time", "timestamp", "submitted", "submission time", "aikaleima",
                     "lahetetty", "tidsstampel"),
    "organisation": ("organisation", "organization", "organisaatio", "employer", "tyonantaja",
                     "company", "yritys", "oppilaitos", "school", "workplace", "tyopaikka"),
    "field": ("field", "ala", "toimiala", "ammattiala", "koulutusala", "industry", "sector",
              "branch", "bransch"),
    "job_title": ("job title", "title", "ammattinimike", "tehtavanimike", "nimike", "position",
                  "current job", "nykyinen tyo", "tehtava", "occupation", "ammatti"),
    "years_experience": ("years of experience", "work experience", "experience", "tyokokemus",
                         "kokemus", "arbetserfarenhet"),
    "years_in_finland": ("in finland", "years in finland", "lived in finland", "suomessa",
                         "asunut suomessa", "i finland"),
    "languages": ("language", "languages", "kieli", "kielet", "kielilla", "kielitaito", "sprak"),
    "topics": ("topic", "topics", "help with", "can help", "voit auttaa", "auttaa", "aihe",
               "aiheissa", "osaamisalue", "expertise", "can offer", "voit tarjota"),
    "goals": ("goal", "goals", "tavoite", "tavoitteet", "help with", "toivot tukea", "tukea",
              "support", "hope to get", "mita toivot", "toiveet", "wishes", "mal"),
    "about": ("about yourself", "itsestasi", "introduce", "esittele", "background", "tausta",
              "bio", "kerro"),
    "goals_text": ("own words", "omin sanoin", "describe your goals", "kuvaile tavoitteitasi",
                   "kuvaile", "describe", "in more detail", "tarkemmin"),
    "capacity": ("how many mentees", "number of mentees", "mentees can you", "montako aktoria",
                 "montako mentoroitavaa", "aktoria", "mentoroitavaa", "capacity", "kapasiteetti"),
    "max_mentors": ("how many mentors", "number of mentors", "montako mentoria", "max mentors"),
    "priority": ("priority", "prioriteetti", "etusija", "kiireellisyys"),
    "city": ("city", "paikkakunta", "kaupunki", "kotikunta", "kunta", "location", "sijainti",
             "municipality", "where do you live", "missa asut", "stad", "ort"),
    "meeting_mode": ("meet", "meeting", "tavata", "tapaaminen", "tapaamiset", "tapaamismuoto",
                     "in person or remote", "etana vai kasvokkain", "traffas"),
    "gender": ("gender", "sukupuoli", "kon"),
    "gender_preference": ("gender of mentor", "gender of your mentor", "particular gender",
                          "gender preference", "sukupuolen mentoria", "mentorin sukupuoli"),
    **{name: words for name, words in (("consent", CONSENT_KEYWORDS),
                                       ("same_field_only", SAME_FIELD_KEYWORDS),
                                       ("mentoring_language", MENTORING_LANGUAGE_KEYWORDS))},
}

#: canonical field -> vocabulary kind its answers are checked against at init
INIT_VOCAB_COLUMNS = {"field": "fields", "topics": "goals", "goals": "goals", "languages": "languages",
                 "city": "cities"}


@dataclass
class Detection:
    """Which header was taken for which canonical field of one file."""

    role: str
    columns: dict[str, str]
    #: canonical field -> score (0-100) of the chosen header
    scores: dict[str, float] = field(default_factory=dict)
    #: headers not mapped to any field (carried through)
    unmapped: list[str] = field(default_factory=list)
    #: required fields no header was found for
    missing: list[str] = field(default_factory=list)
    #: what the answers decided where the header alone could mean two fields
    notes: list[str] = field(default_factory=list)
    #: canonical field -> what its column's answers read as, where they decided the column
    #: (a :class:`Note`: English text, shown in the round's language in round.toml)
    by_content: dict[str, str] = field(default_factory=dict)
    #: how the file's columns were read before detection (``header_rows``, ``header_row``,
    #: ``folded``: the table's attrs, :func:`reading_notes`), written into round.toml
    reading: dict[str, object] = field(default_factory=dict)
    #: header -> what its answers read as (the columns whose answers were read)
    contents: dict[str, ColumnContents] = field(default_factory=dict)

    def __repr__(self) -> str:
        return (f"Detection({self.role!r}, {len(self.columns)} mapped, {len(self.unmapped)} "
                f"unmapped, missing={self.missing})")


def detect_columns(table: pd.DataFrame, role: str,
                   other: Mapping[str, Sequence[str]] | None = None,
                   previous: Detection | None = None) -> Detection:
    """Map a read export's headers onto the canonical fields of ``role`` ("mentors"/"mentees").

    ``other`` gives, per concept family, the options of the other form's column of that family
    (:func:`family_options`), read together with this form's undecided choice columns;
    ``previous`` is this table's detection without them (its column readings are reused).

    Examples
    --------
    >>> t = pd.DataFrame(columns=["Timestamp", "Email Address", "Which field are you in?",
    ...                           "What are your goals?", "Describe your goals in your own words"])
    >>> detect_columns(t, "mentees").columns
    {'email': 'Email Address', 'submitted_at': 'Timestamp', 'field': 'Which field are you in?', 'goals': 'What are your goals?', 'goals_text': 'Describe your goals in your own words'}
    """
    fields = MENTOR_FIELDS if role == "mentors" else MENTEE_FIELDS
    headers = [str(h) for h in table.columns]
    scores = _score_matrix(headers, fields)
    _apply_data_hints(scores, table, headers, fields)
    times = _apply_time_hints(scores, table, headers, fields)
    notes = _apply_content_hints(scores, table, headers, fields, times)
    answers = answer_counts(table)
    yes_no = _apply_yes_no_hints(scores, answers, headers, fields, times)
    _apply_not_yes_no_hints(scores, answers, headers, fields, frozenset(yes_no))
    notes += [(h, note) for h, note in yes_no.items() if note is not None]
    contents: dict[str, ColumnContents] = {}
    families = _apply_family_hints(scores, table, headers, fields, contents, other,
                                   previous.contents if previous is not None else {},
                                   times | frozenset(yes_no))
    rows, cols = linear_sum_assignment(scores, maximize=True)
    chosen = {fields[c]: (headers[r], scores[r, c]) for r, c in zip(rows, cols)
              if scores[r, c] >= MIN_SCORE}
    columns = {f: chosen[f][0] for f in fields if f in chosen}
    if "field" in fields and "field" not in columns and "job_title" in columns:
        # a form asking for the profession and not the field ("Nykyinen ammatti / Current
        # profession") names the field in it: "Sairaanhoitaja" is health care, "Data engineer" ICT
        columns["field"] = columns["job_title"]
        chosen["field"] = chosen["job_title"]
        notes.append((columns["field"], Note("note.field_from_job_title", header=columns["field"],
                                             claimed=())))
    used = set(columns.values())
    missing = [f for f in REQUIRED_FIELDS if f not in columns]
    if "email" not in columns and "id" not in columns:
        missing.insert(0, "email")
    by_content: dict[str, str] = {}
    if columns.get("submitted_at") in times and scores[headers.index(columns["submitted_at"]),
                                                      fields.index("submitted_at")] < KEYWORD:
        header = columns["submitted_at"]
        by_content["submitted_at"] = Note("evidence.time_latest" if len(times) > 1
                                          else "evidence.time_only", claimed=(), n=len(times))
        notes.append((header, Note("note.time_latest" if len(times) > 1 else "note.time_only",
                                   header=header, claimed=(), n=len(times))))
    for name, header in columns.items():
        if header in families and families[header].decided(name):
            by_content[name] = families[header].evidence
            notes.append((header, families[header].note(header, name)))
    return Detection(role=role, columns=columns,
                     scores={f: round(min(float(chosen[f][1]), 100.0), 1) for f in columns},
                     unmapped=[h for h in headers if h not in used], missing=missing,
                     notes=[note for header, note in notes if header in used or header in yes_no],
                     by_content=by_content, contents=contents,
                     reading={k: v for k, v in table.attrs.items()
                              if k in ("header_rows", "header_row", "folded", "code_row", "import_rows")})


def family_options(detection: Detection) -> dict[str, tuple[str, ...]]:
    """Per meaning-read family (goals, fields), the options of the column ``detection`` took
    for it, else of its undecided choice column that reads most like it (none when no column
    reads as it at all): what the other form's columns are read together with."""
    out = {}
    for family in ("goals", "fields"):
        taken = [h for n, h in detection.columns.items() if FAMILY_OF.get(n) == family]
        if taken and taken[0] in detection.contents:
            out[family] = detection.contents[taken[0]].chosen
            continue
        candidates = [(c.shares[family], h) for h, c in detection.contents.items()
                      if c.family is None and c.shares.get(family, 0.0) > 0.0
                      and c.shares[family] == max(c.shares.values())]
        if candidates:
            out[family] = detection.contents[max(candidates)[1]].chosen
    return out


def _score_matrix(headers: list[str], fields: tuple[str, ...]) -> np.ndarray:
    """(header, field) scores: 100+ for the forms' own columns and keyword hits, a header's
    lemmas read against the fields' descriptions (:func:`matcher.headers.header_scores`) or a
    fuzzy keyword match below."""
    scores = np.zeros((len(headers), len(fields)))
    lemma = MIN_SCORE + (KEYWORD - 1 - MIN_SCORE) * header_scores(headers, fields)
    for i, header in enumerate(headers):
        norm = vocab.normalise(header)
        if forms_own(header):
            own = FORMS_OWN.get(_own_key(header))
            if own in fields:
                scores[i, fields.index(own)] = 130.0
            continue  # a form tool's own column is never read as a question
        for j, name in enumerate(fields):
            keyword = max((_keyword_score(kw, norm) for kw in KEYWORDS[name]), default=0.0)
            scores[i, j] = max(keyword, lemma[i, j] if lemma[i, j] > MIN_SCORE else 0.0)
    return scores


#: a survey tool's "code. text" heading (LimeSurvey's "lastpage. Viimeinen sivu"): the code
#: before the first ". "
_CODED = re.compile(r"^\s*([A-Za-z][A-Za-z0-9_]*)\.\s+\S")


#: a survey tool's system column, an identifier that starts with an underscore (KoboToolbox's
#: "_id", "_submission_time", "__version__"): never a question, whatever it holds
_SYSTEM = re.compile(r"^_+[A-Za-z0-9]\w*$")


def _own_key(header: str) -> str:
    """The key of :data:`FORMS_OWN` a header is, its normalised text or the code of a
    "code. text" heading ("lastpage. Viimeinen sivu" is LimeSurvey's "lastpage"), else "";
    a system column (:data:`_SYSTEM`) is its name without underscores, in the table or not."""
    norm = vocab.normalise(header)
    if norm in FORMS_OWN:
        return norm
    if _SYSTEM.match(str(header).strip()):
        return " ".join(str(header).replace("_", " ").split()).lower()
    coded = _CODED.match(str(header))
    code = vocab.normalise(coded.group(1)) if coded else ""
    return code if code in FORMS_OWN else ""


def forms_own(header: str) -> bool:
    """True when a header is a survey tool's own column (:data:`FORMS_OWN`), never a question.

    >>> [forms_own(h) for h in ("Start Date (UTC)", "lastpage. Viimeinen sivu", "_status", "Q3. Languages")]
    [True, True, True, False]
    """
    return bool(_own_key(header))


def _keyword_score(keyword: str, header: str) -> float:
    # the bonus (up to 12) lets a longer, more specific keyword win over a shorter one
    bonus = min(len(keyword), 24) / 2
    if re.search(rf"(?<!\w){re.escape(keyword)}", header):
        return 100.0 + bonus
    if _inflected(keyword, header):
        return 100.0 + bonus / 2
    # partial_ratio finds the shorter text inside the longer one: only let it look for the
    # keyword inside the header, never for a short header ("a") inside a keyword
    if len(keyword) >= 5 and len(header) >= len(keyword) - 2:
        score = fuzz.partial_ratio(keyword, header)
        if score >= MIN_SCORE:
            return score + bonus / 2
    return 0.0


#: a keyword word of at least this many letters also matches its inflected forms: the header
#: word starts with it less its last two letters (never fewer than STEM_WORD - 1 kept)
STEM_WORD = 6


def _inflected(keyword: str, header: str) -> bool:
    """True when the keyword's words stand in the header, in order, each in an inflected form
    ("tavoitteesi" for "tavoite", "työkokemuksesi" for "työkokemus", "sukupuolesi" for
    "sukupuoli"): Finnish and Swedish inflect at the end of a word, and a long stem ("mentoroitava")
    still tells words apart that share a short one ("mentoroinnille")."""
    return _inflection_pattern(keyword).search(header) is not None


@functools.lru_cache(maxsize=1024)
def _inflection_pattern(keyword: str) -> re.Pattern:
    parts = [re.escape(w[:max(STEM_WORD - 1, len(w) - 2)]) if len(w) >= STEM_WORD else re.escape(w)
             for w in keyword.split()]
    return re.compile(r"(?<!\w)" + r"\w*\s+".join(parts))


#: fields whose answers are numbers
NUMBER_FIELDS = ("years_experience", "years_in_finland", "capacity", "max_mentors", "priority")
#: fields whose answers are the participant's own sentences
TEXT_FIELDS = ("about", "goals_text")
#: a column is sentences when at least this share of its answers has SENTENCE_WORDS words or more
SENTENCES = 0.5
SENTENCE_WORDS = 6
#: a column is numbers when at least this share of its answers reads as a number
NUMBERS = 0.8
_NUMBER = re.compile(r"\W*(?:about|noin|circa|ca|yli|over|n\.?)?\W*\d+(?:[.,]\d+)?\W*\w{0,12}\W*",
                     re.IGNORECASE)


#: a column is a choice question when at least this share of its answers' options recur
CHOICES = 0.5
#: answers a column's profile is read from (the first ones: enough to tell, fast on big rounds)
PROFILE_ROWS = 1000


def column_profile(values: pd.Series) -> tuple[float, float]:
    """``(share of sentences, share of numbers)`` among a column's answers.

    A choice question, whose options recur from answer to answer (a multi-select joins several
    into one long cell), has no sentences whatever the length of its cells.

    >>> column_profile(pd.Series(["10+", "about 6", "3"]))
    (0.0, 1.0)
    >>> column_profile(pd.Series(["I have worked in logistics for ten years in Oulu", "7"]))
    (0.5, 0.5)
    >>> column_profile(pd.Series(["Building my network, Writing a better CV for Finland"] * 3))
    (0.0, 0.0)
    """
    text = values.dropna().astype(str).str.strip()
    text = text[text != ""].iloc[:PROFILE_ROWS]
    if text.empty:
        return 0.0, 0.0
    numbers = float(text.map(lambda v: bool(_NUMBER.fullmatch(v))).mean())
    separators = column_separators(text)
    options = [p[0] for cell in text for p in pieces(cell, separators)]
    if len(text) >= 3 and 1 - len(set(options)) / len(options) >= CHOICES:
        return 0.0, numbers
    sentences = float((text.str.split().str.len() >= SENTENCE_WORDS).mean())
    return sentences, numbers


def _apply_content_hints(scores: np.ndarray, table: pd.DataFrame, headers: list[str],
                         fields: tuple[str, ...], times: frozenset[str]) -> list[tuple[str, str]]:
    """Let the answers overrule the header: a column of sentences is free text and never a number
    field, a column of numbers is never free text. Returns ``(header, note)`` for each header
    whose answers changed what it was taken for."""
    notes: list[tuple[str, str]] = []
    text_field = next((f for f in TEXT_FIELDS if f in fields), None)
    for i, header in enumerate(headers):
        if table.empty or header in times:
            continue
        sentences, numbers = column_profile(table.iloc[:, i])
        if numbers >= NUMBERS:
            for name in TEXT_FIELDS:
                if name in fields:
                    scores[i, fields.index(name)] = 0.0
            continue
        if sentences < SENTENCES:
            continue
        for name in ("id", "name"):
            if name in fields:  # sentences are nobody's id or name, however close the header
                scores[i, fields.index(name)] = 0.0
        if text_field is not None and scores[i].max() < MIN_SCORE:
            # sentences no header claims: the form's free-text question, unless a header says so
            scores[i, fields.index(text_field)] = MIN_SCORE
        meant = [f for f in NUMBER_FIELDS if f in fields and scores[i, fields.index(f)] >= MIN_SCORE]
        # a choice question answered in sentences is the free-text one ("goals" vs "goals_text")
        if not meant and sentences >= 0.8:
            meant = [f for f in ("goals", "topics") if f in fields
                     and scores[i, fields.index(f)] >= MIN_SCORE]
        best = max((scores[i, fields.index(f)] for f in meant), default=0.0)
        for name in NUMBER_FIELDS:
            if name in fields:
                scores[i, fields.index(name)] = 0.0
        if meant and text_field is not None:
            for name in meant:
                scores[i, fields.index(name)] = 0.0
            before = scores[i, fields.index(text_field)]
            scores[i, fields.index(text_field)] = max(before, MIN_SCORE + (best - MIN_SCORE) / 2)
            if before >= best:
                continue  # the header said free text already: nothing for the coordinator to see
            notes.append((header, Note("note.sentences", header=header, claimed=tuple(meant),
                                       name=text_field)))
    return notes


#: the fields a yes/no question can be (:func:`matcher.contents.is_yes_no`)
YES_NO_FIELDS = ("consent", "same_field_only")


def answer_counts(table: pd.DataFrame) -> list[pd.Series]:
    """Per column of ``table``, its distinct non-empty answers (stripped) and how often each is
    given, most frequent first: counted once and shared by the yes/no hints.

    >>> answer_counts(pd.DataFrame({"Q": [" Yes", "No", "Yes", None, ""]}))[0].to_dict()
    {'Yes': 2, 'No': 1}
    """
    counts = []
    for i in range(table.shape[1]):
        text = table.iloc[:, i].dropna().astype(str).str.strip()
        counts.append(text[text != ""].value_counts())
    return counts


def _apply_yes_no_hints(scores: np.ndarray, answers: list[pd.Series], headers: list[str],
                        fields: tuple[str, ...], times: frozenset[str]) -> dict[str, Note | None]:
    """A column answered only yes or no (:func:`matcher.contents.is_yes_no`: a consent, "may we
    contact you after the programme?") is a consent or a same-field wish when its header says
    so, and never a field, goals, languages, number or free-text question, whatever words of
    those its header holds ("I agree that my data about my field and languages is used"). Its
    scores for every other field are cleared. Returns, per yes/no column, the note saying which
    fields its header had suggested (None when it suggested none of those), shown whether or
    not the column is then taken as a yes/no field."""
    found: dict[str, Note | None] = {}
    others = [j for j, f in enumerate(fields) if f not in YES_NO_FIELDS]
    for i, header in enumerate(headers):
        if header in times or forms_own(header) or not is_yes_no(answers[i].index.to_series()):
            continue
        claimed = tuple(fields[j] for j in others if scores[i, j] >= MIN_SCORE)
        scores[i, others] = 0.0
        found[header] = Note("note.yes_no", header=header, claimed=claimed) if claimed else None
    return found


#: least share of a column's answers that must read as yes or no for its header's words alone
#: (no keyword) to make it a yes/no field
YES_NO_READ = 0.5


def _apply_not_yes_no_hints(scores: np.ndarray, answers: list[pd.Series], headers: list[str],
                            fields: tuple[str, ...], yes_no: frozenset[str]) -> None:
    """A column whose answers mostly do not read as yes or no (:func:`matcher.eligibility.yes_no`:
    a case worker's initials, a status word, a date) is no consent or same-field wish unless a
    keyword of that field is in its header: its header's words alone ("Käsittelijä" shares its
    stem with "tietojen käsittely", the processing of data) are not enough, since reading such a
    column as the consent would leave everyone out. Clears those scores in place.

    >>> t = pd.DataFrame({"Käsittelijä": ["AK", "MV", "AK"], "Suostumus": ["AK", "MV", None]})
    >>> s = np.array([[99.0, 0.0], [110.0, 0.0]])
    >>> _apply_not_yes_no_hints(s, answer_counts(t), list(t.columns), ("consent", "name"), frozenset())
    >>> s.tolist()
    [[0.0, 0.0], [110.0, 0.0]]
    """
    own = [j for j, f in enumerate(fields) if f in YES_NO_FIELDS]
    if not own:
        return
    for i, header in enumerate(headers):
        if header in yes_no or not (scores[i, own] > 0.0).any():
            continue
        counts = answers[i]
        if counts.empty:
            continue
        read = np.array([yes_no_answer(a) is not None for a in counts.index])
        if counts[read].sum() < YES_NO_READ * counts.sum():
            scores[i, own] = np.where(scores[i, own] >= KEYWORD, scores[i, own], 0.0)


#: canonical field -> the concept family its answers read as (:mod:`matcher.contents`)
FAMILY_OF = {"field": "fields", "topics": "goals", "goals": "goals", "languages": "languages",
             "mentoring_language": "languages", "city": "cities", "meeting_mode": "meeting_modes"}
#: a field whose header alone is never enough to take a column its answers do not read as
CONTENT_ONLY = ("mentoring_language",)
#: most a column's answers add to its score for a field of their family (a header naming the
#: field still wins over answers alone, which score MIN_SCORE + share × FAMILY_BONUS)
FAMILY_BONUS = 10.0
#: a mentor column of whole numbers no larger than this, no header claims, is the capacity
CAPACITY_MAX = 10
#: a mentee column of whole numbers from 1 to this, no header claims, is the mentors wanted
MAX_MENTORS_MAX = 5
#: share of a language column's options naming a level below which, asked as one answer, it
#: is the language the mentee wants to be mentored in, not the languages they speak
LEVELLED = 0.2
#: fields naming who the person is (never a choice question: their columns' answers are not read)
IDENTITY_FIELDS = ("id", "name", "email", "submitted_at")
#: one-answer fields of no concept family whose answers are read only when they are a multi-select
ONE_ANSWER_FIELDS = IDENTITY_FIELDS + ("organisation", "job_title", "gender", "gender_preference",
                                       "consent", "same_field_only", "priority")
#: a header scoring this much holds a keyword (a fuzzy match scores less)
KEYWORD = 100.0
#: share of distinct answers below which a column is no participant id
ID_DISTINCT = 0.9


@dataclass(frozen=True)
class _FamilyHint:
    """What one column's answers read as, and which fields its header alone had suggested."""

    family: str
    share: float
    #: fields the header suggested (score >= MIN_SCORE) before the answers were read
    claimed: tuple[str, ...]
    #: True when the family leads the others with confidence, False when it only reads best
    leading: bool = True

    @property
    def evidence(self) -> Note:
        return Note("evidence.family", claimed=(), family=self.family, share=self.share)

    def decided(self, name: str) -> bool:
        """True when the answers, not the header alone, made the column ``name``."""
        return self.claimed != (name,) and FAMILY_OF.get(name) == self.family

    def note(self, header: str, name: str) -> Note:
        key = "note.family" + ("" if self.leading else "_likely") + ("" if self.claimed else "_no_header")
        return Note(key, header=header, claimed=self.claimed, family=self.family, share=self.share,
                    name=name)


class Note(str):
    """A note of :func:`detect_columns` (what a column's answers changed): its English text,
    and the message key and fields to show it in another language (:meth:`shown`).

    >>> note = Note("note.sentences", header="Goals", claimed=("goals",), name="goals_text")
    >>> "sentences" in note, note.shown("fi")[:40]
    (True, "sarake 'Goals' voisi otsikkonsa perustee")
    """

    key: str
    fields: dict[str, object]

    def __new__(cls, key: str, **fields: object) -> Note:
        note = super().__new__(cls, _note_text(key, fields, "en"))
        note.key, note.fields = key, fields
        return note

    def shown(self, language: str) -> str:
        return _note_text(self.key, self.fields, language)


def _note_text(key: str, fields: Mapping[str, object], language: str) -> str:
    """A note's message in ``language``: claimed fields joined with "or", the family by name and
    the share of options as a percentage."""
    shown = dict(fields)
    shown["claimed"] = i18n.join(fields["claimed"], language, word="or")  # type: ignore[arg-type]
    if "family" in fields:
        shown["family"] = i18n.t(f"family.{fields['family']}", language)
        shown["share"] = i18n.percent(round(100 * float(fields["share"])), language)  # type: ignore[arg-type]
    return i18n.t(key, language, **shown)


def _apply_family_hints(scores: np.ndarray, table: pd.DataFrame, headers: list[str],
                        fields: tuple[str, ...], contents: dict[str, ColumnContents],
                        other: Mapping[str, Sequence[str]] | None,
                        previous: Mapping[str, ColumnContents],
                        times: frozenset[str] = frozenset()) -> dict[str, _FamilyHint]:
    """Let the answers find and confirm the choice questions: a column whose options read with
    confidence as one concept family (goals, fields, meeting modes, languages, places:
    :func:`matcher.contents.read_contents`) scores for that family's fields even under an
    unknown header, and never for another family's fields its header suggested ("meetings" in a
    goals question). Fills ``contents`` (header -> reading) and returns the hint of each column
    whose answers read as a family."""
    hints: dict[str, _FamilyHint] = {}
    if table.empty:
        return hints
    family_fields = [f for f in fields if f in FAMILY_OF]
    for i, header in enumerate(headers):
        best = int(np.argmax(scores[i])) if len(fields) else 0
        if forms_own(header) or header in times:
            continue
        if scores[i, best] >= KEYWORD and fields[best] in ONE_ANSWER_FIELDS + NUMBER_FIELDS \
                and header not in previous and _one_answer(table.iloc[:, i], fields[best]):
            # a header word names a one-answer question of another kind (who the person is,
            # a number, ...) and one answer is what its cells hold: nothing to read (a
            # multi-select under "experience" or "Name the areas …" is read)
            continue
        if scores[i, best] >= MIN_SCORE and fields[best] in TEXT_FIELDS and header not in previous \
                and column_profile(table.iloc[:, i])[0] >= SENTENCES:
            continue  # the free-text question, answered in sentences
        alone = found = previous.get(header)
        if found is None or (other and found.is_choice and (found.family is None
                                                             or _goals_or_fields(found))):
            found = read_contents(table.iloc[:, i], other=other)
        if alone is not None and alone.family is None and found.family is not None and any(
                scores[i, j] >= KEYWORD and FAMILY_OF.get(f) not in (None, found.family)
                for j, f in enumerate(fields)):
            # answers that read as a family only through the other form's options (aligned as
            # leftovers, not by their own meaning) never overrule a header naming another
            # family's question ("In which languages could you mentor?" over "Fin. native")
            found = alone
        contents[header] = found
        if found.family is None or _goals_or_fields(found):
            _capacity_hint(scores, i, table.iloc[:, i], fields)
            hint = _undecided_hint(scores, i, found, fields)
            if hint is not None:
                hints[header] = hint
            continue
        claimed = tuple(f for f in family_fields if scores[i, fields.index(f)] >= MIN_SCORE)
        # options recurring and reading as a family are neither anyone's own words nor numbers,
        # whatever the header says ("Tausta", background, over a field question's options;
        # "In which areas could you share your experience?"; "What in Finland …")
        text = [f for f in TEXT_FIELDS + NUMBER_FIELDS if f in fields]
        claimed += tuple(f for f in text if scores[i, fields.index(f)] >= MIN_SCORE)
        scores[i, [fields.index(f) for f in text]] = 0.0
        # a header only close to another kind's keyword yields to what the answers read as
        # and a multi-select is no one-answer question whatever the header ("Organisation of
        # your job search")
        multi = found.multi >= MULTI_SELECT
        fuzzy = [j for j, f in enumerate(fields) if f not in FAMILY_OF
                 and (scores[i, j] < KEYWORD or (multi and f in ONE_ANSWER_FIELDS))]
        scores[i, fuzzy] = 0.0
        if found.family == "fields" and "job_title" in fields and "field" in fields:
            # a job title picked from a list of fields ("Current profession": "ICT") is the
            # field question; a column the field's header claims still wins the field
            j = fields.index("job_title")
            claimed += ("job_title",) if scores[i, j] >= MIN_SCORE else ()
            scores[i, j] = min(scores[i, j], MIN_SCORE + found.confidence * FAMILY_BONUS - 1)
        for name in family_fields:
            j = fields.index(name)
            if FAMILY_OF[name] != found.family:
                scores[i, j] = 0.0
            elif name in CONTENT_ONLY and scores[i, j] < MIN_SCORE:
                continue
            else:
                scores[i, j] = max(scores[i, j] + found.confidence * FAMILY_BONUS / 2,
                                   MIN_SCORE + found.confidence * FAMILY_BONUS)
        hints[header] = _FamilyHint(found.family, found.confidence, claimed)
    _mentoring_language_hint(scores, headers, fields, contents, hints)
    return hints


def _one_answer(values: pd.Series, name: str) -> bool:
    """True when a column a header word gives to the one-answer field ``name`` holds one
    answer a cell, so its options need no reading; a job title chosen from a list (options
    recur) is read, since it may be the form's field question."""
    shape = read_shape(values)
    return shape.multi < MULTI_SELECT and not (name == "job_title" and shape.is_choice)


def _mentoring_language_hint(scores: np.ndarray, headers: list[str], fields: tuple[str, ...],
                             contents: Mapping[str, ColumnContents],
                             hints: Mapping[str, _FamilyHint]) -> None:
    """Of two or more columns reading as languages, one asked as one answer without levels is
    the mentoring language (:func:`_mentoring_language`), whatever its header: it scores for
    ``mentoring_language`` above the languages question, which another column answers."""
    if "mentoring_language" not in fields:
        return
    spoken = [h for h in headers if h in hints and hints[h].family == "languages"]
    wished = [h for h in spoken if _mentoring_language(contents[h])]
    if len(spoken) < 2 or len(wished) == len(spoken):
        return
    for header in wished:
        i, found = headers.index(header), contents[header]
        j = fields.index("mentoring_language")
        scores[i, j] = max(scores[i, j], MIN_SCORE + found.confidence * FAMILY_BONUS)
        k = fields.index("languages")
        scores[i, k] = min(scores[i, k], MIN_SCORE + found.confidence * FAMILY_BONUS / 2)


def _mentoring_language(found: ColumnContents) -> bool:
    """True when a column reading as languages is asked as one answer without levels ("Finnish",
    "English", "No preference"): a mentee's wish for the mentoring language, whatever the
    header (the languages spoken are several, with levels)."""
    if found.family != "languages" or found.multi >= MULTI_SELECT or not found.chosen:
        return False
    levelled = sum(vocab.read_level(o).level is not None for o in found.chosen)
    return levelled < LEVELLED * len(found.chosen)


def _goals_or_fields(found: ColumnContents) -> bool:
    """True when a column's options read as goals and as fields alike ("Getting into the IT
    sector"): its shape and the other columns decide which question it is, not the lead."""
    return found.family in MEANT_FAMILIES and min(found.shares[f] for f in MEANT_FAMILIES) >= MIN_SHARE


#: a column is a multi-select when at least this share of its answered cells holds two options
MULTI_SELECT = 0.2
#: fields asked as a multi-select (the others take one answer each)
MULTI_FIELDS = ("goals", "topics", "languages")
#: families recognised by their names (never by a loose reading): a choice column none of whose
#: options names one is never that family's question, whatever its header
NAMED_FAMILIES = ("meeting_modes", "cities")


def _undecided_hint(scores: np.ndarray, i: int, found: ColumnContents,
                    fields: tuple[str, ...]) -> _FamilyHint | None:
    """Score a choice column whose answers read as no one family with confidence (goals worded
    with field names read as both) for every family field by the share of its options that
    family reads, and by its shape: a multi-select fits the goals, topics and languages
    questions, a one-answer column the others. The one-to-one assignment then gives it the
    field it fits best that no better column takes, so a form's goals question is found even
    when its options also read as fields and its header says nothing (or names another field).
    A header naming a meeting-mode or place question is overruled when no option names one.
    Returns the hint of the field it fits best, or None."""
    if not found.is_choice:
        return None
    # options that recur are nobody's own words: a header only close to a free-text question
    # (a fuzzy keyword, a few shared lemmas: "Anything in your field?") yields to them
    loose = [j for j, f in enumerate(fields) if f in TEXT_FIELDS and scores[i, j] < KEYWORD]
    scores[i, loose] = 0.0
    multi = found.multi >= MULTI_SELECT
    claimed = tuple(f for f in fields if f in FAMILY_OF and scores[i, fields.index(f)] >= MIN_SCORE)
    best: tuple[float, str] | None = None
    for j, name in enumerate(fields):
        family = FAMILY_OF.get(name)
        if family is None or name in CONTENT_ONLY:
            continue
        share = found.shares.get(family, 0.0)
        if family in NAMED_FAMILIES and share == 0.0:
            scores[i, j] = 0.0
            continue
        if share == 0.0:
            continue
        shape = FAMILY_BONUS / 2 if multi == (name in MULTI_FIELDS) else -FAMILY_BONUS / 2
        fit = MIN_SCORE + (share - MIN_SHARE) * FAMILY_BONUS + shape
        scores[i, j] = max(scores[i, j], fit)
        if best is None or fit > best[0]:
            best = (fit, name)
    if best is None or best[0] < MIN_SCORE:
        return None
    family = FAMILY_OF[best[1]]
    return _FamilyHint(family, found.shares[family], claimed, leading=False)


def _capacity_hint(scores: np.ndarray, i: int, values: pd.Series, fields: tuple[str, ...]) -> None:
    """A column of small whole numbers no header claims reads as how many people one takes: a
    mentor's mentees (at most :data:`CAPACITY_MAX`), a mentee's mentors (1 to
    :data:`MAX_MENTORS_MAX`). Priority, also a small number, is taken by its header alone."""
    name = next((f for f in ("capacity", "max_mentors") if f in fields), None)
    if name is None or scores[i].max() >= MIN_SCORE:
        return
    distinct = pd.Series(values.dropna().astype(str).str.strip().unique())
    numbers = pd.to_numeric(distinct, errors="coerce")
    low, high = (0, CAPACITY_MAX) if name == "capacity" else (1, MAX_MENTORS_MAX)
    if len(distinct) and numbers.notna().all() and (numbers % 1 == 0).all() \
            and numbers.between(low, high).all():
        scores[i, fields.index(name)] = MIN_SCORE


#: a column is date-times when at least this share of its answers reads as one
TIMES = 0.9
#: a date in an answer (a bare number such as "2026" is no date-time, though ISO reads it as one)
_DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")
#: a time column filled in at least this share of the rows can be the submission time (a
#: "last modified" column is mostly empty)
TIME_FILLED = 0.9


def column_times(values: pd.Series, at_least: float = 0.0) -> pd.Series | None:
    """A column's answers read as date-times (NaT where one does not read), from its first
    :data:`PROFILE_ROWS` answers, each distinct answer holding a date parsed once
    (:func:`matcher.intake.values.parse_times`); None, unparsed, when fewer than ``at_least``
    of them hold a date (a column of words costs one regular-expression pass).

    >>> column_times(pd.Series(["2.1.2026 10:05", "2026/01/02 10:05:00 AM GMT+2", "2026", None])).notna().tolist()
    [True, True, False]
    >>> column_times(pd.Series(["Helsinki", "Espoo"]), at_least=0.9) is None
    True
    """
    text = values.dropna().astype(str).str.strip()
    text = text[text != ""].iloc[:PROFILE_ROWS]
    codes, distinct = pd.factorize(text)
    written = pd.Series(distinct, dtype=object)
    dated = written.str.contains(_DATE).to_numpy(dtype=bool)
    if not len(text) or dated[codes].mean() < at_least:
        return None
    parsed = np.full(len(written), np.datetime64("NaT"), dtype="datetime64[ns]")
    parsed[dated] = parse_times(written[dated]).to_numpy(dtype="datetime64[ns]")
    return pd.Series(parsed[codes], index=text.index)


def _apply_time_hints(scores: np.ndarray, table: pd.DataFrame, headers: list[str],
                      fields: tuple[str, ...]) -> frozenset[str]:
    """A column whose answers are date-times ("2.1.2026 10.05", "2026/01/02 10:05:00 AM GMT+2")
    is a time column whatever its header ("Vastausaika", "Tid för slutförande", "Starttid"): never
    free text or another field. Unless a header names the submission time, the time column
    filled in for (nearly) everyone whose times are latest (of equal times, the later column) is
    taken as ``submitted_at``: a form is submitted after it was started. Returns the time
    columns' headers."""
    if table.empty:
        return frozenset()
    found = {}
    for i in range(len(headers)):
        times = column_times(table.iloc[:, i], at_least=TIMES)
        if times is not None and times.notna().mean() >= TIMES:
            found[i] = times
    if not found:
        return frozenset()
    j = fields.index("submitted_at") if "submitted_at" in fields else None
    for i in found:
        kept = scores[i, j] if j is not None else 0.0
        scores[i] = 0.0
        if j is not None:
            scores[i, j] = kept
    if j is not None and not any(scores[i, j] >= MIN_SCORE for i in found):
        filled = [i for i in found if table.iloc[:, i].notna().mean() >= TIME_FILLED]
        if filled:
            # times alike: the later column (forms write the start before the completion)
            latest = max(filled, key=lambda i: (found[i].median(), i))
            scores[latest, j] = MIN_SCORE
    return frozenset(headers[i] for i in found)


def _apply_data_hints(scores: np.ndarray, table: pd.DataFrame, headers: list[str],
                      fields: tuple[str, ...]) -> None:
    """A column of e-mail addresses is the e-mail column; one without any never is; a column
    nobody answered (Microsoft Forms' Name of an anonymous form) is never a person's name."""
    if table.empty:
        return
    if "name" in fields:
        unanswered = table.isna().all(axis=0).to_numpy()
        scores[unanswered, fields.index("name")] = 0.0
    if "id" in fields:
        # a participant id is one person's: a column whose answers recur is none, whatever a
        # fuzzy header match says ("Mentoring [...]" is close to "mentor id")
        j = fields.index("id")
        for i in range(len(headers)):
            values = table.iloc[:, i].dropna()
            if len(values) >= 3 and values.nunique() / len(values) < ID_DISTINCT:
                scores[i, j] = 0.0
    if "email" not in fields:
        return
    j = fields.index("email")
    for i in range(len(headers)):
        values = table.iloc[:, i].dropna().astype(str)
        if values.empty:
            continue
        share = values.str.fullmatch(r"\s*[^@\s]+@[^@\s]+\.[^@\s]+\s*").mean()
        if share >= 0.8:
            scores[i, j] = max(scores[i, j], 120.0)
        elif share == 0:
            scores[i, j] = 0.0  # e.g. Microsoft Forms' Email column of an anonymous form


def reading_notes(table: pd.DataFrame | Mapping[str, object],
                  language: str = i18n.DEFAULT_LANGUAGE) -> list[str]:
    """What ``matcher init`` says of how a file's columns were read, in ``language``: headers
    on two rows (``attrs["header_rows"]``, :func:`matcher.readers.second_header_row`), and one
    line per question folded from several columns (``attrs["folded"]``,
    :func:`matcher.option_columns.fold_questions`). ``table`` is the read table or its attrs
    (:attr:`Detection.reading`).

    >>> from matcher.option_columns import fold_questions
    >>> table = pd.DataFrame({"Goals - CV": ["1", None], "Goals - Networking": [None, "1"]})
    >>> reading_notes(fold_questions(table))
    ["2 columns read as one question 'Goals - *' (a multi-select, one column per option, chosen where the cell is '1'): 'CV', 'Networking'"]
    >>> reading_notes(fold_questions(table), "fi")[0][:45]
    "2 saraketta luettu yhdeksi kysymykseksi 'Goal"
    """
    attrs: Mapping[str, Any] = table.attrs if isinstance(table, pd.DataFrame) else table
    notes = []
    if attrs.get("header_rows", 1) == 2:
        first = attrs.get("header_row", 1)
        notes.append(i18n.t("init.header_rows", language, first=first, second=first + 1))
    if attrs.get("code_row"):
        imports = attrs.get("import_rows") or []
        rows = i18n.join([str(r) for r in imports], language)
        notes.append(i18n.t("init.code_rows", language, codes=attrs["code_row"], texts=attrs.get("header_row"),
                            imports=i18n.t("init.import_rows", language, rows=rows) if imports
                            else i18n.t("init.no_import_rows", language)))
    elif attrs.get("import_rows"):
        notes.append(i18n.t("init.import_rows", language,
                            rows=i18n.join([str(r) for r in attrs["import_rows"]], language)))
    for fold in attrs.get("folded", []):
        if fold["how"] in ("other", "mother_tongue", "languages"):
            key = f"init.folded_{fold['how']}"
            notes.append(i18n.t(key, language, mother=fold["columns"][0], other=fold["columns"][-1],
                                header=fold["header"]))
            continue
        options = ", ".join(repr(o) for o in fold["options"][:SHOWN])
        if len(fold["options"]) > SHOWN:
            options += i18n.t("init.folded_more", language, n=len(fold["options"]) - SHOWN)
        if fold["how"] == "grid":
            how = i18n.t(f"init.folded_grid.{fold['kind']}", language)
        else:
            marks = [repr(m) for m in fold["marks"]]
            how = i18n.t("init.folded_options", language, marks=i18n.join(marks, language, word="or")
                         if marks else i18n.t("init.folded_own_text", language))
        if fold.get("typed"):
            options += i18n.t("init.typed_columns", language,
                              columns=i18n.join([repr(c) for c in fold["typed"]], language))
        notes.append(i18n.t("init.folded", language, n=len(fold["columns"]), header=fold["header"],
                            how=how, options=options))
    return notes


#: options or rows of a folded question ``init`` names
SHOWN = 4


@dataclass
class InitResult:
    """What ``matcher init`` did: the config written, the detections and the warnings to show."""

    path: Path
    mentors: Detection
    mentees: Detection
    #: how each distinct answer of the choice questions was read
    #: (:data:`matcher.intake.answers.ANSWER_COLUMNS`), low confidence first
    answers: pd.DataFrame
    warnings: list[str]

    @property
    def unsure(self) -> pd.DataFrame:
        """The answers not read as an exact built-in name (what the config's vocabulary lists)."""
        return self.answers[self.answers["method"] != "exact"]

    def __repr__(self) -> str:
        return (f"InitResult({str(self.path)!r}, mentors={self.mentors!r}, mentees={self.mentees!r}, "
                f"{len(self.warnings)} warnings)")


def init_round(mentors: str | Path, mentees: str | Path, output: str | Path = "round.toml",
               name: str | None = None, overwrite: bool = False,
               mentors_sheet: str | None = None, mentees_sheet: str | None = None,
               language: str = "en") -> InitResult:
    """Detect the columns of two exports and write a commented round config that runs as it is.

    Parameters
    ----------
    mentors, mentees
        The two form exports.
    output
        Config path to write; the exports' paths are written relative to its folder.
    name
        Round name; defaults to the output folder's name.
    overwrite
        Replace an existing config (otherwise that is an InputError).
    language
        The round's ``[round] language`` written into the config (``en``, ``fi`` or ``sv``).

    Examples
    --------
    >>> import tempfile
    >>> from matcher import synthetic
    >>> folder = Path(tempfile.mkdtemp())
    >>> synthetic.mentor_export(6).to_csv(folder / "m.csv", index=False)
    >>> synthetic.mentee_export(8).to_csv(folder / "e.csv", index=False)
    >>> result = init_round(folder / "m.csv", folder / "e.csv", folder / "round.toml")
    >>> result.warnings, sorted(result.mentors.columns)[:3]
    ([], ['about', 'capacity', 'city'])
    """
    output = Path(output)
    if output.exists() and not overwrite:
        raise InputError(f"{output} already exists; choose another name with -o, or pass "
                         "--force to replace it")
    mentors, mentees = Path(mentors), Path(mentees)
    found: dict[str, Detection] = {}
    tables = {}
    warnings = []
    paths = {"mentors": (mentors, mentors_sheet), "mentees": (mentees, mentees_sheet)}
    first: dict[str, Detection] = {}
    for role, (path, sheet) in paths.items():
        tables[role] = fold_questions(read_table(path, sheet, language))
        if any(EMAIL_LIKE.fullmatch(str(h).strip()) for h in tables[role].columns):
            # a sign-up taken for the header row: a config cannot name its columns, and its
            # answers (e-mail, free text) must not be echoed as headers
            raise InputError(f"{Path(path).name}: " + i18n.t("init.no_header_row", language))
        first[role] = detect_columns(tables[role], role)
    # both forms ask the same questions in their own words: a choice column one form's answers
    # leave undecided is read again together with the other form's column of the family
    for role, other in (("mentors", "mentees"), ("mentees", "mentors")):
        found[role] = detect_columns(tables[role], role,
                                     family_options(found.get(other, first[other])), first[role])
    sheets = {role: chosen_sheet(tables[role]) for role in tables}
    # the other sheets of a workbook whose sheet of sign-ups was chosen by content
    other_sheets = {role: ", ".join(repr(n) for n in tables[role].attrs["sheets"] if n != sheets[role])
                    for role in tables if sheets[role]}
    for role, (path, _) in paths.items():
        detection = found[role]
        if sheets[role]:
            warnings.append(f"{path.name}: " + i18n.t("init.sheet_chosen", language,
                                                      sheet=sheets[role], others=other_sheets[role],
                                                      config=output.name))
        warnings += [f"{path.name}: {note}" for note in reading_notes(tables[role], language)]
        warnings += [f"{path.name}: {note.shown(language) if isinstance(note, Note) else note}"
                     for note in detection.notes]
        headers = ", ".join(repr(str(h)) for h in detection.unmapped[:12])
        for missing in detection.missing:
            what = i18n.t("init.missing_email", language) if missing == "email" else f"'{missing}'"
            warnings.append(f"{path.name}: " + i18n.t(
                "init.missing", language, what=what, role=role, name=missing, config=output.name,
                headers=headers))
    reading = read_answers(tables, {role: found[role].columns for role in found})
    answers = reading.answers()
    base = output.resolve().parent
    write_config(output, name=name or base.name or "Mentoring round",
                 mentors_file=_relative(mentors, base), mentees_file=_relative(mentees, base),
                 mentor_columns=found["mentors"].columns, mentee_columns=found["mentees"].columns,
                 mentor_sheet=mentors_sheet or sheets["mentors"],
                 mentee_sheet=mentees_sheet or sheets["mentees"],
                 sheet_notes=other_sheets,
                 detections=(found["mentors"], found["mentees"]), answers=answers, language=language)
    return InitResult(path=output, mentors=found["mentors"], mentees=found["mentees"],
                      answers=_low_confidence_first(answers), warnings=warnings)


def chosen_sheet(table: pd.DataFrame) -> str | None:
    """The sheet the reader chose by content for ``table``, or None when configured or the only one."""
    return table.attrs["sheet"] if table.attrs.get("sheet_chosen") else None


def _low_confidence_first(answers: pd.DataFrame) -> pd.DataFrame:
    """Answers by confidence, then most rows first, then file order (a stable sort)."""
    order = np.lexsort((-answers["rows"].to_numpy(), answers["confidence"].to_numpy()))
    return answers.iloc[order].reset_index(drop=True)


def format_answers(answers: pd.DataFrame, language: str = "en") -> str:
    """The alignment ``matcher init`` prints: one line per distinct answer, with the concept it
    was read as, its rows, the confidence and how it was read; headings, methods and decimals in
    ``language`` (the concepts' labels are the config's, which stay English).

    >>> frame = pd.DataFrame([{"role": "mentees", "column": "goals", "kind": "goals",
    ...     "answer": "Getting to know work life", "label": "working-life culture", "rows": 14,
    ...     "confidence": 0.25, "method": "meaning"}])
    >>> print(format_answers(frame))
    confidence  method   form     column  rows  answer                     read as
          0.25  meaning  mentees  goals     14  Getting to know work life  working-life culture
    """
    answer = [_clip(a, 48) for a in answers["answer"]]
    label = [_clip(a, 40) for a in answers["label"]]
    method = [i18n.t(f"method.{m}", language) if f"method.{m}" in i18n.MESSAGES else m
              for m in answers["method"]]
    # the levels language answers were named with, in a last column when any answer has one
    levels = [_levels_named(v, language) for v in answers.get("levels", [()] * len(answers))]
    header = tuple(i18n.t(f"init.heading.{name}", language) for name in (
        "confidence", "method", "form", "column", "rows", "answer", "read_as", "levels"))
    widths = [max([len(h)] + [len(str(v)) for v in values]) for h, values in (
        (header[1], method), (header[2], answers["role"]), (header[3], answers["column"]),
        (header[4], answers["rows"]), (header[5], answer), (header[6], label))]
    shown = header if any(levels) else header[:-1]
    lines = [shown]
    lines += [(i18n.number(c, language, 2), m, f, k, str(r), a, b, *([v] if any(levels) else []))
              for c, m, f, k, r, a, b, v in zip(answers["confidence"], method, answers["role"],
                                                answers["column"], answers["rows"], answer, label,
                                                levels)]
    out = []
    for c, m, f, k, r, a, b, *v in lines:
        last = f"{b:<{widths[5]}}  {v[0]}" if v else b
        out.append(f"{c:>10}  {m:<{widths[0]}}  {f:<{widths[1]}}  {k:<{widths[2]}}  "
                   f"{r:>{widths[3]}}  {a:<{widths[4]}}  {last}".rstrip())
    return "\n".join(out)


def _levels_named(levels: object, language: str) -> str:
    """A language answer's levels as ``format_answers`` shows them ("native 20, none given 3").

    >>> _levels_named(((4, 20), (1, 2), (None, 3)), "en")
    'native 20, basic 2, none given 3'
    """
    if not isinstance(levels, tuple):
        return ""  # a table of answers without the column (or not a language answer)
    return ", ".join(f"{i18n.t(f'level.{level}' if level else 'init.no_level', language)} {rows}"
                     for level, rows in levels)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def _relative(path: Path, base: Path) -> str:
    path = path.resolve()
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def _one_line(text: str) -> str:
    """``text`` on one line (a TOML comment ends at a line break: a header's or option's own
    breaks become spaces)."""
    return re.sub(r"\s+", " ", text)


def _comment(text: str, prefix: str, width: int = 100) -> list[str]:
    """``text`` as comment lines of at most about ``width`` characters, each opened by ``prefix``."""
    return [prefix + line for line in textwrap.wrap(_one_line(text), width - len(prefix),
                                                     break_long_words=False, break_on_hyphens=False)]


def _q(text: str) -> str:
    """A TOML basic string (JSON string escapes are valid TOML)."""
    return json.dumps(str(text), ensure_ascii=False)


def _toml_bool(value: bool) -> str:
    return "true" if value else "false"


def _or(choices: tuple[str, ...]) -> str:
    """``"a, b or c"``: the allowed values as a config comment lists them."""
    return ", ".join(choices[:-1]) + " or " + choices[-1]


def write_config(path: str | Path, name: str, mentors_file: str, mentees_file: str,
                 mentor_columns: dict[str, str], mentee_columns: dict[str, str],
                 mentor_sheet: str | None = None, mentee_sheet: str | None = None,
                 detections: tuple[Detection, Detection] | None = None,
                 sheet_notes: dict[str, str] | None = None,
                 answers: pd.DataFrame | None = None, language: str = "en") -> Path:
    """Write a commented round config (TOML) with every section at its default; return the path.

    ``detections`` adds the detection notes (scores, unmapped headers, TODOs) as comments and
    ``answers`` (an answer reading, :data:`matcher.intake.answers.ANSWER_COLUMNS`) writes every
    answer that is not an exact built-in name as an active ``[vocabulary.*]`` entry, so the
    config that runs is the reading ``init`` showed.

    Examples
    --------
    >>> import tempfile
    >>> from matcher.config import load_config
    >>> p = write_config(Path(tempfile.mkdtemp()) / "round.toml", "Spring", "m.xlsx", "e.xlsx",
    ...                  {"email": "Email", "languages": "Kielet"}, {"email": "Email"})
    >>> load_config(p).mentors.columns
    {'email': 'Email', 'languages': 'Kielet'}
    """
    path = Path(path)
    mentors_detection, mentees_detection = detections or (None, None)
    lines = [
        "# Round config for matcher. Check it with `matcher validate " + path.name + "`, then",
        "# match with `matcher run " + path.name + "`. Relative paths are relative to this file's folder.",
        "",
        "[round]",
        "# The round's name, shown in reports.",
        f"name = {_q(name)}",
        "# Folder `matcher run` writes pairings and the report into.",
        'output = "output"',
        "# Language of the workbook, the report, the letters and the messages: en (the default),",
        "# fi or sv.",
        f"language = {_q(language)}" if language != "en" else '# language = "fi"',
        "",
    ]
    for role, file, sheet, columns, detection in (
            ("mentors", mentors_file, mentor_sheet, mentor_columns, mentors_detection),
            ("mentees", mentees_file, mentee_sheet, mentee_columns, mentees_detection)):
        lines += _source_section(role, file, sheet, columns, detection, language,
                                 (sheet_notes or {}).get(role))
    defaults, read = Defaults(), ReadConfig()
    lines += [
        "[read]",
        "# Separators between the answers of a multi-select question, tried in this order",
        "# (Microsoft Forms writes 'Finnish;English;', Google Forms 'Finnish, English', Jotform one",
        "# a line); a column written one option a line is cut at line breaks alone.",
        f"separators = [{', '.join(_q(s) for s in read.separators)}]",
        f"# When the same e-mail signs up twice: {_or(DUPLICATE_POLICIES)} (the others are reported).",
        f"duplicates = {_q(read.duplicates)}",
        "",
        "[defaults]",
        "# Used when an answer is missing.",
        f"capacity = {defaults.capacity}          # mentees per mentor",
        f"max_mentors = {defaults.max_mentors}       # mentors per mentee",
        f"language_level = {_q(defaults.language_level)}   # a language named without a level: "
        f"{_or(LANGUAGE_LEVELS)}",
        f"meeting_mode = {_q(defaults.meeting_mode)}   # {_or(MEETING_MODES)}",
        "",
    ]
    lines += _vocabulary_section(answers)
    scoring, constraints, solver = ScoringConfig(), ConstraintConfig(), SolverConfig()
    related = ", ".join("[" + ", ".join(_q(k) for k in group) + "]" for group in scoring.related_fields)
    lines += [
        "[scoring]",
        "# Pairs scoring below this total (0-100) are never proposed.",
        f"min_score = {scoring.min_score:g}",
        "# Fields that count as related (half a field match by default).",
        f"related_fields = [{related}]",
        f"related_field_score = {scoring.related_field_score:g}",
        "# In person, the location score halves every this many km between the two people.",
        f"distance_half_km = {scoring.distance_half_km:g}",
        "# Goals that count only when the mentor's field is the mentee's or a related one.",
        f"field_dependent_goals = [{', '.join(_q(g) for g in scoring.field_dependent_goals)}]",
        "",
        "[scoring.weights]",
        "# How much each part of the match counts; normalised to sum to 1.",
        *[f"{key} = {value:g}" for key, value in DEFAULT_WEIGHTS.items()],
        "",
        "[constraints]",
        "# A mentor and mentee from the same organisation are never paired (conflict of interest).",
        f"same_organisation = {_toml_bool(constraints.same_organisation)}",
        "# An in-person-only participant is never paired with a remote-only one.",
        f"meeting_mode = {_toml_bool(constraints.meeting_mode)}",
        "# ...nor with anyone further away than this (km between municipal centres), unless both",
        "# live in one commuting area (the Helsinki region's 14 municipalities); 0 = no limit.",
        f"max_distance_km = {constraints.max_distance_km:g}",
        "# Eligibility rules: a person who fails one is not matched and is listed under",
        "# 'Not included' with the reason (so is anyone who answered the consent question no or",
        "# left it blank), e.g. mentors with at least 3 years in Finnish working life:",
        '# rules = [{who = "mentor", field = "years_in_finland", op = ">=", value = 3}]',
        "# Pairs the coordinator fixes or rules out, by id or e-mail, e.g.",
        '# locked = [{mentee = "aino@example.org", mentor = "eero@example.com"}]',
        '# forbidden = [{mentee = "...", mentor = "..."}]',
        "# or from a CSV file with columns mentee, mentor:",
        '# locked_file = "locked.csv"',
        "",
        *_wishes_section(mentee_columns),
        "[solver]",
        "# coverage: match as many mentees as possible, then the best total score;",
        "# total: the best total score; fair: raise the worst-matched mentee first.",
        f"objective = {_q(solver.objective)}",
        f"engine = {_q(solver.engine)}",
        "",
    ]
    return atomic_write_text(path, "\n".join(lines))


def _wishes_section(mentee_columns: dict[str, str]) -> list[str]:
    """``[wishes]`` with each stated wish at its default, saying whether the form asks it."""
    wishes = WishConfig()
    asked = {"gender": "gender_preference", "same_field": "same_field_only",
             "language": "mentoring_language"}
    what = {"gender": "a mentor of a given gender", "same_field": "a mentor from the same field only",
            "language": "mentoring in a given language"}
    lines = ["[wishes]",
             "# A mentee's stated wishes: hard = never paired against the wish (the Unmatched",
             "# reason says so when no mentor can meet it); soft = allowed, but the pair loses",
             "# `penalty` points and its explanation says so; off = ignored."]
    for wish, column in asked.items():
        found = "asked in the mentee form" if column in mentee_columns else "not asked in the mentee form"
        lines.append(f"{wish} = {_q(wishes.mode(wish))}   # {what[wish]} ({found})")
    return lines + [f"penalty = {wishes.penalty:g}", ""]


def _source_section(role: str, file: str, sheet: str | None, columns: dict[str, str],
                    detection: Detection | None, language: str = "en",
                    other_sheets: str | None = None) -> list[str]:
    """``[role]`` and ``[role.columns]``: the file, its sheet (with the other sheets when it was
    chosen by content), how its columns were read (headers on two rows, folded questions:
    :func:`reading_notes`) and each field's header with what detected it, the notes in the
    round's ``language``."""
    who = "mentor" if role == "mentors" else "mentee"
    lines = [
        f"# The {who} sign-ups.",
        f"[{role}]",
        f"file = {_q(file)}",
        *(["# " + i18n.t("config.sheet_chosen", language, sheets=other_sheets)]
          if other_sheets else []),
        f"sheet = {_q(sheet)}" if sheet else
        "# sheet = \"Form1\"   # not given: the only sheet, or the one of sign-ups by content",
        "",
    ]
    read = reading_notes(detection.reading, language) if detection is not None else []
    if read:
        lines.append("# " + i18n.t("config.reading", language))
        lines += [line for note in read for line in _comment(note, "#   ")]
    lines += ["# matcher's field = the form's column header. Columns not listed are carried through.",
              f"[{role}.columns]"]
    fields = MENTOR_FIELDS if role == "mentors" else MENTEE_FIELDS
    for name in fields:
        if name in columns:
            note = ""
            if detection is not None and name in detection.by_content:
                evidence = detection.by_content[name]
                shown = evidence.shown(language) if isinstance(evidence, Note) else evidence
                note = "   # " + _one_line(i18n.t("config.detected_by_answers", language,
                                                  evidence=shown))
            elif detection is not None and name in detection.scores:
                note = "   # " + i18n.t("config.detected_score", language,
                                        score=i18n.number(detection.scores[name], language, None))
            lines.append(f"{name} = {_q(columns[name])}{note}")
    if detection is not None:
        for missing in detection.missing:
            lines.append(f'# TODO: {missing} = "<header of the {missing} column>"   '
                         "# not recognised: fill in before validating")
        if detection.unmapped:
            lines.append("# Not mapped (carried through untouched): "
                         + ", ".join(_q(h) for h in detection.unmapped))
        left = [f for f in fields if f not in columns and f not in detection.missing]
        if left:
            lines.append(f"# Not found in the file (defaults apply): {', '.join(left)}")
    return lines + [""]


def _vocabulary_section(answers: pd.DataFrame | None) -> list[str]:
    lines = ["# How the answers of the choice questions are read. Built-in names (English, Finnish and",
             "# Swedish) need no entry; every other answer found in the files is listed under the key",
             "# it was read as: move an answer to another key's list to correct the reading, or give",
             "# it a key of its own. Keys: matcher.vocab.keys(kind); a new key adds a new category."]
    unsure = answers[answers["method"] != "exact"] if answers is not None else None
    if unsure is None or unsure.empty:
        return lines + ["# Every answer in the files is a built-in name.", ""]
    for kind in vocab.KINDS:
        of_kind = unsure[unsure["kind"] == kind]
        if of_kind.empty:
            continue
        lines += ["", f"[vocabulary.{kind}]"]
        # keys by their least confident answer, so what most needs a look comes first
        order = of_kind.groupby("key", sort=False)["confidence"].min().sort_values(kind="stable")
        for key in order.index:
            entries = of_kind[of_kind["key"] == key].drop_duplicates("answer")
            for item in entries.itertuples():
                rows = f"{item.rows} row{'s' if item.rows != 1 else ''}"
                how = {"exact": "name", "abbreviation": "abbreviation", "corrected": "typo",
                       "meaning": "meaning",
                       "aligned": f"same as the other form's {_q(item.runner_up)}",
                       "elimination": (f"paired with the other form's {_q(item.runner_up)}, "
                                       "the answers left on both" if item.runner_up else
                                       "the concept only the other form had otherwise"),
                       "own": "a category of its own"}[item.method]
                lines.append(f"#   {_q(item.answer)}: {item.role} {item.column}, {rows}, "
                             f"{how}, confidence {item.confidence:.2f}")
            lines.append(f"{_toml_key(key)} = [{', '.join(_q(a) for a in entries['answer'])}]")
    return lines + [""]


def _toml_key(key: str) -> str:
    """A TOML key: bare when it can be, quoted otherwise."""
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _q(key)
