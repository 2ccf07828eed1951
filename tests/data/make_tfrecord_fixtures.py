"""Run by hand with the oracle: /work/msvenv/bin/python tests/data/make_tfrecord_fixtures.py
Writes tests/data/tfrecord_mindspore.npz: MindSpore 2.10's TFRecordDataset rows (shuffle=False)
of the file of tfrecord_files.py, without a schema (`plain/...`) and with SCHEMA (`schema/...`),
keys `<case>/<row>/<column>` plus `<case>/columns`."""
import os
import sys
import tempfile

import numpy as np
import mindspore.dataset as ds

sys.path.insert(0, os.path.dirname(__file__))
from tfrecord_files import SCHEMA, write_tfrecord  # noqa: E402

out = {}
with tempfile.TemporaryDirectory() as tmp:
    path = write_tfrecord(os.path.join(tmp, "data.tfrecord"))
    schema = ds.Schema()
    for name, kind, shape in SCHEMA:
        schema.add_column(name, kind, shape)
    for case, dataset in (("plain", ds.TFRecordDataset(path, shuffle=False)),
                          ("schema", ds.TFRecordDataset(path, schema=schema, shuffle=False))):
        columns = dataset.get_col_names()
        out[f"{case}/columns"] = np.array(columns)
        for i, row in enumerate(dataset.create_tuple_iterator(output_numpy=True)):
            for column, value in zip(columns, row):
                out[f"{case}/{i}/{column}"] = value
np.savez_compressed(os.path.join(os.path.dirname(__file__), "tfrecord_mindspore.npz"), **out)
print(len(out), "arrays")
