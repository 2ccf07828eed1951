"""Synthetic speech-dataset folders (YesNo, LJSpeech, CMU ARCTIC), written alike by
tests/data/make_audio_dataset_fixtures.py (for the oracle) and by the tests."""
import os
import wave

import numpy as np


def write_wav(path, samples, rate):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with wave.open(path, "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(rate)
        handle.writeframes(np.asarray(samples, "<i2").tobytes())


def write_yesno(root):
    write_wav(os.path.join(root, "0_1_0_1_1_0_0_1.wav"), [0, 100, -200, 32767, -32768], 8000)
    write_wav(os.path.join(root, "1_1_1_0_0_0_0_0.wav"), [5, -5, 7], 8000)
    write_wav(os.path.join(root, "0_0_0_0_1_1_1_1.wav"), [12345, -1], 16000)
    return root


def write_ljspeech(root):
    write_wav(os.path.join(root, "wavs", "LJ001-0001.wav"), [1, 2, 3], 22050)
    write_wav(os.path.join(root, "wavs", "LJ001-0002.wav"), [-1000, 1000], 22050)
    with open(os.path.join(root, "metadata.csv"), "w", encoding="utf-8") as handle:
        handle.write("LJ001-0001|Printing, in 1820|Printing, in eighteen twenty\n"
                     "LJ001-0002|in being comparatively|in being comparatively\n")
    return root


def write_cmu_arctic(root):
    speaker = os.path.join(root, "cmu_us_aew_arctic")
    write_wav(os.path.join(speaker, "wav", "arctic_a0001.wav"), [10, 20], 16000)
    write_wav(os.path.join(speaker, "wav", "arctic_a0002.wav"), [30], 16000)
    os.makedirs(os.path.join(speaker, "etc"), exist_ok=True)
    with open(os.path.join(speaker, "etc", "txt.done.data"), "w", encoding="utf-8") as handle:
        handle.write('( arctic_a0001 "Author of the danger trail, Philip Steels, etc." )\n'
                     '( arctic_a0002 "Not at this particular case, Tom." )\n')
    return root


WRITERS = {"YesNoDataset": write_yesno, "LJSpeechDataset": write_ljspeech, "CMUArcticDataset": write_cmu_arctic}


def write_libritts(root):
    for usage, speaker, chapter, utterances in (("dev-clean", "116", "288045", ("000003_000000", "000004_000001")),
                                                 ("test-clean", "1255", "74899", ("000001_000000",))):
        folder = os.path.join(root, usage, speaker, chapter)
        lines = []
        for k, utterance in enumerate(utterances):
            name = f"{speaker}_{chapter}_{utterance}"
            write_wav(os.path.join(folder, name + ".wav"), [k + 1, -(k + 2), 300 * k], 24000)
            lines.append(f"{name}\tOriginal text {k}, \"quoted\".\tnormalized text {k}\n")
        with open(os.path.join(folder, f"{speaker}_{chapter}.trans.tsv"), "w", encoding="utf-8") as handle:
            handle.writelines(lines)
    return root


WRITERS["LibriTTSDataset"] = write_libritts


def write_speech_commands(root):
    for relative, samples in (("cat/b433eff_nohash_0.wav", [1, 2]), ("cat/5a33edf_nohash_1.wav", [3]),
                              ("dog/b433w2w_nohash_0.wav", [4]), ("_background_noise_/noise.wav", [9])):
        write_wav(os.path.join(root, relative), samples, 16000)
    with open(os.path.join(root, "validation_list.txt"), "w", encoding="utf-8") as handle:
        handle.write("cat/5a33edf_nohash_1.wav\n")
    with open(os.path.join(root, "testing_list.txt"), "w", encoding="utf-8") as handle:
        handle.write("dog/b433w2w_nohash_0.wav\n")
    return root


WRITERS["SpeechCommandsDataset"] = write_speech_commands


def write_gtzan(root):
    """GTZAN genre folders with tracks of the train (blues.00029, jazz.00000), valid (blues.00000,
    classical.00000) and test (blues.00012, blues.00099) lists of the filtered split."""
    tracks = {"blues.00029": [1, -2], "blues.00000": [3], "blues.00012": [4, 5, 6], "jazz.00000": [7],
              "classical.00000": [8, 9], "blues.00099": [10]}
    for name, samples in tracks.items():
        write_wav(os.path.join(root, name.split(".")[0], f"{name}.wav"), samples, 22050)
    return root

WRITERS["GTZANDataset"] = write_gtzan
