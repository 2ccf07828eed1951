"""One TensorBoard event file, written with tensorboardX: Summary protos by plugin."""
from __future__ import annotations

import os
import time

import numpy as np
from tensorboardX import summary as tb_summary
from tensorboardX.event_file_writer import EventsWriter
from tensorboardX.proto import event_pb2, summary_pb2, tensor_pb2, tensor_shape_pb2, types_pb2
from tensorboardX.utils import make_grid

_DTYPES = {np.dtype(np.float16): types_pb2.DT_HALF, np.dtype(np.float32): types_pb2.DT_FLOAT,
           np.dtype(np.float64): types_pb2.DT_DOUBLE, np.dtype(np.int8): types_pb2.DT_INT8,
           np.dtype(np.int16): types_pb2.DT_INT16, np.dtype(np.int32): types_pb2.DT_INT32,
           np.dtype(np.int64): types_pb2.DT_INT64, np.dtype(np.uint8): types_pb2.DT_UINT8,
           np.dtype(np.uint16): types_pb2.DT_UINT16, np.dtype(np.bool_): types_pb2.DT_BOOL}


def _tensor_proto(array: np.ndarray):
    if array.dtype not in _DTYPES:
        array = array.astype(np.float32)
    shape = tensor_shape_pb2.TensorShapeProto(dim=[tensor_shape_pb2.TensorShapeProto.Dim(size=s) for s in array.shape])
    return tensor_pb2.TensorProto(dtype=_DTYPES[array.dtype], tensor_shape=shape,
                                  tensor_content=np.ascontiguousarray(array).tobytes())


def summary_value(plugin: str, tag: str, array: np.ndarray):
    """The Summary proto TensorBoard shows for one value of `plugin`."""
    if plugin == "scalar":
        return tb_summary.scalar(tag, float(array.reshape(())))
    if plugin == "histogram":
        return tb_summary.histogram(tag, array.astype(np.float64).reshape(-1), bins="auto")
    if plugin == "image":  # a batch (N, C, H, W) as one grid, as MindSpore's summary shows it
        grid = make_grid(array.astype(np.float32))
        if grid.dtype != np.uint8 and grid.size and grid.max() > 1.0:
            grid = grid / 255.0
        return tb_summary.image(tag, grid, dataformats="CHW")
    metadata = summary_pb2.SummaryMetadata(plugin_data=summary_pb2.SummaryMetadata.PluginData(plugin_name="tensor"))
    return summary_pb2.Summary(value=[summary_pb2.Summary.Value(tag=tag, tensor=_tensor_proto(array),
                                                                metadata=metadata)])


class EventFile:
    """`{prefix}.out.tfevents.{seconds}.{host}{suffix}` in `directory` (TensorBoard finds
    files by 'tfevents' in the name). Stops writing, with `full=True`, past `max_size` bytes."""

    def __init__(self, directory: str, prefix: str, suffix: str, max_size=None):
        self._writer = EventsWriter(os.path.join(directory, prefix), suffix)
        self.path = self._writer._file_name
        self._max_size = max_size
        self._size = 0
        self.full = False

    def write(self, step: int, summary) -> bool:
        if self.full:
            return False
        event = event_pb2.Event(wall_time=time.time(), step=step, summary=summary)
        record_size = event.ByteSize() + 16  # a record's length, its CRC and the data's CRC
        if self._max_size is not None and self._size + record_size > self._max_size:
            self.full = True
            return False
        self._size += record_size
        self._writer.write_event(event)
        return True

    def flush(self):
        self._writer.flush()

    def close(self):
        self._writer.close()
