"""Multi-selects written as one column per option, folded back into one answer per person.

Many survey tools (Webropol, SurveyMonkey, LimeSurvey, Qualtrics, a hand-made sheet) export a
multi-select as one column per option, headed by the question and the option joined by some
separator: ``"Question - Option"``, ``"Question: Option"``, ``"Question (Option)"``,
``"Question_Option"``; each cell marks whether the person chose it (``1`` or blank, ``1``/``0``,
``x``, ``Yes``/``No``, ``Kyllä``/``Ei``, ``Ja``/``Nej``, or the option's own text). Read column by
column, each option would be a question of its own, and none of them is found.

:func:`find_option_columns` finds such groups from the table itself, not from a list of tools:

- **headers**: a run of neighbouring columns whose headers share a question, up to a separator
  (:data:`SEPARATOR`: a spaced dash, a colon, an opening parenthesis or bracket, an underscore, a spaced
  slash or bar), the rest of each header naming its option; the longest question all of them
  share is taken (a question may hold a separator itself: "4. Missä? (voit valita useamman) - …");
- **option text alone** (Typeform): a run of neighbouring columns, each headed by its option's
  text alone and holding that text where chosen (:func:`_bare_runs`), folded as ``"Options N *"``;
  detection then tells which question it is by what its options mean;
- **cells**: every column of the group holds one mark at most besides blanks and one answer that
  declines (``0``, "No", "Ei", "Nej", "False", "Not selected": :func:`declines`), or the option's
  own text; the marks are few over the whole group (:data:`MAX_MARKS`, the same ``1`` or ``x`` in
  every column);
- **the person's own text**: a column of the run holding anything else (the "Other, what?" free
  text, LimeSurvey's "[other]"), or an "Other" column right after a Typeform run
  (:func:`is_other`), is folded in too, each person's text one more option of theirs, so no
  typed answer is lost or read as an option "Other" ticked.

:func:`fold_option_columns` replaces each group by one column, ``"Question - *"`` (the header with
``*`` for the option), whose cells read like a Microsoft Forms multi-select: the chosen options
in the form's order, each followed by ``";"`` (:mod:`matcher.grids` folds grid questions the same
way). What was folded is in ``attrs["folded"]``, which ``matcher init`` prints.

Example
-------
>>> import pandas as pd
>>> table = pd.DataFrame({"Email": ["a@x.fi", "b@x.fi", "c@x.fi"],
...     "Goals - Networking": ["1", None, "1"], "Goals - CV, cover letter": [None, "1", "1"],
...     "Goals - Other, what?": ["Sauna", None, None]})
>>> folded = fold_option_columns(table)
>>> list(folded.columns)
['Email', 'Goals - *']
>>> folded["Goals - *"].tolist()
['Networking;Sauna;', 'CV, cover letter;', 'Networking;CV, cover letter;']
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from matcher import vocab
from matcher.grids import DECLINING, Folded, fold_grids, join_answers, joiner_of, put_folded, typed_texts
from matcher.level_columns import fold_level_columns, fold_other_languages
from matcher.mother_tongue import fold_mother_tongue
from matcher.ranked import fold_ranked
from matcher.repeated_questions import fold_repeated_questions

#: what stands between a question and its option in a column-per-option header: a spaced dash,
#: a colon, an opening bracket, an underscore, a slash (KoboToolbox/ODK's "question/option"),
#: a bar, or a dot between two words (SurveyCTO's "question.option")
SEPARATOR = re.compile(r"\s+[-–—]+\s+|\s*:\s*|\s*\(|\s*\[|_|\s*/\s*|\s+\|\s+|(?<=\w)\.(?=\w)")
#: a heading under a group path (KoboToolbox, ODK, SurveyCTO: "group/question",
#: "group/subgroup/question/option"): names joined by slashes without spaces
PATH = re.compile(r"^[^/\s](?:[^/]*[^/\s])?(?:/[^/\s](?:[^/]*[^/\s])?)+$")
#: the bracket that closes an option opened by a separator ("Question (Option)", "Question [Option]")
_CLOSING = {"(": ")", "[": "]"}
#: a group has at least this many option columns
MIN_OPTIONS = 2
#: most distinct marks (answers that choose) over a whole group, besides the options' own texts
MAX_MARKS = 2
#: a question code a survey tool writes before the question text, LimeSurvey's ``"G01Q02. "`` and
#: ``"G02Q06[SQ001]. "`` (a letter, a code ending in a digit, an option code in brackets, ". ")
CODE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*\d(?:\[[A-Za-z0-9_]+\])?\.\s+(?=\S)")
#: most words in one mark ("Valittu", "Selected", "Yes")
MARK_WORDS = 3
#: normalised answers that decline an option besides the words of :data:`matcher.grids.DECLINING`
#: and the number 0 (a spreadsheet's booleans)
FALSE = frozenset({"false", "epatosi", "falskt"})
#: normalised answers that tick an option whatever it is (a spreadsheet's booleans, a yes)
TRUE = frozenset({"true", "tosi", "sant", "yes", "kylla", "ja", "x"})


@dataclass(frozen=True)
class OptionColumns:
    """One multi-select question exported as one column per option."""

    #: the folded column's header, the question with ``*`` for the option ("Goals - *")
    header: str
    #: the question the headers share ("Goals")
    question: str
    #: the option columns' headers, in the form's order, and the option each names
    columns: tuple[str, ...]
    options: tuple[str, ...]
    #: the answers that chose an option, besides the option's own text (``("1",)``)
    marks: tuple[str, ...]
    #: the group's "Other, what?" columns, each cell a person's own text: an option they add
    typed: tuple[str, ...] = ()
    #: the question's own column holding the same answers as codes (KoboToolbox's "question"
    #: of space-separated option names beside its "question/option" columns), folded away so
    #: no answer counts twice
    codes: tuple[str, ...] = ()


def declines(value: str) -> bool:
    """True when a cell of an option column says the option was not chosen.

    >>> [declines(v) for v in ("0", "No", "Ei", "Nej", "False", "Not selected", "1", "x", "Kyllä")]
    [True, True, True, True, True, True, False, False, False]
    """
    words = vocab.normalise(value).split()
    if not words:
        return True  # punctuation alone ("-") chooses nothing
    try:
        return float(value.strip().replace(",", ".")) == 0
    except ValueError:
        return bool(set(words) & DECLINING) or " ".join(words) in FALSE


def _questions(header: str) -> dict[str, tuple[str, str]]:
    """Every question a header could be the option column of: question -> (separator, option)."""
    out = {}
    for found in SEPARATOR.finditer(header):
        question, option = header[:found.start()].strip(), header[found.end():].strip()
        closing = _CLOSING.get(found.group().strip())
        if closing:
            if not option.endswith(closing):
                continue
            option = option[:-1].strip()
        if sum(c.isalnum() for c in question) >= 2 and any(c.isalnum() for c in option):
            out[question] = (found.group(), option)
    return out


def strip_codes(table: pd.DataFrame) -> pd.DataFrame:
    """The table with the question codes (:data:`CODE`) taken off its headers, so the question
    text is matched to fields and the options of one question share it; a header whose stripped
    text another column has already keeps its code. Index, cells and ``attrs`` are kept.

    >>> table = pd.DataFrame(columns=["Response ID", "G01Q02. Nimi", "G02Q06[SQ001]. Apu? [CV]",
    ...                               "3. Ala"])
    >>> list(strip_codes(table).columns)
    ['Response ID', 'Nimi', 'Apu? [CV]', '3. Ala']
    """
    headers = [str(h) for h in table.columns]
    stripped = [CODE.sub("", h) for h in headers]
    if stripped == headers:
        return table
    counts = Counter(stripped) + Counter(set(headers) - set(stripped))
    renamed = [s if counts[s] == 1 else h for h, s in zip(headers, stripped)]
    out = table.set_axis(renamed, axis=1)
    out.attrs.update(table.attrs)
    return out


def strip_groups(table: pd.DataFrame) -> pd.DataFrame:
    """The table with the group paths taken off its headings (KoboToolbox, ODK and SurveyCTO
    write a question inside a group as "group/question", :data:`PATH`): a heading keeps its last
    name, or its last two ("question/option") when its cells mark an option (one answer
    that chooses at most, a tick (:func:`_ticks`) or one its neighbours under the same path share). Of two names, the first is a group only when another heading shares it
    and one of them asks a question of its own ("Kotikunta/kaupunki" stays whole, and so do
    "question/option" headings whose every column marks an option);
    a heading whose stripped text another column has already keeps its path. Index, cells and
    ``attrs`` are kept.

    >>> table = pd.DataFrame({"start": ["2026-01-01", "2026-01-02"], "Perustiedot/Nimi": ["Aino", "Eero"],
    ...                       "Perustiedot/Kotikunta": ["Espoo", "Oulu"], "Toiveet/Apu?/CV": ["1", "0"],
    ...                       "Toiveet/Apu?/Verkostot": ["0", "1"], "Ala/toimiala": ["ICT", "Laki"]})
    >>> list(strip_groups(table).columns)
    ['start', 'Nimi', 'Kotikunta', 'Apu?/CV', 'Apu?/Verkostot', 'Ala/toimiala']
    """
    headers = [str(h) for h in table.columns]
    paths = {h: h.split("/") for h in headers if PATH.match(h)}
    if not paths:
        return table
    chosen = {h: _chosen_values(table[h]) for h in paths}
    # a value several headings of one parent share marks ("1" in each option's column)
    shared = Counter((tuple(paths[h][:-1]), v) for h in paths for v in chosen[h])
    marks = {h: len(chosen[h]) <= 1 and all(_ticks(v) or shared[tuple(paths[h][:-1]), v] >= 2
                                            for v in chosen[h]) for h in paths}
    groups = Counter(names[0] for names in paths.values())
    asks = {names[0] for h, names in paths.items() if not marks[h]}
    grouped = {h for h, names in paths.items()
               if len(names) > 2 or (groups[names[0]] >= 2 and names[0] in asks)}
    stripped = [h if h not in grouped else "/".join(paths[h][-2:] if marks[h] and len(paths[h]) > 2
                                                    else paths[h][-1:]) for h in headers]
    if stripped == headers:
        return table
    counts = Counter(stripped) + Counter(set(headers) - set(stripped))
    out = table.set_axis([s if counts[s] == 1 else h for h, s in zip(headers, stripped)], axis=1)
    out.attrs.update(table.attrs)
    return out


def _chosen_values(column: pd.Series) -> set[str]:
    """A column's distinct answers besides blanks and those that decline (:func:`declines`)."""
    return {v for v in column.dropna().astype(str).str.strip() if v and not declines(v)}


