"""Text corpora in MindSpore's documented folder layouts (every column a string unless said).

- CSV corpora, quoted CSV without a header, `train.csv` / `test.csv`:
  `AGNewsDataset` [index, title, description], `AmazonReviewDataset` [label, title, content],
  `DBpediaDataset` [class, title, content], `SogouNewsDataset` [index, title, content],
  `YahooAnswersDataset` [class, title, content, answer], `YelpReviewDataset` [label, text].
- `SST2Dataset`: `train.tsv`, `dev.tsv` [sentence, label] and `test.tsv` [sentence]
  (tab-separated with a header; usage defaults to train).
- Line corpora, one row per line (kept as written): `PennTreebankDataset`
  (`ptb.{train,test,valid}.txt`), `WikiTextDataset` (`wiki.{train,test,valid}.tokens`),
  `EnWik9Dataset` (`enwik9`).
- `IMDBDataset`: `{train,test}/{pos,neg}/*.txt`, [text, label] with label int32 1 (pos) / 0 (neg).
- Token corpora, one row per sentence (token lines `word tag tag`, sentences separated by
  blank lines; each column a 1-D string array): `CoNLL2000Dataset` [word, pos_tag, chunk_tag]
  (`train.txt`, `test.txt`), `UDPOSDataset` [word, universal, stanford]
  (`train.txt`, `valid.txt`, `test.txt`). The last sentence counts even without a blank
  line after it (MindSpore 2.10 drops it).
- `Multi30kDataset`: `training/train.{en,de}`, `validation/val.{en,de}`,
  `mmt16_task1_test/val.{en,de}`, [text, translation] from `language_pair` (default en, de).

`usage='all'` (the default unless said) reads the files in name order, one after another.
(MindSpore interleaves the rows of several files as its reader threads deliver them; that
order is an artefact of its threads and is not reproduced.)
"""
from __future__ import annotations

import csv
import os

import numpy as np

from .datasets_text import _InMemoryTextDataset
from .datasets_vision import check_dir, check_usage
from .samplers import Shuffle


def _require_file(path, dataset):
    if not os.path.isfile(path):
        raise ValueError(f"{dataset}: the file {path} does not exist (see the dataset's documented layout).")
    return path


def _read_text(path, dataset):
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return handle.read()
    except UnicodeDecodeError as error:
        raise ValueError(f"{dataset}: {path} is not UTF-8 text: {error}") from None


class _CsvCorpus(_InMemoryTextDataset):
    _COLUMNS: tuple = ()
    _FILES = {"train": "train.csv", "test": "test.csv"}

    def __init__(self, dataset_dir, usage=None, num_samples=None, num_parallel_workers=None,
                 shuffle=Shuffle.GLOBAL, num_shards=None, shard_id=None, cache=None):
        dataset_dir = check_dir(dataset_dir)
        usage = check_usage(usage, tuple(self._FILES) + ("all",))
        names = sorted(self._FILES.values()) if usage == "all" else [self._FILES[usage]]
        rows = []
        for name in names:
            path = _require_file(os.path.join(dataset_dir, name), type(self).__name__)
            for number, record in enumerate(csv.reader(_read_text(path, type(self).__name__).splitlines()), 1):
                if not record:
                    continue
                if len(record) != len(self._COLUMNS):
                    raise ValueError(f"{type(self).__name__}: {path}, line {number} has {len(record)} fields, but "
                                     f"the columns are {list(self._COLUMNS)}.")
                rows.append(tuple(np.asarray(v) for v in record))
        super().__init__(rows, list(self._COLUMNS), num_samples, num_parallel_workers, shuffle, num_shards,
                         shard_id)


class AGNewsDataset(_CsvCorpus):
    """AG News: [index, title, description]."""
    _COLUMNS = ("index", "title", "description")


class AmazonReviewDataset(_CsvCorpus):
    """Amazon Review (Polarity or Full): [label, title, content]."""
    _COLUMNS = ("label", "title", "content")


class DBpediaDataset(_CsvCorpus):
    """DBpedia: [class, title, content]."""
    _COLUMNS = ("class", "title", "content")


class SogouNewsDataset(_CsvCorpus):
    """Sogou News: [index, title, content]."""
    _COLUMNS = ("index", "title", "content")

    def __init__(self, dataset_dir, usage=None, num_samples=None, shuffle=Shuffle.GLOBAL, num_shards=None,
                 shard_id=None, num_parallel_workers=None, cache=None):
        super().__init__(dataset_dir, usage, num_samples, num_parallel_workers, shuffle, num_shards, shard_id)


