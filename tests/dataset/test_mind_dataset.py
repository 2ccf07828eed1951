"""MindDataset reads MindRecord files in MindSpore's order, with its sharding, padding, shuffle
levels and column types (orders checked against what MindSpore 2.10 gave for the same files)."""
import pathlib

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import sporax.dataset as ds
from sporax.mindrecord import FileWriter

DATA = pathlib.Path(__file__).resolve().parent.parent / "data" / "mindrecord"
ARRAYS = str(DATA / "ms_arrays.mindrecord0")
# MindSpore 2.10, shuffle=False: the rows of shard 0 (labels 0, 2, 3, 6) then shard 1's.
FILE_ORDER = [0, 2, 3, 6, 1, 4, 5, 7]


def _labels(dataset):
    return [int(row["label"]) for row in dataset.create_dict_iterator(output_numpy=True, num_epochs=1)]


def test_rows_in_file_order_with_schema_types():
    dataset = ds.MindDataset(ARRAYS, shuffle=False)
    rows = list(dataset.create_dict_iterator(output_numpy=True, num_epochs=1))
    assert [int(r["label"]) for r in rows] == FILE_ORDER
    assert dataset.get_col_names() == ["big", "ids", "image", "label", "mat", "name", "score", "vec"]
    first = rows[0]
    assert (first["label"].dtype, first["label"].shape) == (np.int32, ())
    assert (first["score"].dtype, first["name"].dtype, first["name"].shape) == (np.float64, np.dtype("<U4"), ())
    assert (first["image"].dtype, first["image"].shape) == (np.dtype("S3000"), (1,))
    assert first["mat"].dtype == np.float32 and first["mat"].shape == (2, 3)
    np.testing.assert_array_equal(rows[3]["ids"], np.arange(8, dtype=np.int32) - 5)
    np.testing.assert_array_equal(rows[6]["ids"], np.arange(7, dtype=np.int32) * 90000 - 5)


def test_a_list_reads_only_those_files_and_columns_list_orders_columns():
    dataset = ds.MindDataset([str(DATA / "ms_arrays.mindrecord1")], columns_list=["score", "label"], shuffle=False)
    assert dataset.get_col_names() == ["score", "label"]
    assert dataset.get_dataset_size() == 4
    assert [tuple(int(v) if v.dtype == np.int32 else float(v) for v in row)
            for row in dataset.create_tuple_iterator(output_numpy=True, num_epochs=1)] == \
        [(0.25, 1), (1.0, 4), (1.25, 5), (1.75, 7)]


@pytest.mark.parametrize("num_shards, expected", [
    # MindSpore 2.10's shards of the 8 rows (every num_shards-th, the last wrapping round)
    (3, [[0, 6, 5], [2, 1, 7], [3, 4, 0]]),
    (4, [[0, 1], [2, 4], [3, 5], [6, 7]]),
])
def test_shards_take_every_nth_row_wrapping_round(num_shards, expected):
    got = [_labels(ds.MindDataset(ARRAYS, shuffle=False, num_shards=num_shards, shard_id=i))
           for i in range(num_shards)]
    assert got == expected


def test_padded_samples_complete_the_shards():
    padded = {"label": -1, "name": "pad"}
    shards = [[(int(r["label"]), str(r["name"])) for r in ds.MindDataset(
        ARRAYS, columns_list=["label", "name"], shuffle=False, num_shards=5, shard_id=i, padded_sample=padded,
        num_padded=2).create_dict_iterator(output_numpy=True, num_epochs=1)] for i in range(5)]
    assert [len(s) for s in shards] == [2] * 5
    assert sorted(label for s in shards for label, _ in s) == [-1, -1] + list(range(8))
    assert shards == [[(0, "img0"), (4, "img4")], [(2, "img2"), (5, "img5")], [(3, "img3"), (7, "img7")],
                      [(6, "img6"), (-1, "pad")], [(1, "img1"), (-1, "pad")]]  # MindSpore 2.10's


@pytest.mark.parametrize("kwargs, error, message", [
    ({"padded_sample": {"label": -1}, "num_padded": 2, "num_shards": 2, "shard_id": 0},
     RuntimeError, "padded_sample is specified and requires columns_list as well."),
    ({"num_padded": 2, "columns_list": ["label"]}, RuntimeError, "num_padded is specified but padded_sample is not."),
    ({"padded_sample": {"label": -1, "x": 1}, "num_padded": 2, "num_shards": 2, "shard_id": 0,
      "columns_list": ["label"]}, ValueError, "padded_sample cannot match columns_list."),
    ({"padded_sample": {"label": -1}, "num_padded": 1, "num_shards": 2, "shard_id": 0, "columns_list": ["label"]},
     RuntimeError, "the size of dataset and padded samples: 9 can not be divisible by the value of 'num_shards': 2"),
    ({"columns_list": ["label", "q"]}, RuntimeError, "column name: q can not found in schema"),
    ({"columns_list": "label"}, TypeError, "Argument columns_list with value label is not of type [<class 'list'>]"),
    ({"shuffle": 3}, TypeError, "shuffle must be of boolean or enum of 'Shuffle' values"),
    ({"num_shards": 2}, RuntimeError, "num_shards is specified and currently requires shard_id as well."),
])
def test_bad_arguments(kwargs, error, message):
    with pytest.raises(error) as info:
        ds.MindDataset(ARRAYS, **kwargs)
    assert message in str(info.value)


