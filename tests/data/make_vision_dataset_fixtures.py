"""Run by hand with the oracle: /work/msvenv/bin/python tests/data/make_vision_dataset_fixtures.py
Writes tests/data/vision_datasets_mindspore.npz: every row (shuffle=False) of MindSpore 2.10's
image datasets on the small folders of vision_dataset_files.py, for each case of CASES: keys
`<case>/<row>/<column>`, plus `<case>/columns`."""
import os
import sys
import tempfile

import numpy as np
import mindspore.dataset as ds

sys.path.insert(0, os.path.dirname(__file__))
from vision_dataset_files import CASES, build, case_key  # noqa: E402

out = {}
with tempfile.TemporaryDirectory() as tmp:
    for number, (name, kwargs) in enumerate(CASES):
        dataset = build(ds, os.path.join(tmp, f"{number}-{name}"), name, dict(kwargs))
        key = case_key(name, kwargs)
        columns = dataset.get_col_names()
        out[f"{key}/columns"] = np.array(columns)
        for i, row in enumerate(dataset.create_tuple_iterator(output_numpy=True)):
            for column, value in zip(columns, row):
                out[f"{key}/{i}/{column}"] = value
np.savez_compressed(os.path.join(os.path.dirname(__file__), "vision_datasets_mindspore.npz"), **out)
print(len(out), "arrays")
