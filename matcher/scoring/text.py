"""Free-text similarity that works for Finnish, English and mixed answers.

Finnish inflects heavily ("työnhaku", "työnhaussa", "työnhakuun"), so texts are compared on
character n-grams (3 to 5 characters inside word boundaries, scikit-learn's ``char_wb``) weighted
by TF-IDF, which matches word stems without a language-specific stemmer and lets a mixed answer
match either language. ``ä``, ``ö`` and ``å`` are kept (``strip_accents=None``): they distinguish
Finnish words.

A sparse product of n-gram vectors at 10,000 × 6,000 is nearly dense (common n-grams), so each
distinct text is reduced to at most :data:`DIMENSIONS` dimensions (latent semantic analysis:
scikit-learn's randomized ``TruncatedSVD`` with a fixed seed, rewritten with numpy and scipy in
:func:`truncated_svd`, fitted on an evenly spaced sample of at most :data:`SVD_SAMPLE` texts).
Rounds with at most :data:`DIMENSIONS` distinct texts (or n-grams) are embedded exactly instead. TF-IDF rows are L2-normalised before the reduction, so
similarity is a dense float32 product: the cosine (approximated by the projection on large
rounds), clipped to [0, 1].

Example
-------
>>> emb = embed_texts({"a": ["työnhaku ja verkostoituminen"], "b": ["apua työnhakuun", ""]})
>>> sim = similarity(emb["a"], emb["b"])
>>> bool(sim[0, 0] > 0.2), float(sim[0, 1])
(True, 0.0)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

#: embedding dimensions for large rounds (exact below this many distinct texts)
DIMENSIONS = 256
#: at most this many distinct texts are used to fit the reduction (all are transformed)
SVD_SAMPLE = 4000
#: power iterations of the randomized SVD (more: closer to the exact SVD, slower)
N_ITER = 3


@dataclass(frozen=True)
class TextEmbeddings:
    """Text vectors, one row per person (a zero row where the answer is empty); the inner
    product of two rows is the cosine similarity of the two texts."""

    vectors: np.ndarray  # float32 (n, d)
    present: np.ndarray  # bool (n,): the person wrote something
    #: int64 (n,): the same number for the same (cleaned) text, -1 for no answer; lets scoring
    #: compute a similarity once per distinct text
    ids: np.ndarray

    def __len__(self) -> int:
        return len(self.present)

    def __repr__(self) -> str:
        return (f"TextEmbeddings({len(self)} persons, {int(self.present.sum())} with text, "
                f"{self.vectors.shape[1]} dimensions)")

    def take(self, rows: slice) -> "TextEmbeddings":
        return TextEmbeddings(self.vectors[rows], self.present[rows], self.ids[rows])


def embed_texts(groups: dict[str, list[str]]) -> dict[str, TextEmbeddings]:
    """Embed several lists of texts in one shared space (one TF-IDF vocabulary for all).

    Parameters
    ----------
    groups : dict
        name -> list of texts (``""`` for no answer).

    Returns
    -------
    dict
        name -> :class:`TextEmbeddings`, rows in the order of the list.

    Examples
    --------
    >>> e = embed_texts({"x": ["Haluan oppia verkostoitumaan", ""]})
    >>> e["x"].present.tolist()
    [True, False]
    """
    cleaned = {name: [" ".join(str(t).split()) for t in texts] for name, texts in groups.items()}
    # each distinct text is vectorised once; sorted, so the result does not depend on row order
    uses = Counter(t for texts in cleaned.values() for t in texts if t)
    distinct = sorted(uses)
    vectors = _embed_distinct(distinct, np.array([uses[t] for t in distinct]))
    position = {text: i for i, text in enumerate(distinct)}
    out = {}
    for name, texts in cleaned.items():
        present = np.array([bool(t) for t in texts], dtype=bool)
        rows = np.array([position.get(t, 0) for t in texts], dtype=np.int64)
        person = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
        person[present] = vectors[rows[present]]
        out[name] = TextEmbeddings(person, present, np.where(present, rows, -1))
    return out


def similarity(a: TextEmbeddings, b: TextEmbeddings) -> np.ndarray:
    """Cosine similarity of every row of ``a`` with every row of ``b``, clipped to [0, 1].

    Pairs where either text is empty get 0; use ``present`` to tell them apart.
    """
    sim = a.vectors @ b.vectors.T
    return np.clip(sim, 0.0, 1.0, out=sim)


def _embed_distinct(texts: list[str], uses: np.ndarray) -> np.ndarray:
    """Vectors whose inner products are the cosines of distinct non-empty texts: exact up to
    DIMENSIONS texts or n-grams, else reduced by LSA."""
    if not texts:
        return np.zeros((0, 1), dtype=np.float32)
    tfidf = char_ngram_tfidf(texts, uses)
    n_docs, n_grams = tfidf.shape
    if n_grams <= DIMENSIONS:
        return tfidf.toarray()
    if n_docs <= DIMENSIONS:
        return _gram_embedding(tfidf).astype(np.float32)
    step = -(-n_docs // SVD_SAMPLE)
    components = truncated_svd(tfidf[::step], DIMENSIONS)
    # not re-normalised: the projection's inner products approximate the exact cosines (the
    # exact branches above give those), so scores mean the same in small and large rounds
    return (tfidf @ components.T).astype(np.float32)


def truncated_svd(matrix: sp.csr_matrix, k: int, n_iter: int = N_ITER, seed: int = 0) -> np.ndarray:
    """The ``k`` right singular vectors (rows) of a sparse float32 matrix by randomized SVD.

    The same components, to the bit, as scikit-learn's ``TruncatedSVD(n_components=k,
    algorithm="randomized", n_iter=n_iter, random_state=seed).fit(matrix).components_``
    (Halko et al.'s range finder with ``n_oversamples=10`` extra columns, LU-normalised power
    iterations, a QR basis, scipy's ``gesdd`` SVD of the small projection, signs flipped so each
    component's largest entry is positive); ``tests/test_scoring_text.py`` compares the two. It
    is written here with numpy and scipy because importing scikit-learn (it pulls in
    scipy.stats) took about a second of every run with free-text answers.

    >>> X = sp.random(30, 50, density=0.2, format="csr", dtype=np.float32, random_state=1)
    >>> truncated_svd(X, 3).shape
    (3, 50)
    """
    from scipy import linalg

    n_rows, n_columns = matrix.shape
    # the smaller side is sampled: the range of the transpose when rows are fewer than columns
    transpose = n_rows < n_columns
    m = matrix.T if transpose else matrix
    q = np.random.RandomState(seed).normal(size=(m.shape[1], k + 10))
    q = q.astype(m.dtype, copy=False) if m.dtype == np.float32 else q
    for _ in range(n_iter):
        q, _ = linalg.lu(m @ q, permute_l=True, check_finite=False)
        q, _ = linalg.lu(m.T @ q, permute_l=True, check_finite=False)
    q, _ = linalg.qr(m @ q, mode="economic", check_finite=False)
    u_small, _, vt = linalg.svd(q.T @ m, full_matrices=False, lapack_driver="gesdd")
    u = q @ u_small
    components = u[:, :k].T if transpose else vt[:k]
    # the sign of each component as scikit-learn's svd_flip(u_based_decision=False) sets it
    signs = np.sign(components[np.arange(k), np.argmax(np.abs(components), axis=1)])
    return components * signs[:, None]


def char_ngram_tfidf(texts: list[str], uses: np.ndarray | None = None) -> sp.csr_matrix:
    """L2-normalised TF-IDF of character 3- to 5-grams within words (``char_wb``).

    The same matrix as scikit-learn's ``TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5),
    sublinear_tf=True, lowercase=True, dtype=np.float32)`` (tf = 1 + log(count), idf = 1 +
    log((1 + texts) / (1 + texts with the n-gram)), rows of unit length), restricted to n-grams
    used by at least two persons (``uses`` counts the persons who wrote each text; default 1):
    the others add nothing to any similarity between two persons, and still count in each
    text's norm. Because ``char_wb`` n-grams never cross a word, the n-gram counts are (texts ×
    words) · (words × n-grams): each distinct word is split into n-grams once, not once per
    occurrence, which is several times faster on real answers where words repeat. It is built
    here with numpy and scipy, not scikit-learn, whose import alone (it pulls in scipy.stats)
    takes longer than the whole matrix (``tests/test_scoring_text.py`` compares the two).

    >>> X = char_ngram_tfidf(["työnhaku ja verkostot", "työnhaussa", "verkostoituminen"])
    >>> X.shape[0], bool(X[0].multiply(X[1]).sum() > 0)
    (3, True)
    """
    per_text, words = _term_counts([t.lower().split() for t in texts])
    per_word, _ = _term_counts([_char_wb_ngrams(word) for word in words])
    tfidf = _tfidf(per_text @ per_word)
    uses = np.ones(len(texts)) if uses is None else np.asarray(uses, dtype=float)
    per_entry = np.repeat(uses, np.diff(tfidf.indptr))
    persons = np.bincount(tfidf.indices, weights=per_entry, minlength=tfidf.shape[1])
    shared = np.flatnonzero(persons >= 2)
    return tfidf[:, shared].astype(np.float32)


def _term_counts(documents: list[list[str]]) -> tuple[sp.csr_matrix, list[str]]:
    """float32 counts (documents × terms) and the terms, sorted, as ``CountVectorizer`` gives
    them: a row's entries stay in the order the terms were first seen in the whole list, so
    sums over a row (norms, products) add up in scikit-learn's order, to the same bits."""
    first_seen: dict[str, int] = {}
    found = [first_seen.setdefault(term, len(first_seen)) for terms in documents for term in terms]
    indptr = np.cumsum([0, *map(len, documents)])
    counts = sp.csr_matrix((np.ones(len(found), dtype=np.float32), np.asarray(found, dtype=np.int64),
                            indptr), shape=(len(documents), len(first_seen)))
    counts.sum_duplicates()  # repeated terms of one document add up
    terms = sorted(first_seen)
    rank = np.empty(len(terms), dtype=counts.indices.dtype)
    rank[[first_seen[term] for term in terms]] = np.arange(len(terms))
    counts.indices = rank[counts.indices]
    counts.has_sorted_indices = False
    return counts, terms


