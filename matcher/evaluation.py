"""Measure how well intake reads unseen forms: generated exports, ``init`` then ``run``, no edits.

The exports are worded from :file:`evaluation_phrases.toml`, paraphrases of the seed pages'
mentoring topics and common fields in English, Finnish and Swedish that the vocabulary never saw
(the ``test`` split is checked to stay out of ``matcher/vocab``). Mentor and mentee forms use
different wordings of each concept, and three export styles:

``google``
    Google Forms CSV, English options joined with ", " (some options hold commas);
``microsoft``
    Microsoft Forms .xlsx, Finnish options, each followed by ";";
``excel``
    a Finnish Excel CSV (";" between cells, UTF-8 with BOM), Swedish options joined with ", ";
``google_fi``, ``google_sv``, ``microsoft_en`` (:data:`MORE_FORMS`)
    the same two Forms exports in Finnish, Swedish and English, with their own question wording;
    the ``heldout`` split runs them too (:func:`forms`).

The ``heldout`` split (:file:`evaluation_phrases_heldout.toml`) also words the languages people
speak, their levels and how the two are written together; the other splits use fixed names.
``heldout2`` (:file:`evaluation_phrases_heldout2.toml`, a second split written apart from the
reader's tuning) does too, and has its own exports (:data:`HELDOUT2_FORMS`): ``webropol_fi``
(Webropol .xlsx, numbered Finnish questions, a multi-select as one 1/blank column per option),
``msforms_sv`` (Microsoft Forms .xlsx in Swedish with its start and last-modified columns),
``google_grid`` (Google Forms CSV whose languages question is a grid, "Language skills
[Finnish]" answered with a level) and ``excel_numbered`` (a hand-made Excel ";" CSV in
Windows-1252, numbered Finnish/English questions, the mentors answering in Finnish and the
mentees in English); in each, the mentor form's questions are worded unlike the mentee form's.
``heldout3`` (:file:`evaluation_phrases_heldout3.toml`, a third split written apart from the
reader's tuning, languages and levels worded too) has four exports of its own
(:data:`HELDOUT3_FORMS`): ``surveymonkey_en`` (SurveyMonkey CSV: its respondent, collector, date,
IP and contact columns first, two header rows, the question and then "Response" or the option, the
multi-select one column per option holding the option's text, and an empty "Other (please
specify)"), ``jotform_fi`` (Jotform CSV in Finnish: long sentence questions, the options and the
languages one a line in their cell, yes/no consent columns last), ``google_sv_other`` (Swedish
Google Forms CSV: the answers no option offered typed into "Annat" by each person in their own
case and spacing, languages as free text with the level in brackets) and ``msforms_titled`` (an
organiser's copy of a Finnish Microsoft Forms .xlsx: a title row and a blank row above the header,
the mentors answering a Swedish form and the mentees a Finnish one, some answers typed in by hand
with stray spaces and case).
``heldout4`` (:file:`evaluation_phrases_heldout4.toml`, a fourth split written apart from the
reader's tuning, which also words the cities people live in and how they want to meet) has four
exports of its own (:data:`HELDOUT4_FORMS`), each asking a city and a meeting-mode question too:
``limesurvey_fi`` (LimeSurvey CSV, every cell quoted, "question code & question text" headings
such as "G02Q06[SQ001]. Missä asioissa ...? [option]" answered "Kyllä", its own id, submit date,
last page, language and seed columns first), ``typeform_en`` (Typeform CSV: a response token in
"#", conversational questions, the multi-select one column per option headed by the option's own
text and holding it when chosen, an "Other" column, the dates and "Network ID" last),
``sheets_sv_en`` (a Google Sheets .xlsx of the responses: sheet "Formulärsvar 1", two merged
title rows above the header, real date cells, a coordinator's "Status" column, the mentors
answering a Swedish form and the mentees an English one) and ``coordinator_fi`` (a coordinator's
hand-kept Finnish .xlsx: an instructions sheet first and the data on the second, a blank column,
a notes column, a blank row and a totals row under the data, trailing spaces in the headers, the
answers partly typed by hand in the typist's case and spacing, "; " between them).
``heldout5`` (:file:`evaluation_phrases_heldout5.toml`, a fifth split written apart from the
reader's tuning, its wordings of cities and meeting modes too) has four exports of its own
(:data:`HELDOUT5_FORMS`, described in :mod:`matcher.evaluation_heldout5`): ``qualtrics_en_fi``
(a university career service's Qualtrics CSV, three header rows, an English mentee and a Finnish
mentor survey), ``kobo_fi`` (KoboToolbox ";" CSV, "group/question" headings, 1/0 option columns),
``msforms_fi_en`` (a bilingual Finnish/English Microsoft Forms .xlsx, "anonymous" in its e-mail
column, the options in both languages) and ``excel_resaved_sv`` (a Swedish CSV re-saved by Excel:
BOM, ";", CRLF, the mother tongue asked apart from the other languages).
``heldout7`` (:file:`evaluation_phrases_heldout7.toml`, a seventh split written apart from the
reader's tuning: every field, goal and language concept of the other splits, levels, cities with
their districts and meeting modes) has four exports of its own (:data:`HELDOUT7_FORMS`, described
in :mod:`matcher.evaluation_heldout7`): ``ods_municipal_fi`` (a municipality's LibreOffice Calc
.ods, date and number cells, the mother tongue asked apart), ``tally_en`` (a Tally CSV, its
checkboxes joined and again one true/false column per option), ``google_sections_sv_fi`` (a Google
Forms CSV asking the goals in two sections, a Swedish mentee and a Finnish mentor form) and
``msforms_organiser_en`` (an English Microsoft Forms .xlsx an organiser renamed, coloured and
annotated, "Other" typed answers, the languages a choose-all question without levels).
``heldout8`` (:file:`evaluation_phrases_heldout8.toml`, written apart from the reader likewise)
has four exports of its own (:data:`HELDOUT8_FORMS`, described in :mod:`matcher.evaluation_heldout8`):
``zoho_jobtitle_en`` (a Zoho Forms CSV, BOM and CRLF, the field a free-text job title),
``lomake_rows_sv`` (a Swedish e-form CSV under two header rows, 1/0 option columns),
``hr_system_fi`` (an HR system's .xlsx report of mentors, "; " lists, and a Google Forms CSV of
mentees) and ``formsapp_en_fi`` (a Forms.app CSV joining its choices by " | ", an English mentee
and a Finnish mentor form).

The :data:`LANGUAGE_FORMS` (:mod:`matcher.evaluation_languages`) ask the languages or the goals
in one of their many shapes (a column per language, a mother tongue apart, ranked choices), each
with a ``_check`` variant worded otherwise that the reader was never tuned on.

The :data:`MIXED_FORMS` (``google_sv_en``, ``google_fi_en``, ``google_sv_fi``) are plain Google
Forms CSVs whose mentor form is in one language and mentee form in another (Swedish and English,
Finnish and English, Swedish and Finnish), each worded as that language's Google Forms export:
the cross-language pairing of options on its own, with no other oddity of the export.

The :data:`REWORDED` styles (``reworded_en``, ``reworded_fi``, ``reworded_sv``) ask every
question in words the header vocabulary of :mod:`matcher.detect` does not know ("What could your
meetings with a newcomer be about?", "Mitä puhut ja kuinka hyvin?", "Hemort"), add a meeting-mode
and a place question, and give levels as a numeric scale (English) or as words outside the
built-in level names (Finnish, Swedish), so ``init`` must find the columns by their answers.
``grid_en`` (Google Forms' "Section [item]" headers), ``numbered_sv`` (numbered Finnish headers
over Swedish answers, with words of other fields: "Tausta", "oman alasi", "tapaamisilta",
"kielen") and ``partitive_fi`` (Finnish partitive and illative headers) are short ones.

:func:`evaluate` writes one round, runs ``init`` and ``run`` as an organiser would, and compares
with the truth over every mentee × mentor pair: the same "same field?", the same number of the
mentee's goals the mentor offers, the same "a shared language?"; and the pairing's total true
score against the best pairing's (the true score: the round scored with the true answers).

Example
-------
>>> import tempfile
>>> result = evaluate(tempfile.mkdtemp(), "dev", "google", n_mentees=30, n_mentors=20)
>>> sorted(result)
['field', 'goals', 'language', 'worth']
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import hashlib
import json
import operator
import tomllib
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from matcher import evaluation_heldout5 as heldout5
from matcher import evaluation_heldout7 as heldout7
from matcher import evaluation_heldout8 as heldout8
from matcher import evaluation_languages as language_styles

FORMS = ("google", "microsoft", "excel")
#: export styles whose questions are worded unlike :data:`matcher.detect.KEYWORDS` (full
#: sentences, paraphrases, Finnish and Swedish inflection), so ``init`` must find the columns by
#: their answers; each is written like the built-in style it names, with its own level words and a
#: meeting-mode and a place question
REWORDED = {"reworded_en": "google", "reworded_fi": "microsoft", "reworded_sv": "google",
            "grid_en": "google", "numbered_sv": "google", "partitive_fi": "microsoft"}
#: grid (matrix) exports: languages as one column per language ("Language skills [Finnish]" =
#: "Native"), goals as one per option ("How important is this to you? [Networking]" = "Very
#: important"), topics as one per option answered yes or no; Google Forms writes the row columns
#: "Question [Row]", Microsoft Forms "Question.Row" (:mod:`matcher.grids`)
GRIDS = {"matrix_en": "google", "matrix_fi": "microsoft"}
#: the held-out split's own exports (:func:`forms`): the Forms exports in Finnish, Swedish, English
MORE_FORMS = ("google_fi", "google_sv", "microsoft_en")
#: the second held-out split's own exports (:func:`forms`), written like tools and habits no other
#: style imitates: a Webropol .xlsx whose multi-selects are one 1/blank column per option, a
#: Swedish Microsoft Forms .xlsx, a Google Forms CSV whose languages question is a grid
#: ("Language skills [Finnish]" answered with a level), and a hand-made Excel ";" CSV in Windows-1252
#: with numbered Finnish/English questions, a Finnish mentor form and an English mentee form; the
#: mentor questions of each are worded unlike the mentee ones (:data:`_ROLE_HEADERS`)
HELDOUT2_FORMS = ("webropol_fi", "msforms_sv", "google_grid", "excel_numbered")
#: the third held-out split's own exports (:func:`forms`), unlike every style above: a
#: SurveyMonkey CSV with two header rows (the question, then "Response" or the option) whose
#: multi-select is one column per option holding the option's text; a Jotform CSV in Finnish with
#: long sentence questions, options and languages one a line in their cell, and yes/no consent
#: columns; a Swedish Google Forms CSV whose off-list answers were typed into "Annat" (each person
#: in their own case and spacing) and whose languages are free text with the level in brackets;
#: and an organiser's copy of a Finnish Microsoft Forms .xlsx, a title row above the header, the
#: mentors answering in Swedish and the mentees in Finnish, stray spaces and case in the answers
HELDOUT3_FORMS = ("surveymonkey_en", "jotform_fi", "google_sv_other", "msforms_titled")
#: the fourth held-out split's own exports (:func:`forms`), unlike every style above, each asking
#: where people live and how they want to meet as well (:data:`_PLACE_QUESTIONS`): a LimeSurvey
#: CSV with coded headings ("G02Q06[SQ001]. question [option]" answered "Kyllä"); a Typeform CSV
#: whose multi-select columns are headed by the option alone; a Google Sheets .xlsx under merged
#: title rows with a Swedish mentor form and an English mentee form; and a coordinator's
#: hand-kept Finnish .xlsx, its data on the second sheet above a totals row
HELDOUT4_FORMS = ("limesurvey_fi", "typeform_en", "sheets_sv_en", "coordinator_fi")
#: dev exports whose every question is a long sentence, inflected, worded unlike the keywords of
#: :data:`matcher.detect.KEYWORDS` and the mentor form unlike the mentee one: the headers are read
#: by their lemmas (:mod:`matcher.headers`) together with the answers
SENTENCE_FORMS = ("sentences_en", "sentences_fi", "sentences_sv")
#: dev exports of other survey tools: ``qualtrics_en`` (a Qualtrics CSV: three header rows, the
#: question codes "Q1", "Q2"..., the question texts, the import ids ``{"ImportId":"QID1"}``; the
#: tool's own columns first, StartDate to UserLanguage with a latitude and a longitude; the
#: multi-select "Question - Selected Choice" joined by "," and its empty "- Other - Text" column)
#: and ``mothertongue_fi`` (a Finnish Google Forms CSV asking the mother tongue, a language name
#: alone, apart from the other languages and their levels, which many leave empty)
TOOL_FORMS = ("qualtrics_en", "mothertongue_fi")
#: exports whose two forms are in two languages and nothing else is unusual: a Google Forms CSV
#: each side, the mentors answering the first form named and the mentees the second, in that
#: form's language and question wording (:data:`_HEADERS`); the options of one topic share no
#: word across the two forms, so only the concepts' descriptions in both languages pair them
MIXED_FORMS = {"google_sv_en": ("google_sv", "google"), "google_fi_en": ("google_fi", "google"),
               "google_sv_fi": ("google_sv", "google_fi")}
#: the fifth held-out split's own exports (:mod:`matcher.evaluation_heldout5`, where each is
#: described), unlike every style above and asking where people live and how they meet too: a
#: Qualtrics CSV under three header rows (an English mentee and a Finnish mentor survey), a
#: KoboToolbox ";" CSV with "group/question" headings and 1/0 option columns, a bilingual
#: Finnish/English Microsoft Forms .xlsx, and a Swedish CSV re-saved by Excel (BOM, ";", CRLF)
#: asking the mother tongue apart from the other languages
HELDOUT5_FORMS = heldout5.EXPORT_STYLES
#: the seventh held-out split's own exports (:mod:`matcher.evaluation_heldout7`, where each is
#: described), unlike every style above and asking where people live and how they meet too: a
#: LibreOffice Calc .ods of a municipality asking the mother tongue apart, a Tally CSV writing its
#: checkboxes twice (joined, and one true/false column per option), a Google Forms CSV asking the
#: goals in two sections (a Swedish mentee and a Finnish mentor form), and a Microsoft Forms .xlsx
#: an organiser renamed, coloured and annotated, its languages a choose-all question without levels
HELDOUT7_FORMS = heldout7.HELDOUT7_STYLES
#: the eighth held-out split's own exports (:mod:`matcher.evaluation_heldout8`, where each is
#: described), asking where people live and how they meet too: a Zoho Forms CSV (BOM, CRLF) asking
#: the field as a free-text job title, a Swedish e-form CSV under two header rows with 1/0 option
#: columns, an employer's HR-system .xlsx of mentors with a Google Forms CSV of mentees, and a
#: Forms.app CSV (an English mentee and a Finnish mentor form) joining its choices by " | "
HELDOUT8_FORMS = heldout8.HELDOUT8_EXPORTS
#: dev exports asking where people live and how they want to meet (the ``dev_places`` and
#: ``dev_placescheck`` splits of :file:`evaluation_phrases_places.toml`): a Google Forms CSV in
#: English, a Microsoft Forms .xlsx in Finnish and a Finnish Excel CSV in Swedish, each the
#: style it names with a place and a meeting-mode question
PLACE_FORMS = ("places_en", "places_fi", "places_sv")
#: splits that word only places and meeting modes: their fields, goals and languages are
#: ``dev``'s (:func:`phrases`)
PLACE_SPLITS = ("dev_places", "dev_placescheck")
#: dev exports of language and ranked-choice questions in their shapes (language grids of one
#: column per language, a mother tongue asked apart, ranked goals), each with a ``_check``
#: variant never tuned on (:mod:`matcher.evaluation_languages`, where each is described)
LANGUAGE_FORMS = language_styles.STYLES
SPLITS = ("dev", "test", "blind", "heldout")
#: the goal and field wordings of :file:`evaluation_phrases_goals8.toml` (``dev_goals8`` tuned on,
#: ``dev_goals8check`` never): the three base exports and three whose answers are partly typed
#: ("Other" in Swedish, an organiser's titled copy, a Qualtrics CSV)
GOALS8_SPLITS = ("dev_goals8", "dev_goals8check")
GOALS8_FORMS = FORMS + ("google_sv_other", "msforms_titled", "qualtrics_en")
_LANGUAGE_OF = {"google": "en", "microsoft": "fi", "excel": "sv", "reworded_en": "en",
                "reworded_fi": "fi", "reworded_sv": "sv", "google_fi": "fi", "google_sv": "sv",
                "microsoft_en": "en", "grid_en": "en", "matrix_en": "en", "matrix_fi": "fi", "numbered_sv": "sv",
                "partitive_fi": "fi",
                "webropol_fi": "fi", "msforms_sv": "sv", "google_grid": "en", "excel_numbered": "fi",
                "surveymonkey_en": "en", "jotform_fi": "fi", "google_sv_other": "sv", "msforms_titled": "fi",
                "limesurvey_fi": "fi", "typeform_en": "en", "sheets_sv_en": "sv", "coordinator_fi": "fi",
                "sentences_en": "en", "sentences_fi": "fi", "sentences_sv": "sv", "qualtrics_en": "en",
                "mothertongue_fi": "fi", "places_en": "en", "places_fi": "fi", "places_sv": "sv",
                **heldout5.LANGUAGE_OF, **heldout7.FORM_LANGUAGES, **heldout8.HELDOUT8_FORM_LANGUAGES, **language_styles.STYLE_LANGUAGES}
#: forms whose two sides answer in different languages (an English form for the mentees, a
#: Swedish one for the mentors)
_ROLE_LANGUAGE = {"excel_numbered": {"mentees": "en"}, "msforms_titled": {"mentors": "sv"},
                  "sheets_sv_en": {"mentees": "en"}, **heldout5.ROLE_LANGUAGE,
                  **heldout7.MENTOR_LANGUAGES, **heldout8.HELDOUT8_MENTOR_LANGUAGES}
# the export a form is written as (separators, file type): the base styles are their own
_STYLE_OF = {**REWORDED, **GRIDS, "google_fi": "google", "google_sv": "google", "microsoft_en": "microsoft",
             "webropol_fi": "google", "msforms_sv": "microsoft", "google_grid": "google",
             "excel_numbered": "excel", "surveymonkey_en": "google", "jotform_fi": "google",
             "google_sv_other": "google", "msforms_titled": "microsoft", "limesurvey_fi": "google",
             "typeform_en": "google", "sheets_sv_en": "google", "coordinator_fi": "microsoft",
             "sentences_en": "google", "sentences_fi": "microsoft", "sentences_sv": "google",
             "qualtrics_en": "google", "mothertongue_fi": "google", **dict.fromkeys(MIXED_FORMS, "google"),
             "places_en": "google", "places_fi": "microsoft", "places_sv": "excel",
             **heldout5.STYLE_OF, **heldout7.WRITTEN_LIKE, **heldout8.HELDOUT8_WRITTEN_LIKE, **language_styles.BASE_STYLES}
#: exports not written the way their style is: (suffix, :meth:`pandas.DataFrame.to_csv` options)
_FILES: dict[str, tuple[str, dict[str, Any]]] = {
    "webropol_fi": (".xlsx", {}), "excel_numbered": (".csv", {"sep": ";", "encoding": "cp1252"}),
    "limesurvey_fi": (".csv", {"quoting": csv.QUOTE_ALL}), **heldout5.FILES, **heldout8.HELDOUT8_FILES,
    **language_styles.RESAVED_FILES}
#: the first column of the exports that number their respondents, where it is not "Id" from 1:
#: ``(column, first number)``
_ID_COLUMNS = {"webropol_fi": ("Vastaaja", 1), "msforms_sv": ("ID", 1), "msforms_titled": ("Tunnus", 1),
               "surveymonkey_en": ("Respondent ID", 118_226_457_301), "limesurvey_fi": ("id. Vastauksen ID", 412),
               "coordinator_fi": ("Nro", 1), **heldout5.ID_COLUMNS, **heldout7.NUMBERED_ROWS}
#: the first column of the exports that give each response a token (Typeform's "#"), not a number
_TOKEN_COLUMNS = {"typeform_en": "#"}
#: columns an export adds: ``{column: (the question it comes before or None for the end, what it
#: holds)}``; it holds a copy of the question named, nothing (None) or the answers given, in turn
_EXTRA_COLUMNS: dict[str, dict[str, tuple[str | None, str | tuple[str, ...] | None]]] = {
    "msforms_sv": {"Starttid": ("time", "time"), "Senaste ändringstid": ("field", None)},
    "msforms_titled": {"Aloitusaika": ("time", "time")},
    "surveymonkey_en": {"Collector ID": ("time", ("431907532",)), "End Date": ("email", "time"),
                        "IP Address": ("email", None), "Last Name": ("field", None),
                        "Custom Data 1": ("field", None)},
    "jotform_fi": {"Annan luvan tietojeni käsittelyyn mentoriparin muodostamiseksi.": (None, ("Kyllä",)),
                   "Saako sinuun olla yhteydessä ohjelman päätyttyä?": (None, ("Kyllä", "Ei", "Kyllä"))},
    "limesurvey_fi": {"lastpage. Viimeinen sivu": ("email", ("4",)), "startlanguage. Aloituskieli": ("email", ("fi",)),
                      "seed. Siemenluku": ("email", ("1838302446", "407551398", "1296870722")),
                      "startdate. Aloituspäivämäärä": ("email", "time"),
                      "datestamp. Viimeisimmän toiminnon päivämäärä": ("email", "time")},
    "typeform_en": {"Start Date (UTC)": ("time", "time"), "Network ID": (None, ("3b1f9a0c2e", "c72d41e8b0", "9e0a5d3f17")),
                    "Tags": (None, None)},
    "sheets_sv_en": {"Status": (None, ("Kontaktad", "", "Ny", "", "Kontaktad"))},
    "qualtrics_en": {"Start Date": ("time", "time"), "Response Type": ("email", ("IP Address",)),
                     "IP Address": ("email", ("192.0.2.14", "198.51.100.7", "203.0.113.92")),
                     "Progress": ("email", ("100",)), "Duration (in seconds)": ("email", ("412", "96", "1803")),
                     "Finished": ("email", ("True",)), "Recorded Date": ("email", "time"),
                     "Response ID": ("email", ("R_1dGx8kPq2", "R_3kWm0aZt7", "R_2bQe5nLs9")),
                     "Recipient Last Name": ("email", None), "Recipient First Name": ("email", None),
                     "Recipient Email": ("email", None), "External Data Reference": ("email", None),
                     "Location Latitude": ("email", ("60.1699", "61.4978", "65.0121")),
                     "Location Longitude": ("email", ("24.9384", "23.761", "25.4651")),
                     "Distribution Channel": ("email", ("anonymous",)), "User Language": ("email", ("EN",))},
    "coordinator_fi": {"": ("field", None),
                       "Huom.": (None, ("", "soitettu 14.1.", "", "", "ei vastannut sähköpostiin", "",
                                        "tuli paperilomakkeella", ""))},
    **heldout5.EXTRA_COLUMNS, **heldout7.ADDED_COLUMNS, **heldout8.HELDOUT8_ADDED_COLUMNS}
#: forms whose submission time is their last column (Typeform puts its dates after the questions)
_TIME_LAST = frozenset({"typeform_en"})
#: how a form writes its submission time (``day``, ``minute``); ISO by default
_TIMES = {"webropol_fi": "{day}.1.2026 10:{minute:02d}", "excel_numbered": "{day}.1.2026 10.{minute:02d}",
          "msforms_sv": "2026-01-{day:02d} 10:{minute:02d}:00", "google_grid": "2026/01/{day:02d} 10:{minute:02d}:00 AM GMT+2",
          "surveymonkey_en": "01/{day:02d}/2026 10:{minute:02d}:13 AM", "msforms_titled": "{day}.1.2026 10.{minute:02d}.41",
          "limesurvey_fi": "2026-01-{day:02d} 10:{minute:02d}:27", "typeform_en": "2026-01-{day:02d} 09:{minute:02d}:51",
          "coordinator_fi": "{day}.1.2026", **heldout5.TIME_FORMATS,
          **heldout7.SUBMISSION_TIMES, **heldout8.HELDOUT8_SUBMISSION_TIMES}
#: forms whose submission times are date cells, not text (a Google Sheets .xlsx)
_DATE_CELLS = frozenset({"sheets_sv_en"})
#: forms whose multi-select is one column per option: ``(heading, mark, other)``, the heading of
#: an option's column (the question, its ``code`` and ``text`` either side of its first ". ",
#: the option's ``number`` from 1 and the ``option``), what a chosen option's cell holds, and the
#: heading of the empty column for answers no option offered (None: no such column); Webropol
#: "question - option" and 1, LimeSurvey's coded subquestions and "Kyllä", Typeform the option alone
_OPTION_COLUMNS: dict[str, tuple[str, str | int, str | None]] = {
    "webropol_fi": ("{question} - {option}", 1, None),
    "limesurvey_fi": ("{code}[SQ{number:03d}]. {text} [{option}]", "Kyllä", "{code}[other]. {text} [Muu]"),
    "typeform_en": ("{option}", "{option}", "Other"), **heldout5.OPTION_COLUMNS}
#: forms whose multi-select is one column per option holding the option's text when chosen, under
#: two header rows (SurveyMonkey: the question over its first option column, then the option, or
#: "Response" / "Open-Ended Response" over a question of one column); an "Other" column too
_TWO_HEADER_ROWS = {"surveymonkey_en": ("Response", "Open-Ended Response", "Other (please specify)")}
#: what a form puts between the options of a multi-select and between the languages, where it is
#: not its style's (Jotform: one a line)
_SEPARATORS = {"jotform_fi": "\n", "coordinator_fi": "; ", "qualtrics_en": ",", **heldout8.HELDOUT8_SEPARATORS}
#: forms written under three header rows (Qualtrics): each column's code, its text and its
#: import id; the tool's own columns' codes (the others are "Q1", "Q2"... in order)
_CODE_ROWS = {"qualtrics_en": {
    "Start Date": "StartDate", "End Date": "EndDate", "Response Type": "Status", "IP Address": "IPAddress",
    "Progress": "Progress", "Duration (in seconds)": "Duration (in seconds)", "Finished": "Finished",
    "Recorded Date": "RecordedDate", "Response ID": "ResponseId", "Recipient Last Name": "RecipientLastName",
    "Recipient First Name": "RecipientFirstName", "Recipient Email": "RecipientEmail",
    "External Data Reference": "ExternalReference", "Location Latitude": "LocationLatitude",
    "Location Longitude": "LocationLongitude", "Distribution Channel": "DistributionChannel",
    "User Language": "UserLanguage"}}
#: multi-selects followed by an empty "other" column of this heading (``{question}`` the
#: multi-select's own heading without its suffix)
_OTHER_TEXT = {"qualtrics_en": ("{question} - Selected Choice", "{question} - Other - Text")}
#: the tools' own columns added around the questions: ``{form: a function of (table, form, role)}``
_AFTER_QUESTIONS = {**heldout5.AFTER_QUESTIONS, **heldout7.TOOL_COLUMNS, **heldout8.HELDOUT8_TOOL_COLUMNS}
#: forms writing their multi-select their own way: ``{form: a function of (headers, side, every
#: option by key, the chosen ones by key)}`` returning the columns
_CHOICE_COLUMNS = {**heldout7.CHOICE_COLUMNS, **heldout8.HELDOUT8_CHOICE_COLUMNS}
#: forms written by a writer of their own: ``{form: a function of (table, headers, folder, role)}``
_WRITERS = {**heldout7.WRITERS, **heldout8.HELDOUT8_WRITERS}
#: what goes between a multi-select's options where not :data:`_SEPARATORS` (Qualtrics' ",")
_CHOICE_SEPARATORS = heldout5.CHOICE_SEPARATORS
#: what an option's column holds when not chosen, where not blank (Kobo's 0)
_UNCHOSEN = heldout5.UNCHOSEN
#: forms offering every option in two languages, ``{form: second language}``; a person types
#: their own answers (languages, town) in either
_BILINGUAL = heldout5.BILINGUAL
#: forms asking the mother tongue in a question of its own (``native``), the other languages in
#: ``languages``
_NATIVE_LANGUAGE = heldout5.NATIVE_LANGUAGE | heldout7.MOTHER_TONGUE_APART
#: how a form asks the languages and levels written, where not as the split words it
_LANGUAGE_FORMATS = {"google_sv_other": ("{language} ({level})", "{language} ({level})"),
                     **heldout7.NAMES_ONLY, **heldout8.HELDOUT8_LANGUAGE_FORMATS}
#: forms where some answers were typed by hand, in the typist's own case and spacing:
#: ``(which, share)``: ``"other"`` only the answers the form offers no option for (a concept no
#: vocabulary knows, typed into "Annat" by the person), ``"all"`` any answer (an organiser's copy,
#: late paper sign-ups typed in); ``share`` of those typed differently from the option
_TYPED = {"google_sv_other": ("other", 0.5), "msforms_titled": ("all", 0.25), "coordinator_fi": ("all", 0.3),
          **heldout7.TYPED_OTHER}
#: title rows an organiser's copy has above the header (a blank row between)
_TITLES = {"msforms_titled": {"mentors": "Mentorointi kevät 2026 – mentorit (vienti 15.1.2026)",
                              "mentees": "Mentorointi kevät 2026 – mentoroitavat (vienti 15.1.2026)"}}
#: title rows of a Google Sheets copy, each merged across the columns, right above the header
_MERGED_TITLES = {"sheets_sv_en": {
    "mentors": ("Mentorprogrammet våren 2026 – mentorer", "Svar från formuläret · kontaktade markerade i kolumnen Status"),
    "mentees": ("Mentorprogrammet våren 2026 – adepter", "Svar från formuläret (engelska) · uppdaterad 16.1.2026")}}
#: a coordinator's own workbook: its first sheet's instructions, each side's data sheet, and the
#: words of the totals row under the data
_COORDINATOR_BOOKS = {"coordinator_fi": {
    "instructions": ("Ohjeet", ("Mentorointiohjelma kevät 2026", "Ilmoittautuneet ovat välilehdillä Mentorit ja "
                                "Mentoroitavat.", "Paperilomakkeet kirjattu käsin (Huom.-sarake).")),
    "sheets": {"mentors": "Mentorit", "mentees": "Mentoroitavat"}, "total": "Yhteensä"}}
#: forms that also ask where people live and how they want to meet, in the split's wording
#: (``cities``, ``modes``) where it has one: both are in the truth
_PLACE_QUESTIONS = frozenset(HELDOUT4_FORMS + HELDOUT5_FORMS + HELDOUT7_FORMS + HELDOUT8_FORMS + PLACE_FORMS)
#: forms whose languages question is a grid: one "question [language]" column, a level as answer
_LANGUAGE_GRIDS = frozenset({"google_grid"})
_LANGUAGES = ("fi", "en", "sv", "ar", "ru", "so", "et")
_LANGUAGE_NAMES = {
    "en": {"fi": "Finnish", "en": "English", "sv": "Swedish", "ar": "Arabic", "ru": "Russian",
           "so": "Somali", "et": "Estonian"},
    "fi": {"fi": "suomi", "en": "englanti", "sv": "ruotsi", "ar": "arabia", "ru": "venäjä",
           "so": "somali", "et": "viro"},
    "sv": {"fi": "finska", "en": "engelska", "sv": "svenska", "ar": "arabiska", "ru": "ryska",
           "so": "somaliska", "et": "estniska"},
}
_LEVEL_WORDS = {"en": {4: "native", 3: "fluent", 2: "good", 1: "basic"},
                "fi": {4: "äidinkieli", 3: "sujuva", 2: "hyvä", 1: "perustaso"},
                "sv": {4: "modersmål", 3: "flytande", 2: "god", 1: "grund"}}
#: the reworded styles' level words (a numeric scale in English, inflected and graded words)
_REWORDED_LEVELS = {"en": {4: "5/5", 3: "4/5", 2: "3/5", 1: "2/5"},
                    "fi": {4: "äidinkieleni", 3: "erittäin hyvä", 2: "kohtalainen", 1: "alkeistaso"},
                    "sv": {4: "förstaspråk", 3: "utmärkt", 2: "bra", 1: "grundläggande"}}
_REWORDED_MODES = {"en": ("Face to face", "Video calls", "Happy with both"),
                   "fi": ("Paikan päällä", "Verkossa", "Kumpi vain käy"),
                   "sv": ("Personligen", "Digitalt", "Spelar ingen roll")}
_REWORDED_PLACES = ("Helsinki", "Espoo", "Tampere", "Turku", "Oulu", "Vaasa", "Lahti", "Kuopio")
_HEADERS = {
    "google": {"time": "Timestamp", "email": "Email Address", "name": "Full name",
               "field": "Your professional field", "languages": "Languages you speak (and how well)",
               "topics": "Topics you could mentor on", "goals": "What would you like support with?",
               "about": "Tell us about your work experience",
               "goals_text": "Tell us more about what you hope for",
               "capacity": "How many mentees could you take on?"},
    "microsoft": {"time": "Valmistumisaika", "email": "Sähköposti", "name": "Nimi",
                  "field": "Ammattiala", "languages": "Kielitaitosi",
                  "topics": "Missä asioissa voisit auttaa aktoria?",
                  "goals": "Missä asioissa toivot tukea?",
                  "about": "Kerro työkokemuksestasi", "goals_text": "Kuvaile tavoitteitasi tarkemmin",
                  "capacity": "Montako aktoria voit ottaa?"},
    "excel": {"time": "Aikaleima", "email": "Sähköpostiosoite", "name": "Koko nimi",
              "field": "Toimiala / Bransch", "languages": "Kielet / Språk",
              "topics": "Aiheet, joissa voit auttaa / Ämnen du kan hjälpa med",
              "goals": "Tavoitteet / Mål", "about": "Kokemus / Erfarenhet",
              "goals_text": "Kuvaile omin sanoin / Beskriv med egna ord",
              "capacity": "Montako aktoria / Antal adepter"},
    "reworded_en": {"time": "Timestamp", "email": "Email Address", "name": "Full name",
                    "field": "What kind of work do you do?",
                    "languages": "What do you speak, and how well?",
                    "topics": "What could your meetings with a newcomer be about?",
                    "goals": "What should your meetings with a mentor be about?",
                    "about": "A few words on your career so far",
                    "goals_text": "Anything else your mentor should know?",
                    "capacity": "How many people could you take under your wing?",
                    "meeting_mode": "How would you rather get together?",
                    "city": "Where are you based?"},
    "reworded_fi": {"time": "Valmistumisaika", "email": "Sähköposti", "name": "Nimi",
                    "field": "Mitä teet työksesi?", "languages": "Mitä puhut ja kuinka hyvin?",
                    "topics": "Mistä voisitte jutella tapaamisissanne?",
                    "goals": "Mistä haluaisit jutella mentorisi kanssa?",
                    "about": "Työurasi muutamalla lauseella",
                    "goals_text": "Mitä muuta mentorisi olisi hyvä tietää?",
                    "capacity": "Kuinka monta henkilöä voisit ottaa siipiesi suojaan?",
                    "meeting_mode": "Näettekö mieluummin paikan päällä vai verkossa?",
                    "city": "Kotiseutusi"},
    "reworded_sv": {"time": "Tidsstämpel", "email": "E-postadress", "name": "Namn",
                    "field": "Vad jobbar du med?", "languages": "Vad talar du, och hur bra?",
                    "topics": "Vad kunde ni prata om när ni ses?",
                    "goals": "Vad vill du prata om med din mentor?",
                    "about": "Din karriär med några meningar",
                    "goals_text": "Något annat din mentor borde veta?",
                    "capacity": "Hur många personer kunde du ta under dina vingar?",
                    "meeting_mode": "Ses ni hellre på riktigt eller på nätet?",
                    "city": "Hemort"},
    # Google Forms' grid-like "Section [item]" headers, short and keyword-free
    "grid_en": {"time": "Timestamp", "email": "Email Address", "name": "Full name",
                "field": "Profile [Line of work]", "languages": "Profile [Spoken]",
                "topics": "Mentoring [What you bring]", "goals": "Mentoring [What you want]",
                "about": "Profile [Story]", "goals_text": "Mentoring [Anything else]",
                "capacity": "Mentoring [Seats]", "meeting_mode": "Mentoring [Format]",
                "city": "Profile [Base]"},
    # numbered Finnish headers over Swedish answers; "tausta" (background) is an about word, the
    # topics question names the field, the goals one meetings and language
    "numbered_sv": {"time": "Tidsstämpel", "email": "E-postadress", "name": "Namn",
                    "field": "2. Tausta", "languages": "3. Viestintä",
                    "topics": "4. Missä voisit tukea oman alasi ulkopuolella?",
                    "goals": "4. Mitä haluat tapaamisilta kielen lisäksi?",
                    "about": "5. Esittely", "goals_text": "6. Muuta", "capacity": "7. Paikkoja",
                    "meeting_mode": "8. Muoto", "city": "9. Koti"},
    # Finnish partitive and illative headers, some naming another field's word
    "partitive_fi": {"time": "Valmistumisaika", "email": "Sähköposti", "name": "Nimi",
                     "field": "Koulutustasi ja työtäsi", "languages": "Puhumiasi kieliä",
                     "topics": "Kielitaidon lisäksi: mihin voisit tuoda näkökulmaa?",
                     "goals": "Toiveita tapaamisiin",
                     "about": "Vähän itsestäsi", "goals_text": "Lisätietoja",
                     "capacity": "Mentoroitavien määrä",
                     "meeting_mode": "Tapaamisten muotoa", "city": "Asuinkuntaasi"},
    "google_fi": {"time": "Aikaleima", "email": "Sähköpostiosoite", "name": "Etu- ja sukunimi",
                  "field": "Oma alasi", "languages": "Mitä kieliä puhut ja millä tasolla?",
                  "topics": "Missä voisit tukea mentoroitavaa?",
                  "goals": "Mihin toivot mentorilta apua?",
                  "about": "Kerro lyhyesti taustastasi ja urastasi",
                  "goals_text": "Mitä toivot mentoroinnilta? (vapaa teksti)",
                  "capacity": "Kuinka monta mentoroitavaa voit ottaa?"},
    "google_sv": {"time": "Tidstämpel", "email": "E-postadress", "name": "Namn",
                  "field": "Bransch", "languages": "Språkkunskaper",
                  "topics": "Inom vilka områden kan du stödja en adept?",
                  "goals": "Vad vill du ha hjälp med?",
                  "about": "Berätta om din yrkesbakgrund",
                  "goals_text": "Berätta mer om dina mål",
                  "capacity": "Hur många adepter kan du ta emot?"},
    "microsoft_en": {"time": "Completion time", "email": "Email", "name": "Name",
                     "field": "Which sector do you work in?", "languages": "Language skills",
                     "topics": "In which areas can you support a mentee?",
                     "goals": "What do you hope to get help with?",
                     "about": "Briefly describe your career so far",
                     "goals_text": "Anything else you would like your mentor to know?",
                     "capacity": "Number of mentees you can take"},
    # Webropol numbers its questions; the multi-select's columns are "question - option"
    "webropol_fi": {"time": "Vastausaika", "email": "1. Sähköpostiosoite",
                    "name": "2. Etunimi ja sukunimi", "field": "3. Koulutus- tai ammattiala",
                    "languages": "5. Mitä kieliä puhut? Kerro myös taitotasosi.",
                    "goals": "4. Millaisiin asioihin toivot mentoroinnilta tukea? (voit valita useamman)",
                    "goals_text": "6. Kerro vapaasti, mitä odotat mentoroinnilta"},
    "msforms_sv": {"time": "Tid för slutförande", "email": "E-post", "name": "Namn",
                   "field": "Inom vilken bransch vill du arbeta?",
                   "languages": "Vilka språk talar du, och hur bra?",
                   "goals": "Vad vill du få ut av mentorskapet?",
                   "goals_text": "Berätta kort om dig själv och vad du förväntar dig"},
    "google_grid": {"time": "Timestamp", "email": "Email address", "name": "Your name",
                    "field": "Which field do you work in, or hope to work in?",
                    "languages": "Language skills",
                    "goals": "What would you like help with? (tick all that apply)",
                    "goals_text": "Is there anything else we should know?"},
    "excel_numbered": {"time": "Aikaleima / Timestamp", "email": "1. Sähköposti / Email",
                       "name": "2. Nimi / Name",
                       "field": "3. Koulutus- tai ammattiala / Field of study or work",
                       "languages": "4. Kielitaito / Language skills",
                       "goals": "5. Tavoitteet mentoroinnille / Goals for mentoring",
                       "goals_text": "6. Lisätietoja / Other information"},
    # SurveyMonkey's own columns first ("Respondent ID", "Collector ID", dates, "IP Address", contact)
    "surveymonkey_en": {"time": "Start Date", "email": "Email Address", "name": "First Name",
                        "field": "Which sector are you looking for work in?",
                        "languages": "Please list the languages you speak and your level in each",
                        "goals": "Which of the following would you like your mentor to help you with? "
                                 "(Select all that apply)",
                        "goals_text": "What would make this programme a success for you?"},
    # Jotform: long sentence questions, the consent questions last
    "jotform_fi": {"time": "Submission Date", "email": "Sähköpostiosoitteesi", "name": "Nimesi",
                   "field": "Millä alalla olet työskennellyt tai haluaisit työskennellä Suomessa?",
                   "languages": "Mitä kieliä osaat? Kirjoita jokainen kieli omalle rivilleen ja "
                                "lisää taitotasosi.",
                   "goals": "Valitse ne asiat, joissa toivoisit mentorin tukevan sinua. Voit valita "
                            "useita vaihtoehtoja.",
                   "goals_text": "Kerro omin sanoin, millaisen mentorin toivoisit saavasi ja miksi."},
    "google_sv_other": {"time": "Tidstämpel", "email": "E-postadress", "name": "För- och efternamn",
                        "field": "Vilket yrkesområde söker du jobb inom?",
                        "languages": "Vilka språk talar du? Skriv nivån inom parentes, t.ex. "
                                     "finska (modersmål)",
                        "goals": "Vad vill du att mentorn hjälper dig med?",
                        "goals_text": "Något mer du vill berätta?"},
    # a Finnish Microsoft Forms account: its own columns in Finnish on both forms
    "msforms_titled": {"time": "Valmistumisaika", "email": "Sähköposti", "name": "Nimi",
                       "field": "Toivottu työala", "languages": "Kielet ja kielitaidon taso",
                       "goals": "Mihin kaipaat mentorilta tukea?", "goals_text": "Toiveesi ohjelmalle"},
    # LimeSurvey's "question code & question text" headings, its own columns in Finnish
    "limesurvey_fi": {"time": "submitdate. Lähetyspäivämäärä", "email": "G01Q01. Sähköpostiosoite",
                      "name": "G01Q02. Etu- ja sukunimi", "field": "G01Q03. Millä alalla haluaisit työskennellä?",
                      "city": "G01Q04. Asuinpaikkakunta",
                      "languages": "G02Q05. Mitä kieliä osaat ja millä tasolla?",
                      "goals": "G02Q06. Missä asioissa toivoisit mentorin tukea? Valitse kaikki sopivat.",
                      "meeting_mode": "G02Q07. Miten haluaisit tavata mentorisi?",
                      "goals_text": "G03Q08. Kerro vapaasti, mitä toivot mentoroinnilta."},
    # Typeform's conversational questions; the multi-select's columns carry only the options
    "typeform_en": {"time": "Submit Date (UTC)", "email": "And your email address?",
                    "name": "First things first – what's your name?",
                    "field": "Which field do you work in, or want to work in?",
                    "city": "Which town or city do you live in?",
                    "languages": "Which languages do you speak, and how well?",
                    "goals": "What would you like help with?", "meeting_mode": "How would you like to meet?",
                    "goals_text": "Is there anything else you'd like us to know?"},
    # a Swedish Google account: its own columns in Swedish over an English mentee form
    "sheets_sv_en": {"time": "Tidstämpel", "email": "E-postadress", "name": "Your full name",
                     "field": "What kind of work are you looking for?",
                     "city": "Where in Finland do you live?",
                     "languages": "Languages you speak, with your level (e.g. Arabic: native)",
                     "goals": "What would you like support with? (choose all that apply)",
                     "meeting_mode": "Would you rather meet in person or online?",
                     "goals_text": "What do you hope to achieve during the programme?"},
    # a coordinator's short headers, some with the trailing space they were typed with
    "coordinator_fi": {"time": "Ilm. pvm", "email": "Sähköposti ", "name": "Nimi", "field": "Ala ",
                       "city": "Paikkakunta", "languages": "Kielet + taso",
                       "goals": "Toiveet (mitä haluaa mentoroinnista)", "meeting_mode": "Tapaaminen",
                       "goals_text": "Lisätiedot mentoroitavalta"},
    "qualtrics_en": {"time": "End Date", "email": "What is your email address?", "name": "What is your name?",
                     "field": "What is your field of work?",
                     "languages": "Which languages do you speak, and how well?",
                     "goals": "What would you like support with? - Selected Choice",
                     "goals_text": "Anything else you would like your mentor to know?"},
    "mothertongue_fi": {"time": "Aikaleima", "email": "Sähköpostiosoite", "name": "Nimi",
                        "mother": "Mikä on äidinkielesi?", "field": "Millä alalla työskentelet?",
                        "languages": "Mitä muita kieliä osaat ja millä tasolla?",
                        "goals": "Missä asioissa toivoisit tukea?", "goals_text": "Kerro vielä omin sanoin toiveistasi"},
    # long sentence questions, inflected (SENTENCE_FORMS)
    "sentences_en": {"time": "Timestamp", "email": "Email Address", "name": "Full name",
                     "field": "Which line of work are you in at the moment, or hoping to move into?",
                     "languages": "Which languages are you able to use, and at what level?",
                     "goals": "Which of the following would you most like support with during the programme?",
                     "goals_text": "What are you expecting from the coming months? A few sentences are enough."},
    "sentences_fi": {"time": "Valmistumisaika", "email": "Sähköposti", "name": "Nimi",
                     "field": "Minkä alan töitä olet tehnyt tai haluaisit tehdä Suomessa?",
                     "languages": "Mitä kieliä osaat ja kuinka hyvin osaat niitä?",
                     "goals": "Millaisiin asioihin toivoisit saavasi tukea ohjelman aikana?",
                     "goals_text": "Kuvaile vielä vapaasti, mitä odotat tulevilta tapaamisilta."},
    "sentences_sv": {"time": "Tidstämpel", "email": "E-postadress", "name": "Namn",
                     "field": "Inom vilken bransch arbetar du i dag, eller skulle du vilja arbeta?",
                     "languages": "Vilka språk behärskar du och hur väl?",
                     "goals": "Med vilka av följande saker skulle du vilja ha stöd under programmet?",
                     "goals_text": "Beskriv gärna med egna ord vad du förväntar dig av mentorskapet."},
    **heldout5.HEADERS, **language_styles.STYLE_HEADERS,
    **heldout7.QUESTIONS,
    **heldout8.HELDOUT8_QUESTIONS,
}
# the place forms: their style's questions and a place and a meeting-mode one
_HEADERS |= {
    "places_en": _HEADERS["google"] | {"city": "Where do you live?", "meeting_mode": "How would you like to meet?"},
    "places_fi": _HEADERS["microsoft"] | {"city": "Asuinpaikkakunta", "meeting_mode": "Miten haluaisit tavata?"},
    "places_sv": _HEADERS["excel"] | {"city": "Kotikunta / Hemort", "meeting_mode": "Tapaamistapa / Mötessätt"}}
#: the mentor form's own questions where they are worded unlike the mentee form's
_ROLE_HEADERS = {
    "mothertongue_fi": {"topics": "Missä asioissa voisit tukea mentoroitavaa?", "about": "Kerro itsestäsi",
                        "capacity": "Montako mentoroitavaa voit ottaa?"},
    "qualtrics_en": {"topics": "What could you support a mentee with? - Selected Choice",
                     "about": "Please tell us about your career.",
                     "capacity": "How many mentees could you take?"},
    "sentences_en": {"field": "What is the industry or sector you currently work in?",
                     "languages": "In which languages would you feel comfortable mentoring, and how well "
                                  "do you speak them?",
                     "topics": "In which of these areas do you feel you could support a newcomer?",
                     "about": "Could you introduce yourself and your career briefly?",
                     "capacity": "How many people would you be able to take on this spring?"},
    "sentences_fi": {"field": "Millä toimialalla työskentelet nykyään?",
                     "languages": "Millä kielillä pystyisit ohjaamaan mentoroitavaasi?",
                     "topics": "Missä asioissa uskot voivasi olla avuksi uudelle tulijalle?",
                     "about": "Esittele itsesi ja työurasi muutamalla lauseella.",
                     "capacity": "Kuinka monta henkilöä ehtisit ottaa ohjattavaksesi?"},
    "sentences_sv": {"field": "Vilket yrkesområde arbetar du inom för närvarande?",
                     "languages": "På vilka språk skulle du kunna handleda en adept?",
                     "topics": "Vilka av följande områden känner du att du skulle kunna stödja en nykomling i?",
                     "about": "Presentera dig själv och din karriär med några meningar.",
                     "capacity": "Hur många personer skulle du hinna ta emot den här våren?"},
    "webropol_fi": {"field": "3. Nykyinen ammattisi tai toimialasi",
                    "languages": "5. Millä kielillä voit mentoroida? Kerro myös taitotasosi.",
                    "topics": "4. Missä asioissa voisit tukea mentoroitavaa? (voit valita useamman)",
                    "about": "6. Kerro lyhyesti työurastasi", "capacity": "7. Montako mentoroitavaa voit ottaa?"},
    "msforms_sv": {"field": "Nuvarande yrke eller bransch",
                   "languages": "Språk du kan använda med adepten (och nivå)",
                   "topics": "Vad kan du erbjuda en adept?", "about": "Din bakgrund i arbetslivet",
                   "capacity": "Antal adepter du kan ta emot"},
    "google_grid": {"field": "Your current occupation or sector", "languages": "Mentoring languages",
                    "topics": "What could you help a mentee with? (tick all that apply)",
                    "about": "A short introduction of yourself",
                    "capacity": "How many mentees are you willing to take?"},
    "excel_numbered": {"field": "3. Nykyinen ammatti / Current profession",
                       "languages": "4. Kielet, joilla voit mentoroida / Languages you can mentor in",
                       "topics": "5. Mitä voit tarjota? / What can you offer?",
                       "about": "6. Työhistoria lyhyesti / Work history in brief",
                       "capacity": "7. Mentoroitavien määrä / Number of mentees"},
    "surveymonkey_en": {"field": "What is your current job title or industry?",
                        "languages": "Which languages could you mentor in, and how well do you speak them?",
                        "topics": "In which areas could you support a newcomer? (Select all that apply)",
                        "about": "Please tell us briefly about your professional background",
                        "capacity": "How many mentees would you be able to support this spring?"},
    "jotform_fi": {"field": "Mikä on nykyinen ammattisi tai tehtävänimikkeesi?",
                   "languages": "Millä kielillä pystyisit mentoroimaan? Kirjoita kukin kieli omalle "
                                "rivilleen ja arvioi taitosi.",
                   "topics": "Missä asioissa voisit olla mentoroitavalle avuksi? Voit valita useita "
                             "vaihtoehtoja.",
                   "about": "Kerro lyhyesti työhistoriastasi ja nykyisestä työstäsi.",
                   "capacity": "Kuinka monta mentoroitavaa pystyisit ottamaan tänä keväänä?"},
    "google_sv_other": {"field": "Ditt nuvarande yrke",
                        "languages": "På vilka språk kan du vara mentor? Ange nivån inom parentes",
                        "topics": "Vad kan du hjälpa en adept med?",
                        "about": "Berätta kort om din karriär", "capacity": "Hur många adepter orkar du ta?"},
    # the mentors' form was written in Swedish
    "msforms_titled": {"field": "Yrke", "languages": "Språk du kan mentorera på",
                       "topics": "Vad kan du ge en adept?", "about": "Kort om dig",
                       "capacity": "Hur många adepter?"},
    "limesurvey_fi": {"field": "G01Q03. Nykyinen ammattisi tai tehtävänimikkeesi",
                      "city": "G01Q04. Millä paikkakunnalla asut?",
                      "languages": "G02Q05. Millä kielillä voisit mentoroida? Kerro myös taitotaso.",
                      "topics": "G02Q06. Missä asioissa voisit tukea mentoroitavaa? Valitse kaikki sopivat.",
                      "meeting_mode": "G02Q07. Toivottu tapaamismuoto",
                      "about": "G03Q08. Kerro lyhyesti työurastasi.",
                      "capacity": "G03Q09. Montako mentoroitavaa voit ottaa?"},
    "typeform_en": {"field": "What's your current job title?", "city": "Where are you based?",
                    "languages": "In which languages could you mentor, and at what level?",
                    "topics": "What could you help a newcomer with?",
                    "meeting_mode": "How would you like to meet your mentee?",
                    "about": "Tell us a little about your career so far",
                    "capacity": "How many mentees could you take on?"},
    # the mentors' form was written in Swedish
    "sheets_sv_en": {"name": "Ditt namn", "field": "Ditt yrke eller din titel", "city": "Var bor du?",
                     "languages": "På vilka språk kan du mentorera, och hur bra?",
                     "topics": "Vad kan du hjälpa en adept med? (välj alla som passar)",
                     "meeting_mode": "Hur vill ni träffas?", "about": "Berätta kort om din yrkesbana",
                     "capacity": "Hur många adepter kan du ta emot?"},
    "coordinator_fi": {"field": "Ammatti / tehtävä ", "city": "Paikkakunta ", "languages": "Mentorointikielet",
                       "topics": "Voi auttaa näissä", "meeting_mode": "Tapaamistapa", "about": "Esittely",
                       "capacity": "Max mentoroitavia"},
    **heldout5.ROLE_HEADERS,
    **heldout7.MENTOR_QUESTIONS,
    **heldout8.HELDOUT8_MENTOR_QUESTIONS,
}
#: the grid exports' questions and answer scales: (languages, goals, topics) questions; the
#: mentee's rating of a goal chosen, of one not chosen; the mentor's yes and no
_GRID_QUESTIONS = {
    "en": (("Language skills", "How important is this to you?", "Could you help with this?"),
           ("Very important", "Important"), ("Not important", ""), ("Yes", "No")),
    "fi": (("Kielitaito", "Kuinka tärkeää tämä on sinulle?", "Voisitko auttaa tässä?"),
           ("Erittäin tärkeä", "Tärkeä"), ("Ei tärkeä", ""), ("Kyllä", "Ei")),
}
_SENTENCES = {
    "en": "I have worked for {n} years in my field and enjoy helping newcomers find their way.",
    "fi": "Olen työskennellyt alallani {n} vuotta ja autan mielelläni uusia tulijoita alkuun.",
    "sv": "Jag har arbetat {n} år i min bransch och hjälper gärna nykomlingar att komma igång.",
}
_GOAL_SENTENCES = {
    "en": "I would like to find work in my own field within {n} months and understand how.",
    "fi": "Haluaisin löytää töitä omalta alaltani {n} kuukauden sisällä ja ymmärtää miten.",
    "sv": "Jag vill hitta arbete inom mitt eget område inom {n} månader och förstå hur.",
}


@functools.cache
def phrases() -> dict:
    """The evaluation phrases: ``{split: {kind: {concept: {language: [mentee, mentor]}}}}``."""
    here = Path(__file__)
    files = ("", "_goals", "_blind", "_heldout", "_heldout2", "_heldout3", "_heldout4", "_heldout5",
             "_heldout7", "_heldout8", "_places", "_goals8")
    splits = functools.reduce(operator.or_, (tomllib.loads(
        here.with_name(f"evaluation_phrases{name}.toml").read_text(encoding="utf-8")) for name in files))
    return splits | {split: splits["dev"] | splits[split] for split in PLACE_SPLITS}


def forms(split: str) -> tuple[str, ...]:
    """The exports :mod:`benchmarks.eval_reading` writes for ``split`` by default.

    >>> forms("heldout")
    ('google', 'microsoft', 'excel', 'google_fi', 'google_sv', 'microsoft_en')
    >>> forms("heldout2")
    ('webropol_fi', 'msforms_sv', 'google_grid', 'excel_numbered')
    >>> forms("heldout3")
    ('surveymonkey_en', 'jotform_fi', 'google_sv_other', 'msforms_titled')
    >>> forms("heldout4")
    ('limesurvey_fi', 'typeform_en', 'sheets_sv_en', 'coordinator_fi')
    >>> forms("heldout5")
    ('qualtrics_en_fi', 'kobo_fi', 'msforms_fi_en', 'excel_resaved_sv')
    >>> forms("heldout7")
    ('ods_municipal_fi', 'tally_en', 'google_sections_sv_fi', 'msforms_organiser_en')
    >>> forms("heldout8")
    ('zoho_jobtitle_en', 'lomake_rows_sv', 'hr_system_fi', 'formsapp_en_fi')
    >>> forms("dev_places")
    ('places_en', 'places_fi', 'places_sv')
    >>> forms("dev_goals8")
    ('google', 'microsoft', 'excel', 'google_sv_other', 'msforms_titled', 'qualtrics_en')
    """
    return {"heldout": FORMS + MORE_FORMS, "heldout2": HELDOUT2_FORMS, "heldout3": HELDOUT3_FORMS,
            "heldout4": HELDOUT4_FORMS, "heldout5": HELDOUT5_FORMS, "heldout7": HELDOUT7_FORMS,
            "heldout8": HELDOUT8_FORMS, **dict.fromkeys(PLACE_SPLITS, PLACE_FORMS),
            **dict.fromkeys(GOALS8_SPLITS, GOALS8_FORMS)}.get(split, FORMS)


def write_exports(folder: str | Path, split: str, form: str, n_mentees: int = 150,
                  n_mentors: int = 100, seed: int = 0) -> tuple[Path, Path, pd.DataFrame]:
    """Write one round's two exports; returns their paths and the truth, one row per person
    (``email``, ``role``, ``fields``, ``goals``, ``languages`` as sets / a level dict; ``city`` and
    ``meeting_mode`` too where the form asks them, :data:`_PLACE_QUESTIONS`)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    # how people typed their answers draws from a stream of its own: the other forms' draws stay
    typing = np.random.default_rng((seed, 3))
    # and where people live and how they meet from another; which of a bilingual form's two
    # languages each person types in from a third
    places = np.random.default_rng((seed, 4))
    tongues = np.random.default_rng((seed, 5))
    # which of a pool of wordings a person writes their place and meeting mode in (:func:`_worded`)
    wording = np.random.default_rng((seed, 6))
    style = _STYLE_OF.get(form, form)
    words = phrases()[split]
    truth = []
    paths = []
    for role, n in (("mentors", n_mentors), ("mentees", n_mentees)):
        side = 1 if role == "mentors" else 0
        # the form this side answers: the export's own, or one of a mixed export's two
        answered = MIXED_FORMS[form][0 if side else 1] if form in MIXED_FORMS else form
        lang = _ROLE_LANGUAGE.get(form, {}).get(role, _LANGUAGE_OF[answered])
        level_words = _REWORDED_LEVELS if form in REWORDED else _LEVEL_WORDS
        levels = level_words[lang]
        headers = (_HEADERS[_STYLE_OF[form] if form in GRIDS else answered]
                   | (_ROLE_HEADERS.get(form, {}) if side else {}))
        field_keys = sorted(words["fields"])
        goal_keys = sorted(words["goals"])
        offered = {key: _offered(words, "goals", key, form, lang, side) for key in goal_keys}
        rows = []
        for i in range(n):
            email = f"{role[:-1]}{i}@example.org"
            field = field_keys[rng.integers(len(field_keys))]
            many = rng.integers(2, 6) if role == "mentors" else rng.integers(1, 4)
            goals = sorted(rng.choice(len(goal_keys), size=many, replace=False))
            speaks = _languages(rng, role)
            time = _TIMES.get(form, "2026-01-{day:02d} 10:{minute:02d}:00")
            own = (lang, _BILINGUAL[form])[tongues.integers(2)] if form in _BILINGUAL else lang
            # keyed by header, or by (question, option) under two header rows
            row: dict[Any, Any] = {
                headers["time"]: time.format(day=1 + i % 28, minute=i % 60),
                headers["email"]: email, headers["name"]: f"Person {role} {i}",
                headers["field"]: _typed(form, "fields", field, _offered(words, "fields", field, form, lang, side),
                                         typing)}
            if form in _PLACE_QUESTIONS:
                city, mode = _place(words, places)
                row[headers["city"]] = _typed(form, "cities", city, _worded(words, "cities", city, own, side, wording),
                                              typing)
            if "mother" in headers:
                # the mother tongue asked apart, its name alone; the other languages with levels
                names = words.get("languages", {})
                row[headers["mother"]] = ", ".join(names[code][lang][side] if code in names else _LANGUAGE_NAMES[lang][code]
                                                   for code, level in speaks.items() if level == 4)
                row[headers["languages"]] = _join(style, _written_languages(
                    words, lang, side, {c: v for c, v in speaks.items() if v != 4}, levels)) or None
            elif language_styles.asks_languages(form):
                row |= language_styles.language_columns(form, side, i, speaks)
            elif form in _LANGUAGE_GRIDS:
                row |= _language_grid(words, lang, side, speaks, levels, headers["languages"])
            else:
                others = speaks
                if form in _NATIVE_LANGUAGE:  # the mother tongue by name, the others with levels
                    native = {code: level for code, level in speaks.items() if level == 4}
                    others = {code: level for code, level in speaks.items() if code not in native}
                    row[headers["native"]] = _join(style, _written_languages(
                        words, own, side, native, level_words[own], ("{language}", "{language}")))
                row[headers["languages"]] = _join(style, _written_languages(
                    words, own, side, others, level_words[own], _LANGUAGE_FORMATS.get(form)), _SEPARATORS.get(form))
            chosen = [_typed(form, "goals", goal_keys[g], offered[goal_keys[g]], typing) for g in goals]
            question = headers["topics" if side else "goals"]
            if form in _CHOICE_COLUMNS:
                row |= _CHOICE_COLUMNS[form](headers, side, offered, dict(zip((goal_keys[g] for g in goals), chosen)))
            elif form in _OPTION_COLUMNS:
                row |= _option_columns(form, question, [offered[key] for key in goal_keys], chosen)
            elif language_styles.asks_ranked(form):
                row |= language_styles.ranked_columns(form, side, question, [offered[key] for key in goal_keys],
                                                      chosen)
            elif form in _TWO_HEADER_ROWS:
                row |= {(question, offered[key]): offered[key] if offered[key] in chosen else None
                        for key in goal_keys}
                row[(question, _TWO_HEADER_ROWS[form][2])] = None
            else:
                row[question] = _join(style, chosen, _CHOICE_SEPARATORS.get(form, _SEPARATORS.get(form)))
            if form in REWORDED:
                row[headers["meeting_mode"]] = _REWORDED_MODES[lang][rng.integers(3)]
                row[headers["city"]] = _REWORDED_PLACES[rng.integers(len(_REWORDED_PLACES))]
            if form in _PLACE_QUESTIONS:
                row[headers["meeting_mode"]] = _offered(words, "modes", mode, form, lang, side, wording)
            if side:
                row[headers["about"]] = _SENTENCES[lang].format(n=3 + i)
                row[headers["capacity"]] = str(1 + i % 3)
            else:
                row[headers["goals_text"]] = _GOAL_SENTENCES[lang].format(n=2 + i)
            if form in GRIDS:
                row = _as_grid(row, headers, style, lang, side, rng, speaks, levels,
                               [offered[k] for k in goal_keys], {offered[goal_keys[g]] for g in goals})
            rows.append(row)
            truth.append({"email": email, "role": role, "fields": {field},
                          "goals": {goal_keys[g] for g in goals}, "languages": speaks}
                         | ({"city": city, "meeting_mode": mode} if form in _PLACE_QUESTIONS else {}))
        table = pd.DataFrame(rows)
        if form in _TIME_LAST:
            table.insert(len(table.columns) - 1, headers["time"], table.pop(headers["time"]))
        if form in _DATE_CELLS:
            table[headers["time"]] = pd.to_datetime(table[headers["time"]])
        for column, (before, holds) in _EXTRA_COLUMNS.get(form, {}).items():
            table.insert(table.columns.get_loc(headers[before]) if before else len(table.columns), column,
                         table[headers[holds]] if isinstance(holds, str)
                         else [holds[i % len(holds)] for i in range(n)] if holds else None)
        if style == "microsoft" or form in _ID_COLUMNS:
            name, first = _ID_COLUMNS.get(form, ("Id", 1))
            table.insert(0, name, range(first, first + n))
        if form in _TOKEN_COLUMNS:
            table.insert(0, _TOKEN_COLUMNS[form], [hashlib.md5(f"{form} {email}".encode()).hexdigest()
                                                   for email in table[headers["email"]]])
        if form in _OTHER_TEXT:
            question = headers["topics" if side else "goals"]
            stem = question.removesuffix(_OTHER_TEXT[form][0].format(question=""))
            table.insert(table.columns.get_loc(question) + 1, _OTHER_TEXT[form][1].format(question=stem), None)
        if form in _AFTER_QUESTIONS:
            table = _AFTER_QUESTIONS[form](table, form, role)
        if form in _CODE_ROWS:
            path = folder / f"{role}.csv"
            _code_rows(table, _CODE_ROWS[form]).to_csv(path, index=False, header=False)
        elif form in heldout5.THREE_HEADER_ROWS:
            path = folder / f"{role}.csv"
            heldout5.qualtrics_rows(table, headers, headers["topics" if side else "goals"], lang).to_csv(
                path, index=False, header=False, encoding="utf-8-sig")
        elif form in _TWO_HEADER_ROWS:
            path = folder / f"{role}.csv"
            _two_header_rows(table, headers, _TWO_HEADER_ROWS[form]).to_csv(path, index=False, header=False)
        elif form in _MERGED_TITLES:
            path = folder / f"{role}.xlsx"
            _merged_titles(table, _MERGED_TITLES[form][role], path)
        elif form in _COORDINATOR_BOOKS:
            path = folder / f"{role}.xlsx"
            _coordinator_book(table, headers, _COORDINATOR_BOOKS[form], role, path)
        elif form in _TITLES:
            path = folder / f"{role}.xlsx"
            with pd.ExcelWriter(path, engine="openpyxl") as book:
                table.to_excel(book, index=False, startrow=2)
                book.sheets["Sheet1"].cell(row=1, column=1, value=_TITLES[form][role])
        elif form in _WRITERS:
            path = _WRITERS[form](table, headers, folder, role)
        elif form in _FILES:
            suffix, options = _FILES[form]
            path = folder / f"{role}{suffix}"
            if suffix == ".xlsx":
                table.to_excel(path, index=False)
            else:
                table.to_csv(path, index=False, **options)
        elif style == "microsoft":
            path = folder / f"{role}.xlsx"
            table.to_excel(path, index=False)
        elif style == "excel":
            path = folder / f"{role}.csv"
            table.to_csv(path, index=False, sep=";", encoding="utf-8-sig")
        else:
            path = folder / f"{role}.csv"
            table.to_csv(path, index=False)
        paths.append(path)
    return paths[0], paths[1], pd.DataFrame(truth)


