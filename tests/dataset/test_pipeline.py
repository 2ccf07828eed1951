import warnings

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import sporax as ms
import sporax.dataset as ds


def rows(dataset, column=0):
    return [r[column].tolist() for r in dataset.create_tuple_iterator(output_numpy=True, num_epochs=1)]


def three_columns():
    def gen():
        for i in range(5):
            yield i, float(i), np.full((2,), i, np.float32)
    return ds.GeneratorDataset(gen, ["a", "b", "c"], shuffle=False)


class RandomAccess:
    def __init__(self, n=10):
        self.n = n

    def __getitem__(self, i):
        if not 0 <= i < self.n:
            raise IndexError(i)
        return np.array(i, np.int64), np.full((3,), i, np.float32)

    def __len__(self):
        return self.n


def test_generator_rows_have_mindspore_dtypes_and_shapes():
    d = three_columns()
    assert d.get_col_names() == ["a", "b", "c"]
    assert d.output_types() == [np.int64, np.float64, np.float32]
    assert d.output_shapes() == [[], [], [2]]
    assert d.get_dataset_size() == 5
    assert rows(d) == [0, 1, 2, 3, 4]


def test_iterable_object_source_is_read_once_per_epoch():
    d = ds.GeneratorDataset([(1,), (2,), (3,)], ["x"], shuffle=False)
    it = d.create_tuple_iterator(num_epochs=2, output_numpy=True)
    assert [int(r[0]) for r in it] == [1, 2, 3]
    assert [int(r[0]) for r in it] == [1, 2, 3]
    assert list(it) == []


def test_tuple_iterator_gives_tensors_and_dict_iterator_names_them():
    row = next(three_columns().create_tuple_iterator())
    assert isinstance(row, list) and all(isinstance(v, ms.Tensor) for v in row)
    assert row[2].dtype == ms.float32 and row[0].dtype == ms.int64
    named = next(three_columns().create_dict_iterator())
    assert list(named) == ["a", "b", "c"] and isinstance(named["c"], ms.Tensor)
    assert next(three_columns().create_dict_iterator(output_numpy=True))["c"].tolist() == [0.0, 0.0]


def test_tuple_iterator_columns_selects_and_orders():
    row = next(three_columns().create_tuple_iterator(columns=["c", "a"], output_numpy=True))
    assert row[0].shape == (2,) and int(row[1]) == 0
    with pytest.raises(ValueError, match="'zz' does not exist"):
        three_columns().create_tuple_iterator(columns=["zz"])


def test_map_same_count_replaces_in_place_and_different_count_puts_outputs_first():
    assert three_columns().map(lambda a: a + 1, input_columns=["b"]).get_col_names() == ["a", "b", "c"]
    swapped = three_columns().map(lambda c, a: (c, a), input_columns=["c", "a"], output_columns=["q", "r"])
    assert swapped.get_col_names() == ["r", "b", "q"]
    split = three_columns().map(lambda b: (b, b * 2), input_columns=["b"], output_columns=["b1", "b2"])
    assert split.get_col_names() == ["b1", "b2", "a", "c"]
    merged = three_columns().map(lambda a, c: a + c, input_columns=["a", "c"], output_columns=["z"])
    assert merged.get_col_names() == ["z", "b"]
    assert next(merged.create_tuple_iterator(output_numpy=True))[0].tolist() == [0.0, 0.0]


def test_map_default_input_is_first_column_and_operations_chain():
    d = three_columns().map([lambda a: a + 1, lambda a: a * 10])
    assert rows(d) == [10, 20, 30, 40, 50]


def test_map_unknown_column_fails_at_construction():
    with pytest.raises(ValueError, match=r"map: column 'nope' does not exist in the dataset columns \['a', 'b', 'c'\]"):
        three_columns().map(lambda x: x, input_columns=["nope"])


def test_map_failure_names_the_operation_and_columns():
    def broken(a):
        raise ValueError("bad value")
    with pytest.raises(ValueError, match=r"operation broken failed on column\(s\) \['a'\]: bad value"):
        rows(three_columns().map(broken))


def test_map_rejects_network_cells():
    with pytest.raises(ValueError, match="network computing operator"):
        three_columns().map(ms.nn.ReLU())