class YahooAnswersDataset(_CsvCorpus):
    """Yahoo Answers: [class, title, content, answer]."""
    _COLUMNS = ("class", "title", "content", "answer")


class YelpReviewDataset(_CsvCorpus):
    """Yelp Review (Polarity or Full): [label, text]."""
    _COLUMNS = ("label", "text")

    def __init__(self, dataset_dir, usage=None, num_samples=None, shuffle=Shuffle.GLOBAL, num_shards=None,
                 shard_id=None, num_parallel_workers=None, cache=None):
        super().__init__(dataset_dir, usage, num_samples, num_parallel_workers, shuffle, num_shards, shard_id)


class SST2Dataset(_InMemoryTextDataset):
    """SST-2: train/dev [sentence, label], test [sentence]."""

    def __init__(self, dataset_dir, usage=None, num_samples=None, num_parallel_workers=None, shuffle=Shuffle.GLOBAL,
                 num_shards=None, shard_id=None, cache=None):
        dataset_dir = check_dir(dataset_dir)
        usage = "train" if usage is None else check_usage(usage, ("train", "test", "dev"))
        path = _require_file(os.path.join(dataset_dir, f"{usage}.tsv"), "SST2Dataset")
        lines = [line for line in _read_text(path, "SST2Dataset").split("\n") if line]
        header = lines[0].split("\t")
        columns = ["sentence"] if usage == "test" else ["sentence", "label"]
        rows = []
        for number, line in enumerate(lines[1:], 2):
            fields = dict(zip(header, line.split("\t")))
            if any(c not in fields for c in columns):
                raise ValueError(f"SST2Dataset: {path}, line {number} lacks the field(s) {columns}.")
            rows.append(tuple(np.asarray(fields[c]) for c in columns))
        super().__init__(rows, columns, num_samples, num_parallel_workers, shuffle, num_shards, shard_id)


class _LineCorpus(_InMemoryTextDataset):
    _FILES: dict = {}

    def __init__(self, dataset_dir, usage=None, num_samples=None, num_parallel_workers=None, shuffle=Shuffle.GLOBAL,
                 num_shards=None, shard_id=None, cache=None):
        dataset_dir = check_dir(dataset_dir)
        usage = check_usage(usage, tuple(self._FILES) + ("all",)) if len(self._FILES) > 1 else "all"
        names = sorted(self._FILES.values()) if usage == "all" else [self._FILES[usage]]
        rows = []
        for name in names:
            path = _require_file(os.path.join(dataset_dir, name), type(self).__name__)
            rows += [(np.asarray(line),) for line in _read_text(path, type(self).__name__).split("\n") if line]
        super().__init__(rows, ["text"], num_samples, num_parallel_workers, shuffle, num_shards, shard_id)


class PennTreebankDataset(_LineCorpus):
    """Penn Treebank language-model text: [text]."""
    _FILES = {"train": "ptb.train.txt", "test": "ptb.test.txt", "valid": "ptb.valid.txt"}


class WikiTextDataset(_LineCorpus):
    """WikiText-2 / WikiText-103: [text]."""
    _FILES = {"train": "wiki.train.tokens", "test": "wiki.test.tokens", "valid": "wiki.valid.tokens"}


class EnWik9Dataset(_LineCorpus):
    """The first 10^9 bytes of English Wikipedia: [text]."""
    _FILES = {"all": "enwik9"}

    def __init__(self, dataset_dir, num_samples=None, num_parallel_workers=None, shuffle=True, num_shards=None,
                 shard_id=None, cache=None):
        super().__init__(dataset_dir, None, num_samples, num_parallel_workers, shuffle, num_shards, shard_id)