def _place(words: dict, rng: np.random.Generator) -> tuple[str, str]:
    """A person's city and meeting mode: one of the split's ``cities`` (the reworded styles'
    places where it words none) and one of :data:`matcher.vocab.MEETING_MODES`."""
    from matcher import vocab

    cities = sorted(words.get("cities", {})) or sorted(_REWORDED_PLACES)
    return cities[rng.integers(len(cities))], vocab.MEETING_MODES[rng.integers(len(vocab.MEETING_MODES))]


def _offered(words: dict, kind: str, key: str, form: str, lang: str, side: int,
             pool: np.random.Generator | None = None) -> str:
    """``key`` of ``kind`` as ``form`` offers it as an option: in the split's wording
    (:func:`_worded`), in both its languages on a bilingual form (:data:`_BILINGUAL`)."""
    text = _worded(words, kind, key, lang, side, pool)
    if form in _BILINGUAL:
        return heldout5.bilingual(text, _worded(words, kind, key, _BILINGUAL[form], side, pool))
    return text


def _worded(words: dict, kind: str, key: str, lang: str, side: int,
            pool: np.random.Generator | None = None) -> str:
    """``key`` of ``kind`` in the split's wording, else (``cities``, ``modes`` a split may leave
    unworded) as the reworded styles write it (a city by its name, a mode in
    :data:`_REWORDED_MODES`). The split's wordings are ``[mentee, mentor]``; more than two are a
    pool each person draws one from, with ``pool``.

    >>> words = {"cities": {"Espoo": {"fi": ["Espoossa", "Espoo", "Tapiola"]}}}
    >>> _worded(words, "cities", "Espoo", "fi", 1), _worded(words, "cities", "Espoo", "fi", 0,
    ...                                                     np.random.default_rng(0))
    ('Espoo', 'Tapiola')
    """
    from matcher import vocab

    if key in words.get(kind, {}):
        wordings = words[kind][key][lang]
        return wordings[pool.integers(len(wordings))] if pool is not None and len(wordings) > 2 else wordings[side]
    return key if kind == "cities" else _REWORDED_MODES[lang][vocab.MEETING_MODES.index(key)]