@pytest.mark.parametrize("drop, sizes", [(False, [2, 2, 1]), (True, [2, 2])])
def test_batch_sizes_and_drop_remainder(drop, sizes):
    d = three_columns().batch(2, drop_remainder=drop)
    assert d.get_dataset_size() == len(sizes) and d.get_batch_size() == 2
    got = [r[0].shape[0] for r in d.create_tuple_iterator(output_numpy=True)]
    assert got == sizes
    assert d.output_shapes() == [[2], [2], [2, 2]]


def test_repeat_times_batch_sizes():
    assert three_columns().repeat(3).batch(2).get_dataset_size() == 8
    assert three_columns().batch(2, True).repeat(3).get_dataset_size() == 6
    assert rows(three_columns().repeat(2)) == [0, 1, 2, 3, 4] * 2
    batches = [r[0].tolist() for r in three_columns().repeat(2).batch(4).create_tuple_iterator(output_numpy=True)]
    assert batches == [[0, 1, 2, 3], [4, 0, 1, 2], [3, 4]]
    assert three_columns().repeat(4).get_repeat_count() == 4


def test_infinite_repeat_keeps_going():
    it = ds.NumpySlicesDataset([1, 2], shuffle=False).repeat().create_tuple_iterator(output_numpy=True)
    assert [int(next(it)[0]) for _ in range(7)] == [1, 2, 1, 2, 1, 2, 1]


def test_batch_rejects_bad_size_and_inconsistent_shapes():
    with pytest.raises(ValueError, match=r"batch_size is not within the required interval of \[1, 2147483647\]"):
        three_columns().batch(0)
    with pytest.raises(TypeError, match="batch_size should either be an int or a callable"):
        three_columns().batch(2.0)
    ragged = ds.GeneratorDataset(lambda: ((np.zeros(i),) for i in (1, 2)), ["v"])
    with pytest.raises(ValueError, match=r"inconsistent batch shapes in column 'v'.*expected \[1\], but got \[2\]"):
        rows(ragged.batch(2))


def test_per_batch_map_sees_column_lists_and_batch_info():
    seen = []

    def per_batch(a, info):
        seen.append((info.get_batch_num(), info.get_epoch_num()))
        return ([x * 100 for x in a],)
    d = three_columns().batch(2, per_batch_map=per_batch, input_columns=["a"])
    assert [r[0].tolist() for r in d.create_tuple_iterator(output_numpy=True)] == [[0, 100], [200, 300], [400]]
    assert sorted(seen) == [(0, 0), (1, 0), (2, 0)]


def test_callable_batch_size_grows_per_batch():
    d = ds.NumpySlicesDataset(list(range(10)), shuffle=False).batch(lambda info: info.get_batch_num() + 1)
    assert [r[0].tolist() for r in d.create_tuple_iterator(output_numpy=True)] == [[0], [1, 2], [3, 4, 5],
                                                                                    [6, 7, 8, 9]]


def test_padded_batch_pads_to_the_given_or_largest_shape():
    source = ds.GeneratorDataset(lambda: ((np.arange(n),) for n in (1, 3, 2)), ["v"])
    padded = source.padded_batch(3, pad_info={"v": ([4], -1)})
    assert next(padded.create_tuple_iterator(output_numpy=True))[0].tolist() == [
        [0, -1, -1, -1], [0, 1, 2, -1], [0, 1, -1, -1]]
    largest = ds.GeneratorDataset(lambda: ((np.arange(n),) for n in (1, 3)), ["v"]).padded_batch(
        2, pad_info={"v": (None, 0)})
    assert next(largest.create_tuple_iterator(output_numpy=True))[0].tolist() == [[0, 0, 0], [0, 1, 2]]
    with pytest.raises(ValueError, match="pad_info column 'w' does not exist"):
        source.padded_batch(2, pad_info={"w": ([2], 0)})


def test_take_skip_project_rename():
    assert rows(three_columns().take(3)) == [0, 1, 2]
    assert rows(three_columns().skip(2)) == [2, 3, 4]
    assert three_columns().skip(10).get_dataset_size() == 0
    assert three_columns().project(["c", "a"]).get_col_names() == ["c", "a"]
    assert rows(three_columns().project(["c", "a"]), 1) == [0, 1, 2, 3, 4]
    assert three_columns().rename(["a"], ["A"]).get_col_names() == ["A", "b", "c"]
    with pytest.raises(ValueError, match="Number of column in input_columns and output_columns is not equal"):
        three_columns().rename(["a"], ["x", "y"])
    with pytest.raises(ValueError, match=r"project: column 'zz' does not exist"):
        three_columns().project(["zz"])
    with pytest.raises(ValueError, match=r"count should be either -1 or within the required interval"):
        three_columns().take(-2)


