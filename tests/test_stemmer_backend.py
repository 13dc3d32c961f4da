"""snowballstemmer hands its work to PyStemmer (the same Snowball rules compiled) when that is
installed, as pyproject.toml asks: the stems, and so every reading by meaning, must not change."""
import re
from pathlib import Path

import pytest
import snowballstemmer
from snowballstemmer import english_stemmer, finnish_stemmer, swedish_stemmer

VOCAB = Path(__file__).resolve().parents[1] / "matcher" / "vocab"
PURE = {"finnish": finnish_stemmer.FinnishStemmer, "swedish": swedish_stemmer.SwedishStemmer,
        "english": english_stemmer.EnglishStemmer}


def _vocabulary_words() -> list[str]:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(VOCAB.glob("*.toml")))
    return sorted({w.casefold() for w in re.findall(r"[^\W\d_]+", text)})


def test_compiled_stemmer_is_used():
    assert not isinstance(snowballstemmer.stemmer("finnish"), finnish_stemmer.FinnishStemmer)


@pytest.mark.parametrize("language", sorted(PURE))
def test_compiled_stems_equal_pure_python_stems(language):
    words = _vocabulary_words()
    assert len(words) > 500
    pure, compiled = PURE[language](), snowballstemmer.stemmer(language)
    assert compiled.stemWords(words) == pure.stemWords(words)
