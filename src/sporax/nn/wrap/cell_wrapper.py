"""WithLossCell, WithEvalCell, TrainOneStepCell (`mindspore.nn.wrap.cell_wrapper`)."""
from __future__ import annotations

from ... import _validation, context
from ..._runtime import compiled_grad
from ...common import dtype as mstype
from ...ops import functional as F
from ...ops.composite import _differentiate
from ..cell import Cell
from ..optim.optimizer import Optimizer
from .grad_reducer import DistributedGradReducer


class WithLossCell(Cell):
    """loss_fn(backbone(data), label)."""

    def __init__(self, backbone, loss_fn):
        super().__init__(auto_prefix=False)
        self._backbone = _validation.instance_of("WithLossCell", "backbone", backbone, Cell)
        self._loss_fn = _validation.instance_of("WithLossCell", "loss_fn", loss_fn, Cell)

    def construct(self, data, label):
        return self._loss_fn(self._backbone(data), label)

    @property
    def backbone_network(self):
        return self._backbone


class WithEvalCell(Cell):
    """(loss, outputs, label) of a network on (data, label)."""

    def __init__(self, network, loss_fn, add_cast_fp32=False):
        super().__init__(auto_prefix=False)
        self._network = _validation.instance_of("WithEvalCell", "network", network, Cell)
        self._loss_fn = _validation.instance_of("WithEvalCell", "loss_fn", loss_fn, Cell)
        self.add_cast_fp32 = add_cast_fp32

    def construct(self, data, label):
        outputs = self._network(data)
        if self.add_cast_fp32:
            outputs = F.cast(outputs, mstype.float32)
        return self._loss_fn(outputs, label), outputs, label


class TrainOneStepCell(Cell):
    """One training step: loss = network(*inputs); gradients of the optimizer's parameters
    (scaled by `sens`); optimizer(gradients). Returns the loss. In GRAPH_MODE the whole step
    is one compiled program."""

    def __init__(self, network, optimizer, sens=None):
        super().__init__(auto_prefix=False)
        self.network = _validation.instance_of("TrainOneStepCell", "network", network, Cell)
        if not isinstance(optimizer, Optimizer):
            raise TypeError(f"For 'TrainOneStepCell', the 'optimizer' must be an Optimizer, but got "
                            f"{type(optimizer).__name__}.")
        self.network.set_grad()
        self.optimizer = optimizer
        self.weights = optimizer.parameters
        self.sens = 1.0 if sens is None else sens
        if isinstance(self.sens, bool) or not isinstance(self.sens, (int, float)):
            raise TypeError(f"For 'TrainOneStepCell', the 'sens' must be a number, but got {sens!r}.")
        # Data parallel: gradients are all-reduced over the ranks (layerwise_parallel ones excepted).
        self.reducer_flag = context.get_auto_parallel_context("parallel_mode") in ("data_parallel", "hybrid_parallel")
        self.grad_reducer = DistributedGradReducer(self.weights) if self.reducer_flag else None
        # PYNATIVE: the network's forward and backward compiled once per input signature.
        object.__setattr__(self, "_grad_cache", compiled_grad.GradCache())

    def _loss_and_grads(self, inputs, sens):
        loss, _, grads = _differentiate(self.network, inputs, (), list(self.weights), sens,
                                        cache=self._grad_cache)
        return loss, grads

    def __call__(self, *inputs):
        # A parameter-server step exchanges values with the servers between the backward pass
        # and the update, so it runs eagerly in either mode.
        from ..optim.optimizer import ParameterServerHook
        strategy = ParameterServerHook.strategy
        if strategy is not None and strategy.claims(self.optimizer):
            return strategy.train_step(self, inputs)
        return super().__call__(*inputs)

    def construct(self, *inputs):
        loss, grads = self._loss_and_grads(inputs, self.sens)
        if self.grad_reducer is not None:
            grads = self.grad_reducer(grads)
        self.optimizer(grads)
        return loss
