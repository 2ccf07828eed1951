"""Speech sources (YesNo, LJSpeech, CMU ARCTIC) against real MindSpore 2.10's rows on the same
synthetic folders (tests/data/make_audio_dataset_fixtures.py, run by hand): same columns,
dtypes, shapes and values, in the same order; bad folders and files fail naming the file."""
import os
import pathlib
import sys

import numpy as np
import pytest

import sporax.dataset as ds

DATA = pathlib.Path(__file__).parents[1] / "data"
sys.path.insert(0, str(DATA))
from audio_dataset_files import WRITERS, write_wav  # noqa: E402

with np.load(DATA / "audio_datasets_mindspore.npz") as _archive:
    FIXTURE = dict(_archive)


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_audio_dataset_rows_match_mindspore(name, tmp_path):
    root = WRITERS[name](str(tmp_path / name))
    dataset = getattr(ds, name)(root, shuffle=False)
    columns = FIXTURE[f"{name}/columns"].tolist()
    assert dataset.get_col_names() == columns
    rows = list(dataset.create_tuple_iterator(output_numpy=True))
    expected_rows = len([k for k in FIXTURE if k.startswith(f"{name}/") and k.endswith(f"/{columns[0]}")])
    assert len(rows) == expected_rows == dataset.get_dataset_size()
    expected_rows = [[FIXTURE[f"{name}/{i}/{column}"] for column in columns] for i in range(len(rows))]
    if name == "YesNoDataset":  # MindSpore lists the folder in directory order; sporax sorts file names
        expected_rows.sort(key=lambda row: row[2].tolist())
    if name == "GTZANDataset":  # the same: compare the rows of each genre as a set
        def order(row):
            return (str(row[2]), row[0].tobytes())
        rows, expected_rows = sorted(rows, key=order), sorted(expected_rows, key=order)
    for row, expected_row in zip(rows, expected_rows):
        for column, value, expected in zip(columns, row, expected_row):
            assert value.dtype == expected.dtype or (value.dtype.kind == expected.dtype.kind == "U"), column
            assert value.shape == expected.shape, column
            np.testing.assert_array_equal(value, expected)


@pytest.mark.parametrize("usage, expected", [
    ("train", [("blues", [1, -2]), ("jazz", [7])]), ("valid", [("blues", [3]), ("classical", [8, 9])]),
    ("test", [("blues", [4, 5, 6]), ("blues", [10])])])
def test_gtzan_usages_follow_the_filtered_split_as_mindspore(usage, expected, tmp_path):
    from audio_dataset_files import write_gtzan
    data = ds.GTZANDataset(write_gtzan(str(tmp_path)), usage=usage, shuffle=False)
    rows = [(str(r[2]), np.rint(r[0][0] * 32767).astype(int).tolist()) for r in
            data.create_tuple_iterator(output_numpy=True)]
    assert rows == expected  # MindSpore 2.10's rows on the same folder
    with pytest.raises(ValueError, match="Input usage is not within the valid set"):
        ds.GTZANDataset(str(tmp_path), usage="dev")


def test_audio_dataset_yields_tensors_and_shards(tmp_path):
    root = WRITERS["YesNoDataset"](str(tmp_path / "yesno"))
    shard = ds.YesNoDataset(root, num_shards=3, shard_id=1, shuffle=False)
    (row,) = list(shard.create_dict_iterator(output_numpy=True))
    assert row["label"].tolist() == [0, 1, 0, 1, 1, 0, 0, 1]  # sorted file names: row 1 of 3
    sampled = ds.YesNoDataset(root, sampler=ds.SubsetSampler([2, 0]))
    labels = [r["label"].tolist() for r in sampled.create_dict_iterator(output_numpy=True)]
    assert labels == [[1, 1, 1, 0, 0, 0, 0, 0], [0, 0, 0, 0, 1, 1, 1, 1]]


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_missing_folder_is_named(name, tmp_path):
    with pytest.raises(ValueError, match=f"The folder {tmp_path / 'nope'} does not exist"):
        getattr(ds, name)(str(tmp_path / "nope"))


def test_corrupt_wav_is_named(tmp_path):
    root = WRITERS["YesNoDataset"](str(tmp_path / "yesno"))
    bad = os.path.join(root, "1_1_1_1_1_1_1_1.wav")
    with open(bad, "wb") as handle:
        handle.write(b"RIFF\x00\x00")
    with pytest.raises(ValueError, match=f"Invalid WAV file {bad}"):
        ds.YesNoDataset(root)


