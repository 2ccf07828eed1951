"""Text corpora and the smaller image datasets, from files the tests write (expected values
as real MindSpore 2.10 reads the same files)."""
import struct

import numpy as np
import pytest
import scipy.io
from PIL import Image

import sporax.dataset as ds


def rows(dataset):
    return [[x.tolist() for x in r] for r in dataset.create_tuple_iterator(output_numpy=True, num_epochs=1)]


def test_csv_corpora_columns_quotes_and_usage(tmp_path):
    (tmp_path / "train.csv").write_text('"3","Wall St","Reuters - x, y"\n"4","Tech","New ""chip"""\n')
    (tmp_path / "test.csv").write_text('"1","Old","z"\n')
    data = ds.AGNewsDataset(str(tmp_path), shuffle=False)
    assert data.get_col_names() == ["index", "title", "description"]
    assert rows(data) == [["1", "Old", "z"], ["3", "Wall St", "Reuters - x, y"], ["4", "Tech", 'New "chip"']]
    assert rows(ds.AGNewsDataset(str(tmp_path), usage="test")) == [["1", "Old", "z"]]
    assert ds.DBpediaDataset(str(tmp_path), usage="train").get_col_names() == ["class", "title", "content"]
    with pytest.raises(ValueError, match=r"test.csv, line 1 has 3 fields, but the columns are \['label', 'text'\]"):
        ds.YelpReviewDataset(str(tmp_path))
    with pytest.raises(ValueError, match="Input usage is not within the valid set"):
        ds.AmazonReviewDataset(str(tmp_path), usage="dev")


def test_sst2_keeps_sentences_as_written(tmp_path):
    (tmp_path / "train.tsv").write_text("sentence\tlabel\nit is good \t1\nbad movie \t0\n")
    (tmp_path / "test.tsv").write_text("index\tsentence\n0\tuncertain\n")
    assert rows(ds.SST2Dataset(str(tmp_path), shuffle=False)) == [["it is good ", "1"], ["bad movie ", "0"]]
    test = ds.SST2Dataset(str(tmp_path), usage="test", shuffle=False)
    assert test.get_col_names() == ["sentence"] and rows(test) == [["uncertain"]]


def test_line_corpora(tmp_path):
    (tmp_path / "ptb.train.txt").write_text(" a b c \n d e \n")
    (tmp_path / "ptb.test.txt").write_text(" x \n")
    (tmp_path / "ptb.valid.txt").write_text(" v \n")
    assert rows(ds.PennTreebankDataset(str(tmp_path), usage="train", shuffle=False)) == [[" a b c "], [" d e "]]
    assert sorted(r[0] for r in rows(ds.PennTreebankDataset(str(tmp_path)))) == [" a b c ", " d e ", " v ", " x "]
    with pytest.raises(ValueError, match="wiki.test.tokens does not exist"):
        ds.WikiTextDataset(str(tmp_path))


def test_imdb_labels_pos_one_neg_zero(tmp_path):
    for part, polarity, text in (("train", "pos", "great"), ("train", "neg", "awful"), ("test", "pos", "fine"),
                                 ("test", "neg", "nope")):
        (tmp_path / part / polarity).mkdir(parents=True, exist_ok=True)
        (tmp_path / part / polarity / "0_1.txt").write_text(text + "\n")
    data = ds.IMDBDataset(str(tmp_path), shuffle=False)
    assert rows(data) == [["great", 1], ["awful", 0], ["fine", 1], ["nope", 0]]
    assert data.output_types()[1] == np.int32


def test_conll2000_one_row_per_sentence(tmp_path):
    (tmp_path / "train.txt").write_text("Confidence NN B-NP\nin IN B-PP\n\nChancellor NNP O\n")
    (tmp_path / "test.txt").write_text("He PRP B-NP\n")
    data = ds.CoNLL2000Dataset(str(tmp_path), usage="train", shuffle=False)
    assert data.get_col_names() == ["word", "pos_tag", "chunk_tag"]
    assert rows(data) == [[["Confidence", "in"], ["NN", "IN"], ["B-NP", "B-PP"]], [["Chancellor"], ["NNP"], ["O"]]]


