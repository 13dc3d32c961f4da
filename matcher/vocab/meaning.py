"""Compare short answer texts by meaning, in English, Finnish and Swedish, without a model download.

A text becomes a list of *word stems*: casefolded words, function words and the form's filler
(:file:`stopwords.toml`) dropped, each word stemmed by the Snowball stemmers of all three languages
(:mod:`snowballstemmer`, which ships its rules) and the shortest stem cut to :data:`STEM_LENGTH`
letters, so "verkostoitumista", "verkostot" and "verkostojen" meet at ``verkos`` and "networks" and
"networking" at ``networ``. Two texts are then compared twice, and the two cosines averaged with
:data:`WORD_WEIGHT`:

- TF-IDF over the stems (a word shared by many texts, "work", counts less);
- TF-IDF over character 3-5-grams of the kept words, which sees through Finnish compounds and
  inflection the stemmer misses ("työnhakutaidot" ~ "työnhaun taidot").

Filler words of one question are learned from its own options (:func:`learn_filler`): a stem in
most options of a column ("help" in "I can help with …", "ala" in "… ala") says nothing about
which option it is.

Example
-------
>>> sim = similarity(["Expanding my professional network"],
...                  ["building professional networks", "writing a CV"])
>>> bool(sim[0, 0] > 0.5 > sim[0, 1])
True
"""

from __future__ import annotations

import functools
import itertools
import re
import tomllib
import unicodedata
from collections import Counter
from pathlib import Path
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import snowballstemmer

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer

#: letters of a stem that are kept: long enough to tell words apart, short enough that inflected
#: and derived forms ("vahvuudet", "vahvuuksien") meet
STEM_LENGTH = 6
#: weight of the word-stem cosine in :func:`similarity` (the rest is the character n-gram cosine)
WORD_WEIGHT = 0.5
#: a stem in at least this share of one question's options (and in 3 or more) is that question's
#: filler
FILLER_SHARE = 0.5
#: fewest letters of a compound's part read as a word of its own (see :func:`word_stems`)
MIN_PART = 4
#: a "word" longer than this (Finnish compounds reach about 60 letters) is pasted or typed
#: garbage; only its first letters are read, so stemming and splitting it stays cheap
LONGEST_WORD = 64

