"""CLUE, SQuAD and IWSLT 2016/2017 against real MindSpore 2.10's rows on the same files
(tests/data/make_text_dataset_fixtures.py, run by hand); bad files fail naming file and line."""
import os
import pathlib
import sys

import numpy as np
import pytest

import sporax.dataset as ds

DATA = pathlib.Path(__file__).parents[1] / "data"
sys.path.insert(0, str(DATA))
from text_dataset_files import CASES, case_key, write_clue, write_iwslt2016, write_squad  # noqa: E402

with np.load(DATA / "text_datasets_mindspore.npz") as _archive:
    FIXTURE = dict(_archive)


@pytest.mark.parametrize("name, writer, kwargs", CASES, ids=[case_key(n, k) for n, _, k in CASES])
def test_text_dataset_rows_match_mindspore(name, writer, kwargs, tmp_path):
    dataset = getattr(ds, name)(writer(str(tmp_path)), shuffle=False, **kwargs)
    key = case_key(name, kwargs)
    columns = FIXTURE[f"{key}/columns"].tolist()
    assert dataset.get_col_names() == columns
    rows = list(dataset.create_tuple_iterator(output_numpy=True))
    count = len([k for k in FIXTURE if k.startswith(f"{key}/") and k.endswith(f"/{columns[0]}")])
    assert len(rows) == count == dataset.get_dataset_size()
    for i, row in enumerate(rows):
        for column, value in zip(columns, row):
            expected = FIXTURE[f"{key}/{i}/{column}"]
            assert value.dtype == expected.dtype or value.dtype.kind == expected.dtype.kind == "U", column
            assert value.shape == expected.shape, column
            np.testing.assert_array_equal(value, expected)


def test_iwslt_all_reads_train_valid_then_test(tmp_path):
    rows = [r[0].item() for r in ds.IWSLT2016Dataset(write_iwslt2016(str(tmp_path)), shuffle=False)
            .create_tuple_iterator(output_numpy=True)]
    assert rows == ["Hallo Welt", "Zwei", "V eins", "T eins", "T zwei"]


def test_clue_bad_json_and_missing_field_name_file_and_line(tmp_path):
    path = write_clue(str(tmp_path), "AFQMC")
    with open(path, "a", encoding="utf-8") as handle:
        handle.write('{"sentence1": "only one"}\n')
    with pytest.raises(ValueError, match=r"AFQMC\.json, line 3 lacks the field\(s\) \['label', 'sentence2'\]"):
        ds.CLUEDataset(path, task="AFQMC")
    with pytest.raises(ValueError, match="task is not in"):
        ds.CLUEDataset(path, task="MNLI")


def test_squad_and_iwslt_bad_input(tmp_path):
    root = write_squad(str(tmp_path / "squad"))
    with open(os.path.join(root, "dev-v2.0.json"), "w") as handle:
        handle.write('{"data": [{"no_paragraphs": 1}]}')
    with pytest.raises(ValueError, match=r"dev-v2\.0\.json is not a SQuAD file"):
        ds.SQuADDataset(root, usage="dev")
    with pytest.raises(ValueError, match="language_pair"):
        ds.IWSLT2016Dataset(write_iwslt2016(str(tmp_path / "iwslt")), language_pair=("de", "fr"))