def _option_columns(form: str, question: str, options: list[str], chosen: list[str]) -> dict[str, Any]:
    """A multi-select as one column per option (:data:`_OPTION_COLUMNS`): the chosen ones marked,
    the others blank (or as :data:`_UNCHOSEN` says), then the empty "other" column where the form
    has one."""
    heading, mark, other = _OPTION_COLUMNS[form]
    code, _, text = question.partition(". ")
    columns: dict[str, Any] = {
        heading.format(question=question, code=code, text=text, number=number, option=option):
        (mark.format(option=option) if isinstance(mark, str) else mark) if option in chosen else _UNCHOSEN.get(form)
        for number, option in enumerate(options, start=1)}
    if other is not None:
        columns[other.format(question=question, code=code, text=text)] = None
    return columns


def _merged_titles(table: pd.DataFrame, titles: tuple[str, ...], path: Path) -> None:
    """``table`` as a Google Sheets download of a response sheet: under ``titles``, each merged
    across the columns, on the sheet "Formulärsvar 1" (the owner's Swedish account)."""
    from openpyxl.utils import get_column_letter

    sheet_name = "Formulärsvar 1"
    with pd.ExcelWriter(path, engine="openpyxl") as book:
        table.to_excel(book, index=False, sheet_name=sheet_name, startrow=len(titles))
        sheet = book.sheets[sheet_name]
        last = get_column_letter(len(table.columns))
        for row, title in enumerate(titles, start=1):
            sheet.cell(row=row, column=1, value=title)
            sheet.merge_cells(f"A{row}:{last}{row}")
        sheet.freeze_panes = f"A{len(titles) + 2}"