def test_missing_or_corrupt_files_fail_at_construction(tmp_path):
    with pytest.raises(ValueError, match="nope.mindrecord does not exist or permission denied!"):
        ds.MindDataset(str(tmp_path / "nope.mindrecord"))
    with pytest.raises(TypeError, match="path: 5 is not string"):
        ds.MindDataset([5])
    broken = tmp_path / "cut.mindrecord"
    broken.write_bytes((DATA / "ms_scalars.mindrecord").read_bytes()[:20000])
    (tmp_path / "cut.mindrecord.db").write_bytes((DATA / "ms_scalars.mindrecord.db").read_bytes())
    with pytest.raises(RuntimeError, match="cut.mindrecord.*truncated"):
        ds.MindDataset(str(broken))


def test_sampler_and_num_samples_follow_file_order():
    assert _labels(ds.MindDataset(ARRAYS, sampler=ds.SequentialSampler(2, 3))) == [3, 6, 1]
    assert _labels(ds.MindDataset(ARRAYS, shuffle=False, num_samples=3)) == [0, 2, 3]
    assert sorted(_labels(ds.MindDataset(ARRAYS, sampler=ds.SubsetRandomSampler([5, 1])))) == [2, 4]


def test_shuffle_levels_permute_as_named():
    files = [str(DATA / "ms_arrays.mindrecord0"), str(DATA / "ms_arrays.mindrecord1")]
    seen_files = set()
    for seed in range(8):
        ds.config.set_seed(seed)
        order = _labels(ds.MindDataset(files, shuffle=ds.Shuffle.FILES))
        assert order in ([0, 2, 3, 6, 1, 4, 5, 7], [1, 4, 5, 7, 0, 2, 3, 6])
        seen_files.add(tuple(order))
        infile = _labels(ds.MindDataset(files, shuffle=ds.Shuffle.INFILE))
        assert sorted(infile[:4]) == [0, 2, 3, 6] and sorted(infile[4:]) == [1, 4, 5, 7]
        assert sorted(_labels(ds.MindDataset(files, shuffle=ds.Shuffle.GLOBAL))) == list(range(8))
    assert len(seen_files) == 2
    ds.config.set_seed(5)
    first = _labels(ds.MindDataset(files))
    ds.config.set_seed(5)
    assert _labels(ds.MindDataset(files)) == first  # reproducible under the seed


@settings(max_examples=15, deadline=None)
@given(num_shards=st.integers(1, 5), shuffle=st.sampled_from([False, True, ds.Shuffle.FILES, ds.Shuffle.INFILE]))
def test_shards_cover_the_rows_evenly(num_shards, shuffle):
    ds.config.set_seed(3)
    shards = [_labels(ds.MindDataset(ARRAYS, shuffle=shuffle, num_shards=num_shards, shard_id=i))
              for i in range(num_shards)]
    per = -(-8 // num_shards)
    assert [len(s) for s in shards] == [per] * num_shards
    flat = [label for s in shards for label in s]
    assert sorted(set(flat)) == list(range(8))
    assert len(flat) - len(set(flat)) == per * num_shards - 8  # only the wrap-round rows repeat


def test_pipeline_batches_rows_written_by_sporax(tmp_path):
    path = str(tmp_path / "train.mindrecord")
    writer = FileWriter(path, shard_num=3)
    writer.add_schema({"feature": {"type": "int32", "shape": [4]}, "label": {"type": "int32"}})
    writer.write_raw_data([{"feature": np.arange(4, dtype=np.int32) + k, "label": k} for k in range(9)])
    writer.commit()
    dataset = ds.MindDataset(path + "0", columns_list=["feature", "label"], shuffle=False).batch(4, drop_remainder=True)
    batches = list(dataset.create_tuple_iterator(output_numpy=True, num_epochs=1))
    assert [b[1].tolist() for b in batches] == [[0, 1, 2, 3], [4, 5, 6, 7]]
    np.testing.assert_array_equal(batches[1][0], np.arange(4)[None, :] + np.arange(4, 8)[:, None])
    assert dataset.get_dataset_size() == 2
