"""Read the distinct answer options of both forms as concepts, each with a confidence.

:func:`read_options` takes one question's options from the mentor form and from the mentee form
and gives every option a :class:`Reading`, in this order:

``exact``
    a built-in or config name of a concept (confidence 1);
``abbreviation``
    an abbreviation of a language name ("Engl.", "Ukr";
    :class:`matcher.vocab.languages.LanguageVocabulary`, confidence below 1);
``corrected``
    a typo of one (fuzzy score ≥ :data:`matcher.vocab.AUTO_CORRECT`; confidence = score / 100);
``meaning``
    the concept whose names and descriptions (:file:`concepts.toml`, English, Finnish, Swedish)
    are most similar (:func:`matcher.vocab.meaning.similarity`), when the similarity is at least
    :data:`MIN_SIMILARITY` and the confidence at least :data:`MIN_CONFIDENCE`;
``aligned``
    no concept, but the option and one of the other form's options are each other's most similar
    (similarity ≥ :data:`ALIGN_SIMILARITY`): both are read as one category, the other's concept if
    it has one, else a new one named after the mentee form's wording;
``elimination``
    still unread: what is left unmatched on the two forms, each form's unread options and the
    concepts only the other form reads, is paired by one optimal assignment (scipy's
    ``linear_sum_assignment``) on closeness: an option to a concept by its score, the other
    form's options read as it, or its closest name or description (at least :data:`MIN_LEAN`);
    an option to an option by shared words or, when the two are in different languages
    (:func:`matcher.vocab.meaning.language`), by leaning to the same concepts nobody reads
    (:data:`PROFILE_WEIGHT`; see :func:`_option_closeness`). Pairs at least :data:`LEFTOVER_SIMILARITY`
    close are kept, and when both forms have equally many things left every pair is (both forms
    ask the same question: a Finnish "Voin auttaa digityökalujen kanssa" and an English "I need
    help using computers" share no word, and are still the last two). Two options paired are one
    category named after the mentee form's wording. Before that, for goals, a form whose options
    read one concept twice gives one of them up to a concept only the other form reads, when an
    optimal assignment of those options to the concepts says so (closeness at least
    :data:`MIN_SIMILARITY`; "I can help you stay motivated in the job search" is job-search
    support, not a second wellbeing, when the other form offers job-search support);
``own``
    none of these: the option is a category of its own (key from its words), so the same answer on
    both forms still matches and no answer is ignored.

The weaker steps (``aligned``, ``elimination``) never read an option as a concept another option of
its own form already means by name or meaning: a form offers each topic once, so a second option
meaning it is more likely a topic the vocabulary lacks.
For goals, the ``meaning`` step keeps a second option of one concept only when it is clear on its
own (confidence at least :data:`SECOND_CONFIDENCE`); a less clear one is left to the later steps.

The confidence of a ``meaning`` reading is how far the best concept leads the runner-up, as a share
of the room above the runner-up: ``(best - second) / (1 - second)``; 1 for an exact name, about
0.2 for a close call. An ``aligned`` reading's confidence is the two options' similarity, an
``own`` one's 0 (nothing vouches for its meaning, so the coordinator sees it first).

Example
-------
>>> found = read_options("goals", {
...     "mentees": ["Getting to know Finnish work life", "Networking", "Coping with stress",
...                 "Learning computer basics"],
...     "mentors": ["I can help with networking", "Wellbeing at work",
...                 "Digital skills for everyday tasks", "How things are done in offices here"]})
>>> found["mentees"]["Networking"].key, found["mentors"]["I can help with networking"].key
('networking', 'networking')
>>> found["mentees"]["Getting to know Finnish work life"].key, found["mentees"]["Coping with stress"].key
('working_life_culture', 'wellbeing')
>>> reading = found["mentors"]["How things are done in offices here"]
>>> reading.method, reading.key
('elimination', 'working_life_culture')
>>> [(r.method, r.key) for r in (found["mentees"]["Learning computer basics"],
...                              found["mentors"]["Digital skills for everyday tasks"])]
[('elimination', 'learning_computer_basics'), ('elimination', 'learning_computer_basics')]
>>> read_options("goals", {"mentees": ["Astrology"], "mentors": []})["mentees"]["Astrology"].method
'own'
"""

from __future__ import annotations

import dataclasses
import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from matcher import vocab
from matcher.vocab import meaning

