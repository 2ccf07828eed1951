"""`FileReader` (MindSpore: `mindspore.mindrecord.FileReader`): the rows of MindRecord files as dicts.

Given one file name, the whole data set its header names is read (every shard, in the
header's order); given a list, exactly those files. Rows come as MindSpore's reader gives
them: the scalar fields first (sorted by name; a float with an integral value comes back
as a Python int, as MindSpore's JSON bridge returns it), then the blob fields (bytes, or
NumPy arrays of the schema's dtype and shape).
"""
from __future__ import annotations

import logging
import os

from . import config
from ._dataset_files import DatasetFiles
from ._format import FormatError
from .exceptions import ParamTypeError, ParamValueError

logger = logging.getLogger("sporax.mindrecord")


def open_error(error: FormatError) -> RuntimeError:
    """MindSpore's reader fails with RuntimeError (from its C++ core); this one names the file."""
    return RuntimeError(str(error))


def raw_value(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


class FileReader:
    """Read MindRecord files row by row.

    Args:
        file_name (str, list[str]): one shard (its whole data set is read) or a list of shards.
        num_consumer (int): reader threads in MindSpore, in [1, cpu count]; accepted. Default: 4.
        columns (list[str]): the fields to return. Default: all.
        operator: reserved (deprecated in MindSpore). Default: None.
    """

    def __init__(self, file_name, num_consumer=4, columns=None, operator=None):
        if operator is not None:
            logger.warning("The parameter 'operator' will be deprecated in a future version.")
        if columns:
            if not isinstance(columns, list):
                raise ParamTypeError("columns", "list")
        if isinstance(file_name, list):
            if not file_name or not all(isinstance(f, str) and f for f in file_name):
                raise ParamValueError("File path: {} is not string.".format(file_name))
        elif not file_name:
            raise ParamValueError("File path is not allowed None or empty!")
        elif not isinstance(file_name, str):
            raise ParamValueError("File path: {} is not string.".format(file_name))
        if isinstance(num_consumer, bool) or not isinstance(num_consumer, int):
            raise ParamValueError("Parameter num_consumer is not int.")
        if num_consumer < 1:  # an upper bound (MindSpore's thread cap) does not apply: rows are read in order
            raise ParamValueError("Parameter num_consumer: {} should between 1 and {}."
                                  .format(num_consumer, max(os.cpu_count() or 1, 4)))
        self._file_name = file_name
        self._closed = False
        self._decrypted = []
        try:
            if isinstance(file_name, str):
                readable = self._decrypt(file_name)
            else:
                readable = [self._decrypt(name) for name in file_name]
            self._files = DatasetFiles(readable, load_dataset=isinstance(file_name, str))
        except FormatError as error:
            config.cleanup_decrypt_files(self._decrypted)
            raise open_error(error) from None
        except BaseException:
            config.cleanup_decrypt_files(self._decrypted)
            raise
        schema = self._files.schema
        if columns:
            unknown = [c for c in columns if c not in schema]
            if unknown:
                raise RuntimeError(f"Invalid data, column names {unknown} are not in the schema of "
                                   f"'{self._files.shards[0].path}'.")
        self._columns = list(columns) if columns else None

    def _decrypt(self, name):
        readable, temporary = config.decrypt_pair(name)
        self._decrypted += temporary
        return readable

    def _ordered(self, row):
        blob_fields = self._files.blob_fields
        wanted = self._columns or list(self._files.schema)
        raw = {k: raw_value(row[k]) for k in sorted(row) if k not in blob_fields and k in wanted}
        blobs = [c for c in self._columns if c in blob_fields] if self._columns else blob_fields
        raw.update((k, row[k]) for k in blobs)
        return raw

    def get_next(self):
        """Yield the rows, one dict at a time, keys as the columns."""
        if self._closed:
            return
        for index in range(self._files.size):
            try:
                row = self._files.row(index)
            except FormatError as error:
                raise open_error(error) from None
            yield self._ordered(row)

    def close(self):
        """Close the files."""
        if not self._closed:
            self._files.close()
            config.cleanup_decrypt_files(self._decrypted)
            self._decrypted = []
            self._closed = True

    def __del__(self):
        try:
            self.close()
        except Exception:  # pylint: disable=broad-except
            pass

    def schema(self):
        """The schema: {field: {"type": ..., ["shape": ...]}}."""
        return self._files.schema

    def len(self):
        """The number of rows."""
        return self._files.size
