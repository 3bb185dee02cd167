"""Syndicated copies: the same release reposted by party sites and reprinted by papers.

Texts are compared by their sets of five-word shingles. MinHash signatures estimate the Jaccard
similarity of two sets, and locality-sensitive hashing (datasketch) proposes only the pairs likely to be
similar, so grouping n texts costs about n signatures and n lookups rather than n² comparisons.
"""

from __future__ import annotations

import re

from datasketch import MinHash, MinHashLSH

SHINGLE_WORDS = 5
NUM_PERM = 128
THRESHOLD = 0.6  # Jaccard similarity of shingle sets at or above which two texts are one release
# Pairs are proposed at a lower estimated similarity, then checked exactly: a signature's estimate is
# off by about 0.04, and a missed pair would count one release as two.
CANDIDATE_THRESHOLD = 0.4
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The text's runs of `size` consecutive words, lower case, punctuation ignored (the whole text
    as one shingle when it is shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + size]).encode() for i in range(len(words) - size + 1)}


def similarity(first: str, second: str) -> float:
    """The exact Jaccard similarity of two texts' shingle sets."""
    return _jaccard(shingles(first), shingles(second))


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def group_copies(texts: dict[str, str], threshold: float = THRESHOLD) -> list[list[str]]:
    """Group keys whose texts are near-duplicates (Jaccard similarity ≥ threshold), transitively.

    Returns every key once, in groups sorted by key, the groups sorted by their first key; a text with
    no copy is a group of one.
    """
    keys = sorted(texts)
    comparable = [key for key in keys if _WORD.search(texts[key])]  # an empty text is like no other
    signatures = dict(zip(comparable, MinHash.bulk((shingles(texts[key]) for key in comparable), num_perm=NUM_PERM)))
    index = MinHashLSH(threshold=min(CANDIDATE_THRESHOLD, threshold), num_perm=NUM_PERM)
    parent = {key: key for key in keys}
    for key in comparable:
        own = None  # shingled once, and only when the index proposes a pair
        for other in index.query(signatures[key]):
            if _root(parent, key) != _root(parent, other):
                own = own if own is not None else shingles(texts[key])
                if _jaccard(own, shingles(texts[other])) >= threshold:
                    _union(parent, key, other)
        index.insert(key, signatures[key])
    groups: dict[str, list[str]] = {}
    for key in keys:
        groups.setdefault(_root(parent, key), []).append(key)
    return sorted(groups.values())


def _root(parent: dict[str, str], key: str) -> str:
    while parent[key] != key:
        parent[key] = parent[parent[key]]
        key = parent[key]
    return key


def _union(parent: dict[str, str], first: str, second: str) -> None:
    a, b = _root(parent, first), _root(parent, second)
    if a != b:
        parent[max(a, b)] = min(a, b)
