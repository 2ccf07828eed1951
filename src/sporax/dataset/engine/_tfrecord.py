"""TFRecord files and `tf.train.Example` messages, without TensorFlow.

A TFRecord file is a sequence of records, each framed as
`uint64 length | uint32 masked_crc32c(length) | data[length] | uint32 masked_crc32c(data)`
(little-endian), where `masked_crc32c(x) = ((crc >> 15 | crc << 17) + 0xa282ead8) mod 2**32`
over the CRC-32C (Castagnoli) of `x`. Each record's data is a serialized `tf.train.Example`:
`Features{map<string, Feature> feature}`, a Feature holding one of `bytes_list`,
`float_list`, `int64_list`. The message classes are built here from the same field numbers
as TensorFlow's `example.proto`/`feature.proto`, so protobuf does the parsing.
"""
from __future__ import annotations

import gzip
import struct
import zlib

import google_crc32c
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory


def _example_classes():
    proto = descriptor_pb2.FileDescriptorProto(name="sporax_tf_example.proto", package="tensorflow",
                                               syntax="proto3")
    label_repeated = descriptor_pb2.FieldDescriptorProto.LABEL_REPEATED
    label_optional = descriptor_pb2.FieldDescriptorProto.LABEL_OPTIONAL
    kind = descriptor_pb2.FieldDescriptorProto

    def message(name, fields, nested=()):
        m = proto.message_type.add(name=name)
        for field_name, number, field_type, label, type_name, packed in fields:
            f = m.field.add(name=field_name, number=number, type=field_type, label=label)
            if type_name:
                f.type_name = type_name
            if packed:
                f.options.packed = True
        for n in nested:
            m.nested_type.add().CopyFrom(n)
        return m

    message("BytesList", [("value", 1, kind.TYPE_BYTES, label_repeated, None, False)])
    message("FloatList", [("value", 1, kind.TYPE_FLOAT, label_repeated, None, True)])
    message("Int64List", [("value", 1, kind.TYPE_INT64, label_repeated, None, True)])
    feature = message("Feature", [("bytes_list", 1, kind.TYPE_MESSAGE, label_optional, ".tensorflow.BytesList", False),
                                  ("float_list", 2, kind.TYPE_MESSAGE, label_optional, ".tensorflow.FloatList", False),
                                  ("int64_list", 3, kind.TYPE_MESSAGE, label_optional, ".tensorflow.Int64List", False)])
    feature.oneof_decl.add(name="kind")
    for f in feature.field:
        f.oneof_index = 0
    entry = descriptor_pb2.DescriptorProto(name="FeatureEntry")
    entry.field.add(name="key", number=1, type=kind.TYPE_STRING, label=label_optional)
    entry.field.add(name="value", number=2, type=kind.TYPE_MESSAGE, label=label_optional,
                    type_name=".tensorflow.Feature")
    entry.options.map_entry = True
    message("Features", [("feature", 1, kind.TYPE_MESSAGE, label_repeated, ".tensorflow.Features.FeatureEntry",
                          False)], nested=[entry])
    message("Example", [("features", 1, kind.TYPE_MESSAGE, label_optional, ".tensorflow.Features", False)])
    pool = descriptor_pool.DescriptorPool()
    pool.Add(proto)
    return message_factory.GetMessageClass(pool.FindMessageTypeByName("tensorflow.Example"))


Example = _example_classes()


def masked_crc32c(data: bytes) -> int:
    crc = google_crc32c.value(data)
    return (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def _open(path, compression_type):
    if compression_type == "GZIP":
        with gzip.open(path, "rb") as handle:
            return handle.read()
    with open(path, "rb") as handle:
        data = handle.read()
    if compression_type == "ZLIB":
        return zlib.decompress(data)
    return data


def read_records(path: str, compression_type: str | None = None) -> list[bytes]:
    """Every record of one TFRecord file, checking each frame's length and both CRCs."""
    try:
        data = _open(path, compression_type)
    except (OSError, zlib.error, EOFError) as error:
        raise ValueError(f"TFRecordDataset: cannot read {path} as a {compression_type or 'uncompressed'} "
                         f"TFRecord file: {error}") from None
    records, offset = [], 0
    while offset < len(data):
        if offset + 12 > len(data):
            raise ValueError(f"TFRecordDataset: {path} is truncated: record {len(records)} has an incomplete header "
                             f"at byte {offset}.")
        header = data[offset:offset + 8]
        (length,) = struct.unpack("<Q", header)
        (length_crc,) = struct.unpack("<I", data[offset + 8:offset + 12])
        if masked_crc32c(header) != length_crc:
            raise ValueError(f"TFRecordDataset: {path} is corrupt: the length CRC of record {len(records)} at byte "
                             f"{offset} does not match.")
        end = offset + 12 + length
        if end + 4 > len(data):
            raise ValueError(f"TFRecordDataset: {path} is truncated: record {len(records)} needs {length} bytes "
                             f"at byte {offset + 12}.")
        payload = data[offset + 12:end]
        (payload_crc,) = struct.unpack("<I", data[end:end + 4])
        if masked_crc32c(payload) != payload_crc:
            raise ValueError(f"TFRecordDataset: {path} is corrupt: the data CRC of record {len(records)} at byte "
                             f"{offset + 12} does not match.")
        records.append(payload)
        offset = end + 4
    return records


def parse_example(record: bytes, path: str, index: int) -> dict:
    """{name: ('bytes'|'float'|'int64', values)} of one serialized Example."""
    example = Example()
    try:
        example.ParseFromString(record)
    except Exception as error:  # protobuf's DecodeError
        raise ValueError(f"TFRecordDataset: record {index} of {path} is not a tf.train.Example: {error}") from None
    features = {}
    for name, feature in example.features.feature.items():
        kind = feature.WhichOneof("kind")
        if kind is None:
            raise ValueError(f"TFRecordDataset: feature '{name}' of record {index} in {path} holds no list.")
        features[name] = (kind.split("_")[0], list(getattr(feature, kind).value))
    return features