_DATA = Path(__file__).parent
_STEMMERS = tuple(snowballstemmer.stemmer(name) for name in ("finnish", "swedish", "english"))
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Function words and wish phrasing of English, Finnish and Swedish (diacritics folded).

    >>> {"the", "ja", "och", "haluan"} <= stop_words()
    True
    """
    return frozenset(map(_fold, _written_stop_words()))


@functools.cache
def _written_stop_words() -> frozenset[str]:
    data = tomllib.loads((_DATA / "stopwords.toml").read_text(encoding="utf-8"))
    return frozenset(w.casefold() for words in data.values() if isinstance(words, str)
                     for w in words.split())


@functools.lru_cache(maxsize=1 << 15)
def is_function_word(word: str) -> bool:
    """True when a casefolded word is a function word of :func:`stop_words`: as written, or,
    when written without diacritics, as typed on a keyboard lacking them ("ar" for "är").
    A word with diacritics is compared as written: "hår" (hair) is no "har" (has).

    >>> is_function_word("och"), is_function_word("ar"), is_function_word("hår")
    (True, True, False)
    """
    if word in _written_stop_words():
        return True
    return _fold(word) == word and word in stop_words()


@functools.cache
def language_stop_words() -> dict[str, frozenset[str]]:
    """Each of :data:`LEMMA_LANGUAGES`' own function words (diacritics folded), from
    :file:`stopwords.toml`.

    >>> sorted(language_stop_words())
    ['en', 'fi', 'sv']
    """
    data = tomllib.loads((_DATA / "stopwords.toml").read_text(encoding="utf-8"))
    return {language: frozenset(_fold(w.casefold()) for w in data[language].split())
            for language in LEMMA_LANGUAGES}


@functools.lru_cache(maxsize=1 << 15)
def language(text: str) -> str:
    """The language (one of :data:`LEMMA_LANGUAGES`) a short answer is most likely written in,
    or ``""`` when nothing tells.

    Each word votes for the languages that know it, one vote shared among them: a function word
    of :file:`stopwords.toml` for its languages, else a word a dictionary knows (:func:`lemmas`)
    for those dictionaries. Function words say most ("jag", "och", "ja", "the"), so they count
    twice. Ties give ``""``: "IT" or "CV" is no language.

    >>> language("Jag behöver hjälp med mitt CV"), language("Voin auttaa digityökalujen kanssa")
    ('sv', 'fi')
    >>> language("I need help using computers"), language("2026")
    ('en', '')
    """
    votes = dict.fromkeys(LEMMA_LANGUAGES, 0.0)
    stop = language_stop_words()
    for word in _WORD.findall(text.casefold())[:LONGEST_WORD]:
        folded = _fold(word)
        known = [name for name in LEMMA_LANGUAGES if folded in stop[name]]
        weight = 2.0
        if not known:
            known, weight = list(lemmas(word[:LONGEST_WORD])), 1.0
        for name in known:
            votes[name] += weight / len(known)
    ranked = sorted(votes.values(), reverse=True)
    if ranked[0] == ranked[1]:
        return ""
    return max(votes, key=votes.__getitem__)


@functools.cache
def question_filler(kind: str) -> frozenset[str]:
    """Stems that say only what kind of question it is (a field question's "services",
    "sector", "ala"), from the ``[kind]`` table of :file:`stopwords.toml`.

    >>> stem("services") in question_filler("fields")
    True
    """
    data = tomllib.loads((_DATA / "stopwords.toml").read_text(encoding="utf-8"))
    return frozenset(stem(w.casefold()) for words in data.get(kind, {}).values()
                     for w in words.split())


@functools.cache
def question_heads(kind: str) -> frozenset[str]:
    """The Finnish and Swedish words of the ``[kind]`` table of :file:`stopwords.toml`
    (casefolded, as written): the heads a compound answer of that question may end in that say
    only what kind of question it is (see :func:`generic_head`).

    >>> {"ala", "työ", "arbete"} <= question_heads("fields"), "service" in question_heads("fields")
    (True, False)
    """
    data = tomllib.loads((_DATA / "stopwords.toml").read_text(encoding="utf-8"))
    table = data.get(kind, {})
    return frozenset(w.casefold() for language in ("fi", "sv")
                     for w in table.get(language, "").split())


@functools.lru_cache(maxsize=1 << 15)
def stem(word: str) -> str:
    """The shared stem of one casefolded word: the shortest of its three Snowball stems, folded
    and cut to :data:`STEM_LENGTH`.

    >>> stem("verkostoitumista") == stem("verkostot"), stem("networking") == stem("networks")
    (True, True)
    """
    return full_stem(word)[:STEM_LENGTH]


@functools.lru_cache(maxsize=1 << 15)
def full_stem(word: str, guess: bool = True) -> str:
    """The shortest of the three Snowball stems of a casefolded word's lemma (:func:`lemma`),
    folded, not cut.

    >>> full_stem("työpaikkakulttuuri"), stem("työpaikkakulttuuri")
    ('tyopaikkakulttuur', 'tyopai')
    >>> full_stem("tavoista") == full_stem("tapa"), full_stem("kielessä") == full_stem("kieltä")
    (True, True)
    """
    base = finnish_lemma(word, guess) if len(word) > 3 else word
    if len(base) <= 3:
        return _fold(base)
    stems = [s.stemWord(base) for s in _STEMMERS]
    return _fold(min(stems, key=len))


#: the languages whose dictionaries :func:`lemma` looks a word up in, in this order
LEMMA_LANGUAGES = ("fi", "sv", "en")


@functools.cache
def _factory():
    # one per process; a language's dictionary is read on its first lookup only, and StreamMap
    # indexes it without building a dict of every form (the index is kept on disk: indexing the
    # Finnish one takes two seconds, see vocab/dictionaries.py)
    from matcher.vocab.dictionaries import CachedDictionaryFactory

    return CachedDictionaryFactory()


def _dictionary(language: str):
    return _factory().get_dictionary(language)


def finnish_lemma(word: str, guess: bool = True) -> str:
    """The Finnish dictionary form of a casefolded word only Finnish knows, else the word.

    Finnish inflection changes the stem itself ("tapa" / "tavoista", "kieli" / "kielessä",
    "minä" / "minulle"), which Snowball does not undo; Swedish and English inflection it does. A
    word Swedish or English also knows ("revision") is read as theirs: a Finnish form of the same
    letters is a coincidence. With ``guess``, a word no dictionary has is read by simplemma's
    rules (below); the parts of a compound are looked up without (a rule reads almost any
    ending as some word: "keminen" as "kemi").

    >>> finnish_lemma("tavoista"), finnish_lemma("kielessä"), finnish_lemma("revision")
    ('tapa', 'kieli', 'revision')
    """
    known = lemmas(word)
    if set(known) == {"fi"}:
        # an action noun ("hakeminen", "löytämisessä") and an active past participle the
        # dictionary lists as a word of its own ("vaihtanut") are read as their verb: "työn
        # hakeminen" and "autan hakemaan töitä", "alan vaihtaminen" and "olen vaihtanut alaa"
        # say one thing
        return _verb_of(known["fi"]) or known["fi"]
    if known or not guess:
        return word
    # a word no dictionary has is most often a compound or a rare form: simplemma's Finnish
    # rules read it by its known last part ("työelämäkontaktien" -> "työelämäkontakti"), unless
    # Swedish rules read it too ("jobbsökningen": the letters are Swedish)
    ruled = _guess(word, "fi")
    return ruled if ruled != word and _guess(word, "sv") == word else word


def _verb_of(form: str) -> str | None:
    """The verb a Finnish dictionary form is an action noun or an active past participle of,
    when the Finnish dictionary has that verb as a dictionary form; else None.

    An action noun ends in "-minen" after the verb's stem ("hake|minen": "hakea", "verkostoitu|
    minen": "verkostoitua"); a participle in "-nut" / "-nyt" after a vowel ("vaihta|nut":
    "vaihtaa"), after the stem's last consonant doubled ("opiskel|lut": "opiskella") or as
    "-nnut" for a verb in "-ta" / "-tä" ("halu|nnut": "haluta").

    >>> [_verb_of(w) for w in ("hakeminen", "löytäminen", "verkostoituminen", "vaihtanut")]
    ['hakea', 'löytää', 'verkostoitua', 'vaihtaa']
    >>> [_verb_of(w) for w in ("opiskellut", "halunnut", "vaihto", "kanut", "nainen")]
    ['opiskella', 'haluta', None, None, None]
    """
    if len(form) < _LISTED_PARTICIPLE:
        return None
    a = "ä" if set(form).isdisjoint("aou") else "a"
    candidates = []
    if form.endswith("minen"):
        candidates.append(form[:-5] + a)
    elif form.endswith(tuple(f"{c}{u}t" for c in "lnrs" for u in "uy")):
        stem = form[:-3]
        if form[-3] == "n" and stem[-1] in "aeiouyäö":
            candidates.append(stem + a)
        if form[-3] == stem[-1]:
            candidates.append(form[:-2] + a)  # "opiskell|ut": "opiskella"
        if form.endswith(("nnut", "nnyt")):
            candidates.append(form[:-4] + "t" + a)  # "halu|nnut": "haluta"
    for verb in candidates:
        if lemmas(verb).get("fi") == verb:
            return verb
    return None


@functools.lru_cache(maxsize=1 << 15)
def _guess(word: str, language: str) -> str:
    """The dictionary form simplemma's rules and affix decomposition give an unknown word in
    ``language`` (the word itself when they give none)."""
    found = _rules(language).get_lemma(word, language)
    return found.casefold() if found else word


@functools.cache
def _rules(language: str):
    from simplemma.strategies import DefaultStrategy

    return DefaultStrategy(dictionary_factory=_factory())


@functools.lru_cache(maxsize=1 << 15)
def lemmas(word: str) -> dict[str, str]:
    """The dictionary forms of a casefolded word in each of :data:`LEMMA_LANGUAGES` whose
    dictionary (:mod:`simplemma`) knows it.

    >>> lemmas("tavoista"), lemmas("arbetsplatsen"), lemmas("avoiding"), lemmas("xyzzy")
    ({'fi': 'tapa'}, {'sv': 'arbetsplats'}, {'en': 'avoid'}, {})
    """
    found = {}
    for language in LEMMA_LANGUAGES:
        form = _dictionary(language).get(word)
        if form is not None:
            found[language] = form.casefold()
    return found


@functools.lru_cache(maxsize=1 << 15)
def phrases(text: str) -> tuple[tuple[str, ...], ...]:
    """The meaningful words of ``text`` in runs written together: casefolded, hyphenated parts
    apart (unless a dictionary knows the hyphenated word whole: "make-up", "e-mail"), function
    words dropped, each at most :data:`LONGEST_WORD` letters. A run ends at a function word or
    at anything but a space: "Nursing and elderly care" is two runs, "Hotel receptionist" one
    (a phrase whose last word is its head, see :func:`stem_weights`).

    An abbreviation written in capitals in a text that is not all capitals ("IT", "HR") is a
    word even when its letters spell a function word: "IT consultant" is no "it".

    >>> phrases("Nursing and elderly care"), phrases("IT-konsultti, HR")
    ((('nursing',), ('elderly', 'care')), (('it', 'konsultti'), ('hr',)))
    """
    found: list[tuple[str, bool, bool]] = []  # word, capitals, written apart from the one before
    shouting = text.isupper()
    end = 0
    for match in _WORD.finditer(text):
        token = match.group()
        folded = token.casefold()
        apart = bool(text[end:match.start()].strip()) or not found
        end = match.end()
        parts = [token] if "-" in token and lemmas(folded[:LONGEST_WORD]) else token.split("-")
        for part in parts:
            # one letter is an inflection ending cut off by punctuation ("CV:n"), not a word
            if len(part) > 1 and not part.isdigit():
                found.append((part.casefold()[:LONGEST_WORD], part.isupper() and not shouting,
                              apart))
                apart = False
    runs: list[list[str]] = []
    broken = True
    for word, capitals, apart in found:
        if not capitals and (is_function_word(word) or is_function_word(finnish_lemma(word))):
            broken = True
            continue
        if broken or apart:
            runs.append([])
        runs[-1].append(word)
        broken = False
    # a text of function words only ("Se vad jag kan", "What I can do") still says something
    if not runs and found:
        runs = [[word for word, _, _ in found]]
    return tuple(map(tuple, runs))


def words(text: str) -> tuple[str, ...]:
    """The meaningful words of ``text`` (:func:`phrases`, one after another).

    >>> words("I'd like help with my CV and job interviews")
    ('cv', 'job', 'interviews')
    >>> words("IT-konsultti"), words("Make-up artist")
    (('it', 'konsultti'), ('make-up', 'artist'))
    """
    return tuple(word for run in phrases(text) for word in run)


#: fewest letters of a compound's first part ("kök|sbiträde", "työ|elämä")
MIN_MODIFIER = 3
#: letters a Swedish compound adds or drops where its parts meet, tried in this order:
#: "arbet|s|kultur", "förskol(a)|lärare", "kvinn(o)|klinik"
_SWEDISH_LINKS = (("s", ""), ("", "a"), ("", "e"), ("", "o"))


def _languages_knowing(word: str) -> frozenset[str]:
    """The languages whose dictionary knows the word, none when it is a function word."""
    return frozenset() if is_function_word(word) else frozenset(lemmas(word))


@functools.lru_cache(maxsize=1 << 15)
def compound_parts(word: str) -> tuple[str, str] | None:
    """``(modifier, head)`` of a casefolded Finnish or Swedish compound, split where the
    dictionaries know both parts, or None.

    The head (the last part, which says what kind of thing it is) is the longest ending of at
    least :data:`MIN_PART` letters that the Finnish or Swedish dictionary knows; the modifier
    (what it is about) is the rest: a word of the head's language of at least
    :data:`MIN_MODIFIER` letters (:data:`MIN_PART` when the dictionary knows the whole word
    too: "verkosto" is no "ver|kosto"), or an English one of :data:`MIN_PART`
    ("backend|utvecklare"). A Swedish modifier may also be a word once a linking letter is taken
    off or a dropped vowel put back (:data:`_SWEDISH_LINKS`). Never split: a word English knows
    (English writes its compounds apart: "support" is no "sup|port"), one no split explains,
    or one whose parts' languages disagree (a Finnish "-minen" is no Swedish "minen").

    >>> compound_parts("ohjelmistokehittäjä"), compound_parts("budbilsförare")
    (('ohjelmisto', 'kehittäjä'), ('budbils', 'förare'))
    >>> compound_parts("taloushallinto"), compound_parts("förskollärare")
    (('talous', 'hallinto'), ('förskola', 'lärare'))
    >>> compound_parts("verkostoituminen"), compound_parts("verkosto"), compound_parts("support")
    (None, None, None)
    """
    known = lemmas(word)
    if "en" in known:
        return None
    shortest, head_letters = (MIN_PART, MIN_PART + 1) if known else (MIN_MODIFIER, MIN_PART)
    for cut in range(shortest, len(word) - head_letters + 1):
        head = word[cut:]
        languages = _languages_knowing(head) & {"fi", "sv"}
        if known:
            # a word the dictionary knows whole is split only at a head in its dictionary form:
            # any known ending of a known word would split most of them ("tuot|anto")
            languages = frozenset(name for name in languages if lemmas(head)[name] == head)
        modifier = _modifier(word[:cut], languages)
        if modifier is not None:
            return modifier, head
    return None


def _modifier(letters: str, languages: frozenset[str]) -> str | None:
    """The word the first ``letters`` of a compound stand for when its head is a word of
    ``languages``: a word of those languages of at least :data:`MIN_MODIFIER` letters, or an
    English one of :data:`MIN_PART`, as written or, in Swedish, with a linking letter taken off
    or a dropped vowel put back (:data:`_SWEDISH_LINKS`); None when no word.

    >>> _modifier("förskol", frozenset({"sv"})), _modifier("ver", frozenset({"fi"}))
    ('förskola', None)
    """
    # the letters as written are no function word: "för|skollärare" is no "föra|skollärare"
    if not languages or is_function_word(letters):
        return None
    links = (("", ""), *(_SWEDISH_LINKS if "sv" in languages else ()))
    for drop, add in links:
        if not letters.endswith(drop):
            continue
        joined = letters[:len(letters) - len(drop)] + add
        if len(joined) < MIN_MODIFIER:
            continue
        of = _languages_knowing(joined)
        if of & languages or ("en" in of and len(joined) >= MIN_PART):
            return joined
    return None


@functools.lru_cache(maxsize=1 << 15)
def generic_head(word: str, heads: frozenset[str]) -> tuple[str, str] | None:
    """``(modifier, head)`` of a casefolded Finnish or Swedish compound no dictionary knows
    whole, whose head is a word saying only what kind of question it is (in ``heads``, as
    written or as its Finnish or Swedish dictionary form: a field question's "ala", "työ",
    "arbete", "branschen", :func:`question_heads`), or None.

    Such a head is split off before :func:`compound_parts` looks for the longest known head,
    and may be as short as :data:`MIN_MODIFIER` letters ("kampaamo|työ"), so the modifier,
    which says what the answer means, stays whole: "työmaa|työ" (site work), not "työ|maatyö"
    (work and farm work). The modifier is a word as :func:`compound_parts` asks.

    >>> fields = question_heads("fields")
    >>> generic_head("työmaatyö", fields), generic_head("kampaamotyö", fields)
    (('työmaa', 'työ'), ('kampaamo', 'työ'))
    >>> generic_head("kauneudenhoitoala", fields), generic_head("sairaala", fields)
    (('kauneudenhoito', 'ala'), None)
    """
    # a word the dictionary knows whole is a word of its own ("sairaala" is no "saira|ala")
    if not heads or lemmas(word):
        return None
    for cut in range(MIN_MODIFIER, len(word) - MIN_MODIFIER + 1):
        head = word[cut:]
        known = lemmas(head)
        if head not in heads and not heads & {known.get("fi"), known.get("sv")}:
            continue
        modifier = _modifier(word[:cut], frozenset(known) & {"fi", "sv"})
        if modifier is not None:
            return modifier, head
    return None


@functools.lru_cache(maxsize=1 << 15)
def word_parts(word: str, heads: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The word itself, or the parts of a Finnish or Swedish compound (:func:`generic_head`
    with ``heads``, else :func:`compound_parts`; on the word's Finnish dictionary form when the
    dictionary has it: a case ending is no part, "…|essa"; each part split again by
    :func:`compound_parts`), in the order written, the head last.

    >>> word_parts("ohjelmistokehittäjä"), word_parts("taloushallinnon")
    (('ohjelmisto', 'kehittäjä'), ('talous', 'hallinto'))
    >>> word_parts("työmaatyö"), word_parts("työmaatyö", question_heads("fields"))
    (('työ', 'maatyö'), ('työmaa', 'työ'))
    """
    # the dictionary form only: simplemma's rules would guess one for a compound they do not
    # know, and cut it where it is no word
    base = finnish_lemma(word, guess=False)
    # a generic head ends the whole word only: "sairaala|työ" is no "saira|ala|työ"
    parts = generic_head(base, heads) or compound_parts(base)
    if parts is None:
        return (word,)
    return tuple(p for part in parts for p in word_parts(part))


