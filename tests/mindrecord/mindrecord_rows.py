"""The rows and schemas of the MindRecord fixtures (shared by the generator and the tests).

`write_case(FileWriter, name, path)` writes case `name` with whichever FileWriter it is given
(MindSpore's or sporax's), in the same calls, so the files can be compared byte for byte.
Each write_raw_data call gives every shard the same number of rows (MindSpore hands a
remainder to randomly chosen shards).
"""
import hashlib

import numpy as np


def _bytes(value):
    if len(value) > 64:  # long blobs by digest, to keep the JSON small
        return {"sha256": hashlib.sha256(value).hexdigest(), "len": len(value)}
    return {"hex": value.hex()}


def _text(value):
    if len(value) > 64:  # long strings by digest too
        return {"sha256": hashlib.sha256(value.encode("utf-8")).hexdigest(), "len": len(value)}
    return value


def encode(value):
    """A value as JSON that keeps its exact type, dtype, shape and content."""
    if isinstance(value, np.ndarray):
        if value.dtype.kind == "S":
            return {"S": [_bytes(v) for v in value.reshape(-1).tolist()], "dtype": str(value.dtype),
                    "shape": list(value.shape)}
        if value.dtype.kind == "U":
            return {"U": _text(value.tolist()), "dtype": str(value.dtype), "shape": list(value.shape)}
        return {"dtype": str(value.dtype), "shape": list(value.shape), "values": value.reshape(-1).tolist()}
    if isinstance(value, bytes):
        return {"bytes": _bytes(value)}
    return {"py": type(value).__name__, "value": _text(value) if isinstance(value, str) else value}


def _scalars():
    return [{"i32": int(k * 7 - 20), "i64": int(k) * (1 << 40) - 3, "f32": float(np.float32(k / 3)),
             "f64": k * 0.1 - 0.05, "name": f"row-{k}-é"} for k in range(6)]


def _arrays():
    rows = []
    for k in range(8):
        rows.append({"label": k, "name": f"img{k}",
                     "image": bytes((k * 31 + j) % 256 for j in range(3000 * (k + 1))),
                     "mat": (np.arange(6, dtype=np.float32).reshape(2, 3) * (k + 0.5)),
                     "ids": (np.arange(k + 2, dtype=np.int32) * (300 ** (k % 3)) - 5),
                     "big": np.array([k, -(1 << 33) * k, 1 << 20], np.int64),
                     "vec": np.linspace(0, 1, 4) * k,
                     "score": k * 0.25})
    return rows


def _blob_only():
    return [{"data": bytes([k]) * (k + 1)} for k in range(4)]


def _long_text():
    return [{"n": k, "text": chr(ord("a") + k % 26) * 4000 + str(k),
             "blob": bytes([k, k + 1]) * (10000 if k < 2 else 1)} for k in range(12)]


def _appended():
    return [{"k": k, "t": "xy"[k % 2] * 3000, "v": np.arange(k % 5 + 1, dtype=np.int64) * 1000 - 7} for k in range(18)]


ENCRYPTION_KEY = "0123456789abcdef"

CASES = {
    "scalars": {"shard_num": 1, "schema": {"i32": {"type": "int32"}, "i64": {"type": "int64"},
                                           "f32": {"type": "float32"}, "f64": {"type": "float64"},
                                           "name": {"type": "string"}},
                "index": None, "desc": "scalars", "rows": _scalars, "calls": [6]},
    "arrays": {"shard_num": 2, "schema": {"label": {"type": "int32"}, "name": {"type": "string"},
                                          "image": {"type": "bytes"},
                                          "mat": {"type": "float32", "shape": [2, 3]},
                                          "ids": {"type": "int32", "shape": [-1]},
                                          "big": {"type": "int64", "shape": [3]},
                                          "vec": {"type": "float64", "shape": [-1]},
                                          "score": {"type": "float64"}},
               "index": ["label", "name"], "desc": None, "rows": _arrays, "calls": [2, 4, 2]},
    "blob_only": {"shard_num": 1, "schema": {"data": {"type": "bytes"}}, "index": None, "desc": None,
                  "rows": _blob_only, "calls": [1, 3]},
    # raw records of 4 KB: the first call leaves two row groups in the raw page (20 KB blobs),
    # the second call's rows top up the last group past the raw page, so that group moves
    # whole to a new raw page
    "long_text": {"shard_num": 1, "schema": {"n": {"type": "int32"}, "text": {"type": "string"},
                                             "blob": {"type": "bytes"}},
                  "index": ["n"], "desc": "text", "rows": _long_text, "calls": [2, 6, 4]},
    # 6 rows written, then 12 appended through FileWriter.open_for_append on the second shard
    "appended": {"shard_num": 2, "schema": {"k": {"type": "int32"}, "t": {"type": "string"},
                                            "v": {"type": "int64", "shape": [-1]}},
                 "index": None, "desc": None, "rows": _appended, "calls": [6], "append_calls": [12]},
}


def write_case(file_writer, name, path):
    case = CASES[name]
    writer = file_writer(path, shard_num=case["shard_num"], overwrite=True)
    writer.set_header_size(1 << 14)
    writer.set_page_size(1 << 15)
    writer.add_schema(case["schema"], case["desc"])
    if case["index"]:
        writer.add_index(case["index"])
    rows = case["rows"]()
    start = 0
    for count in case["calls"]:
        writer.write_raw_data(rows[start:start + count])
        start += count
    writer.commit()
    if case.get("append_calls"):
        appender = file_writer.open_for_append(path + "1")
        for count in case["append_calls"]:
            appender.write_raw_data(rows[start:start + count])
            start += count
        appender.commit()