#: similarity (0-1) a concept needs before an option is read as it
MIN_SIMILARITY = 0.30
#: confidence (lead over the runner-up, 0-1) it needs as well; a closer call is decided again
#: with the other form's options read as each concept
MIN_CONFIDENCE = 0.2
#: similarity two options of the two forms, each the other's most similar, need before they are
#: read as one category
ALIGN_SIMILARITY = 0.25
#: similarity two options still unread on both forms need before they are paired by elimination
LEFTOVER_SIMILARITY = 0.10
#: weight of two options' shared lean to the same concepts against a shared word, when options
#: of the two forms are paired at the end (see :func:`_option_closeness`)
PROFILE_WEIGHT = 0.5
#: least lean (closest name or description) an option needs to a concept only the other form
#: reads before the last step pairs them
MIN_LEAN = 0.05
#: spread of an option's leans to the concepts nobody reads (the length of its row less its
#: mean) at which its profile counts fully when options of two languages are paired; a weaker
#: one counts in proportion ("Jag lär ut vardagliga appar" leaning 0.09 to studies is less like
#: "Opiskelupaikan valitseminen" than "Jag ger råd om yrkesutbildningar" leaning 0.26 is)
LEAN_SPREAD = 0.2
#: most options of one form compared with the other form's (the first ones given: pass the most
#: frequent first); beyond them, a round of free-typed answers would compare millions of pairs
ALIGN_OPTIONS = 2000
#: confidence a second option of one form needs before it is read as a concept another of its
#: options already means (below it, the option is left to the later steps)
SECOND_CONFIDENCE = 0.5
#: kinds whose form lists each concept once (a topics menu); a field question's answers often
#: name one field in several ways ("Nursing", "Healthcare"), so fields are not among them
ONCE_EACH = ("goals",)
#: share of an answer's meaning a concept must cover for its full score (less scales it down)
MIN_COVERAGE = 0.4
#: score a concept gains when the option names it ("Finding out what my strengths are")
NAMED_BONUS = 0.2
#: weight of the head of a phrase or compound against its modifiers, per kind (1 elsewhere):
#: a field answer's modifier names the field, its head the kind of work ("IT consultant",
#: "rakennus|teollisuus"; see :func:`matcher.vocab.meaning.stem_weights`)
HEAD_WEIGHT = {"fields": 0.7}
#: kinds whose stems shared by different words of two concepts carry their words
#: (:func:`matcher.vocab.meaning.ambiguous_stems`): a field is named by nouns ("hospital",
#: "hospitality"), a goal by verbs and their derived nouns, whose families a stem should join
WORDS_APART = ("fields",)
#: longest key made for an option of its own
KEY_LENGTH = 40

METHODS = ("exact", "abbreviation", "corrected", "meaning", "aligned", "elimination", "own")


@dataclass(frozen=True)
class Reading:
    """How one distinct answer option is read."""

    answer: str
    #: concept key (built-in, from the config, or made for this option)
    key: str
    #: 0-1, see the module docstring
    confidence: float
    #: one of :data:`METHODS`
    method: str
    #: the runner-up concept of a ``meaning`` reading, or the other form's option of an
    #: ``aligned`` one
    runner_up: str = ""

    @property
    def is_concept(self) -> bool:
        """True when read as a concept of the vocabulary (built in or in the config)."""
        return self.method in ("exact", "abbreviation", "corrected", "meaning")