def test_zip_truncates_to_shortest_and_refuses_duplicate_columns():
    other = three_columns().rename(["a", "b", "c"], ["x", "y", "w"]).take(3)
    zipped = ds.zip((three_columns(), other))
    assert zipped.get_col_names() == ["a", "b", "c", "x", "y", "w"]
    assert zipped.get_dataset_size() == 3 and rows(zipped, 3) == [0, 1, 2]
    with pytest.raises(ValueError, match=r"share the column name\(s\) \['a', 'b', 'c'\]"):
        three_columns().zip(three_columns())
    with pytest.raises(ValueError, match="Can't zip empty or just one dataset"):
        ds.zip((three_columns(),))


def test_concat_and_add():
    both = three_columns() + three_columns().skip(3)
    assert both.get_dataset_size() == 7 and rows(both) == [0, 1, 2, 3, 4, 3, 4]
    with pytest.raises(ValueError, match="same columns"):
        three_columns().concat(three_columns().project(["a"]))


def test_filter_keeps_matching_rows_and_counts_them():
    kept = three_columns().filter(lambda a: a % 2 == 0, input_columns=["a"])
    assert kept.get_dataset_size() == 3 and rows(kept) == [0, 2, 4]
    assert rows(kept.batch(2)) == [[0, 2], [4]]


def test_split_by_fraction_and_size():
    first, second = ds.NumpySlicesDataset(list(range(10)), shuffle=False).split([0.8, 0.2], randomize=False)
    assert rows(first) == list(range(8)) and rows(second) == [8, 9]
    ds.config.set_seed(3)
    parts = ds.NumpySlicesDataset(list(range(10)), shuffle=False).split([4, 6])
    got = [sorted(rows(p)) for p in parts]
    assert [len(g) for g in got] == [4, 6] and sorted(got[0] + got[1]) == list(range(10))
    with pytest.raises(ValueError, match="Sum of split sizes 5 is not equal to dataset size 10"):
        ds.NumpySlicesDataset(list(range(10))).split([2, 3])


def test_shuffle_is_a_permutation_reshuffled_each_epoch_and_seeded():
    ds.config.set_seed(7)
    d = ds.NumpySlicesDataset(list(range(20)), shuffle=False).shuffle(20)
    it = d.create_tuple_iterator(output_numpy=True, num_epochs=2)
    first, second = [int(r[0]) for r in it], [int(r[0]) for r in it]
    assert sorted(first) == sorted(second) == list(range(20))
    assert first != second and first != list(range(20))
    assert rows(ds.NumpySlicesDataset(list(range(20)), shuffle=False).shuffle(20)) == first
    small = rows(ds.NumpySlicesDataset(list(range(20)), shuffle=False).shuffle(4))
    assert sorted(small) == list(range(20))
    with pytest.raises(ValueError, match=r"buffer_size is not within the required interval of \[2, 2147483647\]"):
        d.shuffle(1)


def test_unseeded_pipelines_differ_between_iterators():
    d = ds.NumpySlicesDataset(list(range(30)))
    assert rows(d) != rows(d)


def test_num_samples_caps_rows():
    d = ds.NumpySlicesDataset(list(range(10)), num_samples=4, shuffle=False)
    assert d.get_dataset_size() == 4 and rows(d) == [0, 1, 2, 3]
    gen = ds.GeneratorDataset(lambda: ((i,) for i in range(10)), ["x"], num_samples=3)
    assert rows(gen) == [0, 1, 2]


def test_numpy_slices_columns_from_list_tuple_dict():
    assert ds.NumpySlicesDataset([1, 2, 3]).get_col_names() == ["column_0"]
    assert ds.NumpySlicesDataset(([1, 2], [3, 4])).get_col_names() == ["column_0", "column_1"]
    d = ds.NumpySlicesDataset({"x": [1, 2], "y": [[1.0, 2.0], [3.0, 4.0]]}, shuffle=False)
    assert d.get_col_names() == ["x", "y"] and rows(d, 1) == [[1.0, 2.0], [3.0, 4.0]]
    with pytest.raises(ValueError, match="same length"):
        ds.NumpySlicesDataset(([1, 2], [3]))