@functools.lru_cache(maxsize=1 << 15)
def word_stems(word: str) -> tuple[str, ...]:
    """The stems one word stands for: its own, or those of its parts when it is a Finnish or
    Swedish compound (:func:`word_parts`).

    A compound stands for its parts, not for itself: "ohjelmistokehittäjä" is read as what
    "ohjelmisto" and "kehittäjä" each say, so it meets "ohjelmistot" and "IT-kehittäjä", and a
    head that many fields share ("kehittäjä", "konsultti") weighs what it says (see
    :func:`coverage`).

    >>> word_stems("maskinteknik"), word_stems("työpaikkakulttuuri")
    (('mask', 'teknik'), ('tyopai', 'kulttu'))
    >>> word_stems("arbetskulturen"), word_stems("verkostoituminen")
    (('arbet', 'kultur'), ('verkos',))
    """
    return tuple(dict.fromkeys(stem(part) for part in word_parts(word)))


@functools.lru_cache(maxsize=1 << 15)
def lemma(word: str) -> str:
    """A casefolded word's dictionary form: the Finnish one (:func:`finnish_lemma`), else the
    word itself when it is a dictionary form in some language, else the first of
    :data:`LEMMA_LANGUAGES` whose dictionary knows it, else the word.

    >>> lemma("hospitals"), lemma("hospitality"), lemma("kielessä"), lemma("arbetsplatsen")
    ('hospital', 'hospitality', 'kieli', 'arbetsplats')
    """
    finnish = finnish_lemma(word)
    if finnish != word:
        return finnish
    known = lemmas(word)
    if not known or word in known.values():
        return word
    return next(iter(known.values()))