def test_multi30k_pairs_lines(tmp_path):
    (tmp_path / "training").mkdir()
    (tmp_path / "training" / "train.en").write_text("a dog\na cat\n")
    (tmp_path / "training" / "train.de").write_text("ein Hund\neine Katze\n")
    data = ds.Multi30kDataset(str(tmp_path), usage="train", shuffle=False)
    assert rows(data) == [["a dog", "ein Hund"], ["a cat", "eine Katze"]]
    flipped = ds.Multi30kDataset(str(tmp_path), usage="train", language_pair=["de", "en"], shuffle=False)
    assert rows(flipped)[0] == ["ein Hund", "a dog"]


def test_semeion_svhn_stl10_qmnist_caltech256(tmp_path):
    rng = np.random.RandomState(0)
    (tmp_path / "sem").mkdir()
    pixels = rng.randint(0, 2, (2, 256))
    (tmp_path / "sem" / "semeion.data").write_text("".join(
        " ".join(f"{v:.4f}" for v in p) + " " + " ".join("1" if k == d else "0" for k in range(10)) + " \n"
        for p, d in zip(pixels, (2, 7))))
    semeion = ds.SemeionDataset(str(tmp_path / "sem"), shuffle=False)
    got = list(semeion.create_tuple_iterator(output_numpy=True))
    assert [int(r[1]) for r in got] == [2, 7] and got[0][0].shape == (16, 16)
    np.testing.assert_array_equal(got[0][0].reshape(-1), pixels[0])

    (tmp_path / "svhn").mkdir()
    images = rng.randint(0, 256, (32, 32, 3, 2)).astype(np.uint8)
    scipy.io.savemat(tmp_path / "svhn" / "train_32x32.mat", {"X": images, "y": np.array([[10], [4]], np.uint8)})
    svhn = list(ds.SVHNDataset(str(tmp_path / "svhn"), usage="train", shuffle=False).create_tuple_iterator(
        output_numpy=True))
    assert [int(r[1]) for r in svhn] == [0, 4]
    np.testing.assert_array_equal(svhn[0][0], images[..., 0])

    (tmp_path / "stl").mkdir()
    stored = rng.randint(0, 256, (2, 3, 96, 96)).astype(np.uint8)
    stored.tofile(tmp_path / "stl" / "train_X.bin")
    np.array([1, 10], np.uint8).tofile(tmp_path / "stl" / "train_y.bin")
    stl = list(ds.STL10Dataset(str(tmp_path / "stl"), usage="train", shuffle=False).create_tuple_iterator(
        output_numpy=True))
    assert [int(r[1]) for r in stl] == [0, 9]
    np.testing.assert_array_equal(stl[0][0], stored[0].transpose(2, 1, 0))  # column-major images

    (tmp_path / "qm").mkdir()
    with open(tmp_path / "qm" / "qmnist-train-images-idx3-ubyte", "wb") as handle:
        handle.write(struct.pack(">BBBBIII", 0, 0, 8, 3, 2, 28, 28) + rng.randint(0, 256, 2 * 784).astype(
            np.uint8).tobytes())
    with open(tmp_path / "qm" / "qmnist-train-labels-idx2-int", "wb") as handle:
        handle.write(struct.pack(">BBBBII", 0, 0, 0x0C, 2, 2, 8) + np.array(
            [[5, 1, 2, 3, 4, 5, 6, 7], [9, 1, 2, 3, 4, 5, 6, 7]], ">i4").tobytes())
    qmnist = ds.QMnistDataset(str(tmp_path / "qm"), usage="train", shuffle=False)
    assert [r[1] for r in rows(qmnist)] == [5, 9]
    full = ds.QMnistDataset(str(tmp_path / "qm"), usage="train", compat=False, shuffle=False)
    assert full.output_shapes() == [[28, 28, 1], [8]] and full.output_types()[1] == np.uint32

    for k, name in enumerate(("001.ak47", "002.american-flag")):
        (tmp_path / "cal" / name).mkdir(parents=True)
        Image.fromarray(rng.randint(0, 256, (4, 4, 3)).astype(np.uint8)).save(tmp_path / "cal" / name / "a.jpg")
    caltech = ds.Caltech256Dataset(str(tmp_path / "cal"), shuffle=False, decode=True)
    assert [r[1] for r in rows(caltech)] == [0, 1] and caltech.output_shapes() == [[4, 4, 3], []]