def test_generator_argument_errors():
    with pytest.raises(ValueError, match="Neither columns_names nor schema are provided"):
        ds.GeneratorDataset(RandomAccess())
    with pytest.raises(TypeError, match="should be callable, iterable or random accessible"):
        ds.GeneratorDataset(5, ["a"])
    with pytest.raises(ValueError, match="num_shards is not supported if source does not have attribute"):
        ds.GeneratorDataset(lambda: iter([]), ["a"], num_shards=2, shard_id=0)
    with pytest.raises(ValueError, match="num_shards and shard_id need to be passed in together"):
        ds.NumpySlicesDataset(list(range(10)), num_shards=3)
    with pytest.raises(ValueError, match="Conflicting arguments during sampler assignments"):
        ds.NumpySlicesDataset(list(range(10)), shuffle=True, sampler=ds.RandomSampler())
    with pytest.raises(ValueError, match="shard_id should be less than num_shards"):
        ds.GeneratorDataset(RandomAccess(), ["a", "b"], num_shards=2, shard_id=5)
    wrong_width = ds.GeneratorDataset(lambda: iter([(1, 2, 3)]), ["a", "b"])
    with pytest.raises(ValueError, match=r"number of columns returned \(3\) does not match the column_names \['a', 'b'\]"):
        rows(wrong_width)


def test_column_types_cast_the_source_values():
    d = ds.GeneratorDataset(RandomAccess(3), ["i", "v"], column_types=[ms.int32, np.float64], shuffle=False)
    assert d.output_types() == [np.int32, np.float64]


def test_random_access_source_with_threads_and_processes_keeps_order():
    sequential = rows(ds.GeneratorDataset(RandomAccess(), ["i", "v"], shuffle=False))
    threads = ds.GeneratorDataset(RandomAccess(), ["i", "v"], shuffle=False, num_parallel_workers=3,
                                  python_multiprocessing=False)
    assert rows(threads) == sequential == list(range(10))
    processes = ds.GeneratorDataset(RandomAccess(), ["i", "v"], shuffle=False, num_parallel_workers=2,
                                    python_multiprocessing=True).map(lambda i: i * 3).batch(3)
    it = processes.create_tuple_iterator(output_numpy=True, num_epochs=2)
    expected = [[0, 3, 6], [9, 12, 15], [18, 21, 24], [27]]
    with warnings.catch_warnings():  # the pipeline really goes to worker processes: no thread fallback
        warnings.simplefilter("error", RuntimeWarning)
        assert [r[0].tolist() for r in it] == expected
    assert [r[0].tolist() for r in it] == expected
    it.stop()


def test_seeded_shuffle_same_for_any_worker_count():
    ds.config.set_seed(11)
    one = rows(ds.GeneratorDataset(RandomAccess(), ["i", "v"], shuffle=True).map(lambda i: i + 1))
    four = rows(ds.GeneratorDataset(RandomAccess(), ["i", "v"], shuffle=True, num_parallel_workers=4,
                                    python_multiprocessing=False).map(lambda i: i + 1, num_parallel_workers=4))
    assert one == four and sorted(one) == list(range(1, 11))


@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 40), shards=st.integers(1, 6), shuffle=st.booleans())
def test_shards_cover_the_dataset_with_equal_sizes(n, shards, shuffle):
    ds.config.set_seed(5)
    parts = [rows(ds.NumpySlicesDataset(list(range(n)), shuffle=shuffle, num_shards=shards, shard_id=k))
             for k in range(shards)]
    per_shard = -(-n // shards)
    assert all(len(p) == per_shard for p in parts)
    flat = [x for p in parts for x in p]
    assert set(flat) == set(range(n))
    if n % shards == 0:
        assert sorted(flat) == list(range(n))  # disjoint
    else:
        assert len(flat) - n == shards * per_shard - n  # only the wrapped-around padding repeats


def test_sharding_is_interleaved_like_mindspore():
    got = [rows(ds.NumpySlicesDataset(list(range(10)), shuffle=False, num_shards=3, shard_id=k)) for k in range(3)]
    assert got == [[0, 3, 6, 9], [1, 4, 7, 0], [2, 5, 8, 1]]


def test_model_style_epoch_loop_over_one_iterator():
    d = ds.NumpySlicesDataset(list(range(4)), shuffle=False).batch(2)
    it = d.create_tuple_iterator(num_epochs=3, output_numpy=True)
    epochs = [[r[0].tolist() for r in it] for _ in range(4)]
    assert epochs == [[[0, 1], [2, 3]]] * 3 + [[]]
    with pytest.raises(ValueError, match="num_epochs should be either -1 or a positive integer"):
        d.create_tuple_iterator(num_epochs=0)
