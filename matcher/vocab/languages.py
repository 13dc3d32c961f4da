"""Language answers read as the languages they name, however they are written.

People write a language as its English, Finnish or Swedish name, its own name, an ISO code, an
abbreviation or an inflected form: "Finnish", "suomi", "finska", "fi", "FIN", "Fin.",
"suomeksi", "suomen kieli", "på finska". The languages vocabulary
(:class:`LanguageVocabulary`) reads all of these by general rules over one table,
:func:`matcher.language_table.table` (every language with an ISO 639-1 code: its ISO 639-2
codes and its CLDR names in English, Finnish, Swedish and in itself), on top of the
hand-written names of :data:`matcher.vocab._LANGUAGES`:

``name``
    a name or code of the table or the built-in list, once the words around a language name
    that say "language", "in" or "level" are set aside (:data:`FRAME_WORDS`: "eesti keel",
    "in English", "Fin. level"); confidence 1;
``inflected``
    a Finnish or Swedish inflected form whose dictionary form (:func:`matcher.vocab.meaning.lemmas`,
    else the Finnish rules' guess) is a name ("arabiaksi" → arabia); confidence 1;
``abbreviation``
    one word, of :data:`MIN_ABBREVIATION` letters or more or written with a dot ("Eng.",
    "Est.", "Ukr"), or the stem of one ("englanniksi" → "englan"), that starts the first word
    of a language's names and is shorter than it. The languages people commonly name (the
    built-in list) come first: a word that starts exactly one of them reads as it (confidence
    :data:`ABBREVIATION_CONFIDENCE`), else one that starts exactly one other language reads as
    that one (:data:`RARE_CONFIDENCE`); a word that starts several is no reading at all.

Two-letter codes name a language only when it is one of the built-in ones ("en", "it", "ja"
stay languages; "CV", "to", "or" are no Chuvash, Tonga, Odia), and a rare language's
three-letter code ("zul") reads only where no built-in language is abbreviated so.

A cell may also name several languages with a word between them ("Finnish and English",
"suomi ja ruotsi", "engelska och finska", "Fin/Swe"): :func:`split_languages` cuts it there
when every part reads as a language.

Example
-------
>>> names = LanguageVocabulary.built_in()
>>> [names.named(w) for w in ("Engl.", "FIN", "arabiaksi", "på svenska", "xyz")]
[('en', 0.9), ('fi', 1.0), ('ar', 1.0), ('sv', 1.0), None]
>>> split_languages("Finnish (native) and Eng. B2", names.lookup)
('Finnish (native)', 'Eng. B2')
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping

from matcher import vocab
from matcher.language_table import table

#: shortest abbreviation read without a dot ("Eng", "swe"); with a dot two letters do ("Sp.")
MIN_ABBREVIATION = 3
#: confidence of an abbreviation of one of the commonly named languages
ABBREVIATION_CONFIDENCE = 0.9
#: confidence of an abbreviation that fits no common language and exactly one other
RARE_CONFIDENCE = 0.8
#: words that frame a language name without naming one: "suomen kieli", "eesti keel", "in
#: English", "på svenska", "Fin. level", "CEFR B2", "infödd talare" (folded as :func:`matcher.vocab.normalise` does)
FRAME_WORDS = vocab.LEVEL_FRAME | frozenset(vocab.normalise(w) for w in (
    "language", "languages", "lang", "kieli", "kielen", "kieltä", "kielellä", "kielenä", "kieliä",
    "språk", "språket", "språken", "keel", "in", "på", "skills", "taito", "kielitaito",
    "språkkunskaper", "speaker", "speakers", "puhuja", "talare", "speaking"))
#: the languages the forms of Finnish programmes are written in: an abbreviation that starts one
#: of their names reads as it before a code of another language ("Sw." beside "Fi." and "Eng."
#: is Swedish, not Swahili's code; "SW" is Swahili)
PROGRAMME_LANGUAGES = ("fi", "sv", "en")
#: the endings of an adjective made of a language's name ("suomenkielinen", "ruotsinkieliset",
#: "svenskspråkig", "finskspråkiga"), folded: the name is what is left (its genitive or stem)
ADJECTIVE_ENDINGS = ("kielinen", "kieliset", "kielista", "kielisena", "sprakiga", "sprakigt", "sprakig")
#: what stands between two languages named in one cell (outside parentheses)
_BETWEEN = re.compile(r"\s*(?:/|&|\+|\band\b|\bja\b|\bsekä\b|\boch\b|\bsamt\b)\s*", re.IGNORECASE)
_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def entries(built_in: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """The languages vocabulary's entries: the ``built_in`` ones (key -> label, synonyms) with
    the table's codes and names added, then the table's other languages (labelled by their
    English name). A name an earlier language already has is left out.

    >>> entries({"fi": ("Finnish", "suomi")})["fi"]
    ('Finnish', 'suomi', 'fin', 'finska')
    >>> entries({})["ti"]
    ('Tigrinya', 'tigrinja', 'ትግርኛ')
    """
    found = {key: tuple(names) for key, names in built_in.items()}
    # a name two languages share in the table (two Ndebele languages call themselves
    # "isiNdebele") is the first one's only, so no name means two keys
    claimed = {vocab.normalise(n) for key, names in found.items() for n in (key, *names)}
    for row in table():
        # a rare language's three-letter codes are read after abbreviations (:func:`rare_codes`)
        codes = (row.iso639_2, row.iso639_2b) if row.code in built_in else ()
        written = (*codes, row.en, row.fi, row.sv, row.native)
        names = found.get(row.code, (row.en,))
        known = {vocab.normalise(n) for n in (row.code, *names)}
        extra = [n for n in dict.fromkeys(written) if n and vocab.normalise(n) not in known
                 and vocab.normalise(n) not in claimed]
        found[row.code] = (*names, *extra)
        claimed |= {vocab.normalise(n) for n in (row.code, *found[row.code])}
    return found


def rare_codes(built_in: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """The ISO 639-2 codes of the table's languages outside ``built_in``, to their key: read
    only when no commonly named language is abbreviated so ("ven." is venäjä, Russian, not
    Venda's code).

    >>> rare_codes({})["ven"], "ven" in rare_codes({"ve": ("Venda",)})
    ('ve', False)
    """
    return {code: row.code for row in table() if row.code not in built_in
            for code in (row.iso639_2, row.iso639_2b) if code and code not in common_words()}


@functools.cache
def common_words() -> frozenset[str]:
    """The function words of English, Finnish and Swedish
    (:func:`matcher.vocab.meaning.language_stop_words`): no code of a rare language ("to" is
    Tonga's, "kan" Kannada's) is read as one.

    >>> {"to", "kan", "och"} <= common_words()
    True
    """
    from matcher.vocab import meaning

    return frozenset().union(*meaning.language_stop_words().values())


class LanguageVocabulary(vocab.Vocabulary):
    """The languages vocabulary: names and codes as any vocabulary, and inflected forms and
    abbreviations by the rules of this module (:meth:`named`).

    >>> names = LanguageVocabulary.built_in()
    >>> names.lookup("suomen kieli"), names.lookup("ENG"), names.lookup("Sv."), names.lookup("viroksi")
    ('fi', 'en', 'sv', 'et')
    """

    def __init__(self, kind: str, entries: Mapping[str, tuple[str, ...]],
                 common: frozenset[str] = frozenset(), codes: Mapping[str, str] | None = None):
        super().__init__(kind, entries)
        #: the keys abbreviations are read as first (the built-in list, and the config's own)
        self.common = common
        #: three-letter codes read after abbreviations (:func:`rare_codes`)
        self.codes = dict(codes or {})
        self._read: dict[str, tuple[str, float] | None] = {}
        # a rare language is read by its names, and by its three-letter codes (:attr:`codes`)
        # only where no common language is abbreviated so: its two-letter code is more often
        # a word or an abbreviation of something else ("CV", "to", "or") than the language
        for key in set(self.keys) - common:
            if self._lookup.get(key) == key:
                del self._lookup[key]
        self._choices = list(self._lookup)
        # the names of one word longer than a code, frame words aside ("suomen kieli" is
        # "suomen"; "Finnish Sign Language" is no abbreviation's), with the keys they name
        starts: dict[str, set[str]] = {}
        for name, key in self._lookup.items():
            words = [w for w in name.split() if w not in FRAME_WORDS]
            if len(words) == 1 and len(words[0]) > MIN_ABBREVIATION:
                starts.setdefault(words[0], set()).add(key)
        self._starts = starts

    @classmethod
    def built_in(cls) -> LanguageVocabulary:
        """The built-in languages vocabulary (as :func:`matcher.vocab.vocabulary` gives it)."""
        found = vocab.vocabulary("languages")
        assert isinstance(found, cls)
        return found

    def lookup(self, raw: object) -> str | None:
        """The key ``raw`` names: exactly (:meth:`Vocabulary.lookup`), else by :meth:`named`."""
        key = super().lookup(raw)
        if key is not None and (key in PROGRAMME_LANGUAGES or "." not in str(raw)):
            return key
        found = self.named(raw)
        return found[0] if found else None

    def named(self, raw: object) -> tuple[str, float] | None:
        """``(key, confidence)`` of the language ``raw`` names (see the module docstring), or
        None; confidence 1 for a name, a code or an inflected form, less for an abbreviation.

        >>> names = LanguageVocabulary.built_in()
        >>> [names.named(w) for w in ("Sw.", "SW", "ruotsinkielinen", "svenskspråkig", "Finnish-speaking")]
        [('sv', 0.9), ('sw', 1.0), ('sv', 1.0), ('sv', 1.0), ('fi', 1.0)]
        """
        text = str(raw)
        if text not in self._read:
            key = super().lookup(text)
            self._read[text] = (key, 1.0) if key is not None else self._rules(text)
            if key is not None and key not in PROGRAMME_LANGUAGES and "." in text:
                # a dotted word is an abbreviation first where it starts a form language's name
                word = vocab.normalise(text)
                local = self._started(word) & set(PROGRAMME_LANGUAGES) if len(word) >= 2 else set()
                if len(local) == 1:
                    self._read[text] = (local.pop(), ABBREVIATION_CONFIDENCE)
        return self._read[text]

    def _rules(self, text: str) -> tuple[str, float] | None:
        written = vocab.normalise(text).split()
        # the frame words set aside, unless nothing else is left ("language" is no language)
        words = [w for w in written if w not in FRAME_WORDS]
        if not words:
            return None
        bare = " ".join(words)
        if bare in self._lookup:
            return self._lookup[bare], 1.0
        if len(words) != 1:
            return None
        word = words[0]
        # the dictionaries know the word as written, with its diacritics ("venäjäksi")
        written_word = next((w for w in re.findall(r"\w+", text.casefold())
                             if vocab.normalise(w) == word), word)
        inflected = self._inflected(written_word)
        if inflected is not None:
            return inflected, 1.0
        adjective = self._adjective(word)
        if adjective is not None:
            return adjective, 1.0
        return self._abbreviation(word, dotted="." in text)

    def _adjective(self, word: str) -> str | None:
        """The language an adjective of its name names ("ruotsinkielinen", "svenskspråkig"):
        the name left before :data:`ADJECTIVE_ENDINGS` read as a name, an inflected form
        ("ruotsin") or the start of one common language's name ("svensk")."""
        ending = next((e for e in ADJECTIVE_ENDINGS if word.endswith(e) and len(word) > len(e) + 2), None)
        if ending is None:
            return None
        name = word[:-len(ending)]
        if name in self._lookup:
            return self._lookup[name]
        found = self._inflected(name)
        if found is None:
            started = self._started(name) & self.common
            found = started.pop() if len(started) == 1 else None
        return found

    def _inflected(self, word: str) -> str | None:
        from matcher.vocab import meaning

        # the dictionaries' forms, then the Finnish rules' guess ("somaliaa" → somalia)
        for form in (*meaning.lemmas(word).values(), meaning.finnish_lemma(word, True)):
            # a dictionary form is a name, never a code ("tag" is no inflection of "ta")
            norm = vocab.normalise(form)
            key = self._lookup.get(norm) if len(norm) > MIN_ABBREVIATION else None
            if key is not None:
                return key
        return None

    def _abbreviation(self, word: str, dotted: bool) -> tuple[str, float] | None:
        from matcher.vocab import meaning

        tries = [word] if len(word) >= MIN_ABBREVIATION or (dotted and len(word) >= 2) else []
        stem = meaning.full_stem(word, guess=False)
        if len(stem) > MIN_ABBREVIATION and stem != word:
            tries.append(stem)
        started = [self._started(start) for start in tries]
        for keys in started:
            common = keys & self.common
            if common:
                return (min(common), ABBREVIATION_CONFIDENCE) if len(common) == 1 else None
        if word in self.codes:
            return self.codes[word], 1.0
        rare = next((keys for keys in started if keys), set())
        return (min(rare), RARE_CONFIDENCE) if len(rare) == 1 else None

    def _started(self, start: str) -> set[str]:
        """The keys of the one-word names that ``start`` begins and is shorter than."""
        return {key for first, named in self._starts.items()
                if len(first) > len(start) and first.startswith(start) for key in named}


def split_languages(answer: str, lookup: Callable[[str], str | None]) -> tuple[str, ...]:
    """``answer`` cut where a word or sign stands between two languages ("Finnish and English",
    "suomi ja ruotsi", "Fin/Swe"; never inside parentheses), when every part, its level aside
    (:func:`matcher.vocab.split_level`), reads as a language by ``lookup``; else ``answer`` whole.

    >>> names = LanguageVocabulary.built_in()
    >>> split_languages("engelska och finska (flytande)", names.lookup)
    ('engelska', 'finska (flytande)')
    >>> split_languages("Research and development", names.lookup)
    ('Research and development',)
    >>> split_languages("Arabic (basic) and English - C2 / first language", names.lookup)
    ('Arabic (basic)', 'English - C2 / first language')
    """
    bare = _PARENTHESES.sub(lambda m: "_" * len(m.group()), answer)
    cuts = list(_BETWEEN.finditer(bare))
    if not cuts:
        return (answer,)
    bounds = [0, *(x for m in cuts for x in (m.start(), m.end())), len(answer)]
    spans: list[tuple[int, int]] = []
    for start, end in zip(bounds[::2], bounds[1::2]):
        # a part naming no language stays with the one before: "English - C2 / first language"
        if spans and lookup(vocab.split_level(answer[start:end])[0]) is None:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    parts = tuple(answer[a:b].strip() for a, b in spans)
    if len(parts) > 1 and all(lookup(vocab.split_level(part)[0]) is not None for part in parts):
        return parts
    return (answer,)


def written_language(answer: str) -> tuple[str, int | None]:
    """One language answer's language as written (its own case and dots: "Eng." stays an
    abbreviation) and its level (:func:`matcher.vocab.split_level`), a level word no lexicon
    knows set aside (:func:`leading_language`).

    >>> written_language("Eng. (C1)"), written_language("Ry.: A1"), written_language("arabia")
    (('Eng.', 3), ('Ry.', 1), ('arabia', None))
    """
    text, level = vocab.split_level(answer)
    return leading_language(_language_text(answer, text), vocab.vocabulary("languages")), level


def _language_text(answer: str, text: str) -> str:
    """The language part of ``answer`` as written: the words of ``text`` (split_level's
    normalised language part) in their own case and with their dots, else ``text``."""
    if vocab.normalise(answer) == text:
        return answer.strip()
    kept = set(text.split())
    words = [w for w in answer.split() if vocab.normalise(w)
             and set(vocab.normalise(w).split()) <= kept]
    return " ".join(words).strip(" :;-–—,") or text


#: most words of a language name read at the start of an answer (:func:`leading_language`)
LEADING_WORDS = 3


def leading_language(text: str, names: vocab.Vocabulary) -> str:
    """``text``, or the words it starts with that name a language when ``text`` as a whole
    names none and the words after name no other language: a level word no lexicon knows
    never stops the language being read ("Eng. working proficiency" is "Eng.", its level the
    default); "suomi ruotsi" stays whole (two languages are not one).

    >>> names = LanguageVocabulary.built_in()
    >>> [leading_language(t, names) for t in ("Eng. working proficiency", "suomi ruotsi", "Fin.")]
    ['Eng.', 'suomi ruotsi', 'Fin.']
    """
    words = text.split()
    if len(words) < 2 or names.lookup(text) is not None:
        return text
    for cut in range(min(len(words) - 1, LEADING_WORDS), 0, -1):
        head, rest = " ".join(words[:cut]), words[cut:]
        if names.lookup(head) is not None and names.contained(" ".join(rest)) is None \
                and all(names.lookup(w) is None for w in rest):
            return head
    return text