def test_yesno_rejects_badly_named_file(tmp_path):
    root = WRITERS["YesNoDataset"](str(tmp_path / "yesno"))
    write_wav(os.path.join(root, "hello.wav"), [1], 8000)
    with pytest.raises(ValueError, match="Invalid YesNo file name .*hello.wav"):
        ds.YesNoDataset(root)


def test_ljspeech_missing_wav_and_bad_metadata_are_named(tmp_path):
    root = WRITERS["LJSpeechDataset"](str(tmp_path / "lj"))
    os.remove(os.path.join(root, "wavs", "LJ001-0002.wav"))
    with pytest.raises(ValueError, match="LJ001-0002.wav does not exist"):
        ds.LJSpeechDataset(root)
    with open(os.path.join(root, "metadata.csv"), "w", encoding="utf-8") as handle:
        handle.write("LJ001-0001|only two\n")
    with pytest.raises(ValueError, match=r"metadata.csv, line 1: 2 fields"):
        ds.LJSpeechDataset(root)


def test_cmu_arctic_name_is_checked(tmp_path):
    root = WRITERS["CMUArcticDataset"](str(tmp_path / "cmu"))
    with pytest.raises(ValueError, match=r"Input name is not within the valid set of \['aew', 'ahw'"):
        ds.CMUArcticDataset(root, name="xx")
    with pytest.raises(TypeError, match="Argument name with value 3"):
        ds.CMUArcticDataset(root, name=3)
    with pytest.raises(ValueError, match="cmu_us_ahw_arctic/etc/txt.done.data does not exist"):
        ds.CMUArcticDataset(root, name="ahw")


def test_stereo_wav_is_refused_naming_the_file(tmp_path):
    import wave
    root = tmp_path / "yesno"
    root.mkdir()
    path = str(root / "0_0_0_0_0_0_0_0.wav")
    with wave.open(path, "wb") as handle:
        handle.setnchannels(2)
        handle.setsampwidth(2)
        handle.setframerate(8000)
        handle.writeframes(b"\x00" * 8)
    with pytest.raises(ValueError, match=f"Invalid WAV file {path}: 2 channels, expected mono"):
        ds.YesNoDataset(str(root))


def test_libritts_usage_selects_a_part_and_is_checked(tmp_path):
    root = WRITERS["LibriTTSDataset"](str(tmp_path / "libritts"))
    dev = ds.LibriTTSDataset(root, usage="dev-clean", shuffle=False)
    assert [r["utterance_id"].item() for r in dev.create_dict_iterator(output_numpy=True)] == \
        ["116_288045_000003_000000", "116_288045_000004_000001"]
    with pytest.raises(ValueError, match=r"Input usage is not within the valid set of \['dev-clean'"):
        ds.LibriTTSDataset(root, usage="x")
    with pytest.raises(ValueError, match="train-clean-100 does not exist"):
        ds.LibriTTSDataset(root, usage="train-clean-100")
    tsv = os.path.join(root, "dev-clean", "116", "288045", "116_288045.trans.tsv")
    with open(tsv, "w", encoding="utf-8") as handle:
        handle.write("116_288045_000003_000000\tno normalized\n")
    with pytest.raises(ValueError, match=r"116_288045.trans.tsv, line 1: 2 fields"):
        ds.LibriTTSDataset(root)


def test_speech_commands_usage_splits_by_the_lists(tmp_path):
    root = WRITERS["SpeechCommandsDataset"](str(tmp_path / "sc"))
    parts = {usage: [(r["label"].item(), r["speaker_id"].item(), int(r["utterance_number"]))
                     for r in ds.SpeechCommandsDataset(root, usage=usage, shuffle=False)
                     .create_dict_iterator(output_numpy=True)] for usage in ("train", "valid", "test")}
    assert parts == {"train": [("cat", "b433eff", 0)], "valid": [("cat", "5a33edf", 1)],
                     "test": [("dog", "b433w2w", 0)]}  # MindSpore 2.10 gives the same rows
    with pytest.raises(ValueError, match=r"Input usage is not within the valid set of \['train', 'test'"):
        ds.SpeechCommandsDataset(root, usage="x")
    os.remove(os.path.join(root, "testing_list.txt"))
    with pytest.raises(ValueError, match="testing_list.txt does not exist"):
        ds.SpeechCommandsDataset(root)
