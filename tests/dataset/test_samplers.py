import numpy as np
import pytest

import sporax.dataset as ds


def rows(dataset):
    return [int(r[0]) for r in dataset.create_tuple_iterator(output_numpy=True, num_epochs=1)]


def ten(**kwargs):
    return ds.NumpySlicesDataset(list(range(10)), **kwargs)


def test_sequential_sampler_start_and_count():
    assert rows(ten(sampler=ds.SequentialSampler(2, 5))) == [2, 3, 4, 5, 6]
    assert rows(ten(sampler=ds.SequentialSampler(2, 2))) == [2, 3]


def test_subset_sampler_keeps_order_and_child_sampler_feeds_parent():
    assert rows(ten(sampler=ds.SubsetSampler([3, 1, 7]))) == [3, 1, 7]
    parent = ds.SequentialSampler(1, 5)
    parent.add_child(ds.SubsetSampler([8, 6, 4, 2, 0, 9]))
    assert rows(ten(sampler=parent)) == [6, 4, 2, 0, 9]


def test_random_sampler_permutes_and_draws_with_replacement():
    ds.config.set_seed(2)
    permuted = rows(ten(sampler=ds.RandomSampler()))
    assert sorted(permuted) == list(range(10)) and permuted != list(range(10))
    drawn = rows(ten(sampler=ds.RandomSampler(replacement=True, num_samples=3000)))
    counts = np.bincount(drawn, minlength=10)
    assert len(drawn) == 3000 and np.all(np.abs(counts - 300) < 85)  # 5 binomial sd
    with pytest.raises(TypeError, match="replacement must be a boolean value but was: 1"):
        ds.RandomSampler(1)


def test_subset_random_sampler_permutes_only_its_indices():
    ds.config.set_seed(4)
    got = rows(ten(sampler=ds.SubsetRandomSampler([1, 3, 5, 7])))
    assert sorted(got) == [1, 3, 5, 7]


def test_weighted_random_sampler_follows_weights():
    ds.config.set_seed(1)
    weights = [0.0] * 8 + [1.0, 3.0]
    got = rows(ten(sampler=ds.WeightedRandomSampler(weights, num_samples=4000)))
    assert set(got) == {8, 9}
    assert abs(got.count(9) / 4000 - 0.75) < 0.03  # binomial sd ~0.007
    with pytest.raises(ValueError, match="weights should not contain negative numbers"):
        ds.WeightedRandomSampler([-1.0])


def test_pk_sampler_takes_k_rows_per_class():
    labels = np.array([0, 1, 2, 0, 1, 2, 0, 1, 2, 0])
    d = ds.NumpySlicesDataset({"data": np.arange(10), "label": labels}, sampler=ds.PKSampler(2))
    got = [int(r[1]) for r in d.create_tuple_iterator(output_numpy=True)]
    assert got == [0, 0, 1, 1, 2, 2]
    with pytest.raises(NotImplementedError, match="Not supported to specify num_class for PKSampler"):
        ds.PKSampler(2, num_class=3)


def test_distributed_sampler_is_sharding():
    assert rows(ten(sampler=ds.DistributedSampler(3, 1, shuffle=False))) == [1, 4, 7, 0]
    with pytest.raises(ValueError, match="shard_id should be less than num_shards"):
        ds.DistributedSampler(2, 2)


def test_user_iterable_sampler():
    assert rows(ten(sampler=[9, 0, 5])) == [9, 0, 5]


def test_sampler_reports_num_samples_and_shuffle():
    assert ds.RandomSampler(num_samples=3).get_num_samples() == 3
    assert ds.RandomSampler().is_shuffled() and not ds.SequentialSampler().is_shuffled()
    assert ds.DistributedSampler(2, 0).is_sharded()
    with pytest.raises(ValueError, match="num_samples exceeds the boundary between 0 and"):
        ds.SequentialSampler(0, -2)