def read_options(kind: str, sides: Mapping[str, Iterable[str]],
                 extra: Mapping[str, Mapping[str, tuple[str, ...]]] | None = None
                 ) -> dict[str, dict[str, Reading]]:
    """Read every option of each side (``{"mentees": options, "mentors": options}``).

    Options are the answers as written (one option each, already split out of multi-select
    cells; for languages with the level removed), most frequent first. ``extra`` is the config's ``vocabulary`` table.
    Returns ``{side: {option: Reading}}``. Deterministic: the same options give the same readings.
    """
    vocabulary = vocab.vocabulary(kind, extra)
    given = {side: list(dict.fromkeys(o for o in found if o and o.strip()))
             for side, found in sides.items()}
    # one answer typed in another case or spacing ("Networking", " networking") is one option:
    # read apart, the second would count as another option of the same topic
    written = {side: _written_as(found) for side, found in given.items()}
    options = {side: list(dict.fromkeys(written[side].values())) for side in given}
    readings: dict[str, dict[str, Reading]] = {side: {} for side in options}
    fillers = {side: meaning.learn_filler(found) | meaning.question_filler(kind)
               for side, found in options.items()}
    concepts = _concepts(vocabulary, extra)
    scores: dict[str, tuple[list[str], np.ndarray]] = {}
    for side, found in options.items():
        left = []
        for option in found:
            reading = _by_name(vocabulary, option) or _state(option, vocabulary)
            if reading is None:
                left.append(option)
            else:
                readings[side][option] = reading
        per_key, covered = _concept_scores(left, fillers[side], concepts)
        scores[side] = (left, per_key)
        readings[side].update(_decide(left, per_key, concepts.keys, "meaning", understood=covered))
    background = (*concepts.texts, *(o for found in options.values() for o in found))
    if kind in ONCE_EACH:
        _one_each(options, readings, fillers, scores, concepts.keys, background, alone=True)
    _with_other_form(options, readings, fillers, scores, concepts.keys, background)
    _align(options, readings, fillers, vocabulary, background)
    if kind in ONCE_EACH:
        _one_each(options, readings, fillers, scores, concepts.keys, background)
    _pair_leftovers(options, readings, fillers, scores, concepts, vocabulary, background)
    _own_categories(options, readings, vocabulary)
    return {side: {o: dataclasses.replace(readings[side][first], answer=o)
                   for o, first in written[side].items()}
            for side in given}


def _written_as(options: Sequence[str]) -> dict[str, str]:
    """Each of ``options`` mapped to the first of them (the most frequent) that is it in
    another case or spacing (:func:`matcher.vocab.normalise`).

    >>> _written_as(["Networking", " networking ", "CV"])
    {'Networking': 'Networking', ' networking ': 'Networking', 'CV': 'CV'}
    """
    first: dict[str, str] = {}
    return {o: first.setdefault(vocab.normalise(o), o) for o in options}


def _by_name(vocabulary: vocab.Vocabulary, option: str) -> Reading | None:
    named = vocabulary.named(option)
    if named is not None:
        return Reading(option, named[0], named[1], "exact" if named[1] == 1 else "abbreviation")
    best = vocabulary.suggest(option)
    if best is not None and best[1] >= vocab.AUTO_CORRECT:
        return Reading(option, best[0], round(best[1] / 100, 3), "corrected")
    return None


def _state(option: str, vocabulary: vocab.Vocabulary) -> Reading | None:
    """An option that is one past participle ("Kontaktad", "Contacted", "Haettu") says what
    state someone is in, as a coordinator's status column does, not a topic or a field: a
    category of its own from the start, which no later step reads as a concept (its stem would
    meet "contacts" of networking)."""
    found = meaning.words(option)
    if len(found) == 1 and meaning.is_participle(found[0]):
        return Reading(option, _own_key(option, vocabulary), 0.0, "own")
    return None


@dataclass(frozen=True)
class _Concepts:
    """One vocabulary's comparison texts: names and descriptions, and whose each is."""

    keys: tuple[str, ...]
    texts: tuple[str, ...]
    owner: np.ndarray  # index into keys, per text
    groups: tuple[tuple[str, ...], ...]  # the texts of each key
    #: a concept's names that stand as whole words in an answer, and abbreviations ("IT", "CV")
    #: written in capitals, mapped to the key's index
    names: tuple[re.Pattern, dict[str, int], re.Pattern, dict[str, int]]
    #: how an answer's words weigh against these texts (see :func:`_weighing`)
    weighing: meaning.Weighing = meaning.PLAIN

    def named(self, option: str) -> set[int]:
        """Indices of the concepts one of whose names (4+ letters) or capitalised
        abbreviations the option contains as whole words."""
        words, word_keys, capitals, capital_keys = self.names
        found = {word_keys[m.group(0)] for m in words.finditer(vocab.normalise(option))}
        found |= {capital_keys[m.group(0)] for m in capitals.finditer(option)}
        return found


def _concepts(vocabulary: vocab.Vocabulary,
              extra: Mapping[str, Mapping[str, tuple[str, ...]]] | None) -> _Concepts:
    if not (extra or {}).get(vocabulary.kind):
        return _builtin_concepts(vocabulary.kind)
    return _build_concepts(vocabulary)


@functools.cache
def _builtin_concepts(kind: str) -> _Concepts:
    return _build_concepts(vocab.vocabulary(kind))


