"""The fifth held-out split's own exports (:data:`EXPORT_STYLES`), as :mod:`matcher.evaluation` writes them.

Four tools and habits of Finnish programmes that no other style imitates, each asking where people
live and how they want to meet as well, the mentor form's questions worded unlike the mentee
form's:

``qualtrics_en_fi``
    a university career service's two Qualtrics surveys as CSV (UTF-8 with BOM): three header rows
    (the question's code "Q4", its text, an ``{"ImportId": ...}`` line), the survey's own columns
    first (dates, "Status", "Progress", "Duration (in seconds)", "ResponseId", "UserLanguage" ...),
    the multi-select's text ending "- Selected Choice" with the chosen options joined by "," and
    an empty "- Other - Text" column after it; the mentees' survey in English, the alumni
    mentors' in Finnish;
``kobo_fi``
    a KoboToolbox CSV of an integration-training organisation's Finnish forms, as Kobo writes it by
    default: ";" between cells, each question headed by its group and label
    ("Toiveet/Missä asioissa toivot tukea?"), the multi-select as one column per option
    ("group/question/option") holding 1 or 0, Kobo's "start" and "end" first and its "_id",
    "_uuid", "_submission_time" ... "_index" last;
``msforms_fi_en``
    a Microsoft Forms .xlsx from a Finnish account of a bilingual (Finnish / English) form: the
    account's own columns in Finnish, "Sähköposti" saying "anonymous" and "Nimi" blank (the form
    did not ask people to sign in, it asks the e-mail and name as questions), every option offered
    in both languages ("suomeksi / in English"), and the answers people typed themselves (their
    languages, their town) in Finnish or in English, as each preferred;
``excel_resaved_sv``
    a Swedish Google Forms CSV that the coordinator opened in Excel on a Finnish computer and saved
    again: UTF-8 with BOM, ";" between cells, Windows line ends, the timestamps rewritten
    "5.1.2026 10:15", the first and last name asked apart, and the languages asked as two
    questions: the mother tongue by name alone, the other languages with their level.

Example
-------
>>> EXPORT_STYLES
('qualtrics_en_fi', 'kobo_fi', 'msforms_fi_en', 'excel_resaved_sv')
>>> sorted(LANGUAGE_OF[form] for form in EXPORT_STYLES)
['en', 'fi', 'fi', 'sv']
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pandas as pd

EXPORT_STYLES = ("qualtrics_en_fi", "kobo_fi", "msforms_fi_en", "excel_resaved_sv")
#: the language each form's mentees answer in (:data:`ROLE_LANGUAGE` where the mentors differ)
LANGUAGE_OF = {"qualtrics_en_fi": "en", "kobo_fi": "fi", "msforms_fi_en": "fi", "excel_resaved_sv": "sv"}
#: the alumni mentors answer the career service's Finnish survey
ROLE_LANGUAGE = {"qualtrics_en_fi": {"mentors": "fi"}}
#: the export each form is written like (:data:`matcher.evaluation._STYLE_OF`)
STYLE_OF = {"qualtrics_en_fi": "google", "kobo_fi": "google", "msforms_fi_en": "microsoft",
            "excel_resaved_sv": "google"}
#: how the CSV forms are written: Kobo's ";", Excel's re-save with BOM, ";" and CRLF
FILES: dict[str, tuple[str, dict[str, Any]]] = {
    "kobo_fi": (".csv", {"sep": ";"}),
    "excel_resaved_sv": (".csv", {"sep": ";", "encoding": "utf-8-sig", "lineterminator": "\r\n"})}
#: Microsoft Forms numbers its responses in "Tunnus"
ID_COLUMNS = {"msforms_fi_en": ("Tunnus", 1)}
#: columns the tools add (:data:`matcher.evaluation._EXTRA_COLUMNS`)
EXTRA_COLUMNS: dict[str, dict[str, tuple[str | None, str | tuple[str, ...] | None]]] = {
    "kobo_fi": {"end": ("email", "time")},
    "msforms_fi_en": {"Aloitusaika": ("time", "time"), "Sähköposti": ("email", ("anonymous",)),
                      "Nimi": ("email", None), "Viimeksi muokattu": ("email", None)},
    "excel_resaved_sv": {"Efternamn": ("field", ("Lindholm", "Virtanen", "Nyström", "Korhonen", "Ekman",
                                                 "Aalto", "Sjöberg"))}}
#: how each form writes its submission time (``day``, ``minute``)
TIME_FORMATS = {"qualtrics_en_fi": "2026-01-{day:02d} 10:{minute:02d}:42",
         "kobo_fi": "2026-01-{day:02d}T10:{minute:02d}:03.512+02:00",
         "msforms_fi_en": "{day}.1.2026 10.{minute:02d}.33", "excel_resaved_sv": "{day}.1.2026 10:{minute:02d}"}
#: Kobo's "separate columns" multi-select: "group/question/option", 1 when chosen (:data:`UNCHOSEN`)
OPTION_COLUMNS: dict[str, tuple[str, str | int, str | None]] = {"kobo_fi": ("{question}/{option}", 1, None)}
#: what an option's column holds when the option was not chosen, where not blank
UNCHOSEN = {"kobo_fi": 0}
#: what a form puts between the chosen options of a multi-select, where not what it puts between
#: the languages people typed: Qualtrics joins the choices with a bare ","
CHOICE_SEPARATORS = {"qualtrics_en_fi": ","}
#: forms offering every option in two languages: ``{form: second language}``; the answers people
#: typed (languages, town) are in one of the two, as each person preferred
BILINGUAL = {"msforms_fi_en": "en"}
#: forms asking the mother tongue as a question of its own (``native``), by name alone, and the
#: other languages with their level in ``languages``
NATIVE_LANGUAGE = frozenset({"excel_resaved_sv"})
#: Qualtrics' own columns, the start date first and the others after it, before the questions:
#: ``(code, text, import id)``, its three header rows
_QUALTRICS_START = ("StartDate", "Start Date", '{"ImportId":"startDate","timeZone":"Europe/Helsinki"}')
_QUALTRICS_COLUMNS = (("EndDate", "End Date", '{"ImportId":"endDate","timeZone":"Europe/Helsinki"}'),
                      ("Status", "Response Type", '{"ImportId":"status"}'),
                      ("IPAddress", "IP Address", '{"ImportId":"ipAddress"}'),
                      ("Progress", "Progress", '{"ImportId":"progress"}'),
                      ("Duration (in seconds)", "Duration (in seconds)", '{"ImportId":"duration"}'),
                      ("Finished", "Finished", '{"ImportId":"finished"}'),
                      ("RecordedDate", "Recorded Date", '{"ImportId":"recordedDate","timeZone":"Europe/Helsinki"}'),
                      ("ResponseId", "Response ID", '{"ImportId":"_recordId"}'),
                      ("RecipientLastName", "Recipient Last Name", '{"ImportId":"recipientLastName"}'),
                      ("RecipientFirstName", "Recipient First Name", '{"ImportId":"recipientFirstName"}'),
                      ("RecipientEmail", "Recipient Email", '{"ImportId":"recipientEmail"}'),
                      ("ExternalReference", "External Data Reference", '{"ImportId":"externalDataReference"}'),
                      ("LocationLatitude", "Location Latitude", '{"ImportId":"locationLatitude"}'),
                      ("LocationLongitude", "Location Longitude", '{"ImportId":"locationLongitude"}'),
                      ("DistributionChannel", "Distribution Channel", '{"ImportId":"distributionChannel"}'),
                      ("UserLanguage", "User Language", '{"ImportId":"userLanguage"}'))
#: how the multi-select's "Other" text column is named, per the survey's language
_QUALTRICS_OTHER = {"en": "Other", "fi": "Muu, mikä?"}
#: Kobo's own columns after the questions
_KOBO_META = ("_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status",
              "_submitted_by", "__version__", "_tags", "_index")

HEADERS = {
    # Qualtrics: the question texts (its codes are added when it is written, :func:`qualtrics_rows`)
    "qualtrics_en_fi": {"time": "StartDate", "email": "Your university email address",
                        "name": "Your first and last name",
                        "field": "Which sector would you like to build your career in?",
                        "city": "Which municipality do you live in?",
                        "languages": "List the languages you know, each with your level",
                        "goals": "What would you like your mentor to help you with? Select all that apply.",
                        "meeting_mode": "How would you prefer to meet your mentor?",
                        "goals_text": "What would make the mentoring year worthwhile for you?"},
    "kobo_fi": {"time": "start", "email": "Perustiedot/Sähköpostiosoite", "name": "Perustiedot/Etu- ja sukunimi",
                "field": "Osaaminen/Millä alalla haluaisit työskennellä Suomessa?",
                "city": "Perustiedot/Kotikunta",
                "languages": "Osaaminen/Mitä kieliä osaat? Kirjoita myös taitotaso.",
                "goals": "Toiveet/Missä asioissa toivot tukea mentorilta?",
                "meeting_mode": "Toiveet/Miten haluaisit tavata mentorin?",
                "goals_text": "Toiveet/Kerro vielä omin sanoin, mitä odotat mentoroinnilta"},
    "msforms_fi_en": {"time": "Valmistumisaika", "email": "Sähköpostiosoite / Email address",
                      "name": "Nimi / Name", "field": "Toivottu ammattiala / Field you want to work in",
                      "city": "Asuinkunta / Municipality of residence",
                      "languages": "Kielitaito / Language skills",
                      "goals": "Mihin haluat tukea? / What would you like support with?",
                      "meeting_mode": "Tapaamisten muoto / How to meet",
                      "goals_text": "Muuta kerrottavaa? / Anything else?"},
    "excel_resaved_sv": {"time": "Tidstämpel", "email": "E-postadress", "name": "Förnamn",
                         "field": "Inom vilket område vill du jobba?", "city": "Hemkommun",
                         "native": "Modersmål", "languages": "Andra språk du talar och din nivå",
                         "goals": "Vad önskar du stöd med?", "meeting_mode": "Hur vill du helst träffas?",
                         "goals_text": "Berätta gärna mer om vad du hoppas på"},
}
#: the mentor form's questions, worded unlike the mentee form's
ROLE_HEADERS = {
    "qualtrics_en_fi": {"email": "Sähköpostiosoitteesi", "name": "Etu- ja sukunimesi",
                        "field": "Nykyinen tehtäväsi tai toimialasi", "city": "Asuinkuntasi",
                        "languages": "Millä kielillä voisit mentoroida? Kerro myös taitotasosi.",
                        "topics": "Missä asioissa voisit tukea opiskelijaa? Valitse kaikki sopivat.",
                        "meeting_mode": "Miten haluaisit tavata mentoroitavasi?",
                        "about": "Kerro lyhyesti urapolustasi",
                        "capacity": "Montako opiskelijaa voisit mentoroida lukuvuoden aikana?"},
    "kobo_fi": {"field": "Mentorina/Nykyinen ammattisi tai toimialasi",
                "languages": "Mentorina/Millä kielillä voit mentoroida? Kirjoita myös taitotaso.",
                "topics": "Mentorina/Missä asioissa voisit auttaa?",
                "meeting_mode": "Mentorina/Miten haluaisit tavata mentoroitavan?",
                "about": "Mentorina/Kerro lyhyesti työhistoriastasi",
                "capacity": "Mentorina/Montako mentoroitavaa voit ottaa?"},
    "msforms_fi_en": {"field": "Ammattisi / Your profession", "city": "Kotikunta / Home town",
                      "languages": "Mentorointikielet / Languages you can mentor in",
                      "topics": "Missä voit auttaa? / What can you help with?",
                      "meeting_mode": "Miten haluat tavata? / How would you like to meet?",
                      "about": "Kerro itsestäsi / About you",
                      "capacity": "Mentoroitavien määrä / Number of mentees"},
    "excel_resaved_sv": {"field": "Ditt yrke just nu", "city": "Var bor du?", "native": "Ditt modersmål",
                         "languages": "Andra språk du kan mentorera på (och nivå)",
                         "topics": "Vad kan du hjälpa en adept med?", "meeting_mode": "Hur vill du träffa din adept?",
                         "about": "Kort om din yrkesbana", "capacity": "Hur många adepter kan du ta?"},
}


def bilingual(first: str, second: str) -> str:
    """An option offered in two languages, as a bilingual form writes it.

    >>> bilingual("Kumpikin sopii", "Either way is fine")
    'Kumpikin sopii / Either way is fine'
    """
    return f"{first} / {second}"


def qualtrics_rows(table: pd.DataFrame, headers: dict[str, str], question: str, lang: str) -> pd.DataFrame:
    """``table`` (one column a question, its submission time first) as Qualtrics exports it: the
    survey's own columns after the start date, the chosen options' ``question`` marked
    "- Selected Choice" and followed by its empty "Other" text column, and three header rows,
    the codes, the texts and the import ids, as the table's first three rows.

    >>> table = pd.DataFrame({"StartDate": ["2026-01-05 10:15:42"], "Email": ["a@example.org"],
    ...                       "Topics": ["A,B"]})
    >>> rows = qualtrics_rows(table, {"time": "StartDate"}, "Topics", "en")
    >>> list(rows.iloc[:3, -2])
    ['Q2', 'Topics - Selected Choice', '{"ImportId":"QID2"}']
    >>> list(rows.iloc[:3, -1])
    ['Q2_99_TEXT', 'Topics - Other - Text', '{"ImportId":"QID2_99_TEXT"}']
    """
    n = len(table)
    time = table[headers["time"]]
    emails = table.iloc[:, 1]
    own = {"EndDate": time, "Status": ["IP Address"] * n, "IPAddress": [""] * n, "Progress": ["100"] * n,
           "Duration (in seconds)": [str(180 + 37 * i % 900) for i in range(n)], "Finished": ["True"] * n,
           "RecordedDate": time,
           "ResponseId": ["R_" + hashlib.md5(str(e).encode()).hexdigest()[:15] for e in emails],
           "RecipientLastName": [""] * n, "RecipientFirstName": [""] * n, "RecipientEmail": [""] * n,
           "ExternalReference": [""] * n, "LocationLatitude": [""] * n, "LocationLongitude": [""] * n,
           "DistributionChannel": ["anonymous"] * n, "UserLanguage": [lang.upper()] * n}
    codes, texts, ids = [_QUALTRICS_START[0]], [_QUALTRICS_START[1]], [_QUALTRICS_START[2]]
    columns: list[Any] = [list(time)]
    for code, text, import_id in _QUALTRICS_COLUMNS:
        codes.append(code)
        texts.append(text)
        ids.append(import_id)
        columns.append(list(own[code]))
    for number, name in enumerate((c for c in table.columns if c != headers["time"]), start=1):
        codes.append(f"Q{number}")
        ids.append(json.dumps({"ImportId": f"QID{number}"}, separators=(",", ":")))
        columns.append(list(table[name]))
        if name != question:
            texts.append(name)
            continue
        texts.append(f"{name} - Selected Choice")
        codes.append(f"Q{number}_99_TEXT")
        texts.append(f"{name} - {_QUALTRICS_OTHER[lang]} - Text")
        ids.append(json.dumps({"ImportId": f"QID{number}_99_TEXT"}, separators=(",", ":")))
        columns.append([""] * n)
    body = pd.DataFrame(dict(enumerate(columns)))
    return pd.concat([pd.DataFrame([codes, texts, ids]), body], ignore_index=True)


def kobo_meta(table: pd.DataFrame, form: str, role: str) -> pd.DataFrame:
    """``table`` with KoboToolbox's own columns after the questions (:data:`_KOBO_META`): the
    submission's number and uuid, when the server received it, its status and form version.

    >>> table = kobo_meta(pd.DataFrame({"start": ["2026-01-05T10:15:03.512+02:00"]}), "kobo_fi", "mentees")
    >>> list(table.columns[-3:]), table["_index"].tolist()
    (['__version__', '_tags', '_index'], [1])
    """
    n = len(table)
    first = 48_211 if role == "mentees" else 51_907
    uuid = [hashlib.md5(f"{form} {role} {i}".encode()).hexdigest() for i in range(n)]
    values = {"_id": range(first, first + n), "_uuid": [f"{u[:8]}-{u[8:12]}-{u[12:16]}-{u[16:20]}-{u[20:]}" for u in uuid],
              "_submission_time": [str(t)[:19] for t in table.iloc[:, 0]], "_validation_status": [""] * n,
              "_notes": [""] * n, "_status": ["submitted_via_web"] * n, "_submitted_by": [""] * n,
              "__version__": ["vQm3kYtR8hFzWcN2aP5sLd"] * n, "_tags": [""] * n, "_index": range(1, n + 1)}
    return table.assign(**{column: list(values[column]) for column in _KOBO_META})


#: the tool's own columns after the questions: ``{form: a function of (table, form, role)}``
AFTER_QUESTIONS = {"kobo_fi": kobo_meta}
#: forms written with three header rows (:func:`qualtrics_rows`)
THREE_HEADER_ROWS = frozenset({"qualtrics_en_fi"})
