"""TFRecord files of tf.train.Example records, written byte by byte (protobuf wire format and
CRC-32C framing by hand, independent of sporax's reader), alike for
tests/data/make_tfrecord_fixtures.py (the oracle) and the tests."""
import struct


def _crc32c_table():
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


_TABLE = _crc32c_table()


def masked_crc32c(data: bytes) -> int:
    crc = 0xFFFFFFFF
    for byte in data:
        crc = _TABLE[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    crc ^= 0xFFFFFFFF
    return (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def _varint(value: int) -> bytes:
    value &= (1 << 64) - 1
    out = bytearray()
    while True:
        bits = value & 0x7F
        value >>= 7
        if value:
            out.append(bits | 0x80)
        else:
            out.append(bits)
            return bytes(out)


def _field(number: int, payload: bytes) -> bytes:  # a length-delimited field
    return _varint(number << 3 | 2) + _varint(len(payload)) + payload


def feature(values) -> bytes:
    """A Feature: bytes values -> bytes_list, floats -> float_list (packed), ints -> int64_list."""
    if all(isinstance(v, bytes) for v in values):
        return _field(1, b"".join(_field(1, v) for v in values))
    if all(isinstance(v, float) for v in values):
        return _field(2, _field(1, b"".join(struct.pack("<f", v) for v in values)))
    return _field(3, _field(1, b"".join(_varint(v) for v in values)))


def example(features: dict) -> bytes:
    entries = b"".join(_field(1, _field(1, name.encode()) + _field(2, feature(values)))
                       for name, values in features.items())
    return _field(1, entries)


def frame(record: bytes) -> bytes:
    header = struct.pack("<Q", len(record))
    return header + struct.pack("<I", masked_crc32c(header)) + record + struct.pack("<I", masked_crc32c(record))


ROWS = [{"label": [k], "vec": [0.5 * k, 1.5, -2.25], "image": [bytes([k, 1, 2, 255])],
         "name": [f"row{k}".encode()], "pair": [b"ab", b"cd"], "big": [-(2 ** 40) + k]} for k in range(5)]


def write_tfrecord(path, rows=ROWS):
    with open(path, "wb") as handle:
        for row in rows:
            handle.write(frame(example(row)))
    return path


SCHEMA = [("vec", "float32", [3]), ("name", "string", [1]), ("label", "int32", []), ("pair", "string", [2])]
