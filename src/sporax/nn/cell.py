"""Cell (`mindspore.nn.Cell`): a network that owns Parameters and sub-cells.

Assigning attributes registers them, with MindSpore 2.10's naming rules (spec §7):
a Parameter with a generated name takes its attribute name; a sub-cell assigned with
`auto_prefix=True` renames every Parameter below it to `attr.<path inside it>`, explicit
names included; a ParameterTuple registers its elements under their own names
(generated ones become `Parameter$1`, `Parameter$2`, ...); a plain list or tuple of
Parameters is not registered. Parameters stay lazy through construction.
"""
from __future__ import annotations

import re
import warnings
from collections import OrderedDict

from .. import context
from .._runtime import compiled_grad, graph, progress
from ..common import dtype as mstype
from ..common.parameter import Parameter, ParameterTuple, name_clash
from ..common.tensor import Tensor
from ..graph.jit_config import JitConfig
from ..ops import functional as F
from .._parallel import plan as _parallel_plan

__all__ = ["Cell"]

_PREFIX = r"^\w*[0-9a-zA-Z\_\.\-]*$"


def _indent(text: str) -> str:
    return text.replace("\n", "\n  ")


class Cell:
    """Base class of networks. Override `construct`; call the cell to run it."""

    def __init__(self, auto_prefix=True, flags=None):
        if not isinstance(auto_prefix, bool):
            raise TypeError(f"Cell: argument 'auto_prefix' must be a bool, got {auto_prefix!r}.")
        set_ = object.__setattr__
        set_(self, "_params", OrderedDict())
        set_(self, "_cells", OrderedDict())
        set_(self, "_params_tuples", OrderedDict())
        set_(self, "_auto_prefix", auto_prefix)
        set_(self, "_tuple_param_count", 0)
        set_(self, "_compute_dtype", None)
        set_(self, "_output_dtype", None)  # amp O1: a white-list cell's floating outputs cast back to this
        set_(self, "training", False)
        set_(self, "requires_grad", False)
        set_(self, "cls_name", type(self).__name__)
        set_(self, "_flags", dict(flags or {}))
        set_(self, "_graph_cache", {})
        set_(self, "_jit_config_dict", {})
        self.__dict__.update(self._flags)  # MindSpore: flags are attributes too

    # --- registration ----------------------------------------------------------------------
    def _initialised(self) -> bool:
        return "_params" in self.__dict__

    def __setattr__(self, name, value):
        compiled_grad.refuse_python_effect(f"setting {type(self).__name__}.{name}")
        if not self._initialised():
            if isinstance(value, (Parameter, Cell)):
                function = "insert_param_to_cell" if isinstance(value, Parameter) else "insert_child_to_cell"
                raise AttributeError(f"For '{function}', please call Cell.__init__() firstly.")
            object.__setattr__(self, name, value)
            return
        params, cells = self._params, self._cells
        if isinstance(value, Parameter):
            if name in cells:
                raise KeyError("For 'insert_param_to_cell', the sub parameter already exists in the network."
                               "Cannot insert another parameter with the same name.")
            self.__dict__.pop(name, None)
            self._insert_param(name, value)
        elif isinstance(value, ParameterTuple):
            self._insert_parameter_tuple(name, value)
        elif isinstance(value, Cell):
            if name in params:
                raise KeyError(f"For 'insert_child_to_cell', the {name} child cell already exists in the network."
                               "Cannot insert another child cell with the same name.")
            self.__dict__.pop(name, None)
            cells[name] = value
            if self._auto_prefix:
                value.update_parameters_name(name + ".")
        elif name in params:
            if isinstance(value, Tensor):
                params[name].set_data(value)
            elif value is None:
                params[name] = None
            else:
                raise TypeError(f"Parameter '{name}' already exists in network, can not assign this type: "
                                f"'{type(value)}' as a parameter.")
        elif name in cells and value is None:
            cells[name] = None
        else:
            if isinstance(value, (list, tuple)) and value and all(isinstance(v, Parameter) for v in value):
                self._check_plain_container_names(name, value)
            cells.pop(name, None)
            object.__setattr__(self, name, value)

    def _insert_param(self, name, param):
        if param._name_generated:
            param.name = name
            object.__setattr__(param, "_name_generated", False)
        self._params[name] = param

    def _insert_parameter_tuple(self, name, params: ParameterTuple):
        for param in params:
            if param._name_generated:
                count = self._tuple_param_count + 1
                object.__setattr__(self, "_tuple_param_count", count)
                param.name = f"Parameter${count}"
                object.__setattr__(param, "_name_generated", False)
        ParameterTuple(params)  # names must still be unique within the tuple
        for param in params:
            self._params[param.name] = param
        self._params_tuples[name] = params

    def _check_plain_container_names(self, name, value):
        """MindSpore 2.10 does not register Parameters in plain lists/tuples; it only refuses
        two different Parameters of one name across such containers of one cell."""
        containers = [v for k, v in self.__dict__.items() if k != name and isinstance(v, (list, tuple))]
        clash = name_clash((None, p) for container in containers + [value] for p in container)
        if clash is not None:
            raise ValueError(f"The value {value} , its name '{clash[1].name}' already exists. "
                             "Please set a unique name for the parameter.")

    def __getattr__(self, name):
        # Only reached when normal lookup fails.
        d = self.__dict__
        for store in ("_params", "_cells", "_params_tuples"):
            if store in d and name in d[store]:
                return d[store][name]
        raise AttributeError(f"The '{type(self).__name__}' object has no attribute '{name}'.")

    def __delattr__(self, name):
        for store in (self._params, self._cells, self._params_tuples):
            if name in store:
                del store[name]
                return
        object.__delattr__(self, name)

    def insert_param_to_cell(self, param_name, param, check_name_contain_dot=True):
        """Register `param` (a Parameter or None) under `param_name`."""
        if not isinstance(param_name, str) or not param_name:
            raise KeyError("For 'insert_param_to_cell', the argument 'param_name' should not be None.")
        if check_name_contain_dot and "." in param_name:
            raise KeyError("For 'insert_param_to_cell', the argument 'param_name' should not contain'.' ")
        if not self._initialised():
            raise AttributeError("For 'insert_param_to_cell', please call Cell.__init__() firstly.")
        if param_name in self._cells or (param_name in self.__dict__ and param_name not in self._params):
            raise KeyError(f"For 'insert_param_to_cell', the {param_name} parameter already exists in the network."
                           "Cannot insert another parameter with the same name.")
        if param is not None and not isinstance(param, Parameter):
            raise TypeError("For 'insert_param_to_cell', the argument 'param' must be 'Parameter' if not None, "
                            f"but got {type(param)}.")
        if param is None:
            self._params[param_name] = None
        else:
            self._insert_param(param_name, param)

    def insert_child_to_cell(self, child_name, child_cell):
        """Register `child_cell` (a Cell or None) under `child_name`."""
        if not isinstance(child_name, str) or not child_name or "." in child_name:
            raise KeyError("For 'insert_child_to_cell', the argument 'child_name' should not be None "
                           f"or contain '.', but got {child_name!r}.")
        if child_name in self._params or (child_name in self.__dict__ and child_name not in self._cells):
            raise KeyError(f"For 'insert_child_to_cell', the {child_name} child cell already exists in the network."
                           "Cannot insert another child cell with the same name.")
        if child_cell is not None and not isinstance(child_cell, Cell):
            raise TypeError("For 'insert_child_to_cell', the argument 'child_cell' must be 'Cell' if not None, "
                            f"but got {type(child_cell)}.")
        self._cells[child_name] = child_cell

    def update_parameters_name(self, prefix="", recurse=True):
        """Set every Parameter's name to `prefix + <its attribute path>`."""
        if not isinstance(prefix, str):
            raise TypeError(f"The type of 'prefix' must be str, but got {type(prefix)}.")
        if not re.match(_PREFIX, prefix):
            raise ValueError(f"The 'prefix' {prefix!r} is illegal: it must match '^\\w*[0-9a-zA-Z\\_\\.\\-]*$'.")
        for path, param in self.parameters_and_names(expand=recurse):
            param.name = prefix + path
            object.__setattr__(param, "_name_generated", False)

    # --- iteration ---------------------------------------------------------------------------
    def cells_and_names(self, cells=None, name_prefix=""):
        """(path, cell) for this cell and every sub-cell, depth first, each once."""
        seen = set() if cells is None else cells
        if id(self) in seen:
            return
        seen.add(id(self))
        yield name_prefix, self
        for name, cell in self._cells.items():
            if cell is None:
                continue
            path = f"{name_prefix}.{name}" if name_prefix else name
            yield from cell.cells_and_names(seen, path)

    def parameters_and_names(self, name_prefix="", expand=True):
        """(attribute path, Parameter) pairs in registration order, each Parameter once."""
        cells = self.cells_and_names(name_prefix=name_prefix) if expand else [(name_prefix, self)]
        seen = set()
        for cell_path, cell in cells:
            for key, param in cell._params.items():
                if param is None or id(param) in seen:
                    continue
                seen.add(id(param))
                yield (f"{cell_path}.{key}" if cell_path else key), param

    def get_parameters(self, expand=True):
        for _, param in self.parameters_and_names(expand=expand):
            yield param

    def trainable_params(self, recurse=True):
        return [p for p in self.get_parameters(expand=recurse) if p.requires_grad]

    def set_param_ps(self, recurse=True, init_in_server=False):
        """`Parameter.set_param_ps(init_in_server)` on every trainable Parameter (of sub-cells too
        when `recurse`): they train through the parameter servers."""
        if not isinstance(recurse, bool):
            raise TypeError(f"For 'Cell.set_param_ps', the 'recurse' must be a bool, but got {recurse!r}.")
        for param in self.trainable_params(recurse):
            param.set_param_ps(init_in_server)

    def untrainable_params(self, recurse=True):
        return [p for p in self.get_parameters(expand=recurse) if not p.requires_grad]

    def parameters_dict(self, recurse=True):
        """OrderedDict keyed by each Parameter's name."""
        return OrderedDict((p.name, p) for p in self.get_parameters(expand=recurse))

    def cells(self):
        return iter([c for c in self._cells.values() if c is not None])

    def name_cells(self):
        return OrderedDict((n, c) for n, c in self._cells.items() if c is not None)

    def check_names(self):
        """ValueError when two different Parameters of the network share one name."""
        clash = name_clash(self.parameters_and_names())
        if clash is not None:
            path, param = clash
            raise ValueError(f"The value of {path} is {param}, its name '{param.name}' already exists. "
                             "Please set a unique name for the parameter.")

    # --- modes -------------------------------------------------------------------------------
    def set_train(self, mode=True):
        """Training mode (BatchNorm uses batch statistics, Dropout drops) for this cell and below."""
        if not isinstance(mode, bool):
            raise TypeError(f"Cell.set_train: argument 'mode' must be a bool, got {mode!r}.")
        for _, cell in self.cells_and_names():
            object.__setattr__(cell, "training", mode)
        return self

    def set_grad(self, requires_grad=True):
        if not isinstance(requires_grad, bool):
            raise TypeError(f"Cell.set_grad: argument 'requires_grad' must be a bool, got {requires_grad!r}.")
        object.__setattr__(self, "requires_grad", requires_grad)
        return self

    def to_float(self, dst_type):
        """Run this cell and its sub-cells in `dst_type` (float16/bfloat16/float32): floating
        inputs are cast to it, and layers compute in their input's dtype."""
        if dst_type not in (mstype.float16, mstype.bfloat16, mstype.float32):
            raise ValueError(f"Cell.to_float: argument 'dst_type' must be float16, bfloat16 or float32, got {dst_type!r}.")
        for _, cell in self.cells_and_names():
            object.__setattr__(cell, "_compute_dtype", dst_type)
        return self

    # --- materialisation and reporting ---------------------------------------------------------
    def init_parameters_data(self, auto_parallel_mode=False):
        """Materialise every lazy Parameter (with a progress bar for large networks)."""
        lazy = [(n, p) for n, p in self.parameters_and_names() if p.has_init]
        total = sum(p.nbytes for _, p in lazy)
        with progress.bar(total=total, description="materialise", unit="B") as bar:
            for _, param in lazy:
                param.init_data()
                bar.update(param.nbytes)
        return OrderedDict((p.name, p) for _, p in lazy)

    def parameter_report(self):
        """Every Parameter's name, shape, dtype, initializer, materialised or not, and bytes,
        without materialising anything."""
        from ._report import ParameterReport
        return ParameterReport.of(self)

    # --- running -----------------------------------------------------------------------------
    def construct(self, *args, **kwargs):
        raise NotImplementedError(f"{type(self).__name__}.construct is not defined.")

    def __call__(self, *args, **kwargs):
        if self._compute_dtype is not None:
            args = tuple(_cast_floating(a, self._compute_dtype) for a in args)
        if _parallel_plan.engaged():  # semi-auto parallel: lay Parameters out, pin shard() strategies
            return _parallel_plan.call(self, args, kwargs, self._run)
        return self._run(args, kwargs)

    def _run(self, args, kwargs):
        compiled_grad.note_guard(self, self._is_training)
        if context.get_context("mode") == context.GRAPH_MODE:
            output = graph.call(self.construct, args, kwargs, self._graph_cache, self._graph_key())
        else:
            output = self.construct(*args, **kwargs)
        if self._output_dtype is not None:
            output = _cast_floating_tree(output, self._output_dtype)
        return output

    # --- parallel ------------------------------------------------------------------------------
    def shard(self, in_strategy, out_strategy=None, parameter_plan=None):
        """Shard this cell's inputs (`in_strategy`), outputs (`out_strategy`) and the named
        Parameters (`parameter_plan`: {name: strategy}) under SEMI_AUTO_PARALLEL. Returns self."""
        return _parallel_plan.cell_shard(self, in_strategy, out_strategy, parameter_plan)

    @property
    def parameter_layout_dict(self):
        """{name: [device_matrix, tensor_map, slice_shape, field_size, uniform_split, opt_shard_group]}
        of the Parameters a parallel plan laid out."""
        return _parallel_plan.layout_dict(self)

    def _is_training(self):
        return self.training

    def _graph_key(self):
        """What, besides the inputs, changes the traced program: each sub-cell's training flag."""
        return tuple(cell.training for _, cell in self.cells_and_names())

    def compile(self, *args, **kwargs):
        """Compile `construct` as a graph for these inputs without running it (the call with
        inputs of the same shapes and dtypes then runs the compiled program)."""
        graph.compile(self.construct, args, kwargs, self._graph_cache, self._graph_key())

    def set_jit_config(self, jit_config):
        """The JitConfig this cell compiles with (MindSpore keeps the first one set)."""
        if not isinstance(jit_config, JitConfig):
            raise TypeError(f"For 'set_jit_config', the 'jit_config' must be JitConfig, but got "
                            f"{type(jit_config).__name__}.")
        if self._jit_config_dict:
            warnings.warn("For Cell, jit config can only be set once, ignore this setting.", stacklevel=2)
        else:
            object.__setattr__(self, "_jit_config_dict", jit_config.jit_config_dict)

    def add_flags(self, **flags):
        """Set custom attributes of this cell (read back as attributes and by get_flags)."""
        self._flags.update(flags)
        self.__dict__.update(flags)
        return self

    def add_flags_recursive(self, **flags):
        """add_flags on this cell and every sub-cell."""
        self.add_flags(**flags)
        for cell in self.cells():
            cell.add_flags_recursive(**flags)
        return self

    def get_flags(self):
        """The attributes set by add_flags (and the `flags` argument of __init__)."""
        return self._flags

    def compiled_program(self, *args, **kwargs) -> str:
        """The jaxpr GRAPH_MODE runs for these inputs (for inspection)."""
        return graph.lowered_text(self.construct, args, kwargs, self._graph_cache, self._graph_key())

    # --- repr --------------------------------------------------------------------------------
    def extend_repr(self) -> str:
        return ""

    def __repr__(self) -> str:
        extra = self.extend_repr()
        children = [(n, c) for n, c in self._cells.items() if c is not None]
        extra_lines = extra.split("\n") if extra else []
        if not children and len(extra_lines) <= 1:
            return f"{type(self).__name__}({extra})"
        # a multi-line extend_repr (a Tensor-valued weight_init) goes one line per line, as in MindSpore
        lines = extra_lines + [f"({n}): {_indent(repr(c))}" for n, c in children]
        return f"{type(self).__name__}(\n  " + "\n  ".join(lines) + "\n)"


def _cast_floating_tree(value, dtype):
    if isinstance(value, (tuple, list)):
        return type(value)(_cast_floating_tree(v, dtype) for v in value)
    return _cast_floating(value, dtype)


def _cast_floating(value, dtype):
    if isinstance(value, Tensor) and value.dtype.kind == "float" and value.dtype != dtype:
        return F.cast(value, dtype)
    return value
