"""Near-duplicate detection for wire copies (MinHash LSH over word shingles).

Shingles are runs of SHINGLE_SIZE=3 lowercased words: long enough that two different
stories on the same topic share few of them, short enough that a changed headline,
byline or one rewritten paragraph only removes a small fraction. The default Jaccard
threshold 0.8 links copies that keep roughly 80% of their shingles.
"""

from __future__ import annotations

import re

import numpy as np
from datasketch import MinHash, MinHashLSH

SHINGLE_SIZE = 3
_SCHEME = MinHash(num_perm=1).scheme  # signatures are only comparable within one scheme
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE_SIZE) -> set[str]:
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def minhash(text: str, num_perm: int = 128) -> MinHash:
    sketch = MinHash(num_perm=num_perm)
    for shingle in shingles(text):
        sketch.update(shingle.encode("utf-8"))
    return sketch


def signature(text: str, num_perm: int = 128) -> bytes:
    """A compact, storable form of the text's MinHash (num_perm uint64 values)."""
    return minhash(text, num_perm).hashvalues.astype("<u8").tobytes()


class NearDuplicateIndex:
    def __init__(self, threshold: float = 0.8, num_perm: int = 128):
        self.threshold = threshold
        self.num_perm = num_perm
        # LSH banding at the threshold itself misses many pairs just above it, so
        # candidates are gathered at a lower threshold and confirmed on the estimate.
        self._lsh = MinHashLSH(threshold=max(0.3, threshold - 0.2), num_perm=num_perm)
        self._sketches: dict[str, MinHash] = {}

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._sketches

    def __len__(self) -> int:
        return len(self._sketches)

    def add(self, article_id: str, text: str) -> str | None:
        """Index the text; return the id of an earlier near-duplicate, or None."""
        return self._add_sketch(article_id, minhash(text, self.num_perm))

    def add_signature(self, article_id: str, sig: bytes) -> str | None:
        """Rebuild from a stored `signature`; same return as `add`."""
        values = np.frombuffer(sig, dtype="<u8").astype(np.uint64)
        if len(values) != self.num_perm:
            raise ValueError(f"signature has {len(values)} values, index expects {self.num_perm}")
        sketch = MinHash(num_perm=self.num_perm, hashvalues=values, scheme=_SCHEME)
        return self._add_sketch(article_id, sketch)

    def _add_sketch(self, article_id: str, sketch: MinHash) -> str | None:
        if article_id in self._sketches:
            return None
        # Pick the closest confirmed candidate.
        best, best_score = None, self.threshold
        for candidate in self._lsh.query(sketch):
            score = sketch.jaccard(self._sketches[candidate])
            if score >= best_score:
                best, best_score = candidate, score
        self._lsh.insert(article_id, sketch)
        self._sketches[article_id] = sketch
        return best
