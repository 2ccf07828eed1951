"""`BleuScore`: BLEU of candidate translations against reference translations."""
from __future__ import annotations

from collections import Counter

import numpy as np

from .metric import Metric
from .rearrange import rearrange_inputs

__all__ = ["BleuScore"]


def _ngrams(tokens, n_gram):
    """Counts of every 1..n_gram-gram of `tokens`."""
    counts = Counter()
    for n in range(1, n_gram + 1):
        for start in range(len(tokens) - n + 1):
            counts[tuple(tokens[start:start + n])] += 1
    return counts


class BleuScore(Metric):
    """BLEU = BP · exp(Σₙ (1/N)·log pₙ), pₙ the clipped n-gram precision over the corpus
    (with `smooth`, (matches + 1)/(candidates + 1)); BP = 1 when the candidates are longer
    than the references (each reference length chosen closest to its candidate's), else
    exp(1 − r/c). 0 when some order has no match. N = `n_gram` (1 to 4)."""

    def __init__(self, n_gram=4, smooth=False):
        if isinstance(n_gram, bool) or not isinstance(n_gram, int):
            raise TypeError(f"For 'BleuScore', the type of 'n_gram' should be 'int', but got type "
                            f"'{type(n_gram).__name__}'.")
        if not 1 <= n_gram <= 4:
            raise ValueError(f"For 'BleuScore', the argument 'n_gram' should range from 1 to 4, but got {n_gram}.")
        if not isinstance(smooth, bool):
            raise TypeError(f"For 'BleuScore', the type of 'smooth' should be 'bool', but got type "
                            f"'{type(smooth).__name__}'.")
        self.n_gram, self.smooth = n_gram, smooth
        super().__init__()

    def clear(self):
        self._numerator = np.zeros(self.n_gram)
        self._denominator = np.zeros(self.n_gram)
        self._c = 0.0
        self._r = 0.0
        self._is_update = False

    @rearrange_inputs
    def update(self, *inputs):
        """inputs: (candidate_corpus, reference_corpus): a list of token lists, and for each a
        list of reference token lists."""
        if len(inputs) != 2:
            raise ValueError("For 'BleuScore.update', it needs 2 inputs (candidate_corpus, reference_corpus), but "
                             f"got {len(inputs)}.")
        candidates, references = inputs
        if len(candidates) != len(references):
            raise ValueError("For 'BleuScore.update', 'translate_corpus' (inputs[0]) and 'reference_corpus' "
                             f"(inputs[1]) should be equal in length, but got {len(candidates)}, {len(references)}")
        for candidate, refs in zip(candidates, references):
            self._c += len(candidate)
            lengths = [len(ref) for ref in refs]
            gaps = [abs(len(candidate) - n) for n in lengths]
            self._r += lengths[gaps.index(min(gaps))]
            found = _ngrams(candidate, self.n_gram)
            allowed = Counter()
            for ref in refs:
                allowed |= _ngrams(ref, self.n_gram)
            for gram, count in (found & allowed).items():
                self._numerator[len(gram) - 1] += count
            for gram, count in found.items():
                self._denominator[len(gram) - 1] += count
        self._is_update = True

    def eval(self):
        if not self._is_update:
            raise RuntimeError("Please call the 'update' method before calling 'eval' method.")
        if min(self._numerator) == 0.0:
            return np.array(0.0)
        if self.smooth:
            precision = (self._numerator + 1.0) / (self._denominator + 1.0)
        else:
            precision = self._numerator / self._denominator
        geometric_mean = np.exp(np.sum(np.log(precision) / self.n_gram))
        penalty = np.array(1.0) if self._c > self._r else np.exp(1 - np.array(self._r) / np.array(self._c))
        return penalty * geometric_mean
