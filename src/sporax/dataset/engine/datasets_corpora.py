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

- `CLUEDataset` (JSON lines, per task) and `SQuADDataset` (SQuAD 1.1 / 2.0 JSON): see their docstrings.

`usage='all'` (the default unless said) reads the files in name order, one after another.
(MindSpore interleaves the rows of several files as its reader threads deliver them; that
order is an artefact of its threads and is not reproduced.)
"""
from __future__ import annotations

import csv
import json
import os

import numpy as np

from .datasets_text import _InMemoryTextDataset, check_files
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


# ----------------------------------------------------------------------------- CLUE and SQuAD (JSON)

# task -> (columns of train/eval, columns of test); MindSpore gives the columns sorted by name,
# the integer ones (`id`, `idx`, `span*_index`) as uint32 and the rest as strings.
_CLUE_COLUMNS = {
    "AFQMC": (("sentence1", "sentence2", "label"), ("id", "sentence1", "sentence2")),
    "TNEWS": (("label", "label_desc", "sentence", "keywords"), ("id", "sentence", "keywords")),
    "IFLYTEK": (("label", "label_des", "sentence"), ("id", "sentence")),
    "CMNLI": (("sentence1", "sentence2", "label"), ("id", "sentence1", "sentence2")),
    "WSC": (("span1_index", "span2_index", "span1_text", "span2_text", "idx", "text", "label"),
            ("span1_index", "span2_index", "span1_text", "span2_text", "idx", "text")),
    "CSL": (("id", "abst", "keyword", "label"), ("id", "abst", "keyword")),
}
_UINT32_FIELDS = ("id", "idx", "span1_index", "span2_index")


def _json_value(value, field, where):
    if field in _UINT32_FIELDS:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{where}: field '{field}' must be an integer, but got {value!r}.")
        return np.uint32(value & 0xFFFFFFFF)
    if isinstance(value, list):
        return np.asarray([str(v) for v in value])
    return np.asarray(value if isinstance(value, str) else json.dumps(value))


class CLUEDataset(_InMemoryTextDataset):
    """CLUE benchmark JSON-lines files (one JSON object per line) for `task` and `usage`
    ('train', 'eval', 'test'): the task's columns, sorted by name (WSC's `target` object
    gives its span fields)."""

    def __init__(self, dataset_files, task="AFQMC", usage="train", num_samples=None, num_parallel_workers=None,
                 shuffle=Shuffle.GLOBAL, num_shards=None, shard_id=None, cache=None):
        files = check_files(dataset_files)
        if not isinstance(task, str) or task not in _CLUE_COLUMNS:
            raise ValueError(f"task is not in 'AFQMC', 'TNEWS', 'IFLYTEK', 'CMNLI', 'WSC' or 'CSL', but got {task!r}.")
        usage = check_usage(usage, ("train", "test", "eval"))
        columns = sorted(_CLUE_COLUMNS[task][1 if usage == "test" else 0])
        rows = []
        for path in files:
            for number, line in enumerate(_read_text(path, "CLUEDataset").splitlines(), 1):
                if not line.strip():
                    continue
                where = f"CLUEDataset: {path}, line {number}"
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as error:
                    raise ValueError(f"{where} is not JSON: {error}") from None
                if task == "WSC" and isinstance(record.get("target"), dict):
                    record = dict(record, **record["target"])
                missing = [c for c in columns if c not in record]
                if missing:
                    raise ValueError(f"{where} lacks the field(s) {missing} of task {task} ({usage}).")
                rows.append(tuple(_json_value(record[c], c, where) for c in columns))
        super().__init__(rows, columns, num_samples, num_parallel_workers, shuffle, num_shards, shard_id)


class SQuADDataset(_InMemoryTextDataset):
    """SQuAD 1.1 (`train-v1.1.json`, `dev-v1.1.json`) or 2.0 (`*-v2.0.json`) in `dataset_dir`:
    one row per question, [context, question, text <k> strings, answer_start <k> uint32]; an
    unanswerable question has text [''] and answer_start [4294967295] (-1 as uint32), as in
    MindSpore. `usage`: 'train', 'dev' or 'all' (train, then dev)."""

    def __init__(self, dataset_dir, usage=None, num_samples=None, num_parallel_workers=None, shuffle=Shuffle.GLOBAL,
                 num_shards=None, shard_id=None, cache=None):
        dataset_dir = check_dir(dataset_dir)
        usage = check_usage(usage, ("train", "dev", "all"))
        version = next((v for v in ("v1.1", "v2.0") if any(
            os.path.isfile(os.path.join(dataset_dir, f"{p}-{v}.json")) for p in ("train", "dev"))), None)
        if version is None:
            raise ValueError(f"SQuADDataset: {dataset_dir} holds neither train-v1.1.json/dev-v1.1.json nor "
                             f"train-v2.0.json/dev-v2.0.json.")
        rows = []
        for part in (("train", "dev") if usage == "all" else (usage,)):
            path = _require_file(os.path.join(dataset_dir, f"{part}-{version}.json"), "SQuADDataset")
            try:
                articles = json.loads(_read_text(path, "SQuADDataset"))["data"]
                for article in articles:
                    for paragraph in article["paragraphs"]:
                        for qa in paragraph["qas"]:
                            answers = qa.get("answers") or [{"text": "", "answer_start": -1}]
                            rows.append((np.asarray(paragraph["context"]), np.asarray(qa["question"]),
                                         np.asarray([a["text"] for a in answers]),
                                         np.asarray([int(a["answer_start"]) & 0xFFFFFFFF for a in answers],
                                                    np.uint32)))
            except (json.JSONDecodeError, KeyError, TypeError) as error:
                raise ValueError(f"SQuADDataset: {path} is not a SQuAD file (data/paragraphs/qas): "
                                 f"{type(error).__name__}: {error}") from None
        super().__init__(rows, ["context", "question", "text", "answer_start"], num_samples, num_parallel_workers,
                         shuffle, num_shards, shard_id)


# ----------------------------------------------------------------------------- IWSLT (TED talks)

def _iwslt_train(path, dataset):
    """The sentences of a `train.tags.*` file: every line but the talk metadata tags, stripped."""
    return [line.strip() for line in _read_text(_require_file(path, dataset), dataset).splitlines()
            if line.strip() and not line.strip().startswith("<")]


def _iwslt_segments(path, dataset):
    """The `<seg>` texts of an IWSLT evaluation XML file, stripped, in document order."""
    import xml.etree.ElementTree as ElementTree
    try:
        root = ElementTree.parse(_require_file(path, dataset)).getroot()
    except ElementTree.ParseError as error:
        raise ValueError(f"{dataset}: {path} is not well-formed XML: {error}") from None
    return [(seg.text or "").strip() for seg in root.iter("seg")]


class _IWSLT(_InMemoryTextDataset):
    _PAIRS: tuple = ()
    _YEAR = 0

    def _folder(self, dataset_dir, src, tgt):  # pragma: no cover - subclasses
        raise NotImplementedError

    def _read_pairs(self, dataset_dir, usage, language_pair, valid_set, test_set, num_samples, num_parallel_workers,
                    shuffle, num_shards, shard_id):
        name = type(self).__name__
        dataset_dir = check_dir(dataset_dir)
        usage = check_usage(usage, ("train", "valid", "test", "all"))
        pair = ("de", "en") if language_pair is None else language_pair
        if not isinstance(pair, (list, tuple)) or tuple(pair) not in self._PAIRS:
            raise ValueError(f"{name}: language_pair {language_pair!r} is not supported; expected one of "
                             f"{[list(p) for p in self._PAIRS]}.")
        src, tgt = pair
        folder = self._folder(dataset_dir, src, tgt)
        rows = []
        for part in (("train", "valid", "test") if usage == "all" else (usage,)):
            if part == "train":
                texts = [_iwslt_train(os.path.join(folder, f"train.tags.{src}-{tgt}.{lang}"), name)
                         for lang in (src, tgt)]
            else:
                stem = f"IWSLT{self._YEAR}.TED.{valid_set if part == 'valid' else test_set}.{src}-{tgt}"
                texts = [_iwslt_segments(os.path.join(folder, f"{stem}.{lang}.xml"), name) for lang in (src, tgt)]
            if len(texts[0]) != len(texts[1]):
                raise ValueError(f"{name}: the {part} files of {src}-{tgt} in {folder} hold {len(texts[0])} and "
                                 f"{len(texts[1])} sentences; they must pair up.")
            rows += [(np.asarray(a), np.asarray(b)) for a, b in zip(*texts)]
        super().__init__(rows, ["text", "translation"], num_samples, num_parallel_workers, shuffle, num_shards,
                         shard_id)


_IWSLT2016_SETS = ("dev2010", "tst2010", "tst2011", "tst2012", "tst2013", "tst2014")


class IWSLT2016Dataset(_IWSLT):
    """IWSLT 2016 TED translations, `texts/<src>/<tgt>/<src>-<tgt>/`: `train.tags.<src>-<tgt>.<lang>`
    (sentences between metadata tags) and `IWSLT16.TED.<set>.<src>-<tgt>.<lang>.xml` (`<seg>`s)
    for `valid_set` (default tst2013) and `test_set` (default tst2014). [text, translation];
    `usage` 'all' (default): train, valid, then test. The files are only read (MindSpore writes
    cleaned copies next to them)."""

    _PAIRS = (("en", "fr"), ("en", "de"), ("en", "cs"), ("en", "ar"), ("fr", "en"), ("de", "en"), ("cs", "en"),
              ("ar", "en"))
    _YEAR = 16

    def __init__(self, dataset_dir, usage=None, language_pair=None, valid_set=None, test_set=None, num_samples=None,
                 shuffle=Shuffle.GLOBAL, num_shards=None, shard_id=None, num_parallel_workers=None, cache=None):
        valid_set = "tst2013" if valid_set is None else check_usage(valid_set, _IWSLT2016_SETS)
        test_set = "tst2014" if test_set is None else check_usage(test_set, _IWSLT2016_SETS)
        self._read_pairs(dataset_dir, usage, language_pair, valid_set, test_set, num_samples, num_parallel_workers,
                         shuffle, num_shards, shard_id)

    def _folder(self, dataset_dir, src, tgt):
        return os.path.join(dataset_dir, "texts", src, tgt, f"{src}-{tgt}")


class IWSLT2017Dataset(_IWSLT):
    """IWSLT 2017 multilingual TED translations, `texts/DeEnItNlRo/DeEnItNlRo/DeEnItNlRo-DeEnItNlRo/`:
    `train.tags.<src>-<tgt>.<lang>`, `IWSLT17.TED.dev2010.*.xml` (valid) and
    `IWSLT17.TED.tst2010.*.xml` (test). [text, translation]; `usage` 'all' (default): train,
    valid, then test."""

    _PAIRS = tuple((a, b) for a in ("en", "nl", "de", "it", "ro") for b in ("en", "nl", "de", "it", "ro")
                   if a != b)
    _YEAR = 17

    def __init__(self, dataset_dir, usage=None, language_pair=None, num_samples=None, shuffle=Shuffle.GLOBAL,
                 num_shards=None, shard_id=None, num_parallel_workers=None, cache=None):
        self._read_pairs(dataset_dir, usage, language_pair, "dev2010", "tst2010", num_samples, num_parallel_workers,
                         shuffle, num_shards, shard_id)

    def _folder(self, dataset_dir, src, tgt):
        return os.path.join(dataset_dir, "texts", "DeEnItNlRo", "DeEnItNlRo", "DeEnItNlRo-DeEnItNlRo")
