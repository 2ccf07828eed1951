"""The seed notebook's Parameter and ParameterTuple examples (cells 3, 5, 7 and 9), run by sporax."""
import numpy as np

import sporax as ms
from sporax import Parameter, ParameterTuple, Tensor
from sporax import dtype as mstype
from sporax.common.initializer import initializer


def main():
    x = Parameter(default_input=Tensor(np.arange(2 * 3).reshape((2, 3))), name="x")
    y = Parameter(default_input=initializer('ones', [1, 2, 3], mstype.float32), name='y')
    z = Parameter(default_input=2.0, name='z')
    print(x, "\n\n", y, "\n\n", z)

    print("name: ", x.name, "\n",
          "sliced: ", x.sliced, "\n",
          "is_init: ", x.is_init, "\n",
          "inited_param: ", x.inited_param, "\n",
          "requires_grad: ", x.requires_grad, "\n",
          "layerwise_parallel: ", x.layerwise_parallel, "\n",
          "data: ", x.data)

    x = Parameter(default_input=initializer('ones', [1, 2, 3], mstype.float32))
    print(x)
    x_clone = x.clone()
    x_clone.name = "x_clone"
    print(x_clone)
    print(x.init_data())
    print(x.set_data(data=Tensor(np.arange(2 * 3).reshape((1, 2, 3)))))

    x = Parameter(default_input=Tensor(np.arange(2 * 3).reshape((2, 3))), name="x")
    params = ParameterTuple((x, y, z))
    params_copy = params.clone("params_copy")
    print(params, "\n")
    print(params_copy)

    # Lazy by design: four 32768 x 32768 float32 Parameters (16 GiB) cost no memory until used.
    ms.set_seed(1)
    big = [Parameter(initializer("normal", [32768, 32768], mstype.float32), name=f"w{i}") for i in range(4)]
    print("\nlazy:", [p.has_init for p in big], f"{sum(p.nbytes for p in big) / 2**30:.0f} GiB described, none allocated")


if __name__ == "__main__":
    main()