def _build_concepts(vocabulary: vocab.Vocabulary) -> _Concepts:
    keys = vocabulary.keys
    descriptions = descriptions_of(vocabulary.kind)
    texts: list[str] = []
    owner: list[int] = []
    groups: list[tuple[str, ...]] = []
    for index, key in enumerate(keys):
        group = tuple(dict.fromkeys((*vocabulary.names(key), *descriptions.get(key, ()))))
        texts += group
        owner += [index] * len(group)
        groups.append(group)
    word_keys: dict[str, int] = {}
    capital_keys: dict[str, int] = {}
    # a one-word name counts only if no other concept's texts use its stem ("skills" is said of
    # job-seeking skills too, "strengths" only of strengths)
    users: dict[str, set[int]] = {}
    for index, group in enumerate(groups):
        for text in group:
            for found in meaning.stems(text):
                users.setdefault(found, set()).add(index)
    for index, key in enumerate(keys):
        for name in vocabulary.names(key):
            norm = vocab.normalise(name)
            one_word = meaning.stems(name)
            if len(one_word) == 1 and len(users.get(one_word[0], ())) > 1:
                continue
            if len(norm) >= 4:
                word_keys.setdefault(norm, index)
            if re.fullmatch(r"[A-Z][A-Z&]+", name):
                capital_keys.setdefault(name, index)
    return _Concepts(keys, tuple(texts), np.asarray(owner, dtype=np.int64), tuple(groups),
                     (_whole_words(word_keys), word_keys, _whole_words(capital_keys), capital_keys),
                     _weighing(vocabulary.kind))


def _weighing(kind: str) -> meaning.Weighing:
    """How answers of ``kind`` weigh their words: :data:`HEAD_WEIGHT`, :data:`WORDS_APART`,
    and the compound heads that say only what the question is about
    (:func:`matcher.vocab.meaning.question_heads`)."""
    apart = meaning.ambiguous_stems(kind) if kind in WORDS_APART else frozenset()
    return meaning.Weighing(HEAD_WEIGHT.get(kind, 1.0), apart, meaning.question_heads(kind))


def _whole_words(names: Mapping[str, int]) -> re.Pattern:
    if not names:
        return re.compile(r"(?!x)x")  # matches nothing
    alternatives = "|".join(map(re.escape, sorted(names, key=lambda n: (-len(n), n))))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


@functools.cache
def descriptions_of(kind: str) -> dict[str, tuple[str, ...]]:
    """The built-in descriptions of ``kind``'s concepts, all languages together.

    >>> descriptions_of("goals")["networking"][0]
    'building and widening a professional network'
    """
    data = tomllib.loads((Path(__file__).parent / "concepts.toml").read_text(encoding="utf-8"))
    return {key: tuple(text for language in sorted(entry) for text in entry[language])
            for key, entry in data.get(kind, {}).items()}


def _concept_scores(options: list[str], filler: frozenset[str], concepts: _Concepts
                    ) -> tuple[np.ndarray, np.ndarray]:
    """``len(options) × len(concepts.keys)``: the mean of the closest single name or description
    and how much of the option the concept's texts cover together; and that coverage
    (:func:`matcher.vocab.meaning.coverage`)."""
    if not options or not concepts.keys:
        return (np.zeros((len(options), len(concepts.keys))),) * 2
    per_text = meaning.similarity(options, concepts.texts, left_filler=filler,
                                  weighing=concepts.weighing)
    closest = np.zeros((len(options), len(concepts.keys)))
    np.maximum.at(closest.T, concepts.owner, per_text.T)
    covered = meaning.coverage(options, concepts.groups, filler, concepts.weighing)
    # a reading must explain most of the answer: one shared word of four is a hint, not a reading
    scores = (closest + covered) / 2 * np.minimum(1.0, covered / MIN_COVERAGE)
    for i, option in enumerate(options):
        for k in concepts.named(option):
            scores[i, k] += NAMED_BONUS
    return np.minimum(scores, 1.0), covered


