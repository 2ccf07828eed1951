"""Speech datasets of 16-bit PCM WAV files in MindSpore's documented layouts.

A waveform column is float32 of shape <1, frames> (mono), the samples divided by 32767
as MindSpore does (so -32768 reads as -1.0000305). Every WAV header and every index
file is checked when the dataset is built, so a missing folder or a corrupt file fails
at construction naming the file; samples are read row by row.

- `YesNoDataset`: `*.wav` named by eight 0/1 labels (`0_1_0_1_1_0_0_1.wav`), read in
  sorted name order (MindSpore reads in directory order, which the filesystem picks). Columns
  `waveform`, `sample_rate` int32, `label` int32 <8>.
- `LJSpeechDataset`: `metadata.csv` (`id|transcription|normalized`) and `wavs/<id>.wav`.
  Columns `waveform`, `sample_rate` int32, `transcription`, `normalized_transcription`.
- `CMUArcticDataset`: `cmu_us_<name>_arctic/etc/txt.done.data` (lines
  `( arctic_a0001 "text" )`) and `.../wav/arctic_a0001.wav`. Columns `waveform`,
  `sample_rate` uint32, `transcript`, `utterance_id` (the id without `arctic_`).
"""
from __future__ import annotations

import glob
import os
import re
import wave

import numpy as np

from .datasets_vision import check_dir
from .mappable import MappableDataset


def _wav_header(path):
    """(frames, sample_rate) of a mono 16-bit PCM WAV file, checked."""
    if not os.path.isfile(path):
        raise ValueError(f"Invalid file, {path} does not exist or is not a file.")
    try:
        with wave.open(path, "rb") as handle:
            channels, width, rate, frames = (handle.getnchannels(), handle.getsampwidth(), handle.getframerate(),
                                             handle.getnframes())
    except (wave.Error, EOFError) as error:
        raise ValueError(f"Invalid WAV file {path}: {error}") from None
    if width != 2:
        raise ValueError(f"Invalid WAV file {path}: {8 * width}-bit samples, expected 16-bit PCM.")
    if channels != 1:
        raise ValueError(f"Invalid WAV file {path}: {channels} channels, expected mono.")
    return frames, rate


def _read_wav(path):
    with wave.open(path, "rb") as handle:
        data = handle.readframes(handle.getnframes())
    samples = np.frombuffer(data, "<i2").astype(np.float32) / np.float32(32767)
    return samples[None, :]


class _WavDataset(MappableDataset):
    """Rows `(path, sample_rate, *metadata)` read into `(waveform, sample_rate, *metadata)`."""

    _RATE_DTYPE = np.int32
    _COLUMNS = ()

    def __init__(self, entries, num_samples, num_parallel_workers, shuffle, sampler, num_shards, shard_id):
        self._entries = []
        for path, *metadata in entries:
            _, rate = _wav_header(path)
            self._entries.append((path, rate, *metadata))
        super().__init__(num_parallel_workers, sampler, num_samples, shuffle, num_shards, shard_id)

    def _columns(self):
        return list(self._COLUMNS)

    def _source_size(self):
        return len(self._entries)

    def _read(self, index):
        path, rate, *metadata = self._entries[index]
        return (_read_wav(path), self._RATE_DTYPE(rate), *metadata)


class YesNoDataset(_WavDataset):
    """The Yes/No Hebrew recordings (see the module docstring)."""

    _COLUMNS = ("waveform", "sample_rate", "label")

    def __init__(self, dataset_dir, num_samples=None, num_parallel_workers=None, shuffle=None, sampler=None,
                 num_shards=None, shard_id=None, cache=None):
        self.dataset_dir = check_dir(dataset_dir)
        entries = []
        for path in sorted(glob.glob(os.path.join(glob.escape(self.dataset_dir), "*.wav"))):
            parts = os.path.basename(path)[:-4].split("_")
            if len(parts) != 8 or any(p not in ("0", "1") for p in parts):
                raise ValueError(f"Invalid YesNo file name {path}: expected eight 0/1 labels joined by '_'.")
            entries.append((path, np.array([int(p) for p in parts], np.int32)))
        super().__init__(entries, num_samples, num_parallel_workers, shuffle, sampler, num_shards, shard_id)