def _coordinator_book(table: pd.DataFrame, headers: dict[str, str], book: dict, role: str, path: Path) -> None:
    """``table`` as a coordinator keeps it: an instructions sheet first, the data on the role's own
    sheet, a blank row and a totals row under it (the mentors' places summed, the mentees counted)."""
    title, lines = book["instructions"]
    total: dict[str, int | str] = (
        {headers["capacity"]: int(table[headers["capacity"]].astype(int).sum())} if "capacity" in headers
        else {table.columns[-1]: f"{len(table)} kpl"})
    totals = pd.DataFrame([{}, {headers["name"]: book["total"]} | total], columns=table.columns)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        pd.DataFrame({title: lines}).to_excel(writer, index=False, sheet_name=title)
        pd.concat([table, totals], ignore_index=True).to_excel(writer, index=False, sheet_name=book["sheets"][role])


def _as_grid(row: dict, headers: dict, style: str, lang: str, side: int,
             rng: np.random.Generator, speaks: dict[str, int], levels: dict[int, str],
             options: list[str], chosen: set[str]) -> dict:
    """One person's row with the languages and goals (topics) questions asked as grids."""
    questions, yes, no, mentor = _GRID_QUESTIONS[lang]
    grid = dict(row)
    del grid[headers["languages"]], grid[headers["topics" if side else "goals"]]

    def column(question: str, item: str) -> str:
        return f"{question} [{item}]" if style == "google" else f"{question}.{item}"

    for code in _LANGUAGES:
        level = levels[speaks[code]].capitalize() if code in speaks else ""
        grid[column(questions[0], _LANGUAGE_NAMES[lang][code])] = level
    for option in options:
        if side:
            grid[column(questions[2], option)] = mentor[0] if option in chosen else mentor[1]
        else:
            answers = yes if option in chosen else no
            grid[column(questions[1], option)] = answers[rng.integers(len(answers))]
    return grid


