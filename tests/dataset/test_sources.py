"""File-backed sources read MindSpore's documented layouts; the tests write their own files."""
import os
import struct

import numpy as np
import pytest
from PIL import Image

import sporax.dataset as ds
import sporax.dataset.vision as V


def write_idx(path, array):
    with open(path, "wb") as handle:
        handle.write(struct.pack(">BBBB", 0, 0, 0x08, array.ndim))
        handle.write(struct.pack(">" + "I" * array.ndim, *array.shape))
        handle.write(array.astype(np.uint8).tobytes())


@pytest.fixture
def mnist_dir(tmp_path):
    rng = np.random.RandomState(0)
    images = {"train": rng.randint(0, 256, (5, 28, 28)), "t10k": rng.randint(0, 256, (3, 28, 28))}
    write_idx(tmp_path / "train-images-idx3-ubyte", images["train"])
    write_idx(tmp_path / "train-labels-idx1-ubyte", np.arange(5))
    write_idx(tmp_path / "t10k-images-idx3-ubyte", images["t10k"])
    write_idx(tmp_path / "t10k-labels-idx1-ubyte", np.arange(3) + 5)
    return tmp_path, images


def rows(dataset):
    return list(dataset.create_tuple_iterator(output_numpy=True, num_epochs=1))


def test_mnist_reads_idx_files_test_then_train(mnist_dir):
    folder, images = mnist_dir
    data = ds.MnistDataset(str(folder), shuffle=False)
    assert data.get_col_names() == ["image", "label"] and data.get_dataset_size() == 8
    assert data.output_types() == [np.uint8, np.uint32] and data.output_shapes() == [[28, 28, 1], []]
    got = rows(data)
    assert [int(r[1]) for r in got] == [5, 6, 7, 0, 1, 2, 3, 4]
    np.testing.assert_array_equal(got[3][0][:, :, 0], images["train"][0])
    assert ds.MnistDataset(str(folder), usage="test").get_dataset_size() == 3
    assert ds.FashionMnistDataset(str(folder), usage="train").get_dataset_size() == 5


def test_mnist_bad_input_names_the_folder_or_file(mnist_dir, tmp_path_factory):
    folder, _ = mnist_dir
    with pytest.raises(ValueError, match="The folder /nope does not exist or is not a directory"):
        ds.MnistDataset("/nope")
    with pytest.raises(ValueError, match=r"Input usage is not within the valid set of \['train', 'test', 'all'\]"):
        ds.MnistDataset(str(folder), usage="val")
    path = folder / "train-images-idx3-ubyte"
    path.write_bytes(path.read_bytes()[:-10])
    with pytest.raises(ValueError, match=r"train-images-idx3-ubyte: 3926 bytes, but its header \[5, 28, 28\] needs 3936 \(truncated"):
        ds.MnistDataset(str(folder))
    empty = tmp_path_factory.mktemp("empty")
    with pytest.raises(ValueError, match="t10k-images-idx3-ubyte does not exist"):
        ds.MnistDataset(str(empty))


def write_cifar(path, labels, images):
    records = np.concatenate([np.asarray(labels, np.uint8).reshape(len(images), -1),
                              images.transpose(0, 3, 1, 2).reshape(len(images), -1)], axis=1)
    path.write_bytes(records.astype(np.uint8).tobytes())


def test_cifar10_reads_binary_batches_as_hwc(tmp_path):
    rng = np.random.RandomState(1)
    train = rng.randint(0, 256, (4, 32, 32, 3))
    test = rng.randint(0, 256, (2, 32, 32, 3))
    write_cifar(tmp_path / "data_batch_1.bin", [3, 1, 4, 1], train[:4])
    write_cifar(tmp_path / "test_batch.bin", [5, 9], test)
    data = ds.Cifar10Dataset(str(tmp_path), shuffle=False)
    got = rows(data)
    assert [int(r[1]) for r in got] == [3, 1, 4, 1, 5, 9]
    np.testing.assert_array_equal(got[0][0], train[0])
    assert data.output_types() == [np.uint8, np.uint32]
    assert ds.Cifar10Dataset(str(tmp_path), usage="test").get_dataset_size() == 2
    (tmp_path / "test_batch.bin").write_bytes(b"\x00" * 3000)
    with pytest.raises(ValueError, match="test_batch.bin has 3000 bytes, not a whole number of 3073-byte records"):
        ds.Cifar10Dataset(str(tmp_path))


def test_cifar100_has_coarse_and_fine_labels(tmp_path):
    images = np.random.RandomState(2).randint(0, 256, (3, 32, 32, 3))
    write_cifar(tmp_path / "train.bin", [[1, 11], [2, 22], [3, 33]], images)
    write_cifar(tmp_path / "test.bin", [[4, 44]], images[:1])
    data = ds.Cifar100Dataset(str(tmp_path), usage="train", shuffle=False)
    assert data.get_col_names() == ["image", "coarse_label", "fine_label"]
    assert [(int(r[1]), int(r[2])) for r in rows(data)] == [(1, 11), (2, 22), (3, 33)]


@pytest.fixture
def image_folder(tmp_path):
    rng = np.random.RandomState(3)
    pictures = {}
    for cls, fmt in (("dog", "PNG"), ("cat", "JPEG")):
        (tmp_path / cls).mkdir()
        for j in range(2):
            picture = rng.randint(0, 256, (4, 5, 3)).astype(np.uint8)
            name = f"{j}.{'png' if fmt == 'PNG' else 'jpg'}"
            Image.fromarray(picture).save(tmp_path / cls / name, format=fmt)
            pictures[(cls, j)] = picture
    (tmp_path / "dog" / "notes.txt").write_text("not an image")
    return tmp_path, pictures