class LJSpeechDataset(_WavDataset):
    """The LJ Speech corpus (see the module docstring)."""

    _COLUMNS = ("waveform", "sample_rate", "transcription", "normalized_transcription")

    def __init__(self, dataset_dir, num_samples=None, num_parallel_workers=None, shuffle=None, sampler=None,
                 num_shards=None, shard_id=None, cache=None):
        self.dataset_dir = check_dir(dataset_dir)
        metadata = os.path.join(self.dataset_dir, "metadata.csv")
        if not os.path.isfile(metadata):
            raise ValueError(f"Invalid file, {metadata} does not exist or is not a file.")
        entries = []
        with open(metadata, encoding="utf-8") as handle:
            for number, line in enumerate(handle.read().splitlines(), start=1):
                if not line:
                    continue
                fields = line.split("|")
                if len(fields) != 3:
                    raise ValueError(f"Invalid LJSpeech metadata {metadata}, line {number}: {len(fields)} fields "
                                     f"separated by '|', expected 3.")
                entries.append((os.path.join(self.dataset_dir, "wavs", fields[0] + ".wav"), np.array(fields[1]),
                                np.array(fields[2])))
        super().__init__(entries, num_samples, num_parallel_workers, shuffle, sampler, num_shards, shard_id)


class CMUArcticDataset(_WavDataset):
    """The CMU ARCTIC speech databases (see the module docstring)."""

    _COLUMNS = ("waveform", "sample_rate", "transcript", "utterance_id")
    _RATE_DTYPE = np.uint32
    _NAMES = ("aew", "ahw", "aup", "awb", "axb", "bdl", "clb", "eey", "fem", "gka", "jmk", "ksp", "ljm", "lnh",
              "rms", "rxr", "slp", "slt")
    _LINE = re.compile(r'^\(\s*(\S+)\s+"(.*)"\s*\)$')

    def __init__(self, dataset_dir, name=None, num_samples=None, num_parallel_workers=None, shuffle=None,
                 sampler=None, num_shards=None, shard_id=None, cache=None):
        self.dataset_dir = check_dir(dataset_dir)
        name = "aew" if name is None else name
        if not isinstance(name, str):
            raise TypeError(f"Argument name with value {name!r} is not of type [<class 'str'>], but got "
                            f"{type(name)}.")
        if name not in self._NAMES:
            raise ValueError(f"Input name is not within the valid set of {list(self._NAMES)}.")
        self.name = name
        root = os.path.join(self.dataset_dir, f"cmu_us_{name}_arctic")
        index = os.path.join(root, "etc", "txt.done.data")
        if not os.path.isfile(index):
            raise ValueError(f"Invalid file, {index} does not exist or is not a file.")
        entries = []
        with open(index, encoding="utf-8") as handle:
            for number, line in enumerate(handle.read().splitlines(), start=1):
                if not line.strip():
                    continue
                match = self._LINE.match(line.strip())
                if match is None:
                    raise ValueError(f"Invalid CMU ARCTIC index {index}, line {number}: expected "
                                     f'( <utterance> "<transcript>" ), but got {line!r}.')
                utterance, text = match.groups()
                entries.append((os.path.join(root, "wav", utterance + ".wav"), np.array(text),
                                np.array(utterance[len("arctic_"):] if utterance.startswith("arctic_")
                                         else utterance)))
        super().__init__(entries, num_samples, num_parallel_workers, shuffle, sampler, num_shards, shard_id)