def _languages(rng: np.random.Generator, role: str) -> dict[str, int]:
    # mentors mostly speak the local languages; mentees often another one first
    first = "fi" if role == "mentors" or rng.random() < 0.3 else _LANGUAGES[rng.integers(3, 7)]
    speaks = {first: 4}
    for code in rng.choice(len(_LANGUAGES), size=rng.integers(0, 3), replace=False):
        speaks.setdefault(_LANGUAGES[code], int(rng.integers(1, 4)))
    return speaks


def _written_languages(words: dict, lang: str, side: int, speaks: dict[str, int],
                       level_words: dict[int, str], formats: tuple[str, str] | None = None) -> list[str]:
    """A person's languages and levels as their form writes them: the split's own wording where
    it has one (``languages``, ``levels``, ``formats``), the fixed names and the export's
    ``level_words`` otherwise; ``formats`` (mentee, mentor), where the form's question asks for
    its own, over the split's."""
    names, levels = words.get("languages", {}), words.get("levels", {})
    written = (formats or words.get("formats", {}).get("languages", ["{language} ({level})"] * 2))[side]
    return [written.format(
        language=names[code][lang][side] if code in names else _LANGUAGE_NAMES[lang][code],
        level=levels[str(level)][lang][side] if str(level) in levels else level_words[level])
        for code, level in speaks.items()]


