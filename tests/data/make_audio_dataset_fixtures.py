"""Run by hand with the oracle: /work/msvenv/bin/python tests/data/make_audio_dataset_fixtures.py
Writes tests/data/audio_datasets_mindspore.npz: every row (shuffle=False) of MindSpore 2.10's
YesNo/LJSpeech/CMUArctic/LibriTTS/SpeechCommands datasets on the synthetic folders of audio_dataset_files.py,
keys `<Dataset>/<row>/<column>`, plus `<Dataset>/columns`."""
import os
import sys
import tempfile

import numpy as np
import mindspore.dataset as ds

sys.path.insert(0, os.path.dirname(__file__))
from audio_dataset_files import WRITERS  # noqa: E402

out = {}
with tempfile.TemporaryDirectory() as tmp:
    for name, writer in WRITERS.items():
        root = writer(os.path.join(tmp, name))
        dataset = getattr(ds, name)(root, shuffle=False)
        columns = dataset.get_col_names()
        out[f"{name}/columns"] = np.array(columns)
        for i, row in enumerate(dataset.create_tuple_iterator(output_numpy=True)):
            for column, value in zip(columns, row):
                out[f"{name}/{i}/{column}"] = value
np.savez_compressed(os.path.join(os.path.dirname(__file__), "audio_datasets_mindspore.npz"), **out)
print(len(out), "arrays")
