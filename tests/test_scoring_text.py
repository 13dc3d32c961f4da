"""Free-text similarity: the TF-IDF built without scikit-learn is scikit-learn's, to the bit."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

from matcher.scoring.text import char_ngram_tfidf

WORDS = ("työnhaku", "työnhaussa", "verkostoituminen", "networking", "CV", "ICT", "ab", "a",
         "Åbo", "ääni", "it-ala", "data-analyytikko", "x" * 12)


def sklearn_tfidf(texts: list[str], uses: np.ndarray) -> sp.csr_matrix:
    """The matrix as scikit-learn builds it (the definition char_ngram_tfidf keeps)."""
    words = CountVectorizer(analyzer=str.split, dtype=np.float32)
    per_text = words.fit_transform([t.lower() for t in texts])
    grams = CountVectorizer(analyzer="char_wb", ngram_range=(3, 5), lowercase=False,
                            strip_accents=None, dtype=np.float32)
    per_word = grams.fit_transform(words.get_feature_names_out())
    tfidf = TfidfTransformer(sublinear_tf=True).fit_transform(per_text @ per_word)
    persons = np.bincount(tfidf.indices, weights=np.repeat(uses, np.diff(tfidf.indptr)),
                          minlength=tfidf.shape[1])
    return sp.csr_matrix(tfidf[:, np.flatnonzero(persons >= 2)].astype(np.float32))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join),
                min_size=1, max_size=25, unique=True),
       st.integers(1, 3))
def test_char_ngram_tfidf_is_scikit_learns_to_the_bit(texts, most_uses):
    uses = (np.arange(len(texts)) % most_uses + 1).astype(float)
    ours, theirs = char_ngram_tfidf(texts, uses), sklearn_tfidf(texts, uses)
    assert ours.shape == theirs.shape
    # the same entries in the same order: products and norms add up alike
    assert np.array_equal(ours.indptr, theirs.indptr)
    assert np.array_equal(ours.indices, theirs.indices)
    assert np.array_equal(ours.data, theirs.data)
    gram_ours, gram_theirs = (ours @ ours.T).toarray(), (theirs @ theirs.T).toarray()
    assert np.array_equal(gram_ours, gram_theirs)


def test_a_round_of_few_distinct_texts_never_imports_scikit_learn():
    # scikit-learn pulls in scipy.stats, about a second at startup: only the reduction of many
    # distinct texts (LSA) needs it
    code = ("import sys\nfrom matcher.scoring.text import embed_texts, similarity\n"
            "e = embed_texts({'a': ['työnhaku ja verkostot', ''], 'b': ['apua työnhakuun']})\n"
            "assert similarity(e['a'], e['b'])[0, 0] > 0.2\n"
            "print(sorted(m for m in ('sklearn', 'scipy.stats') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