def _decide(options: list[str], per_key: np.ndarray, keys: tuple[str, ...], method: str,
            evidence: np.ndarray | None = None, understood: np.ndarray | None = None
            ) -> dict[str, Reading]:
    """Options whose best concept is close enough and clear enough (see the module docstring).
    With ``understood`` (each option's coverage by each concept), a reading's confidence is
    at most the share of the option its concept covers: an option of which one word of four
    is understood is no sure reading, however far that word leads the runner-up (the cap
    changes how sure a reading is shown, not whether it is made)."""
    found: dict[str, Reading] = {}
    if not options or per_key.shape[1] == 0:
        return found
    order = np.argsort(-per_key, axis=1, kind="stable")
    for i, option in enumerate(options):
        best = per_key[i, order[i, 0]]
        second = per_key[i, order[i, 1]] if per_key.shape[1] > 1 else 0.0
        confidence = (best - second) / (1 - second) if second < 1 else 0.0
        if best >= MIN_SIMILARITY and confidence >= MIN_CONFIDENCE:
            if understood is not None:
                confidence = min(confidence, understood[i, order[i, 0]])
            how = method
            if evidence is not None and evidence[i, order[i, 0]] < ALIGN_SIMILARITY:
                how = "meaning"
            found[option] = Reading(option, keys[order[i, 0]], round(float(confidence), 3), how,
                                    runner_up=keys[order[i, 1]] if per_key.shape[1] > 1 else "")
    return found


def _evidence(left: list[str], side: str, other: str, readings: dict[str, dict[str, Reading]],
              fillers: dict[str, frozenset[str]], keys: tuple[str, ...],
              background: Sequence[str]) -> np.ndarray:
    """``len(left) × len(keys)``: how similar each option of ``side`` is to the other form's
    options already read as each concept (0 where the other form reads none as it)."""
    index = {key: k for k, key in enumerate(keys)}
    read = [(o, r.key) for o, r in readings[other].items() if r.key in index]
    evidence = np.zeros((len(left), len(keys)))
    if not left or not read:
        return evidence
    sim = meaning.similarity(left, [o for o, _ in read], fillers[side], fillers[other], background)
    for j, (_, key) in enumerate(read):
        np.maximum(evidence[:, index[key]], sim[:, j], out=evidence[:, index[key]])
    return evidence


def _unread(options: dict[str, list[str]], readings: dict[str, dict[str, Reading]],
            scores: dict[str, tuple[list[str], np.ndarray]]):
    """For each side and the other (two forms only): the side's options not read yet and their
    rows of concept scores."""
    sides = list(options)
    if len(sides) != 2:
        return
    for side, other in (sides, sides[::-1]):
        names, per_key = scores[side]
        todo = [i for i, o in enumerate(names) if o not in readings[side]][:ALIGN_OPTIONS]
        if todo:
            yield side, other, [names[i] for i in todo], per_key[todo]


def _with_other_form(options: dict[str, list[str]], readings: dict[str, dict[str, Reading]],
                     fillers: dict[str, frozenset[str]],
                     scores: dict[str, tuple[list[str], np.ndarray]], keys: tuple[str, ...],
                     background: Sequence[str]) -> None:
    """Decide the close calls with the other form's help: a concept's score rises by how similar
    the option is to the other form's options already read as that concept."""
    for side, other, left, per_key in _unread(options, readings, scores):
        evidence = _evidence(left, side, other, readings, fillers, keys, background)
        if not evidence.any():
            continue
        combined = np.minimum((per_key + evidence) / 2 + np.maximum(per_key, evidence) / 2, 1.0)
        # a form offers each concept once: the other form's evidence does not read a second
        # option of this form as a concept one of its options already means
        combined[:, [k for k, key in enumerate(keys) if key in _taken(readings[side])]] = 0.0
        for option, reading in _decide(left, combined, keys, "aligned", evidence).items():
            readings[side][option] = reading


def _align(options: dict[str, list[str]], readings: dict[str, dict[str, Reading]],
           fillers: dict[str, frozenset[str]], vocabulary: vocab.Vocabulary,
           background: Sequence[str]) -> None:
    """Read each side's unread options with their mutual best match on the other side: first
    among the unread options of both forms, then against the other form's read ones."""
    sides = list(options)
    if len(sides) == 2:
        first, second = sides
        for stage in ("unread", "read"):
            left = [o for o in options[first] if o not in readings[first]]
            right = [o for o in options[second] if o not in readings[second]]
            if stage == "read":  # each side's leftovers against all of the other side
                _pair(left, [o for o in options[second] if o in readings[second]], first, second,
                      readings, fillers, vocabulary, background)
                left = [o for o in options[first] if o in readings[first]]
            _pair(left, right, first, second, readings, fillers, vocabulary, background)


def _taken(side: Mapping[str, Reading]) -> set[str]:
    """The concepts an option of one form already means (read by name or meaning)."""
    return {r.key for r in side.values() if r.is_concept}