class IMDBDataset(_InMemoryTextDataset):
    """IMDb reviews: [text, label], label 1 for pos, 0 for neg."""

    def __init__(self, dataset_dir, usage=None, num_samples=None, num_parallel_workers=None, shuffle=None,
                 sampler=None, num_shards=None, shard_id=None, cache=None):
        dataset_dir = check_dir(dataset_dir)
        usage = check_usage(usage, ("train", "test", "all"))
        rows = []
        for part in (("train", "test") if usage == "all" else (usage,)):
            for polarity, label in (("pos", 1), ("neg", 0)):
                folder = os.path.join(dataset_dir, part, polarity)
                if not os.path.isdir(folder):
                    raise ValueError(f"IMDBDataset: the folder {folder} does not exist (expected "
                                     f"{{train,test}}/{{pos,neg}}/*.txt).")
                for name in sorted(os.listdir(folder)):
                    if name.endswith(".txt"):
                        text = _read_text(os.path.join(folder, name), "IMDBDataset").rstrip("\n")
                        rows.append((np.asarray(text), np.int32(label)))
        if shuffle is None and sampler is None:
            shuffle = True
        super().__init__(rows, ["text", "label"], num_samples, num_parallel_workers, shuffle, num_shards, shard_id,
                         sampler)


class _TokenCorpus(_InMemoryTextDataset):
    _COLUMNS: tuple = ()
    _FILES: dict = {}

    def __init__(self, dataset_dir, usage=None, num_samples=None, shuffle=Shuffle.GLOBAL, num_shards=None,
                 shard_id=None, num_parallel_workers=None, cache=None):
        dataset_dir = check_dir(dataset_dir)
        usage = check_usage(usage, tuple(self._FILES) + ("all",))
        names = sorted(self._FILES.values()) if usage == "all" else [self._FILES[usage]]
        rows = []
        for name in names:
            path = _require_file(os.path.join(dataset_dir, name), type(self).__name__)
            sentence = []
            for number, line in enumerate(_read_text(path, type(self).__name__).split("\n") + [""], 1):
                fields = line.split()
                if not fields:
                    if sentence:
                        rows.append(tuple(np.asarray(column) for column in zip(*sentence)))
                        sentence = []
                    continue
                if len(fields) != len(self._COLUMNS):
                    raise ValueError(f"{type(self).__name__}: {path}, line {number} has {len(fields)} fields, but the "
                                     f"columns are {list(self._COLUMNS)}.")
                sentence.append(fields)
        super().__init__(rows, list(self._COLUMNS), num_samples, num_parallel_workers, shuffle, num_shards,
                         shard_id)


class CoNLL2000Dataset(_TokenCorpus):
    """CoNLL-2000 chunking: one row per sentence [word, pos_tag, chunk_tag]."""
    _COLUMNS = ("word", "pos_tag", "chunk_tag")
    _FILES = {"train": "train.txt", "test": "test.txt"}


class UDPOSDataset(_TokenCorpus):
    """Universal Dependencies part-of-speech: one row per sentence [word, universal, stanford]."""
    _COLUMNS = ("word", "universal", "stanford")
    _FILES = {"train": "train.txt", "valid": "valid.txt", "test": "test.txt"}


class Multi30kDataset(_InMemoryTextDataset):
    """Multi30k translation pairs: [text, translation]."""

    _FOLDERS = {"train": ("training", "train"), "valid": ("validation", "val"), "test": ("mmt16_task1_test", "val")}

    def __init__(self, dataset_dir, usage=None, language_pair=None, num_samples=None, num_parallel_workers=None,
                 shuffle=None, num_shards=None, shard_id=None, cache=None):
        dataset_dir = check_dir(dataset_dir)
        usage = check_usage(usage, ("train", "valid", "test", "all"))
        pair = ["en", "de"] if language_pair is None else language_pair
        if not (isinstance(pair, (list, tuple)) and sorted(pair) == ["de", "en"]):
            raise ValueError(f"language_pair should be ['en', 'de'] or ['de', 'en'], but got {language_pair!r}.")
        rows = []
        for part in (("train", "valid", "test") if usage == "all" else (usage,)):
            folder, stem = self._FOLDERS[part]
            texts = [_read_text(_require_file(os.path.join(dataset_dir, folder, f"{stem}.{language}"),
                                              "Multi30kDataset"), "Multi30kDataset").split("\n") for language in pair]
            first, second = ([line for line in t if line] for t in texts)
            if len(first) != len(second):
                raise ValueError(f"Multi30kDataset: {folder}/{stem}.{pair[0]} has {len(first)} lines but "
                                 f"{stem}.{pair[1]} has {len(second)}.")
            rows += [(np.asarray(a), np.asarray(b)) for a, b in zip(first, second)]
        super().__init__(rows, ["text", "translation"], num_samples, num_parallel_workers,
                         True if shuffle is None else shuffle, num_shards, shard_id)
