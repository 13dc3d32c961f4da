"""Dev exports of language and ranked-choice questions in their many shapes (:mod:`matcher.evaluation`).

Each style is a plain export (Google Forms CSV, a ";" CSV re-saved by Excel) whose languages or
goals question is asked in one of the shapes real forms use:

``langcols_fi``
    a Webropol-style language grid, one column per language headed ``"Kielitaito - Suomi"``
    answered with a Finnish level word (mentors), and a coded ``"Q5_3 Ruotsi (taso)"`` answered
    2–5 (mentees);
``langcols_en``
    ``"Language skills - Swedish"`` answered with a CEFR code or "native" (mentors), and
    ``"4. Languages / swedish"`` answered "native" / "fluent" / "good" / "basic" (mentees);
``mothertongue_sv``
    a Swedish ";" CSV re-saved by Excel (BOM, CRLF): the mother tongue asked apart
    (``"Modersmål"``, answered "finska", "svenskspråkig", "Fi." ...), the other languages
    abbreviated with a level ("Eng. C1, Sw. A2"); the mentors' form asks one language in a
    column of its own (``"Engelska (nivå)"``) beside "Andra språk";
``ranked_fi``
    the mentees' goals as ``"Tavoite 1"`` / ``"Tavoite 2"`` / ``"Tavoite 3"``, one option
    each, the mentors' topics as a ranking grid, one column per option holding its rank;
``ranked_en``
    ``"Goal – 1st choice"`` / ``"2nd choice"`` / ``"3rd choice"``, the mentors' topics a
    Microsoft Forms "Ranking" question, one column of ";"-joined options in their order.

Each has a ``_check`` variant (:data:`CHECK_STYLES`) with other wording of the same shapes,
written apart and never tuned on: its figures measure the rules, not the wording.

>>> list(language_columns("langcols_fi", 0, 0, {"fi": 4, "sv": 2}).items())[:3]
[('Q5_1 Suomi (taso)', '5'), ('Q5_2 Englanti (taso)', None), ('Q5_3 Ruotsi (taso)', '3')]
>>> language_columns("langcols_fi", 1, 0, {"fi": 4, "sv": 2})["Kielitaito - Ruotsi"]
'hyvä'
>>> ranked_columns("ranked_en", 0, "Goal", ["CV", "Networking", "Sauna"], ["Sauna", "CV"])
{'Goal – 1st choice': 'Sauna', 'Goal – 2nd choice': 'CV', 'Goal – 3rd choice': None}
"""

from __future__ import annotations

from typing import Any

#: the tuned styles and their never-tuned variants
TUNED_STYLES = ("langcols_fi", "langcols_en", "mothertongue_sv", "ranked_fi", "ranked_en")
CHECK_STYLES = tuple(f"{style}_check" for style in TUNED_STYLES)
STYLES = TUNED_STYLES + CHECK_STYLES
_CODES = ("fi", "en", "sv", "ar", "ru", "so", "et")
#: the form's language
STYLE_LANGUAGES = {"langcols_fi": "fi", "langcols_en": "en", "mothertongue_sv": "sv", "ranked_fi": "fi",
               "ranked_en": "en", "langcols_fi_check": "fi", "langcols_en_check": "en",
               "mothertongue_sv_check": "fi", "ranked_fi_check": "fi", "ranked_en_check": "sv"}
#: every style is written as a Google Forms CSV, but the re-saved ones (:data:`RESAVED_FILES`)
BASE_STYLES = dict.fromkeys(STYLES, "google")
RESAVED_FILES: dict[str, tuple[str, dict[str, Any]]] = dict.fromkeys(
    ("mothertongue_sv", "mothertongue_sv_check"),
    (".csv", {"sep": ";", "encoding": "utf-8-sig", "lineterminator": "\r\n"}))