class LibriTTSDataset(_WavDataset):
    """The LibriTTS corpus: `<usage>/<speaker>/<chapter>/<speaker>_<chapter>.trans.tsv` (lines
    `utterance<TAB>original<TAB>normalized`) and `<utterance>.wav` beside it. Columns
    `waveform`, `sample_rate` uint32, `original_text`, `normalized_text`, `speaker_id` uint32,
    `chapter_id` uint32, `utterance_id`. `usage='all'` reads every part present, in the order
    of the valid set; speakers and chapters are read in sorted name order."""

    _COLUMNS = ("waveform", "sample_rate", "original_text", "normalized_text", "speaker_id", "chapter_id",
                "utterance_id")
    _RATE_DTYPE = np.uint32
    _USAGES = ("dev-clean", "dev-other", "test-clean", "test-other", "train-clean-100", "train-clean-360",
               "train-other-500")

    def __init__(self, dataset_dir, usage=None, num_samples=None, num_parallel_workers=None, shuffle=None,
                 sampler=None, num_shards=None, shard_id=None, cache=None):
        self.dataset_dir = check_dir(dataset_dir)
        usage = "all" if usage is None else usage
        if not isinstance(usage, str):
            raise TypeError(f"Argument usage with value {usage!r} is not of type [<class 'str'>], but got "
                            f"{type(usage)}.")
        if usage not in self._USAGES + ("all",):
            raise ValueError(f"Input usage is not within the valid set of {list(self._USAGES + ('all',))}.")
        self.usage = usage
        parts = [u for u in self._USAGES if os.path.isdir(os.path.join(self.dataset_dir, u))] if usage == "all" \
            else [usage]
        entries = []
        for part in parts:
            part_dir = os.path.join(self.dataset_dir, part)
            if not os.path.isdir(part_dir):
                raise ValueError(f"The folder {part_dir} does not exist or is not a directory or permission denied!")
            for speaker in sorted(os.listdir(part_dir)):
                speaker_dir = os.path.join(part_dir, speaker)
                for chapter in sorted(os.listdir(speaker_dir)) if os.path.isdir(speaker_dir) else ():
                    entries += self._chapter(os.path.join(speaker_dir, chapter), speaker, chapter)
        super().__init__(entries, num_samples, num_parallel_workers, shuffle, sampler, num_shards, shard_id)

    @staticmethod
    def _chapter(folder, speaker, chapter):
        index = os.path.join(folder, f"{speaker}_{chapter}.trans.tsv")
        if not os.path.isfile(index):
            raise ValueError(f"Invalid file, {index} does not exist or is not a file.")
        if not (speaker.isdigit() and chapter.isdigit()):
            raise ValueError(f"Invalid LibriTTS folder {folder}: speaker and chapter folders must be numbers.")
        entries = []
        with open(index, encoding="utf-8") as handle:
            for number, line in enumerate(handle.read().splitlines(), start=1):
                if not line:
                    continue
                fields = line.split("\t")
                if len(fields) != 3:
                    raise ValueError(f"Invalid LibriTTS transcript {index}, line {number}: {len(fields)} fields "
                                     f"separated by tabs, expected 3.")
                entries.append((os.path.join(folder, fields[0] + ".wav"), np.array(fields[1]), np.array(fields[2]),
                                np.uint32(int(speaker)), np.uint32(int(chapter)), np.array(fields[0])))
        return entries


