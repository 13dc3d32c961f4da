"""The eighth held-out split's own exports (:data:`HELDOUT8_EXPORTS`), as :mod:`matcher.evaluation` writes them.

Four tools and habits no other style imitates, each asking where people live and how they want to
meet as well, the mentor form's questions worded unlike the mentee form's:

``zoho_jobtitle_en``
    a Zoho Forms CSV of two English forms, saved with a UTF-8 byte-order mark and CRLF line ends:
    "Added Time" first ("05-Jan-2026 10:15:33"), Zoho's "Referrer Name", "Task Owner" and "IP
    Address" columns, and the field asked as a free-text job title ("Current or last job title");
``lomake_rows_sv``
    a Swedish e-form export under two header rows: the question over the first of its option
    columns, the options under it, each option's cell 1 when chosen and 0 when not;
``hr_system_fi``
    a Finnish programme run by an employer: the mentors come from the HR system's .xlsx report
    (sheet "Raportti", "Henkilönumero" and "Yksikkö" columns, the expertise areas and the language
    skills each a "; " list, a skill "language - level"), the mentees from a Google Forms CSV;
``formsapp_en_fi``
    a Forms.app CSV of an English mentee and a Finnish mentor form, a "Response ID" first, every
    multi-select and the languages joined by " | ".

Example
-------
>>> HELDOUT8_EXPORTS
('zoho_jobtitle_en', 'lomake_rows_sv', 'hr_system_fi', 'formsapp_en_fi')
>>> sorted(HELDOUT8_FORM_LANGUAGES[form] for form in HELDOUT8_EXPORTS)
['en', 'en', 'fi', 'sv']
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

HELDOUT8_EXPORTS = ("zoho_jobtitle_en", "lomake_rows_sv", "hr_system_fi", "formsapp_en_fi")
#: the language each form's mentees answer in (:data:`HELDOUT8_MENTOR_LANGUAGES` where the mentors differ)
HELDOUT8_FORM_LANGUAGES = {"zoho_jobtitle_en": "en", "lomake_rows_sv": "sv", "hr_system_fi": "fi", "formsapp_en_fi": "en"}
#: the mentors answer the programme's Finnish form
HELDOUT8_MENTOR_LANGUAGES = {"formsapp_en_fi": {"mentors": "fi"}}
#: the export each form is written like (:data:`matcher.evaluation._STYLE_OF`)
HELDOUT8_WRITTEN_LIKE = dict.fromkeys(HELDOUT8_EXPORTS, "google")
#: exports saved their own way: (suffix, :meth:`pandas.DataFrame.to_csv` options)
HELDOUT8_FILES: dict[str, tuple[str, dict[str, Any]]] = {
    "zoho_jobtitle_en": (".csv", {"encoding": "utf-8-sig", "lineterminator": "\r\n"})}
#: what goes between a multi-select's options and between the languages (Forms.app's " | ")
HELDOUT8_SEPARATORS = {"formsapp_en_fi": " | "}
#: columns the tools add (:data:`matcher.evaluation._EXTRA_COLUMNS`)
HELDOUT8_ADDED_COLUMNS: dict[str, dict[str, tuple[str | None, str | tuple[str, ...] | None]]] = {
    "zoho_jobtitle_en": {"Referrer Name": (None, ("https://www.example.org/mentoring", "", "")),
                         "Task Owner": (None, None),
                         "IP Address": (None, ("192.0.2.31", "198.51.100.4", "203.0.113.58"))}}
#: how each form writes its submission time (``day``, ``minute``)
HELDOUT8_SUBMISSION_TIMES = {"zoho_jobtitle_en": "{day:02d}-Jan-2026 10:{minute:02d}:33",
                    "lomake_rows_sv": "{day}.1.2026 kl. 10:{minute:02d}",
                    "hr_system_fi": "{day}.1.2026 10:{minute:02d}",
                    "formsapp_en_fi": "2026-01-{day:02d}T10:{minute:02d}:00.000Z"}
#: how a form asks the languages written, (mentee, mentor): the HR report's "language - level"
HELDOUT8_LANGUAGE_FORMATS = {"hr_system_fi": ("{language}: {level}", "{language} - {level}")}
#: the HR report's separator between expertise areas and between language skills
HR_LIST = "; "

HELDOUT8_QUESTIONS = {
    "zoho_jobtitle_en": {"time": "Added Time", "email": "Email", "name": "Name",
                         "field": "Current or last job title", "city": "City of residence",
                         "languages": "Languages you speak (with level)",
                         "goals": "What would you like a mentor's help with?",
                         "meeting_mode": "Preferred way of meeting", "goals_text": "Your hopes for the programme"},
    "lomake_rows_sv": {"time": "Inlämnad", "email": "E-post", "name": "Namn", "field": "Önskad bransch",
                       "city": "Hemort", "languages": "Dina språk och nivå",
                       "goals": "Vad vill du få stöd med? (flera val)", "meeting_mode": "Mötesform",
                       "goals_text": "Berätta fritt om dina mål"},
    "hr_system_fi": {"time": "Aikaleima", "email": "Sähköpostiosoite", "name": "Etu- ja sukunimi",
                     "field": "Miltä alalta etsit töitä?", "city": "Kotipaikkakunta",
                     "languages": "Kielitaitosi (kieli: taso)", "goals": "Missä kaipaat mentorin apua?",
                     "meeting_mode": "Miten haluat tavata?", "goals_text": "Kerro tavoitteistasi omin sanoin"},
    "formsapp_en_fi": {"time": "Submission Date", "email": "Your email address", "name": "Full name",
                       "field": "Which line of work are you aiming for?", "city": "Where do you live?",
                       "languages": "Languages and how well you speak them",
                       "goals": "Pick the topics you want support with", "meeting_mode": "Meeting preference",
                       "goals_text": "What would make this mentoring a success for you?"},
}
#: the mentor form's questions (the HR report's columns), worded unlike the mentee form's
HELDOUT8_MENTOR_QUESTIONS = {
    "zoho_jobtitle_en": {"field": "Job title", "city": "Home town", "languages": "Languages you can mentor in (level)",
                         "topics": "Topics you could help with", "meeting_mode": "How you'd like to meet",
                         "about": "Short bio", "capacity": "Number of mentees you can take"},
    "lomake_rows_sv": {"field": "Yrke", "city": "Bostadsort", "languages": "Språk du kan mentorera på",
                       "topics": "Vad kan du hjälpa till med? (flera val)", "meeting_mode": "Hur vill du träffas?",
                       "about": "Kort om din bakgrund", "capacity": "Antal adepter"},
    "hr_system_fi": {"time": "Päivitetty", "email": "Työsähköposti", "name": "Nimi", "field": "Työnimike",
                     "city": "Toimipaikka", "languages": "Kielitaito", "topics": "Osaamisalueet",
                     "meeting_mode": "Tapaamismuoto", "about": "Esittely", "capacity": "Mentoroitavien määrä"},
    "formsapp_en_fi": {"time": "Lähetetty", "email": "Sähköpostiosoitteesi", "name": "Koko nimi",
                       "field": "Nykyinen ammattisi", "city": "Asuinkuntasi", "languages": "Kielet ja taitotaso",
                       "topics": "Aiheet, joissa voit tukea", "meeting_mode": "Toivottu tapaamistapa",
                       "about": "Muutama sana urastasi", "capacity": "Kuinka monta mentoroitavaa?"},
}


def option_flags(headers: dict[str, str], side: int, offered: dict[str, str],
                 chosen: dict[str, str]) -> dict[Any, int]:
    """The multi-select as one column per option under the question, 1 chosen and 0 not; the
    columns keyed ``(question, option)`` for :func:`write_two_rows`.

    >>> option_flags({"goals": "Help?"}, 0, {"a": "CV", "b": "Tax"}, {"b": "Tax"})
    {('Help?', 'CV'): 0, ('Help?', 'Tax'): 1}
    """
    question = headers["topics" if side else "goals"]
    return {(question, text): int(key in chosen) for key, text in offered.items()}


def hr_areas(headers: dict[str, str], side: int, offered: dict[str, str],
             chosen: dict[str, str]) -> dict[str, str]:
    """The goals as the two sides write them: the HR report's expertise areas a ``"; "`` list,
    the mentee form's checkboxes joined by ", ".

    >>> hr_areas({"goals": "Apua?", "topics": "Osaaminen"}, 1, {}, {"a": "CV", "b": "Verot"})
    {'Osaaminen': 'CV; Verot'}
    """
    return {headers["topics" if side else "goals"]: (HR_LIST if side else ", ").join(chosen.values())}


#: forms writing their multi-select their own way (:data:`matcher.evaluation._CHOICE_COLUMNS`)
HELDOUT8_CHOICE_COLUMNS: dict[str, Callable[[dict[str, str], int, dict[str, str], dict[str, str]], dict[Any, Any]]] = {
    "lomake_rows_sv": option_flags, "hr_system_fi": hr_areas}


def _token(*parts: object) -> str:
    return hashlib.md5(" ".join(map(str, parts)).encode()).hexdigest()


def hr_columns(table: pd.DataFrame, form: str, role: str) -> pd.DataFrame:
    """The HR report's own columns before the mentors' answers: "Henkilönumero" and "Yksikkö";
    the mentee form has none.

    >>> list(hr_columns(pd.DataFrame({"Nimi": ["A"]}), "hr_system_fi", "mentors").columns)
    ['Henkilönumero', 'Yksikkö', 'Nimi']
    """
    if role != "mentors":
        return table
    units = ("Talous", "Tuotanto", "Asiakaspalvelu", "IT-palvelut")
    added = {"Henkilönumero": [f"{40310 + 7 * i}" for i in range(len(table))],
             "Yksikkö": [units[i % len(units)] for i in range(len(table))]}
    return pd.concat([pd.DataFrame(added, index=table.index), table], axis=1)


def response_ids(table: pd.DataFrame, form: str, role: str) -> pd.DataFrame:
    """Forms.app's "Response ID" before the answers, a 24-digit hex token.

    >>> len(response_ids(pd.DataFrame({"a": [1]}), "formsapp_en_fi", "mentees").iloc[0, 0])
    24
    """
    ids = [_token(form, role, i)[:24] for i in range(len(table))]
    return pd.concat([pd.DataFrame({"Response ID": ids}, index=table.index), table], axis=1)


#: the tools' own columns added around the questions (:data:`matcher.evaluation._AFTER_QUESTIONS`)
HELDOUT8_TOOL_COLUMNS = {"hr_system_fi": hr_columns, "formsapp_en_fi": response_ids}


def write_two_rows(table: pd.DataFrame, headers: dict[str, str], folder: Path, role: str) -> Path:
    """``table`` as a CSV under two header rows: a ``(question, option)`` column's question over
    the first of its columns and its option under it, every other column's heading over a blank."""
    top: list[str] = []
    under: list[str] = []
    for column in table.columns:
        question, option = column if isinstance(column, tuple) else (column, "")
        top.append("" if isinstance(column, tuple) and top and question in top else question)
        under.append(option)
    path = folder / f"{role}.csv"
    rows = pd.DataFrame([top, under, *table.astype(object).where(table.notna(), "").to_numpy().tolist()])
    rows.to_csv(path, index=False, header=False)
    return path


def write_hr_report(table: pd.DataFrame, headers: dict[str, str], folder: Path, role: str) -> Path:
    """The mentors as the HR system's .xlsx report (sheet "Raportti", the language skills a
    ``"; "`` list as the report lists them), the mentees as their Google Forms CSV."""
    if role != "mentors":
        path = folder / f"{role}.csv"
        table.to_csv(path, index=False)
        return path
    # the framework joins a person's languages by ", " (no language phrase of the split holds one)
    report = table.assign(**{headers["languages"]: table[headers["languages"]].str.replace(", ", HR_LIST)})
    path = folder / f"{role}.xlsx"
    report.to_excel(path, index=False, sheet_name="Raportti")
    return path


#: forms written by a writer of their own (:data:`matcher.evaluation._WRITERS`)
HELDOUT8_WRITERS: dict[str, Callable[[pd.DataFrame, dict[str, str], Path, str], Path]] = {
    "lomake_rows_sv": write_two_rows, "hr_system_fi": write_hr_report}
