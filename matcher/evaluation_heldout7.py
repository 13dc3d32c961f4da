"""The seventh held-out split's own exports (:data:`HELDOUT7_STYLES`), as :mod:`matcher.evaluation` writes them.

Four tools and habits of Finnish programmes that no other style imitates, each asking where people
live and how they want to meet as well, the mentor form's questions worded unlike the mentee
form's:

``ods_municipal_fi``
    a Finnish municipality's employment services keep their sign-ups in LibreOffice Calc and send
    the .ods file: one sheet "Ilmoittautuneet", the times as date cells shown "5.1.2026 10:15",
    the row numbers and places as number cells, runs of empty cells written once with a repeat
    count as Calc does, short Finnish headings, the options joined by ", ", the mother tongue
    ("Äidinkieli") asked apart from the other languages and their levels ("Muut kielet ja taso"),
    and the case worker's own columns (initials, a status) after the answers;
``tally_en``
    a Tally CSV of two English forms: "Submission ID" and "Respondent ID" (short tokens) before
    "Submitted at", and the checkboxes question written twice, once as one column of the chosen
    options joined by ", " and once as one "Question (Option)" column per option holding
    ``true`` or ``false``;
``google_sections_sv_fi``
    a Google Forms CSV of a programme whose mentee form is Swedish and mentor form Finnish, each
    asking the goals (topics) in two sections, two checkbox questions: the job search first and
    working life and everyday matters after, every person's choices spread over both;
``msforms_organiser_en``
    a Microsoft Forms .xlsx of an English form after the organiser worked on it: some headings
    renamed ("Contact e-mail"), rows coloured by how far each person got, a "Notes" and a
    "Matched?" column added, the header frozen under a filter; answers no option offered typed into
    "Other" by each person in their own case and spacing, and the languages asked as "Which
    languages can you use at work? (choose all)", their names alone, no levels.

Example
-------
>>> HELDOUT7_STYLES
('ods_municipal_fi', 'tally_en', 'google_sections_sv_fi', 'msforms_organiser_en')
>>> sorted(FORM_LANGUAGES[form] for form in HELDOUT7_STYLES)
['en', 'en', 'fi', 'sv']
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pandas as pd

HELDOUT7_STYLES = ("ods_municipal_fi", "tally_en", "google_sections_sv_fi", "msforms_organiser_en")
#: the language each form's mentees answer in (:data:`MENTOR_LANGUAGES` where the mentors differ)
FORM_LANGUAGES = {"ods_municipal_fi": "fi", "tally_en": "en", "google_sections_sv_fi": "sv",
               "msforms_organiser_en": "en"}
#: the mentors answer the programme's Finnish form
MENTOR_LANGUAGES = {"google_sections_sv_fi": {"mentors": "fi"}}
#: the export each form is written like (:data:`matcher.evaluation._STYLE_OF`): how its
#: multi-selects are joined
WRITTEN_LIKE = {"ods_municipal_fi": "google", "tally_en": "google", "google_sections_sv_fi": "google",
            "msforms_organiser_en": "microsoft"}
#: the first column of the exports that number their rows: ``(column, first number)``
NUMBERED_ROWS = {"ods_municipal_fi": ("Nro", 1), "msforms_organiser_en": ("ID", 1)}
#: columns the tools and organisers add (:data:`matcher.evaluation._EXTRA_COLUMNS`)
ADDED_COLUMNS: dict[str, dict[str, tuple[str | None, str | tuple[str, ...] | None]]] = {
    "ods_municipal_fi": {"Käsittelijä": (None, ("MK", "", "JL", "MK")),
                         "Tila": (None, ("haastateltu", "", "odottaa", "", "haastateltu"))},
    "msforms_organiser_en": {"Start time": ("time", "time"), "Last modified time": ("field", None),
                             "Notes": (None, ("", "called 14 Jan", "", "prefers evenings", "", "",
                                              "came via the library info session", "")),
                             "Matched?": (None, ("", "", "yes", ""))}}
#: how each form writes its submission time (``day``, ``minute``); Calc's are date cells
SUBMISSION_TIMES = {"ods_municipal_fi": "2026-01-{day:02d}T10:{minute:02d}:00",
                "tally_en": "2026-01-{day:02d} 08:{minute:02d}:19",
                "google_sections_sv_fi": "2026-01-{day:02d} 10:{minute:02d}:47",
                "msforms_organiser_en": "1/{day}/26 10:{minute:02d}:05"}
#: forms asking the mother tongue as a question of its own (``native``), by name alone
MOTHER_TONGUE_APART = frozenset({"ods_municipal_fi"})
#: how a form asks the languages written: the names alone (a choose-all question, no levels)
NAMES_ONLY = {"msforms_organiser_en": ("{language}", "{language}")}
#: forms where people typed the answers no option offered into "Other" (:data:`matcher.evaluation._TYPED`)
TYPED_OTHER = {"msforms_organiser_en": ("other", 0.5)}
#: the goals asked in the first section of a form that asks them in two; the others come after
JOB_SEARCH_GOALS = frozenset({"career_change", "entrepreneurship", "field_requirements", "job_search_skills",
                              "job_search_support", "networking", "salary_negotiation", "strengths",
                              "studies", "work_trial"})

QUESTIONS = {
    "ods_municipal_fi": {"time": "Saapunut", "email": "Sähköposti", "name": "Nimi",
                         "field": "Toivottu ala", "city": "Asuinpaikka", "native": "Äidinkieli",
                         "languages": "Muut kielet ja taso", "goals": "Mihin toivot tukea",
                         "meeting_mode": "Tapaamiset", "goals_text": "Asiakkaan omat toiveet"},
    "tally_en": {"time": "Submitted at", "email": "Email", "name": "What should we call you?",
                 "field": "What kind of work are you looking for?", "city": "Which city do you live in?",
                 "languages": "Your languages (and how well you know each)",
                 "goals": "Where would a mentor help you most?", "meeting_mode": "How would you like to meet?",
                 "goals_text": "Anything else you'd like to share?"},
    "google_sections_sv_fi": {"time": "Tidstämpel", "email": "E-postadress", "name": "Ditt namn",
                              "field": "Vilken bransch vill du jobba i?", "city": "Var bor du just nu?",
                              "languages": "Vilka språk kan du, och hur bra?",
                              "goals": "Jobbsökning: vad vill du ha hjälp med?",
                              "goals_more": "Arbetsliv och vardag: vad mer vill du ha stöd med?",
                              "meeting_mode": "Hur vill du träffa din mentor?",
                              "goals_text": "Vad hoppas du få ut av programmet?"},
    # the organiser renamed the account's "Email" and "Name" columns and the languages question
    "msforms_organiser_en": {"time": "Completion time", "email": "Contact e-mail", "name": "Participant",
                             "field": "Which field would you like to work in?",
                             "city": "Which town do you live in?",
                             "languages": "Which languages can you use at work? (choose all)",
                             "goals": "What would you like support with?",
                             "meeting_mode": "How would you like to meet your mentor?",
                             "goals_text": "What do you hope to get out of mentoring?"},
}
#: the mentor form's questions, worded unlike the mentee form's
MENTOR_QUESTIONS = {
    "ods_municipal_fi": {"field": "Ammatti", "city": "Kotikunta", "native": "Oma äidinkieli",
                         "languages": "Muut kielet, joilla voi mentoroida (taso)", "topics": "Voi tukea näissä",
                         "meeting_mode": "Tapaamistapa", "about": "Työtausta", "capacity": "Mentoroitavia max"},
    "tally_en": {"field": "What do you do for a living?", "city": "Where are you based?",
                 "languages": "Which languages could you mentor in? Add your level.",
                 "topics": "What could you help a newcomer with?",
                 "meeting_mode": "How would you prefer to meet your mentee?",
                 "about": "Tell us a bit about your career", "capacity": "How many mentees can you take?"},
    "google_sections_sv_fi": {"time": "Aikaleima", "email": "Sähköpostiosoite", "name": "Nimesi",
                              "field": "Mikä on ammattisi?", "city": "Millä paikkakunnalla asut?",
                              "languages": "Millä kielillä voit mentoroida ja kuinka hyvin?",
                              "topics": "Työnhaku: missä voisit auttaa mentoroitavaa?",
                              "topics_more": "Työelämä ja arki: missä muussa voisit auttaa?",
                              "meeting_mode": "Miten haluaisit tavata mentoroitavan?",
                              "about": "Kerro lyhyesti työurastasi", "capacity": "Montako mentoroitavaa voit ottaa?"},
    "msforms_organiser_en": {"field": "Your profession", "city": "Town you live in",
                             "languages": "Which languages can you mentor in? (choose all)",
                             "topics": "What can you help a mentee with?",
                             "meeting_mode": "How would you like to meet your mentee?",
                             "about": "A few words about your career", "capacity": "Max. number of mentees"},
}


def tally_choices(headers: dict[str, str], side: int, offered: dict[str, str],
                  chosen: dict[str, str]) -> dict[str, str]:
    """A checkboxes question as Tally exports it: the chosen options joined by ", " under the
    question, then one ``"question (option)"`` column per option, ``true`` or ``false``.

    >>> tally_choices({"goals": "Help?"}, 0, {"a": "CV", "b": "Tax"}, {"b": "Tax"})
    {'Help?': 'Tax', 'Help? (CV)': 'false', 'Help? (Tax)': 'true'}
    """
    question = headers["topics" if side else "goals"]
    return {question: ", ".join(chosen.values()),
            **{f"{question} ({text})": "true" if key in chosen else "false" for key, text in offered.items()}}


def two_sections(headers: dict[str, str], side: int, offered: dict[str, str],
                 chosen: dict[str, str]) -> dict[str, str]:
    """The goals (topics) asked as two checkbox questions: the job search ones
    (:data:`JOB_SEARCH_GOALS`) first, the others in the second; each joined by ", ".

    >>> two_sections({"goals": "Job search?", "goals_more": "Anything else?"}, 0, {},
    ...              {"networking": "People", "taxes": "Tax card"})
    {'Job search?': 'People', 'Anything else?': 'Tax card'}
    """
    first, second = ("topics", "topics_more") if side else ("goals", "goals_more")
    return {headers[first]: ", ".join(t for k, t in chosen.items() if k in JOB_SEARCH_GOALS),
            headers[second]: ", ".join(t for k, t in chosen.items() if k not in JOB_SEARCH_GOALS)}


#: forms writing their multi-select their own way: ``{form: a function of (headers, side, every
#: option by key, the chosen ones by key)}`` returning the columns
CHOICE_COLUMNS: dict[str, Callable[[dict[str, str], int, dict[str, str], dict[str, str]], dict[str, str]]] = {
    "tally_en": tally_choices, "google_sections_sv_fi": two_sections}


def tally_ids(table: pd.DataFrame, form: str, role: str) -> pd.DataFrame:
    """``table`` with Tally's "Submission ID" and "Respondent ID" first, six-character tokens.

    >>> table = tally_ids(pd.DataFrame({"Submitted at": ["2026-01-05 08:15:19"]}), "tally_en", "mentees")
    >>> list(table.columns), len(table.iloc[0, 0])
    (['Submission ID', 'Respondent ID', 'Submitted at'], 6)
    """
    def token(*parts: object) -> str:
        digest = int(hashlib.md5(" ".join(map(str, parts)).encode()).hexdigest(), 16)
        alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
        return "".join(alphabet[(digest >> (6 * i)) % 62] for i in range(6))

    ids = {"Submission ID": [token(form, role, "submission", i) for i in range(len(table))],
           "Respondent ID": [token(form, role, "respondent", i) for i in range(len(table))]}
    return pd.concat([pd.DataFrame(ids, index=table.index), table], axis=1)


#: the tool's own columns added around the questions: ``{form: a function of (table, form, role)}``
TOOL_COLUMNS = {"tally_en": tally_ids}

_ODS_NAMESPACES = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                   'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
                   'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
_ODS_MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest='
                 '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                 '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type='
                 '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
                 'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
#: the sheet Calc's workbook keeps the sign-ups on
ODS_SHEET = "Ilmoittautuneet"


def _ods_cell(value: Any, kind: str) -> str:
    """One cell of an OpenDocument sheet: ``kind`` ``"date"`` (an ISO date-time shown the Finnish
    way), ``"float"`` or ``"string"`` (a line break a paragraph of its own)."""
    if kind == "date":
        stamp = pd.Timestamp(value)
        shown = f"{stamp.day}.{stamp.month}.{stamp.year} {stamp.hour}:{stamp.minute:02d}"
        return (f'<table:table-cell office:value-type="date" office:date-value="{stamp.isoformat()}">'
                f"<text:p>{shown}</text:p></table:table-cell>")
    if kind == "float":
        return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
    paragraphs = "".join(f"<text:p>{escape(line)}</text:p>" for line in str(value).split("\n"))
    return f'<table:table-cell office:value-type="string">{paragraphs}</table:table-cell>'


def _ods_row(cells: list[tuple[Any, str]]) -> str:
    """A sheet row, each run of empty cells written once with its count (as Calc saves them), up to
    the last column."""
    out: list[str] = []
    empty = 0
    for value, kind in [*cells, ("end", "")]:  # a last, unwritten cell ends the trailing run
        if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
            empty += 1
            continue
        if empty:
            out.append(f'<table:table-cell table:number-columns-repeated="{empty}"/>' if empty > 1
                       else "<table:table-cell/>")
            empty = 0
        if kind:
            out.append(_ods_cell(value, kind))
    return f"<table:table-row>{''.join(out)}</table:table-row>"


def write_ods(table: pd.DataFrame, headers: dict[str, str], folder: Path, role: str) -> Path:
    """``table`` as a LibreOffice Calc .ods of one sheet (:data:`ODS_SHEET`): the submission
    times date cells, the row numbers and places number cells, the rest text; the archive's
    ``mimetype`` first and stored, as OpenDocument asks, and fixed times, so the file is the same
    byte for byte each time."""
    numbers = {"Nro", headers.get("capacity")}
    kinds = ["date" if column == headers["time"] else "float" if column in numbers else "string"
             for column in table.columns]
    rows = [_ods_row([(column, "string") for column in table.columns])]
    rows += [_ods_row(list(zip(values, kinds))) for values in table.itertuples(index=False, name=None)]
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {_ODS_NAMESPACES} '
               f'office:version="1.3"><office:body><office:spreadsheet><table:table table:name={quoteattr(ODS_SHEET)}>'
               f'<table:table-column table:number-columns-repeated="{len(table.columns)}"/>{"".join(rows)}'
               "</table:table></office:spreadsheet></office:body></office:document-content>")
    path = folder / f"{role}.ods"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data, method in (("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED),
                                   ("META-INF/manifest.xml", _ODS_MANIFEST, zipfile.ZIP_DEFLATED),
                                   ("content.xml", content, zipfile.ZIP_DEFLATED)):
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 15, 9, 0, 0))
            info.compress_type = method
            archive.writestr(info, data)
    return path


#: the fills an organiser gave rows by how far each person got (every third, every fifth row)
_ROW_FILLS = (("C6EFCE", 3), ("FFEB9C", 5))


def write_organiser_book(table: pd.DataFrame, headers: dict[str, str], folder: Path, role: str) -> Path:
    """``table`` as a Microsoft Forms .xlsx after the organiser worked on it: the header bold,
    frozen and under a filter, some rows filled green or yellow (contacted, waiting)."""
    from openpyxl.styles import Font, PatternFill

    path = folder / f"{role}.xlsx"
    with pd.ExcelWriter(path, engine="openpyxl") as book:
        table.to_excel(book, index=False, sheet_name="Sheet1")
        sheet = book.sheets["Sheet1"]
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in range(2, len(table) + 2):
            for colour, every in _ROW_FILLS:
                if row % every == 0:
                    for cell in sheet[row]:
                        cell.fill = PatternFill("solid", start_color=colour, end_color=colour)
                    break
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    return path


#: forms written by a writer of their own: ``{form: a function of (table, headers, folder, role)}``
#: returning the file's path
WRITERS: dict[str, Callable[[pd.DataFrame, dict[str, str], Path, str], Path]] = {
    "ods_municipal_fi": write_ods, "msforms_organiser_en": write_organiser_book}