#: endings a past participle adds to its verb's stem: English to the verb ("contact|ed",
#: "use|d"), Swedish to the infinitive less its "-a" ("kontakt|ad", "byt|t"); Finnish ones end
#: the participle itself ("kontaktoi|tu", the verb "kontaktoida")
_PARTICIPLE_ENDINGS = {"en": ("ed", "d"), "sv": ("ad", "at", "d", "t"),
                       "fi": ("ttu", "tty", "tu", "ty")}
#: fewest letters of a Finnish passive participle ("-ttu", "-tty", "-ltu", …) the dictionary
#: lists as a word of its own ("haastateltu", "hyväksytty"): shorter ones are nouns ("kettu")
_LISTED_PARTICIPLE = 7


@functools.lru_cache(maxsize=1 << 15)
def is_participle(word: str) -> bool:
    """True when a casefolded word is a past participle of a verb its dictionary knows: a
    state something is in ("Kontaktad", "Contacted", "Kontaktoitu"), not a topic or a field.

    >>> [is_participle(w) for w in ("kontaktad", "contacted", "kontaktoitu", "haastateltu")]
    [True, True, True, True]
    >>> [is_participle(w) for w in ("kontakter", "interviews", "frakt", "networking", "kettu")]
    [False, False, False, False, False]
    """
    for language, form in lemmas(word).items():
        endings = _PARTICIPLE_ENDINGS[language]
        if language == "fi" and form == word and len(word) >= _LISTED_PARTICIPLE \
                and re.search(r"(?:t|[lnrs])t[uy]$", word):
            return True  # a passive participle the dictionary lists as a word ("haastateltu")
        if form == word or not word.endswith(endings):
            continue
        if language == "en" and any(word == form + ending for ending in endings):
            return True
        if language == "sv" and form.endswith("a") and any(
                word == form[:-1] + ending for ending in endings):
            return True
        if language == "fi" and form.endswith(("a", "ä")):
            return True
    return False


