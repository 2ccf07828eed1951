"""Small CLUE, SQuAD and IWSLT files in MindSpore's documented layouts, written alike by
tests/data/make_text_dataset_fixtures.py (for the oracle) and by the tests."""
import json
import os

CLUE_ROWS = {
    "AFQMC": {"sentence1": "双十一花呗提额在哪", "sentence2": "哪里可以提额", "label": "0", "id": 7},
    "TNEWS": {"label": "102", "label_desc": "news_ent", "sentence": "新闻", "keywords": "k1,k2", "id": 3},
    "IFLYTEK": {"label": "11", "label_des": "app", "sentence": "fly", "id": 4},
    "CMNLI": {"sentence1": "a", "sentence2": "b", "label": "neutral", "id": 5},
    "WSC": {"target": {"span1_index": 1, "span2_index": 4, "span1_text": "x", "span2_text": "y"}, "idx": 9,
            "text": "wsc text", "label": "true"},
    "CSL": {"id": 2, "abst": "abstract", "keyword": ["kw1", "kw2"], "label": "1"},
}


def _write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path


def write_clue(root, task):
    row = CLUE_ROWS[task]
    second = dict(row, **{k: v + 1 for k, v in row.items() if isinstance(v, int)})
    return _write(os.path.join(root, f"{task}.json"),
                  "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in (row, second)))


SQUAD = {"version": "v2.0", "data": [
    {"title": "T", "paragraphs": [{"context": "ctx one two", "qas": [
        {"question": "q1?", "id": "a", "answers": [{"text": "one", "answer_start": 4}], "is_impossible": False},
        {"question": "q2?", "id": "b", "answers": [], "is_impossible": True}]}]},
    {"title": "U", "paragraphs": [{"context": "c2", "qas": [
        {"question": "q3", "id": "c", "answers": [{"text": "c", "answer_start": 0},
                                                   {"text": "c2", "answer_start": 0}]}]}]}]}


def write_squad(root):
    _write(os.path.join(root, "train-v2.0.json"), json.dumps(SQUAD))
    dev = json.loads(json.dumps(SQUAD))
    dev["data"] = dev["data"][1:]
    _write(os.path.join(root, "dev-v2.0.json"), json.dumps(dev))
    return root


def _train(folder, src, tgt, lines):
    for k, lang in enumerate((src, tgt)):
        _write(os.path.join(folder, f"train.tags.{src}-{tgt}.{lang}"),
               "<url>http://x</url>\n<keywords>k</keywords>\n" + "".join(pair[k] + "\n" for pair in lines)
               + "<talkid>1</talkid>\n")


def _xml(folder, year, name, src, tgt, pairs):
    for k, lang in enumerate((src, tgt)):
        _write(os.path.join(folder, f"IWSLT{year}.TED.{name}.{src}-{tgt}.{lang}.xml"),
               '<?xml version="1.0" encoding="UTF-8"?>\n<mteval>\n<srcset setid="x" srclang="de">\n'
               '<doc docid="1" genre="lectures">\n<url>u</url>\n'
               + "".join(f'<seg id="{i + 1}"> {pair[k]} </seg>\n' for i, pair in enumerate(pairs))
               + "</doc>\n</srcset>\n</mteval>\n")


def write_iwslt2016(root):
    folder = os.path.join(root, "texts", "de", "en", "de-en")
    _train(folder, "de", "en", [("Hallo Welt", "Hello world"), ("  Zwei  ", "  Two  ")])
    _xml(folder, 16, "tst2013", "de", "en", [("V eins", "V one")])
    _xml(folder, 16, "tst2014", "de", "en", [("T eins", "T one"), ("T zwei", "T two")])
    _xml(folder, 16, "dev2010", "de", "en", [("D eins", "D one")])
    return root


def write_iwslt2017(root):
    folder = os.path.join(root, "texts", "DeEnItNlRo", "DeEnItNlRo", "DeEnItNlRo-DeEnItNlRo")
    _train(folder, "de", "en", [("Hallo", "Hello")])
    _xml(folder, 17, "dev2010", "de", "en", [("V eins", "V one")])
    _xml(folder, 17, "tst2010", "de", "en", [("T eins", "T one")])
    return root


# (dataset, writer, keyword arguments), read with shuffle=False.
CASES = ([("CLUEDataset", lambda root, t=task: write_clue(root, t), {"task": task, "usage": usage})
          for task in CLUE_ROWS for usage in ("train", "test", "eval")]
         + [("SQuADDataset", write_squad, {"usage": usage}) for usage in ("train", "dev")]
         + [("IWSLT2016Dataset", write_iwslt2016, kw) for kw in ({"usage": "train"}, {"usage": "valid"},
                                                                {"usage": "test"},
                                                                {"usage": "valid", "valid_set": "dev2010"})]
         + [("IWSLT2017Dataset", write_iwslt2017, kw) for kw in ({}, {"usage": "test"})])


def case_key(name, kwargs):
    return name + "(" + ",".join(f"{k}={v}" for k, v in sorted(kwargs.items())) + ")"