def _ticks(value: str) -> bool:
    """True when an answer ticks an option whatever the option: a number but 0, a boolean
    true (:data:`TRUE`), a sign ("x", "✓").

    >>> [_ticks(v) for v in ("1", "1.0", "True", "x", "✓", "Verkossa", "o3")]
    [True, True, True, True, True, False, False]
    """
    try:
        return float(value.replace(",", ".")) != 0
    except ValueError:
        return vocab.normalise(value) in TRUE or (len(value) == 1 and not value.isdigit())


def _bare_runs(table: pd.DataFrame, taken: set[str]) -> list[OptionColumns]:
    """Runs of neighbouring columns headed by an option's text alone (Typeform): every filled
    cell of each is its own header, at least :data:`MIN_OPTIONS` of them filled; columns nobody
    filled may stand between them (an option nobody chose), not at the ends."""
    found: list[OptionColumns] = []
    run: list[str] = []

    headers = list(table.columns)

    def close() -> None:
        while run and not _filled(table[run[-1]]):
            run.pop()
        if sum(_filled(table[h]) for h in run) >= MIN_OPTIONS:
            place, after = headers.index(run[0]) + 1, headers.index(run[-1]) + 1
            # the run's own "Other" column right after it (Typeform's), its cells typed text
            typed = tuple(headers[after:after + 1]) if after < len(headers) and \
                headers[after] not in taken and is_other(str(headers[after])) else ()
            found.append(OptionColumns(f"Options {place} *", "", tuple(run), tuple(run), (), typed))

    for header in [*headers, None]:
        if header is not None and header not in taken and _own_text(table[header], str(header)):
            if run or _filled(table[header]):
                run.append(header)
            continue
        close()
        run = []
    return found


