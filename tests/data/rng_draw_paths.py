"""The paths on which MindSpore 2.10 draws from NumPy's global RNG, shared by the fixture
generator (real MindSpore) and tests/common/test_rng_draw_paths.py (sporax). Each takes the
framework module and returns named arrays: the values it produced and `np.random.randint`
draws taken between and after, which pin *when* each seed was drawn."""
import numpy as np


def _draw():
    return np.random.randint(0, 2 ** 31, size=3)


def bare_initializer_tensors(ms):
    """Two bare initializer() Tensors, materialised in the opposite order, a user draw between."""
    init = ms.common.initializer
    ms.set_seed(21)
    first = init.initializer(init.Normal(0.02), [3, 4], ms.float32)
    second = init.initializer(init.Uniform(0.5), [2, 5], ms.float32)
    between = _draw()
    second.init_data()
    first.init_data()
    return {"first": first.asnumpy(), "second": second.asnumpy(), "between": between, "after": _draw()}


def tensor_with_init(ms):
    """Tensor(shape, dtype, init=...) materialised with init_data()."""
    init = ms.common.initializer
    ms.set_seed(22)
    tensor = ms.Tensor(shape=(4, 2), dtype=ms.float32, init=init.TruncatedNormal(0.1))
    between = _draw()
    value = tensor.init_data()
    return {"value": value.asnumpy(), "between": between, "after": _draw()}


def set_data_twice(ms):
    """set_data(initializer(...)) twice on one Parameter, a user draw between."""
    init = ms.common.initializer
    ms.set_seed(23)
    param = ms.Parameter(init.initializer("ones", [3, 3], ms.float32), name="w")
    param.set_data(init.initializer(init.Normal(1.0), [3, 3], ms.float32))
    between = _draw()
    param.set_data(init.initializer(init.XavierUniform(), [3, 3], ms.float32))
    return {"value": param.asnumpy(), "between": between, "after": _draw()}


def layers_built_twice(ms):
    """A network built, then built again (the zoo's re-creation), default initializers."""
    ms.set_seed(24)
    ms.nn.Dense(3, 2)
    between = _draw()
    second = ms.nn.SequentialCell([ms.nn.Conv2d(2, 3, 3, has_bias=True), ms.nn.Dense(4, 2)])
    values = {name: p.asnumpy() for name, p in second.parameters_and_names()}
    values.update(between=between, after=_draw())
    return values


def reinit_layer_by_assignment(ms):
    """A layer's weight replaced by a new Parameter from an initializer (the other zoo pattern)."""
    init = ms.common.initializer
    ms.set_seed(25)
    dense = ms.nn.Dense(4, 3)
    between = _draw()
    dense.weight = ms.Parameter(init.initializer(init.HeNormal(), dense.weight.shape, ms.float32), name="weight")
    dense.bias.set_data(init.initializer(init.Uniform(0.1), dense.bias.shape, ms.float32))
    return {"weight": dense.weight.asnumpy(), "bias": dense.bias.asnumpy(), "between": between, "after": _draw()}


PATHS = {f.__name__: f for f in (bare_initializer_tensors, tensor_with_init, set_data_twice, layers_built_twice,
                                  reinit_layer_by_assignment)}