#: marks a word's own feature (its dictionary form) among stems (see :class:`Weighing`)
WHOLE = "="


@functools.cache
def ambiguous_stems(kind: str) -> frozenset[str]:
    """Stems that two of ``kind``'s built-in concepts use for different words: one concept's
    names and descriptions use the stem only in words (dictionary forms) the other's never
    use. "hospit" is "hospital" for health and "hospitality" for hospitality; "consul" is
    "consultant" for business and for ICT alike, so it stays one (see :class:`Weighing`).

    >>> "hospit" in ambiguous_stems("fields"), "consul" in ambiguous_stems("fields")
    (True, False)
    """
    from matcher import vocab  # the vocabulary package imports this module

    data = tomllib.loads((_DATA / "concepts.toml").read_text(encoding="utf-8")).get(kind, {})
    uses: dict[str, list[set[str]]] = {}  # stem -> the words using it, one set per concept
    for key in vocab.keys(kind):
        texts = [*vocab.vocabulary(kind).names(key),
                 *(t for texts in data.get(key, {}).values() for t in texts)]
        forms: dict[str, set[str]] = {}
        for part in (p for text in texts for w in words(text) for p in word_parts(w)):
            forms.setdefault(stem(part), set()).add(_fold(lemma(part)))
        for found, used in forms.items():
            uses.setdefault(found, []).append(used)
    return frozenset(found for found, used in uses.items()
                     if any(not a & b for a, b in itertools.combinations(used, 2)))


