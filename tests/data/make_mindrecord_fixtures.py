"""Writes the MindRecord fixtures under tests/data/mindrecord/ (run by hand, never in CI).

    /work/msvenv/bin/python tests/data/make_mindrecord_fixtures.py

1. Real MindSpore 2.10 writes `ms_*.mindrecord` (+ `.db`) from the rows in
   `mindrecord_rows.py` (several schemas, 1 and 2 shards, small header/page sizes so the
   files stay small and rows span several pages).
2. sporax (the repository's .venv, in a subprocess) writes the same rows as `sx_*.mindrecord`.
3. MindSpore reads every file (FileReader, and MindDataset with shuffle=False) and what it
   read goes to `mindspore_read.json`: the tests check that sporax reads the same from the
   MindSpore files, that MindSpore read the sporax files as written, and that sporax writes
   these bytes again.
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys


HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "mindrecord"
sys.path.insert(0, str(HERE.parent / "mindrecord"))
from mindrecord_rows import CASES, ENCRYPTION_KEY, encode, write_case  # noqa: E402


def read_with_mindspore(path):
    import mindspore.dataset as ds
    from mindspore.mindrecord import FileReader
    reader = FileReader(str(path))
    rows = [{k: encode(v) for k, v in row.items()} for row in reader.get_next()]
    keys = [list(row) for row in rows]
    reader.close()
    dataset = ds.MindDataset(str(path), shuffle=False)
    pipeline = [{k: encode(v) for k, v in row.items()}
                for row in dataset.create_dict_iterator(output_numpy=True, num_epochs=1)]
    return {"file_reader": rows, "file_reader_keys": keys, "mind_dataset": pipeline,
            "columns": dataset.get_col_names(), "size": dataset.get_dataset_size()}


def main():
    from mindspore.mindrecord import FileWriter
    OUT.mkdir(exist_ok=True)
    for name in CASES:
        write_case(FileWriter, name, str(OUT / f"ms_{name}.mindrecord"))
    writer = (f"import sys; sys.path.insert(0, {str(HERE.parent / 'mindrecord')!r}); "
              f"from mindrecord_rows import CASES, write_case; from sporax.mindrecord import FileWriter\n"
              f"for name in CASES: write_case(FileWriter, name, {str(OUT)!r} + '/sx_' + name + '.mindrecord')")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON") and k != "VIRTUAL_ENV"}
    subprocess.run([str(HERE.parent.parent / ".venv/bin/python"), "-c", writer], check=True, env=env)
    # encrypted: MindSpore encrypts the scalars case; sporax encrypts it too (random IVs, so
    # only what MindSpore reads back is compared)
    from mindspore.mindrecord import set_enc_key
    set_enc_key(ENCRYPTION_KEY)
    write_case(FileWriter, "scalars", str(OUT / "ms_encrypted.mindrecord"))
    subprocess.run([str(HERE.parent.parent / ".venv/bin/python"), "-c",
                    f"import sys; sys.path.insert(0, {str(HERE.parent / 'mindrecord')!r}); "
                    f"from mindrecord_rows import write_case, ENCRYPTION_KEY; "
                    f"from sporax.mindrecord import FileWriter, set_enc_key; set_enc_key(ENCRYPTION_KEY); "
                    f"write_case(FileWriter, 'scalars', {str(OUT / 'sx_encrypted.mindrecord')!r})"],
                   check=True, env=env)
    read = {prefix + "_encrypted": read_with_mindspore(OUT / f"{prefix}_encrypted.mindrecord") for prefix in ("ms", "sx")}
    set_enc_key(None)
    for name, case in CASES.items():
        for prefix in ("ms", "sx"):
            first = OUT / f"{prefix}_{name}.mindrecord{'0' if case['shard_num'] > 1 else ''}"
            read[f"{prefix}_{name}"] = read_with_mindspore(first)
    shutil.rmtree(OUT / ".decrypt_mindrecord", ignore_errors=True)  # MindSpore leaves its empty folders
    (OUT / "mindspore_read.json").write_text(json.dumps(read, indent=0, sort_keys=True))


if __name__ == "__main__":
    main()