def _char_wb_ngrams(word: str) -> list[str]:
    """The 3- to 5-grams of one word padded with a space each side; a padded word shorter
    than ``n`` is one n-gram, counted once (scikit-learn's ``char_wb``)."""
    padded = f" {word} "
    grams = []
    for n in range(3, 6):
        grams += [padded[i:i + n] for i in range(max(1, len(padded) - n + 1))]
        if len(padded) <= n:
            break
    return grams


def _tfidf(counts: sp.csr_matrix) -> sp.csr_matrix:
    """Sublinear, smoothed TF-IDF of float32 counts, rows scaled to unit length (float32)."""
    n_texts = counts.shape[0]
    with_gram = np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.float32)
    idf = np.log(np.float32(n_texts + 1) / (with_gram + np.float32(1))) + np.float32(1)
    data = (np.log(counts.data) + np.float32(1)) * idf[counts.indices]
    # squares in float32 summed in float64, as scikit-learn's normalize does
    squares = np.square(data).astype(np.float64)
    lengths = np.sqrt(np.bincount(np.repeat(np.arange(n_texts), np.diff(counts.indptr)),
                                  weights=squares, minlength=n_texts))
    lengths[lengths == 0] = 1.0
    data = (data / np.repeat(lengths, np.diff(counts.indptr))).astype(np.float32)
    return sp.csr_matrix((data, counts.indices, counts.indptr), shape=counts.shape)


def _gram_embedding(tfidf: sp.csr_matrix) -> np.ndarray:
    """Vectors with exactly the inner products of the rows of ``tfidf`` (few rows, many n-grams):
    from the eigen-decomposition of the small Gram matrix, G = V diag(λ) Vᵀ → rows of V √λ."""
    gram = (tfidf @ tfidf.T).toarray().astype(np.float64)
    values, vectors = np.linalg.eigh(gram)
    return vectors * np.sqrt(np.clip(values, 0.0, None))