#: the words of a header naming a question's "other" answer ("Other", "Other (please
#: specify)", "Muu, mikä?", "Jokin muu", "Annat", "Övrigt, vad?"), normalised: at least one of
#: :data:`OTHER` and nothing but these
OTHER = frozenset({"other", "others", "else", "muu", "muuta", "annat", "annan", "ovrigt", "ovriga"})
_OTHER_WORDS = OTHER | {"something", "please", "specify", "jokin", "mika", "mita", "mitka", "vad",
                        "what", "which", "nagot", "ange", "tarkenna", "kerro", "answer", "option",
                        "text", "teksti"}


def is_other(header: str) -> bool:
    """True when a header names only a question's "other" answer.

    >>> [is_other(h) for h in ("Other", "Other (please specify)", "Muu, mikä?", "Annat", "Languages")]
    [True, True, True, True, False]
    """
    words = set(vocab.normalise(header).split())
    return bool(words & OTHER) and words <= _OTHER_WORDS


def _filled(column: pd.Series) -> bool:
    return bool(column.dropna().astype(str).str.strip().ne("").any())


def _own_text(column: pd.Series, header: str) -> bool:
    """True when every filled cell of ``column`` is ``header`` (case and spacing aside)."""
    values = {v for v in column.dropna().astype(str).str.strip() if v}
    own = vocab.normalise(header)
    return bool(own) and all(vocab.normalise(v) == own for v in values)