@dataclass(frozen=True)
class Weighing:
    """How the words of one kind's answers weigh when they are compared with its concepts.

    ``head``: weight of the head of a phrase of several parts against its modifiers (1 alike).
    ``apart``: stems that stand for different words of the kind's concepts
    (:func:`ambiguous_stems`); each such stem carries its word too (``WHOLE`` + dictionary
    form), so two words sharing only the stem ("hospital", "hospitality") are alike, and
    less so than two that are one word.
    ``heads``: words that end a compound and say only what kind of question it is
    (:func:`question_heads`), split off first (:func:`generic_head`).
    """

    head: float = 1.0
    apart: frozenset[str] = frozenset()
    heads: frozenset[str] = frozenset()


#: words weigh alike and every stem stands for its whole family
PLAIN = Weighing()


def stems(text: str, filler: frozenset[str] = frozenset(), weighing: Weighing = PLAIN
          ) -> tuple[str, ...]:
    """Stems of the meaningful words of ``text`` less ``filler`` (all of them if that leaves
    none), compounds split into their parts (:func:`word_stems`).

    >>> stems("Verkostojen rakentaminen")
    ('verkos', 'rakent')
    """
    return tuple(stem_weights(text, filler, weighing))


@functools.lru_cache(maxsize=1 << 15)
def stem_weights(text: str, filler: frozenset[str] = frozenset(), weighing: Weighing = PLAIN
                 ) -> dict[str, float]:
    """The stems of :func:`stems`, in order, each with its weight as a part of what ``text``
    says: 1, or ``weighing.head`` for the head of a phrase of several parts (the last part of a
    run of :func:`phrases`, a compound's parts counted as words: "rakennus|teollisuus", "IT
    consultant", "taloushallinnon asiantuntija"). With a head below 1 the modifiers say more
    than the head: a field answer's modifier names the field, its head the kind of work. A
    stem of ``weighing.apart`` is followed by its word (see :class:`Weighing`), weighing as
    the stem does.

    >>> stem_weights("IT consultant", weighing=Weighing(head=0.5))
    {'it': 1.0, 'consul': 0.5}
    >>> stem_weights("Rakennusteollisuus", weighing=Weighing(head=0.5))
    {'rakenn': 1.0, 'teolli': 0.5}
    >>> stem_weights("Hospital work", weighing=Weighing(apart=frozenset({"hospit"})))
    {'hospit': 1.0, '=hospital': 1.0, 'work': 1.0}

    A word written cut short (:func:`truncations`) is its letters and :data:`TRUNCATED`, read
    as any word they begin (see :func:`coverage`):

    >>> stem_weights("Ravintola- ja mat.ala")
    {'ravint': 1.0, 'mat.': 1.0, 'ala': 1.0}
    """
    cut = truncations(text)
    runs = [[(w + TRUNCATED, w) if w in cut else (stem(p), p)
             for w in run for p in ((w,) if w in cut else word_parts(w, weighing.heads))]
            for run in phrases(text)]
    if any(s not in filler for run in runs for s, _ in run):
        runs = [[(s, p) for s, p in run if s not in filler] for run in runs]
    weights: dict[str, float] = {}
    for run in runs:
        for position, (found, part) in enumerate(run):
            weight = weighing.head if position == len(run) - 1 and position > 0 else 1.0
            features = [found]
            if found in weighing.apart:
                features.append(WHOLE + _fold(lemma(part)))
            for feature in features:
                weights[feature] = max(weights.get(feature, 0.0), weight)
    return weights


