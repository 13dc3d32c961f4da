"""Free-text similarity: the TF-IDF built without scikit-learn is scikit-learn's, to the bit."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

from matcher.scoring.text import N_ITER, char_ngram_tfidf, truncated_svd

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


@pytest.mark.parametrize("rows, columns", [(300, 900), (700, 120)])
def test_truncated_svd_is_scikit_learns_to_the_bit(rows, columns):
    # wide (scikit-learn samples the transpose's range) and tall; float32 as the TF-IDF is
    from sklearn.decomposition import TruncatedSVD

    rng = np.random.default_rng(rows)
    matrix = sp.random(rows, columns, density=0.05, format="csr", dtype=np.float32, random_state=rng)
    k = 40
    theirs = TruncatedSVD(n_components=k, algorithm="randomized", n_iter=N_ITER, random_state=0)
    theirs.fit(matrix)
    ours = truncated_svd(matrix, k)
    assert ours.dtype == theirs.components_.dtype == np.float32
    assert np.array_equal(ours, theirs.components_)
    assert np.array_equal(matrix @ ours.T, theirs.transform(matrix))


def test_the_text_embedding_never_imports_scikit_learn():
    # LSA of many distinct texts is computed with numpy and scipy (truncated_svd): importing
    # scikit-learn took about a second of every run with free-text answers
    code = ("import sys\nfrom matcher.scoring.text import embed_texts, DIMENSIONS\n"
            "texts = [f'työnhaku {i} verkosto{i % 7} cv{i % 13} ala{i}' for i in range(3 * DIMENSIONS)]\n"
            "e = embed_texts({'a': texts})\n"
            "assert e['a'].vectors.shape[1] == DIMENSIONS\n"
            "print(sorted(m for m in ('sklearn', 'scipy.stats') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
