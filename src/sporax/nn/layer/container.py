"""SequentialCell, CellList, CellDict: cells holding cells, named '0', '1', ... or by key."""
from __future__ import annotations

from collections import OrderedDict

from ..cell import Cell


def _check_cell(container, value):
    if not isinstance(value, Cell):
        raise TypeError(f"For '{container}', each cell must be a Cell, but got {type(value).__name__}.")
    return value


class SequentialCell(Cell):
    """Runs its cells in order, each on the previous one's output."""

    def __init__(self, *args):
        super().__init__()
        if len(args) == 1 and isinstance(args[0], (list, OrderedDict, dict)):
            args = args[0]
        if isinstance(args, (OrderedDict, dict)):
            for name, cell in args.items():
                self.insert_child_to_cell(name, _check_cell("SequentialCell", cell))
                if self._auto_prefix:
                    cell.update_parameters_name(name + ".")
        else:
            for cell in args:
                self.append(cell)

    def append(self, cell):
        _check_cell("SequentialCell", cell)
        name = str(len(self._cells))
        self.insert_child_to_cell(name, cell)
        cell.update_parameters_name(name + ".")
        return self

    def __getitem__(self, index):
        cells = list(self._cells.values())
        if isinstance(index, slice):
            return SequentialCell(cells[index])
        return cells[index]

    def __len__(self):
        return len(self._cells)

    def __iter__(self):
        return iter(self._cells.values())

    def construct(self, x):
        for cell in self._cells.values():
            x = cell(x)
        return x


class CellList(Cell):
    """A list of cells, indexable and iterable; registered as children '0', '1', ..."""

    def __init__(self, *args, **kwargs):
        super().__init__()
        cells = args[0] if args else kwargs.get("cells", ())
        self.extend(cells)

    def _renumber(self, cells):
        self._cells.clear()
        for i, cell in enumerate(cells):
            self.insert_child_to_cell(str(i), cell)
            cell.update_parameters_name(f"{i}.")

    def append(self, cell):
        _check_cell("CellList", cell)
        self._renumber(list(self._cells.values()) + [cell])
        return self

    def extend(self, cells):
        cells = list(cells)
        for cell in cells:
            _check_cell("CellList", cell)
        self._renumber(list(self._cells.values()) + cells)
        return self

    def insert(self, index, cell):
        cells = list(self._cells.values())
        cells.insert(index, _check_cell("CellList", cell))
        self._renumber(cells)

    def __getitem__(self, index):
        cells = list(self._cells.values())
        return CellList(cells[index]) if isinstance(index, slice) else cells[index]

    def __setitem__(self, index, cell):
        cells = list(self._cells.values())
        cells[index] = _check_cell("CellList", cell)
        self._renumber(cells)

    def __delitem__(self, index):
        cells = list(self._cells.values())
        del cells[index]
        self._renumber(cells)

    def __len__(self):
        return len(self._cells)

    def __iter__(self):
        return iter(self._cells.values())

    def construct(self, *inputs):
        raise NotImplementedError("CellList has no construct: iterate over its cells instead.")


class CellDict(Cell):
    """A dict of cells by string key."""

    def __init__(self, *args, **kwargs):
        super().__init__()
        cells = args[0] if args else kwargs.get("cells", {})
        self.update(cells)

    def __setitem__(self, key, cell):
        if not isinstance(key, str):
            raise TypeError(f"For 'CellDict', the key must be a str, but got {type(key).__name__}.")
        self.insert_child_to_cell(key, _check_cell("CellDict", cell))
        cell.update_parameters_name(key + ".")

    def __getitem__(self, key):
        return self._cells[key]

    def __delitem__(self, key):
        del self._cells[key]

    def __contains__(self, key):
        return key in self._cells

    def __len__(self):
        return len(self._cells)

    def __iter__(self):
        return iter(self._cells)

    def keys(self):
        return self._cells.keys()

    def values(self):
        return self._cells.values()

    def items(self):
        return self._cells.items()

    def pop(self, key):
        return self._cells.pop(key)

    def clear(self):
        self._cells.clear()

    def update(self, cells):
        items = cells.items() if isinstance(cells, dict) else cells
        for key, cell in items:
            self[key] = cell

    def construct(self, *inputs):
        raise NotImplementedError("CellDict has no construct: look its cells up by key instead.")