#: marks the letters of a word written cut short ("mat." for "matkailu") among stems
TRUNCATED = "."
#: fewest letters of a word cut short that are read as the start of a word
MIN_TRUNCATED = 3
#: a word cut short before a dot: "mat.ala", "tekn. suunnittelu"
_CUT_SHORT = re.compile(r"([^\W\d_]+)\.(?=([^\W\d_])?)")


@functools.lru_cache(maxsize=1 << 15)
def truncations(text: str) -> frozenset[str]:
    """The casefolded words of ``text`` written cut short: at least :data:`MIN_TRUNCATED`
    letters, then a dot, and either a letter right after it (a compound whose first part is
    cut: "mat.ala", matkailuala) or a word no dictionary knows and no function word ("tekn.
    suunnittelu"). A known word before a dot and a space ends a sentence ("I help with
    networking."); one in capitals is an abbreviation of its own ("CVs.").

    >>> sorted(truncations("Ravintola- ja mat.ala, tekn. suunnittelu")), truncations("CVs.")
    (['mat', 'tekn'], frozenset())
    """
    found = set()
    for match in _CUT_SHORT.finditer(text):
        word = match.group(1).casefold()
        # an abbreviation in capitals is a word of its own ("CVs.", "IT."), not a cut one
        capitals = sum(ch.isupper() for ch in match.group(1)) > 1
        if len(word) < MIN_TRUNCATED or capitals or is_function_word(word):
            continue
        if match.group(2) or not lemmas(word[:LONGEST_WORD]):
            found.add(word)
    return frozenset(found)


def learn_filler(options: Iterable[str]) -> frozenset[str]:
    """Stems found in at least :data:`FILLER_SHARE` of a question's distinct options (and in 3+).

    >>> sorted(learn_filler(["I can help with networking", "I can help with CVs",
    ...                      "I can help with interviews", "Studies"]))
    []
    >>> sorted(learn_filler(["Support with networking", "Support with CVs",
    ...                      "Support with interviews", "Studies"]))
    ['suppor']
    """
    options = list(dict.fromkeys(options))
    counts: Counter = Counter()
    for option in options:
        counts.update(set(stems(option)))
    least = max(3.0, FILLER_SHARE * len(options))
    return frozenset(s for s, n in counts.items() if n >= least)