def test_image_folder_classes_sorted_and_images_decoded(image_folder):
    folder, pictures = image_folder
    data = ds.ImageFolderDataset(str(folder), shuffle=False)
    assert data.get_class_indexing() == {"cat": 0, "dog": 1} and data.num_classes() == 2
    got = rows(data)
    assert [int(r[1]) for r in got] == [0, 0, 1, 1]
    assert got[0][0].ndim == 1 and data.output_types() == [np.uint8, np.int32]
    decoded = rows(ds.ImageFolderDataset(str(folder), shuffle=False, decode=True))
    np.testing.assert_array_equal(decoded[2][0], pictures[("dog", 0)])  # PNG is lossless
    np.testing.assert_array_equal(V.Decode()(got[2][0]), pictures[("dog", 0)])
    indexed = ds.ImageFolderDataset(str(folder), shuffle=False, class_indexing={"dog": 0, "cat": 1})
    assert [int(r[1]) for r in rows(indexed)] == [0, 0, 1, 1]


def test_image_folder_corrupt_image_names_the_file(image_folder):
    folder, _ = image_folder
    (folder / "cat" / "0.jpg").write_bytes(b"\xff\xd8\xff garbage")
    data = ds.ImageFolderDataset(str(folder), shuffle=False, decode=True)
    with pytest.raises(RuntimeError, match=r"cat/0.jpg: cannot decode the image"):
        rows(data)
    with pytest.raises(ValueError, match="does not exist or is not a directory"):
        ds.ImageFolderDataset(str(folder / "missing"))


def test_csv_header_types_and_errors(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("x,y,z\n1,2.5,hello\n3,,world\n")
    plain = rows(ds.CSVDataset(str(path), shuffle=False))
    assert [str(v) for v in plain[0]] == ["1", "2.5", "hello"]
    typed = ds.CSVDataset(str(path), column_defaults=[0, 7.0, ""], shuffle=False)
    assert typed.get_col_names() == ["x", "y", "z"]
    got = rows(typed)
    assert got[0][0].dtype == np.int32 and got[0][1].dtype == np.float32 and float(got[1][1]) == 7.0
    named = ds.CSVDataset(str(path), column_names=["a", "b", "c"], shuffle=False)
    assert named.get_dataset_size() == 3  # the header line is a row when column_names are given
    path.write_text("x,y\n1,2\n3\n")
    with pytest.raises(ValueError, match=r"a.csv, line 3 has 1 fields, but the columns are \['x', 'y'\]"):
        ds.CSVDataset(str(path))
    with pytest.raises(ValueError, match="The following patterns did not match any files"):
        ds.CSVDataset(str(tmp_path / "nope.csv"))


def test_text_file_one_row_per_non_empty_line_and_sharded(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("line one\nline two\n\nline four\n")
    data = ds.TextFileDataset(str(path), shuffle=False)
    assert [str(r[0]) for r in rows(data)] == ["line one", "line two", "line four"]
    shards = [[str(r[0]) for r in rows(ds.TextFileDataset(str(path), shuffle=False, num_shards=3, shard_id=k))]
              for k in range(3)]
    assert sorted(sum(shards, [])) == ["line four", "line one", "line two"]


def test_fake_image_dataset_is_deterministic():
    a = rows(ds.FakeImageDataset(4, (3, 3, 3), 5, base_seed=7, shuffle=False))
    b = rows(ds.FakeImageDataset(4, (3, 3, 3), 5, base_seed=7, shuffle=False))
    assert all(np.array_equal(x[0], y[0]) for x, y in zip(a, b)) and a[0][0].shape == (3, 3, 3)


def test_image_pipeline_with_workers_over_a_folder(image_folder):
    folder, _ = image_folder
    data = ds.ImageFolderDataset(str(folder), shuffle=False, num_parallel_workers=2)
    data = data.map([V.Decode(), V.Resize((8, 8)), V.HWC2CHW()], ["image"], num_parallel_workers=2).batch(2)
    shapes = [r[0].shape for r in rows(data)]
    assert shapes == [(2, 3, 8, 8), (2, 3, 8, 8)]


def test_read_write_image_files(tmp_path):
    picture = np.random.RandomState(4).randint(0, 256, (6, 7, 3)).astype(np.uint8)
    V.write_png(str(tmp_path / "p.png"), picture)
    np.testing.assert_array_equal(V.read_image(str(tmp_path / "p.png")), picture)
    assert V.read_image(str(tmp_path / "p.png"), V.ImageReadMode.GRAYSCALE).shape == (6, 7, 1)
    data = V.read_file(str(tmp_path / "p.png"))
    np.testing.assert_array_equal(V.Decode()(data), picture)
    assert V.get_image_size(picture) == [6, 7] and V.get_image_num_channels(picture) == 3
    smooth = np.broadcast_to(np.arange(0, 240, 15, dtype=np.uint8)[None, :, None], (16, 16, 3)).copy()
    jpeg = V.encode_jpeg(smooth, 95)
    assert jpeg[:2].tolist() == [0xFF, 0xD8] and np.abs(V.Decode()(jpeg).astype(int) - smooth).max() <= 8
    with pytest.raises(RuntimeError, match="does not exist"):
        V.read_file(str(tmp_path / "none.png"))
    os.remove(tmp_path / "p.png")