def _language_grid(words: dict, lang: str, side: int, speaks: dict[str, int],
                   level_words: dict[int, str], question: str) -> dict[str, str | None]:
    """A languages question asked as a grid, as Google Forms exports it: one
    ``"question [language]"`` column per language the form lists, answered with the level (blank
    where the person does not speak it)."""
    names, levels = words.get("languages", {}), words.get("levels", {})
    return {f"{question} [{names[code][lang][side] if code in names else _LANGUAGE_NAMES[lang][code]}]":
            (levels[str(speaks[code])][lang][side] if str(speaks[code]) in levels
             else level_words[speaks[code]]) if code in speaks else None
            for code in _LANGUAGES}


def _join(style: str, options: list[str], separator: str | None = None) -> str:
    """A multi-select cell as ``style`` writes it, or with the form's own ``separator``."""
    if separator is not None:
        return separator.join(options)
    if style == "microsoft":
        return "".join(f"{o};" for o in options)
    return ", ".join(options)


@functools.cache
def _built_in(kind: str) -> frozenset[str]:
    from matcher import vocab

    return frozenset(vocab.keys(kind))


def _typed(form: str, kind: str, key: str, text: str, rng: np.random.Generator) -> str:
    """``text`` (``key`` of ``kind``) as a person wrote it on ``form``: as offered, unless the form
    had them type it (:data:`_TYPED`), then now and again in their own case and spacing."""
    which, share = _TYPED.get(form, ("none", 0.0))
    if which == "none" or (which == "other" and key in _built_in(kind)) or rng.random() >= share:
        return text
    ways = (text.lower(), f" {text}", f"{text}  ", text[:1].lower() + text[1:], text.replace(" ", "  ", 1))
    return ways[rng.integers(len(ways))]