_NAMES = {
    "en": ("Finnish", "English", "Swedish", "Arabic", "Russian", "Somali", "Estonian"),
    "fi": ("Suomi", "Englanti", "Ruotsi", "Arabia", "Venäjä", "Somali", "Viro"),
    "sv": ("finska", "engelska", "svenska", "arabiska", "ryska", "somaliska", "estniska"),
}
_LEVELS = {"fi": {4: "äidinkieli", 3: "sujuva", 2: "hyvä", 1: "alkeet"},
           "sv": {4: "modersmål", 3: "flytande", 2: "god", 1: "grundläggande"},
           "en": {4: "native", 3: "fluent", 2: "good", 1: "basic"},
           "cefr": {4: "native", 3: "C1", 2: "B1", 1: "A2"},
           "numbers": {4: "5", 3: "4", 2: "3", 1: "2"},
           # the check variants' level words
           "fi_check": {4: "Äidinkieli", 3: "Erinomainen", 2: "Tyydyttävä", 1: "Vähäinen"},
           "sv_check": {4: "Modersmål", 3: "Mycket god", 2: "Nöjaktig", 1: "Nybörjare"},
           "cefr_check": {4: "Modersmål", 3: "C2", 2: "B2", 1: "A1"}}

#: language-column styles: per side (mentee, mentor) the header of one language's column
#: (``{name}`` in the names of ``names``, ``{number}`` its place from 1) and its level words
_COLUMNS = {
    "langcols_fi": (("Q5_{number} {name} (taso)", "fi", "numbers"), ("Kielitaito - {name}", "fi", "fi")),
    "langcols_en": (("4. Languages / {lower}", "en", "en"), ("Language skills - {name}", "en", "cefr")),
    "langcols_fi_check": (("Q7_{number} {name}", "fi", "cefr_check"), ("7. Kielet / {name}", "sv", "sv_check")),
    "langcols_en_check": (("Language proficiency: {name}", "en", "en"),
                          ("How well do you speak {name}? (1-5)", "en", "numbers")),
}
#: mother-tongue styles: per side (mentee, mentor) the mother-tongue question, how each
#: language is written in it (several ways, by person), the other languages' question, how
#: they are written (``{name}``, ``{level}``) and their level words; a mentor side may ask one
#: language in a column of its own instead (``single``: its code, header and level words)
_MOTHER: dict[str, dict[str, Any]] = {
    "mothertongue_sv": {
        "mother": ("Modersmål", "Vilket språk talar du hemma?"),
        "ways": {"fi": ("finska", "finskspråkig", "Fi."), "sv": ("svenska", "svenskspråkig", "Sv."),
                 "en": ("engelska", "Eng."), "ar": ("arabiska", "Arab."), "ru": ("ryska", "ry."),
                 "so": ("somaliska", "Som."), "et": ("estniska", "Est.")},
        "others": ("Andra språk och nivå", "Andra språk"),
        "written": {"fi": "Fi. {level}", "en": "Eng. {level}", "sv": "Sw. {level}", "ar": "arabiska {level}",
                    "ru": "ryska {level}", "so": "somaliska {level}", "et": "estniska {level}"},
        "levels": "cefr", "single": ("en", "Engelska (nivå)", "sv")},
    "mothertongue_sv_check": {
        "mother": ("Mitä kieltä puhut kotona?", "Äidinkieli"),
        "ways": {"fi": ("suomi", "suomenkielinen", "Suom."), "sv": ("ruotsi", "ruotsinkielinen", "Ru."),
                 "en": ("englanti", "Engl."), "ar": ("arabia", "arabiankielinen"), "ru": ("venäjä", "ven."),
                 "so": ("somali", "somalinkielinen"), "et": ("viro", "vir.")},
        "others": ("Muut kielet (taso)", "Muut kielitaidot"),
        "written": {"fi": "Fi {level}", "en": "En {level}", "sv": "Sv {level}", "ar": "arabia {level}",
                    "ru": "venäjä {level}", "so": "somali {level}", "et": "viro {level}"},
        "levels": "fi", "single": ("sv", "Ruotsin kielen taito", "fi_check")},
}
#: ranked-choice styles: per side (mentee, mentor) the shape (``choices``: one column per place
#: holding an option; ``ranks``: one column per option holding its rank; ``joined``: one column,
#: the options in order joined by ";") and the header (``{question}``, ``{place}``, ``{option}``)
_RANKED = {
    "ranked_fi": (("choices", "Tavoite {place}", ("1", "2", "3")),
                  ("ranks", "Järjestä aiheet, joissa voit auttaa [{option}]", ())),
    "ranked_en": (("choices", "Goal – {place} choice", ("1st", "2nd", "3rd")),
                  ("joined", "Rank the topics you could help with", ())),
    "ranked_fi_check": (("choices", "Toive: {place} vaihtoehto", ("1.", "2.", "3.")),
                        ("joined", "Aiheet tärkeysjärjestyksessä", ())),
    "ranked_en_check": (("choices", "Mål ({place}handsval)", ("första", "andra", "tredje")),
                        ("ranks", "Rangordna ämnena - {option}", ())),
}
_QUESTIONS = {
    "fi": {"time": "Aikaleima", "email": "Sähköpostiosoite", "name": "Nimi", "field": "Ammattiala",
           "languages": "Kielitaitosi", "topics": "Missä asioissa voit auttaa?",
           "goals": "Missä asioissa toivot tukea?", "about": "Kerro työkokemuksestasi",
           "goals_text": "Kuvaile tavoitteitasi tarkemmin", "capacity": "Montako mentoroitavaa voit ottaa?"},
    "en": {"time": "Timestamp", "email": "Email Address", "name": "Full name", "field": "Your professional field",
           "languages": "Languages you speak (and how well)", "topics": "Topics you could mentor on",
           "goals": "What would you like support with?", "about": "Tell us about your work experience",
           "goals_text": "Tell us more about what you hope for", "capacity": "How many mentees could you take on?"},
    "sv": {"time": "Tidsstämpel", "email": "E-postadress", "name": "Namn", "field": "Bransch",
           "languages": "Språk", "topics": "Vad kan du hjälpa en adept med?", "goals": "Vad vill du ha stöd med?",
           "about": "Berätta om din arbetserfarenhet", "goals_text": "Beskriv dina mål med egna ord",
           "capacity": "Hur många adepter kan du ta emot?"},
}
#: each style's questions: its language's, the goals question named by its ranked shape
STYLE_HEADERS = {style: _QUESTIONS[STYLE_LANGUAGES[style]] for style in STYLES}


