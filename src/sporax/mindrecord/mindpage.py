"""`MindPage` (MindSpore: `mindspore.mindrecord.MindPage`): rows grouped by an index field, page by page.

The categories of a field are its distinct values in the `.db` indexes of all shards, named
by SQLite's text of the value and ordered by that text (MindSpore keeps them in a string
map), with ids 0, 1, ... in that order. A page of a category is `num_row` of its rows, in
file order; a page past its last row is an error.
"""
from __future__ import annotations

import json

from . import _index_db
from ._dataset_files import DatasetFiles
from ._format import FormatError
from .exceptions import MRMDefineCategoryError, ParamTypeError, ParamValueError
from .filereader import FileReader, open_error


class MindPage:
    """Read rows of MindRecord files by category.

    Args:
        file_name (str, list[str]): one shard (its whole data set) or a list of shards.
        num_consumer (int): reader threads in MindSpore; accepted. Default: 4.
    """

    def __init__(self, file_name, num_consumer=4):
        reader = FileReader(file_name, num_consumer)  # the argument checks and the open are FileReader's
        self._reader = reader
        self._files: DatasetFiles = reader._files
        fields = self._files.shards[0].header.get("index_fields") or []
        self._candidate_fields = [f["index_field"] for f in fields]
        self._category_field = None
        self._categories = None

    @property
    def candidate_fields(self):
        """The fields rows can be grouped by (the index fields)."""
        return self._candidate_fields

    @property
    def category_field(self):
        """The field rows are grouped by."""
        return self._category_field

    @category_field.setter
    def category_field(self, category_field):
        if not category_field or not isinstance(category_field, str):
            raise ParamTypeError("category_fields", "str")
        if category_field not in self._candidate_fields:
            raise MRMDefineCategoryError(f"Field '{category_field}' is not a candidate category field.")
        groups = {}
        for number, shard in enumerate(self._files.shards):
            position = {location[0]: k for k, location in enumerate(shard.locations)}
            try:
                values = _index_db.read_category(shard.path + ".db", f"{category_field}_0")
            except FormatError as error:
                raise open_error(error) from None
            for row_id, name in values:
                groups.setdefault(name, []).append(self._files._starts[number] + position[row_id])
        self._category_field = category_field
        self._categories = sorted(groups.items())

    def _require_field(self):
        if self._category_field is None:
            raise RuntimeError("Invalid data, category field is not set, please set 'category_field' first.")

    def read_category_info(self):
        """JSON text: {"categories": [{"count", "id", "name"}, ...], "key": "<field>_0"}."""
        self._require_field()
        categories = [{"count": len(rows), "id": i, "name": name} for i, (name, rows) in enumerate(self._categories)]
        return json.dumps({"categories": categories, "key": f"{self._category_field}_0"}, separators=(",", ":"),
                          ensure_ascii=False)

    def _page(self, rows, page, num_row, what):
        start = page * num_row
        if start >= len(rows):
            raise RuntimeError(f"Invalid data, page {page} of {num_row} rows is past the {len(rows)} rows of {what}.")
        out = []
        for index in rows[start:start + num_row]:
            try:
                out.append(self._reader._ordered(self._files.row(index)))
            except FormatError as error:
                raise open_error(error) from None
        return out

    def read_at_page_by_id(self, category_id, page, num_row):
        """Rows [page * num_row, (page + 1) * num_row) of category `category_id`."""
        if not isinstance(category_id, int) or category_id < 0:
            raise ParamValueError("Category id should be int and greater than or equal to 0.")
        if not isinstance(page, int) or page < 0:
            raise ParamValueError("Page should be int and greater than or equal to 0.")
        if not isinstance(num_row, int) or num_row <= 0:
            raise ParamValueError("num_row should be int and greater than 0.")
        self._require_field()
        if category_id >= len(self._categories):
            raise RuntimeError(f"Invalid data, category id {category_id} is not in [0, {len(self._categories)}).")
        return self._page(self._categories[category_id][1], page, num_row, f"category id {category_id}")

    def read_at_page_by_name(self, category_name, page, num_row):
        """Rows [page * num_row, (page + 1) * num_row) of the category named `category_name`."""
        if not isinstance(category_name, str):
            raise ParamValueError("Category name should be str.")
        if not isinstance(page, int) or page < 0:
            raise ParamValueError("Page should be int and greater than or equal to 0.")
        if not isinstance(num_row, int) or num_row <= 0:
            raise ParamValueError("num_row should be int and greater than 0.")
        self._require_field()
        rows = dict(self._categories).get(category_name)
        if rows is None:
            raise RuntimeError(f"Invalid data, category name '{category_name}' is not a value of field "
                               f"'{self._category_field}'.")
        return self._page(rows, page, num_row, f"category '{category_name}'")