def _one_each(options: dict[str, list[str]], readings: dict[str, dict[str, Reading]],
              fillers: dict[str, frozenset[str]],
              scores: dict[str, tuple[list[str], np.ndarray]], keys: tuple[str, ...],
              background: Sequence[str], alone: bool = False) -> None:
    """A form offers each topic once: options of one form read by meaning (or alignment) as a
    concept another of its options also means, or one it names exactly, are sorted out.

    The options sharing a concept are paired by an optimal assignment on closeness with that
    concept (unless an option names it) and with the concepts only the other form reads: the
    one closest keeps the concept; another moves to a missing concept it is at least
    :data:`MIN_SIMILARITY` close to ("I can help you stay motivated in the job search" gives up
    wellbeing to "… stress and energy" when job-search support is the one topic of the other
    form left unoffered). With ``alone`` (the first reading, before the other form is looked
    at) closeness is the concept score only, and an option that neither keeps the concept nor
    is clear on its own (confidence below :data:`SECOND_CONFIDENCE`) is left unread for the
    later steps: it is more likely a topic the vocabulary lacks. Otherwise it keeps its
    reading."""
    index = {key: k for k, key in enumerate(keys)}
    sides = list(options)
    for side in sides:
        others = [o for o in sides if o != side]
        other = others[0] if len(others) == 1 and not alone else None
        names, per_key = scores[side]
        row = {o: i for i, o in enumerate(names)}
        here = {r.key for r in readings[side].values()}
        missing = [] if other is None else sorted(
            {index[r.key] for r in readings[other].values() if r.key in index and r.key not in here})
        if other is not None and not missing:
            continue
        held = _taken({o: r for o, r in readings[side].items() if r.method in ("exact", "corrected")})
        by_key: dict[str, list[str]] = {}
        for option, reading in readings[side].items():
            if reading.method in ("meaning", "aligned") and reading.key in index and option in row:
                by_key.setdefault(reading.key, []).append(option)
        for key, shared in sorted(by_key.items()):
            if len(shared) < 2 and key not in held:
                continue
            targets = missing + ([] if key in held else [index[key]])
            closeness = per_key[[row[o] for o in shared]]
            if other is not None:
                evidence = _evidence(shared, side, other, readings, fillers, keys, background)
                closeness = np.maximum(closeness, evidence)
            closeness = closeness[:, targets]
            rows, cols = _assignment(closeness) if targets else ((), ())
            kept = set()
            for i, k in zip(rows, cols):
                if targets[k] == index[key]:
                    kept.add(shared[i])
                elif closeness[i, k] >= MIN_SIMILARITY:
                    kept.add(shared[i])
                    readings[side][shared[i]] = Reading(
                        shared[i], keys[targets[k]], round(float(closeness[i, k]), 3),
                        "elimination", runner_up="")
            if alone:
                for option in shared:
                    if option not in kept and readings[side][option].confidence < SECOND_CONFIDENCE:
                        del readings[side][option]
            here = {r.key for r in readings[side].values()}
            missing = [k for k in missing if keys[k] not in here]
            if other is not None and not missing:
                break