def _two_header_rows(table: pd.DataFrame, headers: dict[str, str],
                     labels: tuple[str, str, str]) -> pd.DataFrame:
    """``table`` as SurveyMonkey exports it, its two header rows as its first two rows: the
    question over the first of its columns and, under it, the option (columns ``(question,
    option)``) or ``labels`` "Response" / "Open-Ended Response"; the tool's own columns, those
    before the first question, over a blank."""
    first = table.columns.get_loc(headers["field"])
    open_ended = {headers[k] for k in ("languages", "about", "goals_text") if k in headers}
    top: list[str] = []
    under: list[str] = []
    previous = None
    for place, column in enumerate(table.columns):
        question, option = column if isinstance(column, tuple) else (
            column, "" if place < first else labels[1] if column in open_ended else labels[0])
        top.append("" if question == previous else question)
        under.append(option)
        previous = question
    return pd.DataFrame([top, under, *table.itertuples(index=False, name=None)])


def _code_rows(table: pd.DataFrame, codes: dict[str, str]) -> pd.DataFrame:
    """``table`` as Qualtrics exports it, its three header rows as its first three rows: each
    column's code (``codes`` for the tool's own columns, "Q1", "Q2"... for the questions, "_TEXT"
    after an "Other - Text" column's question's), its text (the column's header) and its import
    id as JSON."""
    top: list[str] = []
    ids: list[str] = []
    number = 0
    for column in table.columns:
        if column in codes:
            top.append(codes[column])
            key = codes[column][:1].lower() + codes[column][1:]
            ids.append(json.dumps({"ImportId": key, "timeZone": "Europe/Helsinki"} if "Date" in column
                                  else {"ImportId": key}, separators=(",", ":")))
        elif column.endswith(" - Text"):
            top.append(f"Q{number}_{number + 3}_TEXT")
            ids.append(json.dumps({"ImportId": f"QID{number}_{number + 3}_TEXT"}, separators=(",", ":")))
        else:
            number += 1
            top.append(f"Q{number}")
            ids.append(json.dumps({"ImportId": f"QID{number}"}, separators=(",", ":")))
    return pd.DataFrame([top, list(table.columns), ids, *table.itertuples(index=False, name=None)])