def similarity(left: Sequence[str], right: Sequence[str],
               left_filler: frozenset[str] = frozenset(),
               right_filler: frozenset[str] = frozenset(),
               background: Sequence[str] = (), weighing: Weighing = PLAIN) -> np.ndarray:
    """Similarity in [0, 1] of every ``left`` text to every ``right`` text (``len(left) ×
    len(right)``), the mean of a stem cosine and a character n-gram cosine.

    ``*_filler`` are stems to ignore on that side (see :func:`learn_filler`). ``background``
    texts join the two sides only to weigh words (a word common there counts less), so that two
    short lists are compared on the same scale as long ones. ``weighing.apart`` stems carry
    their words on both sides (:class:`Weighing`).

    >>> np.round(similarity(["työnhakutaidot"], ["työnhaun taidot", "verkostoituminen"]), 2)
    array([[0.75, 0.  ]])
    """
    if not len(left) or not len(right):
        return np.zeros((len(left), len(right)))
    left_stems = [stems(t, left_filler, weighing) for t in left]
    right_stems = [stems(t, right_filler, weighing) for t in right]
    # the character view reads the kept words themselves, so inflection the stemmer left alone
    # still overlaps ("työnhaku" / "työnhaun")
    left_text = [_kept_words(t, left_filler) for t in left]
    right_text = [_kept_words(t, right_filler) for t in right]
    # imported on first use: scikit-learn pulls in scipy.stats (about a second) and most rounds
    # are read without comparing two texts
    from sklearn.feature_extraction.text import TfidfVectorizer

    extra_stems = [stems(t, weighing=weighing) for t in background]
    extra_text = [_kept_words(t, frozenset()) for t in background]
    word = _cosine(left_stems, right_stems, extra_stems,
                   TfidfVectorizer(analyzer=_identity, sublinear_tf=True))
    char = _cosine(left_text, right_text, extra_text,
                   TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True))
    return WORD_WEIGHT * word + (1 - WORD_WEIGHT) * char


def coverage(texts: Sequence[str], groups: Sequence[Iterable[str]],
             filler: frozenset[str] = frozenset(), weighing: Weighing = PLAIN) -> np.ndarray:
    """Share of each text's meaning found among each group's stems (``len(texts) × len(groups)``).

    A group is everything said about one concept (its names and descriptions together). Each
    stem of a text weighs its inverse group frequency, so a stem every concept mentions
    ("work") decides little and one only this concept uses decides much; the order and number
    of words do not matter, nor do extra words much. A stem also weighs its place in the
    text's phrases (:func:`stem_weights` with ``weighing``).

    >>> np.round(coverage(["Getting to know working life"],
    ...                   [["Finnish at work"], ["working life culture"]]), 2)
    array([[0.22, 0.53]])
    """
    group_stems = [set().union(*(stems(t, weighing=weighing) for t in group)) for group in groups]
    n = len(group_stems)
    out = np.zeros((len(texts), n))
    for i, text in enumerate(texts):
        found = stem_weights(text, filler, weighing)
        # a stem is in a group when the group has it, or a word it starts with (a compound's
        # first part: "byggarbete" starts with "bygg")
        hits = {s: [j for j, group in enumerate(group_stems) if _covered(s, group)] for s in found}
        weights = {s: (np.log((n + 1) / (len(hits[s]) + 1)) + 1) * found[s] for s in found}
        total = sum(weights.values())
        for s, groups_hit in hits.items():
            out[i, groups_hit] += weights[s] / total
    return out


def _covered(found: str, group: set[str]) -> bool:
    if found in group:
        return True
    if found.endswith(TRUNCATED):  # a word cut short is any word it begins: "mat." matkailu
        return any(g.startswith(found[:-1]) for g in group)
    # a word's own feature is that word only: "=hospitality" is no "=hospital"
    return not found.startswith(WHOLE) and any(len(g) >= 4 and found.startswith(g) for g in group)


def _identity(tokens: Sequence[str]) -> Sequence[str]:
    return tokens


def _kept_words(text: str, filler: frozenset[str]) -> str:
    found = words(text)
    kept = [w for w in found if stem(w) not in filler]
    return _fold(" ".join(kept or found))


def _cosine(left: list, right: list, background: list, vectorizer: TfidfVectorizer
            ) -> np.ndarray:
    try:
        vectorizer.fit(left + right + background)
    except ValueError:  # nothing to compare (every text empty)
        return np.zeros((len(left), len(right)))
    product = (vectorizer.transform(left) @ vectorizer.transform(right).T).toarray()
    return np.clip(product, 0.0, 1.0)