def _assignment(closeness: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The one-to-one assignment of most total closeness (rows, columns). scipy.optimize is
    imported here, on first use: its import takes longer than reading a clean export's answers,
    which never need it."""
    from scipy.optimize import linear_sum_assignment

    return linear_sum_assignment(closeness, maximize=True)


def _pair_leftovers(options: dict[str, list[str]], readings: dict[str, dict[str, Reading]],
                    fillers: dict[str, frozenset[str]],
                    scores: dict[str, tuple[list[str], np.ndarray]], concepts: _Concepts,
                    vocabulary: vocab.Vocabulary, background: Sequence[str]) -> None:
    """Pair what is still unmatched on the two forms: each form's unread options with the other
    form's unread options and with the concepts only the other form reads, by one optimal
    one-to-one assignment on closeness (option to option :func:`_option_closeness`; option to
    concept by its score or the other form's options read as it, or its closest name or description alone, however little
    of the option that covers; a concept never to a concept, both forms read those).

    Pairs at least :data:`LEFTOVER_SIMILARITY` close are kept; when both forms have equally
    many things unmatched, every pair is (both forms ask the same question, so what is left on
    one is what is left on the other: a Finnish "Voin auttaa digityökalujen kanssa" and an
    English "Learning to use computers" share no word, and are still the last two)."""
    sides = list(options)
    if len(sides) != 2:
        return
    keys = concepts.keys
    index = {key: k for k, key in enumerate(keys)}
    unread = {s: [o for o in options[s] if o not in readings[s]][:ALIGN_OPTIONS] for s in sides}
    if not any(unread.values()):
        return
    leaning = {s: _closest(found, fillers[s], concepts) for s, found in unread.items()}
    read = {s: {r.key for r in readings[s].values()} for s in sides}
    first, second = sides
    only = {s: sorted(index[k] for k in read[s] - read[o] if k in index)
            for s, o in ((first, second), (second, first))}
    # option x concept closeness: the concept's score or the other form's options read as it
    toward: dict[str, np.ndarray] = {}
    for side, other in ((first, second), (second, first)):
        names, per_key = scores[side]
        row = {o: i for i, o in enumerate(names)}
        evidence = _evidence(unread[side], side, other, readings, fillers, keys, background)
        closeness = np.maximum(per_key[[row[o] for o in unread[side]]], evidence)
        toward[side] = np.maximum(closeness, leaning[side])[:, only[other]]
        # a concept reading needs some lean to it, even the last one left
        toward[side][toward[side] < MIN_LEAN] = -1.0
    n1, n2 = len(unread[first]), len(unread[second])
    forbidden = -1.0
    weight = np.full((n1 + len(only[first]), n2 + len(only[second])), forbidden)
    # two options lean alike only toward concepts neither form reads: a lean toward one a form
    # reads says which of them is that concept, not that they are one topic
    free = [k for k, key in enumerate(keys) if key not in read[first] | read[second]]
    weight[:n1, :n2] = _option_closeness(unread, first, second, fillers,
                                         {s: lean[:, free] for s, lean in leaning.items()},
                                         background)
    weight[:n1, n2:] = toward[first]
    weight[n1:, :n2] = toward[second].T
    if weight.size == 0:
        return
    rows, cols = _assignment(weight)
    every = weight.shape[0] == weight.shape[1]
    for i, j in zip(rows, cols):
        closeness = float(weight[i, j])
        if closeness <= forbidden or (closeness < LEFTOVER_SIMILARITY and not every):
            continue
        confidence = round(max(closeness, 0.0), 3)
        if i < n1 and j < n2:
            a, b = unread[first][i], unread[second][j]
            # with no concept on either side, the mentee form's wording names the category
            key = _own_key(a, vocabulary)
            readings[first][a] = Reading(a, key, confidence, "elimination", runner_up=b)
            readings[second][b] = Reading(b, key, confidence, "elimination", runner_up=a)
        elif i < n1:
            a = unread[first][i]
            readings[first][a] = Reading(a, keys[only[second][j - n2]], confidence, "elimination")
        else:
            b = unread[second][j]
            readings[second][b] = Reading(b, keys[only[first][i - n1]], confidence, "elimination")


def _closest(options: list[str], filler: frozenset[str], concepts: _Concepts) -> np.ndarray:
    """``len(options) × len(concepts.keys)``: each option's similarity to the closest name or
    description of each concept (no coverage asked: a lean, not a reading)."""
    closest = np.zeros((len(options), len(concepts.keys)))
    if options and concepts.keys:
        per_text = meaning.similarity(options, concepts.texts, left_filler=filler,
                                      weighing=concepts.weighing)
        np.maximum.at(closest.T, concepts.owner, per_text.T)
    return closest


def _option_closeness(unread: Mapping[str, list[str]], first: str, second: str,
                      fillers: dict[str, frozenset[str]], leaning: Mapping[str, np.ndarray],
                      background: Sequence[str]) -> np.ndarray:
    """``len(unread[first]) × len(unread[second])``: how alike two forms' unread options are,
    by their words (:func:`matcher.vocab.meaning.similarity`) or, across languages, by which
    concepts they lean to (:func:`_closest`, over descriptions in English, Finnish and
    Swedish): the correlation of the two rows, weighed by :data:`PROFILE_WEIGHT` (a lean is
    weaker than a shared word).

    The lean counts only for two options of different languages (or one whose language nothing
    tells): two options of one language meaning one topic share words, with each other or with
    the same description, so a lean they share without a shared word comes from a stray word
    each shares with some description, and with two or three concepts free the correlation of
    two such leans is near 1 whatever they mean ("Jag behöver hjälp att använda datorer" and
    "Jag kan hjälpa till med arbetslivets oskrivna regler" both lean to language at work).

    >>> lean = {"mentees": np.array([[0.3, 0.0, 0.1]]), "mentors": np.array([[0.3, 0.0, 0.1]])}
    >>> filler = {"mentees": frozenset(), "mentors": frozenset()}
    >>> across = {"mentees": ["I need help using computers"],
    ...           "mentors": ["Voin auttaa digityökalujen kanssa"]}
    >>> float(_option_closeness(across, "mentees", "mentors", filler, lean, ())[0, 0])
    0.5
    >>> same = {"mentees": ["Jag behöver hjälp att använda datorer"],
    ...         "mentors": ["Jag kan hjälpa till med arbetslivets oskrivna regler"]}
    >>> float(_option_closeness(same, "mentees", "mentors", filler, lean, ())[0, 0]) < 0.1
    True
    """
    left, right = unread[first], unread[second]
    if not left or not right:
        return np.zeros((len(left), len(right)))
    words = meaning.similarity(left, right, fillers[first], fillers[second], background)
    profiles = []
    for side in (first, second):
        if leaning[side].shape[1] < 2:
            return words
        rows = leaning[side] - leaning[side].mean(axis=1, keepdims=True)
        # a weak spread of leans is a weak profile: scaled to full length it would make an
        # option that leans a little to a concept as alike an option leaning to it as one that
        # leans to it clearly (with two concepts free, any two rows are then +1 or -1)
        norms = np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), LEAN_SPREAD)
        profiles.append(rows / norms)
    lean = np.clip(profiles[0] @ profiles[1].T, 0.0, 1.0)
    # two options of one language that share no word are not made alike by their leans: both
    # would share words with the concepts' descriptions in that language if they meant the same
    across = np.array([[not a or not b or a != b for b in map(meaning.language, right)]
                       for a in map(meaning.language, left)], dtype=bool).reshape(lean.shape)
    return np.maximum(words, PROFILE_WEIGHT * lean * across)


def _own_categories(options: dict[str, list[str]], readings: dict[str, dict[str, Reading]],
                    vocabulary: vocab.Vocabulary) -> None:
    """Every option still unread becomes a category of its own."""
    for side in options:
        for option in options[side]:
            if option not in readings[side]:
                # confidence 0: nothing vouches for what it means, so it is shown first
                readings[side][option] = Reading(option, _own_key(option, vocabulary), 0.0, "own")


def _pair(left: list[str], right: list[str], first: str, second: str,
          readings: dict[str, dict[str, Reading]], fillers: dict[str, frozenset[str]],
          vocabulary: vocab.Vocabulary, background: Sequence[str]) -> None:
    """Give mutual best matches of ``left`` (first side) and ``right`` (second side) one key."""
    left, right = left[:ALIGN_OPTIONS], right[:ALIGN_OPTIONS]
    if not left or not right:
        return
    sim = meaning.similarity(left, right, fillers[first], fillers[second], background)
    best_right, best_left = sim.argmax(axis=1), sim.argmax(axis=0)
    for i, a in enumerate(left):
        j = int(best_right[i])
        b = right[j]
        if best_left[j] != i or sim[i, j] < ALIGN_SIMILARITY:
            continue
        ra, rb = readings[first].get(a), readings[second].get(b)
        if ra is not None and rb is not None:
            continue
        known = ra or rb
        if known is not None and known.key in _taken(readings[first if ra is None else second]):
            continue  # that form already has an option meaning this concept
        # with no concept on either side, the mentee form's wording names the category
        key = known.key if known is not None else _own_key(a, vocabulary)
        confidence = round(float(sim[i, j]), 3)
        if ra is None:
            readings[first][a] = Reading(a, key, confidence, "aligned", runner_up=b)
        if rb is None:
            readings[second][b] = Reading(b, key, confidence, "aligned", runner_up=a)


def _own_key(option: str, vocabulary: vocab.Vocabulary) -> str:
    """A key for an option of its own: its words joined by ``_`` (never a built-in key).

    >>> _own_key("Wellbeing & coping at work!", vocab.vocabulary("goals"))
    'wellbeing_coping_at_work'
    """
    key = re.sub(r"\W+", "_", vocab.normalise(option))[:KEY_LENGTH].strip("_") or "answer"
    return f"{key}_answer" if key in vocabulary else key