def evaluate(folder: str | Path, split: str, form: str, n_mentees: int = 150,
             n_mentors: int = 100, seed: int = 0) -> dict[str, float]:
    """Write a round, ``init`` and ``run`` it without edits, and score the reading against the
    truth: shares (0-1) of mentee × mentor pairs agreeing on ``field``, ``goals`` and
    ``language``, and ``worth``, the pairing's true total over the best pairing's; where the form
    asks where people live and how they meet (:data:`_PLACE_QUESTIONS`) also on ``city`` (the
    same city?) and ``meeting_mode`` (one wants to meet in person, the other only remotely?),
    both in the truth the pairing is worth (a pair the truth rules out is worth nothing,
    :func:`_worth`). A round that
    ``run`` refuses for its data errors is measured as read (:func:`matcher.load_round`, the
    sign-ups in error left out) and is worth 0: nobody was paired. Rows read as sign-ups that no
    person made (a tool's extra header rows taken for people) are measured as nobody
    (:func:`_people_only`): left out of the pairs compared, and a mentor's place given to one is
    worth nothing. A round that cannot be read at all without editing round.toml (a column
    ``run`` needs left unmapped by ``init``), or whose people are none of the people who signed
    up (their e-mails not read), scores 0 on every figure: nothing was read."""
    from matcher import init_round, load_round, match_round, run_round, score_round
    from matcher.errors import InputError
    from matcher.run import DataErrors

    folder = Path(folder)
    mentors, mentees, truth = write_exports(folder / "exports", split, form, n_mentees,
                                            n_mentors, seed)
    init = init_round(mentors, mentees, folder / "round.toml", overwrite=True)
    try:
        result = run_round(init.path, folder / "output")
        rnd, pairs = result.round, result.matching.pairs
    except DataErrors:
        rnd, pairs = load_round(init.path), None
    except InputError:
        rnd = None
    if rnd is not None:
        rnd, pairs = _people_only(rnd, pairs, truth)
    if rnd is None or rnd.mentees.empty or rnd.mentors.empty:
        places = ("city", "meeting_mode") if "city" in truth else ()
        return dict.fromkeys(("field", "goals", "language", *places, "worth"), 0.0)
    true = _true_round(rnd, truth)
    read_e, read_m = rnd.mentees, rnd.mentors
    true_e, true_m = true.mentees, true.mentors
    figures = {
        "field": _agreement(_shared(read_e["fields"], read_m["fields"]) > 0,
                            _shared(true_e["fields"], true_m["fields"]) > 0),
        "goals": _agreement(_shared(read_e["goals"], read_m["topics"]),
                            _shared(true_e["goals"], true_m["topics"])),
        "language": _agreement(_shared(read_e["languages"], read_m["languages"]) > 0,
                               _shared(true_e["languages"], true_m["languages"]) > 0),
    }
    if "city" in truth:
        figures["city"] = _agreement(_same_city(read_e["city"], read_m["city"]),
                                     _same_city(true_e["city"], true_m["city"]))
        figures["meeting_mode"] = _agreement(_modes_clash(read_e["meeting_mode"], read_m["meeting_mode"]),
                                             _modes_clash(true_e["meeting_mode"], true_m["meeting_mode"]))
    true_scores = score_round(true)
    best = match_round(true, true_scores)
    figures["worth"] = 0.0 if pairs is None else _worth(true_scores, pairs) / _worth(true_scores, best.pairs)
    return figures


def _people_only(rnd, pairs: pd.DataFrame | None, truth: pd.DataFrame):
    """The round as read without the sign-ups no person made (their e-mail is none of the
    truth's), and the pairing without its pairs with them: a place they took is worth nothing."""
    people = set(truth["email"])
    mentors = rnd.mentors[rnd.mentors["email"].isin(people)]
    mentees = rnd.mentees[rnd.mentees["email"].isin(people)]
    if len(mentors) == len(rnd.mentors) and len(mentees) == len(rnd.mentees):
        return rnd, pairs
    if pairs is not None:
        pairs = pairs[pairs["mentor_id"].isin(mentors.index) & pairs["mentee_id"].isin(mentees.index)]
    return dataclasses.replace(rnd, mentors=mentors, mentees=mentees), pairs


def _true_round(rnd, truth: pd.DataFrame):
    """The round as read, with the choice answers replaced by what the people meant."""
    by_email = truth.set_index("email")
    tables = {}
    for role in ("mentors", "mentees"):
        table = rnd.mentors if role == "mentors" else rnd.mentees
        meant = by_email.loc[table["email"]]
        table = table.copy()
        table["fields"] = [tuple(sorted(v)) for v in meant["fields"]]
        table["topics" if role == "mentors" else "goals"] = [tuple(sorted(v)) for v in meant["goals"]]
        table["languages"] = list(meant["languages"])
        for column in ("city", "meeting_mode"):
            if column in meant:
                table[column] = list(meant[column])
        tables[role] = table
    return dataclasses.replace(rnd, mentors=tables["mentors"], mentees=tables["mentees"])


def _shared(left: pd.Series, right: pd.Series) -> np.ndarray:
    """How many keys each left person shares with each right person (``len(left) × len(right)``)."""
    keys = sorted(set().union(*map(set, left), *map(set, right)))
    index = {k: i for i, k in enumerate(keys)}

    def indicator(values: pd.Series) -> np.ndarray:
        out = np.zeros((len(values), len(keys)), dtype=np.int32)
        for row, found in enumerate(values):
            out[row, [index[k] for k in found]] = 1
        return out

    return indicator(left) @ indicator(right).T


def _same_city(left: pd.Series, right: pd.Series) -> np.ndarray:
    """Whether each left person lives in the same (named) city as each right person."""
    e, m = left.to_numpy(dtype=object)[:, None], right.to_numpy(dtype=object)[None, :]
    return (e == m) & (e != "")


def _modes_clash(left: pd.Series, right: pd.Series) -> np.ndarray:
    """Whether each left person wants to meet only in person and each right one only remotely,
    or the other way round."""
    e, m = left.to_numpy(dtype=object)[:, None], right.to_numpy(dtype=object)[None, :]
    return ((e == "in_person") & (m == "remote")) | ((e == "remote") & (m == "in_person"))


def _agreement(read: np.ndarray, true: np.ndarray) -> float:
    return float((read == true).mean())


def _worth(scores, pairs: pd.DataFrame) -> float:
    """The pairs' total in ``scores``, a pair the scores forbid worth nothing: a pair read as
    allowed that the people's true answers rule out (no shared language, in person only against
    remote only, too far apart) would not hold, so it adds nothing to the pairing's worth."""
    rows = scores.mentee_ids.get_indexer(pairs["mentee_id"])
    cols = scores.mentor_ids.get_indexer(pairs["mentor_id"])
    return float(np.where(scores.feasible[rows, cols], scores.total[rows, cols], 0.0).sum())