class SpeechCommandsDataset(_WavDataset):
    """Speech Commands: `<label>/<speaker>_nohash_<n>.wav` (`_background_noise_` skipped),
    with `validation_list.txt` and `testing_list.txt` naming the valid and test files; the
    rest is train. Columns `waveform`, `sample_rate` int32, `label`, `speaker_id`,
    `utterance_number` int32. Labels and files are read in sorted name order."""

    _COLUMNS = ("waveform", "sample_rate", "label", "speaker_id", "utterance_number")
    _USAGES = ("train", "test", "valid", "all")

    def __init__(self, dataset_dir, usage=None, num_samples=None, num_parallel_workers=None, shuffle=None,
                 sampler=None, num_shards=None, shard_id=None, cache=None):
        self.dataset_dir = check_dir(dataset_dir)
        usage = "all" if usage is None else usage
        if not isinstance(usage, str):
            raise TypeError(f"Argument usage with value {usage!r} is not of type [<class 'str'>], but got "
                            f"{type(usage)}.")
        if usage not in self._USAGES:
            raise ValueError(f"Input usage is not within the valid set of {list(self._USAGES)}.")
        self.usage = usage
        lists = {part: self._list(f"{name}_list.txt") for part, name in (("valid", "validation"), ("test", "testing"))}
        entries = []
        for label in sorted(os.listdir(self.dataset_dir)):
            folder = os.path.join(self.dataset_dir, label)
            if label == "_background_noise_" or not os.path.isdir(folder):
                continue
            for name in sorted(n for n in os.listdir(folder) if n.endswith(".wav")):
                relative = f"{label}/{name}"
                part = "valid" if relative in lists["valid"] else "test" if relative in lists["test"] else "train"
                if usage not in ("all", part):
                    continue
                speaker, marker, number = name[:-4].rpartition("_nohash_")
                if not marker or not speaker or not number.isdigit():
                    raise ValueError(f"Invalid Speech Commands file name {os.path.join(folder, name)}: expected "
                                     f"<speaker>_nohash_<number>.wav.")
                entries.append((os.path.join(folder, name), np.array(label), np.array(speaker), np.int32(number)))
        super().__init__(entries, num_samples, num_parallel_workers, shuffle, sampler, num_shards, shard_id)

    def _list(self, name):
        path = os.path.join(self.dataset_dir, name)
        if not os.path.isfile(path):
            raise ValueError(f"Invalid file, {path} does not exist or is not a file.")
        with open(path, encoding="utf-8") as handle:
            return {line.strip() for line in handle if line.strip()}


_GTZAN_GENRES = ("blues", "classical", "country", "disco", "hiphop", "jazz", "metal", "pop", "reggae", "rock")


class GTZANDataset(_WavDataset):
    """GTZAN music genres: `<genre>/<genre>.NNNNN.wav` (22050 Hz mono). [waveform, sample_rate
    uint32, label (the genre)]. `usage` 'train', 'valid', 'test': the tracks of the fault-filtered
    split (`_gtzan_splits`) that are present, in the split's order; 'all' (default): every track
    of every genre folder, genres in GTZAN's order, tracks in name order (MindSpore lists each
    folder in directory order)."""

    _COLUMNS = ("waveform", "sample_rate", "label")
    _RATE_DTYPE = np.uint32

    def __init__(self, dataset_dir, usage=None, num_samples=None, num_parallel_workers=None, shuffle=None,
                 sampler=None, num_shards=None, shard_id=None, cache=None):
        from . import _gtzan_splits
        self.dataset_dir = check_dir(dataset_dir)
        usage = "all" if usage is None else usage
        if not isinstance(usage, str) or usage not in ("train", "valid", "test", "all"):
            raise ValueError("Input usage is not within the valid set of ['train', 'valid', 'test', 'all'].")
        if usage == "all":
            tracks = [os.path.basename(p)[:-4] for genre in _GTZAN_GENRES
                      for p in sorted(glob.glob(os.path.join(glob.escape(self.dataset_dir), genre, "*.wav")))]
        else:
            listed = {"train": _gtzan_splits.TRAIN, "valid": _gtzan_splits.VALID, "test": _gtzan_splits.TEST}[usage]
            tracks = [t for t in listed
                      if os.path.isfile(os.path.join(self.dataset_dir, t.split(".")[0], f"{t}.wav"))]
        entries = [(os.path.join(self.dataset_dir, t.split(".")[0], f"{t}.wav"), np.array(t.split(".")[0]))
                   for t in tracks]
        super().__init__(entries, num_samples, num_parallel_workers, shuffle, sampler, num_shards, shard_id)
