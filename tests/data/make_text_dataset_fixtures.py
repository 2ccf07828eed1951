"""Run by hand with the oracle: /work/msvenv/bin/python tests/data/make_text_dataset_fixtures.py
Writes tests/data/text_datasets_mindspore.npz: every row (shuffle=False) of MindSpore 2.10's
CLUE/SQuAD/IWSLT datasets on the files of text_dataset_files.py, keys `<case>/<row>/<column>`
plus `<case>/columns`."""
import os
import sys
import tempfile

import numpy as np
import mindspore.dataset as ds

sys.path.insert(0, os.path.dirname(__file__))
from text_dataset_files import CASES, case_key  # noqa: E402

out = {}
with tempfile.TemporaryDirectory() as tmp:
    for number, (name, writer, kwargs) in enumerate(CASES):
        dataset = getattr(ds, name)(writer(os.path.join(tmp, str(number))), shuffle=False, **kwargs)
        key = case_key(name, kwargs)
        columns = dataset.get_col_names()
        out[f"{key}/columns"] = np.array(columns)
        for i, row in enumerate(dataset.create_tuple_iterator(output_numpy=True)):
            for column, value in zip(columns, row):
                out[f"{key}/{i}/{column}"] = value
np.savez_compressed(os.path.join(os.path.dirname(__file__), "text_datasets_mindspore.npz"), **out)
print(len(out), "arrays")