def find_option_columns(table: pd.DataFrame) -> list[OptionColumns]:
    """The multi-selects of a table written as one column per option (see the module
    docstring), in column order.

    >>> table = pd.DataFrame({"Name (first)": ["Aino", "Eero"], "Name (last)": ["Virta", "Oja"]})
    >>> find_option_columns(table)
    []
    """
    headers = [str(h) for h in table.columns]
    found: list[OptionColumns] = []
    run: list[str] = []
    shared: set[str] = set()
    for header in headers + [""]:
        questions = set(_questions(header)) if header else set()
        if run and shared & questions:
            run.append(header)
            shared &= questions
            continue
        if len(run) >= MIN_OPTIONS:
            found += _group(table, run, max(shared, key=len))
        run, shared = ([header], questions) if questions else ([], set())
    taken = {h for group in found for h in group.columns}
    found = [_with_codes(table, g, taken) for g in found]
    return sorted(found + _bare_runs(table, taken), key=lambda g: headers.index(str(g.columns[0])))


#: least share of the people answering both whose count of codes in the question's own column is
#: the count of options they marked, for that column to be the same answers (:func:`_with_codes`)
SAME_ANSWERS = 0.9


def _with_codes(table: pd.DataFrame, group: OptionColumns, taken: set[str]) -> OptionColumns:
    """``group`` with the question's own column of codes when the table has one: a column headed
    by the group's question whose cells name, space-separated, as many options as the person
    marked (KoboToolbox writes both; read twice, every answer would count twice)."""
    question = vocab.normalise(group.question)
    marked = table[list(group.columns)].map(_chooses).sum(axis=1)
    for header in table.columns:
        if header in taken or vocab.normalise(header) != question:
            continue
        cells = table[header].map(lambda v: len(v.split()) if isinstance(v, str) else 0)
        both = (cells > 0) | (marked > 0)
        if both.any() and (cells[both] == marked[both]).mean() >= SAME_ANSWERS:
            return OptionColumns(group.header, group.question, group.columns, group.options,
                                 group.marks, group.typed, (str(header),))
    return group


def _group(table: pd.DataFrame, run: list[str], question: str) -> list[OptionColumns]:
    """The option columns of one run of headers sharing ``question``, when their cells mark."""
    candidates, texts = [], []
    for header in run:
        separator, option = _questions(header)[question]
        values = {v for v in table[header].dropna().astype(str).str.strip() if v}
        own = {v for v in values if vocab.normalise(v) == vocab.normalise(option)}
        chosen = {v for v in values - own if not declines(v)}
        if len(values - own - chosen) > 1 or len(chosen) > 1 or any(
                len(v.split()) > MARK_WORDS for v in chosen):
            texts.append(header)  # a column of other answers (the "Other, what?" text)
            continue
        candidates.append((header, option, {vocab.normalise(v) for v in chosen}))
    # a mark is one several columns share ("1" in each); a column marked by an answer of its
    # own while the others share one holds something else (one person's "Other, what?")
    seen = Counter(m for _, _, chosen in candidates for m in chosen)
    marks = {m for m, n in seen.items() if n >= 2} or set(seen)
    kept = [(h, o) for h, o, chosen in candidates if chosen <= marks]
    texts += [h for h, _, chosen in candidates if not chosen <= marks]
    if len(kept) < MIN_OPTIONS or len(marks) > MAX_MARKS:
        return []
    members, options = [h for h, _ in kept], [o for _, o in kept]
    if not any(table[h].map(_chooses).any() for h in members):
        return []
    name = question + separator + "*" + _CLOSING.get(separator.strip(), "")
    return [OptionColumns(name, question, tuple(members), tuple(options), tuple(sorted(marks)),
                          tuple(h for h in run if h in texts))]