def language_columns(form: str, side: int, person: int, speaks: dict[str, int]) -> dict[str, str | None]:
    """One person's languages as ``form`` asks them (:data:`_COLUMNS`, :data:`_MOTHER`): per
    column header, its cell (None where empty); ``person`` picks how they write a name."""
    if form in _COLUMNS:
        header, names, words = _COLUMNS[form][side]
        return {header.format(name=_NAMES[names][k], lower=_NAMES[names][k].lower(), number=k + 1):
                _LEVELS[words][speaks[code]] if code in speaks else None for k, code in enumerate(_CODES)}
    style = _MOTHER[form]
    ways, levels = style["ways"], _LEVELS[style["levels"]]
    native = [ways[code][person % len(ways[code])] for code, level in speaks.items() if level == 4]
    others = {code: level for code, level in speaks.items() if level != 4}
    cells: dict[str, str | None] = {style["mother"][side]: ", ".join(native) or None}
    if side:
        code, header, words = style["single"]
        cells[header] = _LEVELS[words][others.pop(code)] if code in others else None
    cells[style["others"][side]] = ", ".join(
        style["written"][code].format(level=levels[level]) for code, level in others.items()) or None
    return cells


def ranked_columns(form: str, side: int, question: str, options: list[str], chosen: list[str]) -> dict[str, Any]:
    """A person's goals (topics) ``chosen``, in their order, as ``form``'s ranked-choice
    question asks them (:data:`_RANKED`): per column header, its cell."""
    shape, header, places = _RANKED[form][side]
    if shape == "choices":
        return {header.format(question=question, place=place): chosen[k] if k < len(chosen) else None
                for k, place in enumerate(places)}
    if shape == "ranks":
        return {header.format(question=question, option=option):
                str(chosen.index(option) + 1) if option in chosen else None for option in options}
    return {header.format(question=question): "".join(f"{option};" for option in chosen)}


def asks_languages(form: str) -> bool:
    """Whether ``form`` asks the languages in a shape of its own (:func:`language_columns`)."""
    return form in _COLUMNS or form in _MOTHER


def asks_ranked(form: str) -> bool:
    """Whether ``form`` asks the goals (topics) ranked (:func:`ranked_columns`)."""
    return form in _RANKED