def _chooses(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip()) and not declines(value)


def fold_option_columns(table: pd.DataFrame) -> pd.DataFrame:
    """The table with each group of option columns replaced by one multi-select column (see the
    module docstring); the index, the other columns and ``attrs`` are kept, and each group is
    recorded in ``attrs["folded"]`` (``{"header", "columns", "options", "how": "options",
    "marks"}``: the marks a chosen option's cell holds, none for the option's own text). A table
    without such
    groups is returned as it is."""
    groups = find_option_columns(table)
    if not groups:
        return table
    return put_folded(table, [Folded(g.header, _members(g), _chosen(table, g),
                                     {"header": g.header, "columns": list(_members(g)),
                                      "options": list(g.options), "how": "options",
                                      "marks": list(g.marks)}
                                     | ({"typed": list(g.typed)} if g.typed else {})
                                     | ({"codes": list(g.codes)} if g.codes else {}))
                              for g in groups], clash="options")


def _members(group: OptionColumns) -> tuple[str, ...]:
    """Every column a group folds: its option columns and its typed "Other" ones, in order."""
    return tuple(h for h in dict.fromkeys((*group.codes, *group.columns, *group.typed)))


def _chosen(table: pd.DataFrame, group: OptionColumns) -> pd.Series:
    """One group's cells folded into one multi-select answer per person (";" after each): the
    options chosen, then the person's own "Other" texts."""
    chosen = table[list(group.columns)].map(_chooses).to_numpy()
    return pd.Series(["".join(f"{o};" for o, take in zip(group.options, line) if take)
                      + "".join(f"{t};" for t in own)
                      for line, own in zip(chosen, typed_texts(table, group.typed))],
                     index=table.index, dtype=object)


def fold_other_texts(table: pd.DataFrame) -> pd.DataFrame:
    """The table with each question's "Other" text column read into the choice column right
    left of it (Qualtrics' "Question - Other - Text" after "Question - Selected Choice"): a
    person's text is one more option of their answer, after the ones chosen, joined as the
    column joins its options. Recorded in ``attrs["folded"]`` (``"how": "other"``).

    >>> table = pd.DataFrame({"Goals? - Selected Choice": ["CV,Networking", "CV", None],
    ...                       "Goals? - Other - Text": ["Sauna", None, "Fishing"]})
    >>> fold_other_texts(table)["Goals? - Selected Choice"].tolist()
    ['CV,Networking,Sauna', 'CV', 'Fishing']
    """
    headers = [str(h) for h in table.columns]
    pairs = [(headers[k - 1], header) for k, header in enumerate(headers) if k and any(
        is_other(option) and headers[k - 1].startswith(question) and not is_other(headers[k - 1][len(question):])
        for question, (_, option) in _questions(header).items())]
    if not pairs:
        return table
    out = table.drop(columns=[other for _, other in pairs])
    for choice, other in pairs:
        joiner = joiner_of(table[choice])
        out[choice] = [join_answers((cell.strip() if isinstance(cell, str) else "", *texts), joiner) or None
                       for cell, texts in zip(table[choice], typed_texts(table, (other,)))]
    out.attrs.update(table.attrs)
    out.attrs["folded"] = [*table.attrs.get("folded", []),
                           *({"header": c, "columns": [c, o], "options": [], "how": "other"} for c, o in pairs)]
    return out


def fold_questions(table: pd.DataFrame) -> pd.DataFrame:
    """A read export with every question spread over several columns folded into one: a question
    repeated in several sections of the form (:func:`matcher.repeated_questions.fold_repeated_questions`),
    ranked
    choices (:func:`matcher.ranked.fold_ranked`), grid questions (:func:`matcher.grids.fold_grids`),
    a level column per language
    (:func:`matcher.level_columns.fold_level_columns`, with the languages question beside them:
    :func:`matcher.level_columns.fold_other_languages`), then multi-selects written as one column
    per option (:func:`fold_option_columns`), then an "Other" text column beside its choice column
    (:func:`fold_other_texts`) and a mother-tongue column into the languages question
    (:func:`matcher.mother_tongue.fold_mother_tongue`). ``matcher init`` and intake both read a
    file through it, so the config names the columns intake finds."""
    return fold_mother_tongue(fold_other_texts(fold_option_columns(fold_other_languages(fold_level_columns(
        fold_grids(fold_ranked(strip_groups(strip_codes(fold_repeated_questions(table))))))))))
