"""Cases shared by the optimizer fixture generator (real MindSpore 2.10) and the tests (sporax).

Every function takes the framework module (`mindspore` or `sporax`) so that one description
drives both sides. A net is a Dense(3, 2) from fixed weights, trained on fixed data with MSE.
"""
import numpy as np

W0 = np.array([[0.5, -0.25, 0.1], [0.3, 0.2, -0.4]], np.float32)
B0 = np.array([0.05, -0.1], np.float32)
X = np.array([[1.0, 2.0, -1.0], [0.5, -1.5, 2.0], [-0.3, 0.8, 0.1], [2.0, 0.0, -0.5]], np.float32)
Y = np.array([[1.0, -1.0], [0.0, 2.0], [0.5, 0.5], [-1.0, 1.0]], np.float32)
STEPS = 6


def dense(ms):
    return ms.nn.Dense(3, 2, weight_init=ms.Tensor(W0), bias_init=ms.Tensor(B0))


def flat(net):
    return net.trainable_params()


def groups(net):
    """Per-group weight decay and learning rate, and order_params reversing the order."""
    return [{"params": [net.weight], "weight_decay": 0.01, "lr": 0.05},
            {"params": [net.bias], "lr": 0.02},
            {"order_params": [net.bias, net.weight]}]


def groups_wd_only(net):
    return [{"params": [net.weight], "weight_decay": 0.02}, {"params": [net.bias]}]


def nn_cases(ms):
    """name -> (optimizer factory(params), params builder, loss_scale)."""
    nn = ms.nn
    lr_list = [0.1, 0.05, 0.02, 0.01, 0.005, 0.002]
    cases = {
        "Adagrad_no_slots": (lambda p: nn.Adagrad(p, accum=1.0, learning_rate=0.1, update_slots=False), flat),
        "Adagrad_groups": (lambda p: nn.Adagrad(p, learning_rate=0.1), groups),
        "RMSProp_plain": (lambda p: nn.RMSProp(p, learning_rate=0.01), flat),
        "RMSProp_momentum_wd": (lambda p: nn.RMSProp(p, learning_rate=0.01, decay=0.8, momentum=0.5, epsilon=1e-6,
                                                     weight_decay=0.01), flat),
        "RMSProp_centered": (lambda p: nn.RMSProp(p, learning_rate=0.02, centered=True, momentum=0.3), flat),
        "RMSProp_groups_scale": (lambda p: nn.RMSProp(p, learning_rate=0.01, loss_scale=4.0), groups),
        "RMSProp_dynamic": (lambda p: nn.RMSProp(p, learning_rate=nn.ExponentialDecayLR(0.05, 0.9, 2)), flat),
        "ProximalAdagrad_plain": (lambda p: nn.ProximalAdagrad(p, learning_rate=0.1), flat),
        "ProximalAdagrad_l1_l2": (lambda p: nn.ProximalAdagrad(p, accum=0.2, learning_rate=0.2, l1=0.05, l2=0.1,
                                                               weight_decay=0.01), flat),
        "AdaMax_plain": (lambda p: nn.AdaMax(p, learning_rate=0.05), flat),
        "AdaMax_groups": (lambda p: nn.AdaMax(p, learning_rate=0.05, beta1=0.8, beta2=0.9), groups),
        "Adadelta_plain": (lambda p: nn.Adadelta(p, learning_rate=1.0), flat),
        "Adadelta_wd_scale": (lambda p: nn.Adadelta(p, learning_rate=0.5, rho=0.8, epsilon=1e-4, weight_decay=0.05,
                                                    loss_scale=8.0), flat),
        "Rprop_plain": (lambda p: nn.Rprop(p, learning_rate=0.05), flat),
        "Rprop_clip": (lambda p: nn.Rprop(p, learning_rate=0.1, etas=(0.4, 1.5), step_sizes=(0.01, 0.12)), groups),
        "ASGD_plain": (lambda p: nn.ASGD(p, learning_rate=0.05), flat),
        "ASGD_t0": (lambda p: nn.ASGD(p, learning_rate=0.05, lambd=0.01, alpha=0.5, t0=2.0, weight_decay=0.01), flat),
        "LazyAdam_plain": (lambda p: nn.LazyAdam(p, learning_rate=0.05), flat),
        "LazyAdam_nesterov": (lambda p: nn.LazyAdam(p, learning_rate=0.05, use_nesterov=True, weight_decay=0.01), flat),
        "AdamOffload_plain": (lambda p: nn.AdamOffload(p, learning_rate=0.05, weight_decay=0.01), flat),
        "Adam_amsgrad": (lambda p: nn.Adam(p, learning_rate=0.05, use_amsgrad=True), flat),
        "Adam_lazy": (lambda p: nn.Adam(p, learning_rate=0.05, use_lazy=True), flat),
        "Adam_offload": (lambda p: nn.Adam(p, learning_rate=0.05, use_offload=True), flat),
        "Adam_groups_list_lr": (lambda p: nn.Adam(p, learning_rate=lr_list), groups_wd_only),
        "Adam_groups": (lambda p: nn.Adam(p, learning_rate=0.05, loss_scale=2.0), groups),
        "AdamWeightDecay_groups": (lambda p: nn.AdamWeightDecay(p, learning_rate=0.05, weight_decay=0.1), groups),
        "Momentum_groups": (lambda p: nn.Momentum(p, learning_rate=0.1, momentum=0.9), groups),
        # Not use_nesterov: MindSpore 2.10's CPU ApplyMomentum ignores it (observed), sporax keeps its meaning.
        "Momentum_tensor_lr": (lambda p: nn.Momentum(p, learning_rate=ms.Tensor(np.array(lr_list, np.float32)),
                                                     momentum=0.9, weight_decay=0.01), flat),
        "SGD_groups": (lambda p: nn.SGD(p, learning_rate=0.1, momentum=0.5, dampening=0.1), groups),
        "SGD_nesterov_schedule": (lambda p: nn.SGD(p, learning_rate=nn.CosineDecayLR(0.01, 0.1, 4), momentum=0.9,
                                                   nesterov=True, weight_decay=0.01), flat),
        "FTRL_groups_wd": (lambda p: nn.FTRL(p, learning_rate=0.1, l1=0.01, l2=0.01), groups_wd_only),
        # Lamb with groups: MindSpore 2.10 has no CPU kernel for it (Unsupported op [Lamb]).
        "Lamb_wd": (lambda p: nn.Lamb(p, learning_rate=0.05, weight_decay=0.01), flat),
        "Lamb_schedule": (lambda p: nn.Lamb(p, learning_rate=nn.PolynomialDecayLR(0.1, 0.01, 4, 2.0)), flat),
        "LARS_momentum": (lambda p: nn.LARS(nn.Momentum(p, learning_rate=0.1, momentum=0.9, weight_decay=0.01),
                                             coefficient=0.5), flat),
        "LARS_clip": (lambda p: nn.LARS(nn.Momentum(p, learning_rate=0.1, momentum=0.9), coefficient=0.5,
                                         use_clip=True, lars_filter=lambda x: True), flat),
    }
    return cases


def loss_scale_of(name):
    return {"RMSProp_groups_scale": 4.0, "Adadelta_wd_scale": 8.0, "Adam_groups": 2.0}.get(name, 1.0)


def run_nn_case(ms, name):
    """Parameters after each of STEPS TrainOneStepCell steps (weight then bias, flattened)."""
    nn = ms.nn
    factory, params_of = nn_cases(ms)[name]
    net = dense(ms)
    optimizer = factory(params_of(net))
    step = nn.TrainOneStepCell(nn.WithLossCell(net, nn.MSELoss()), optimizer, sens=loss_scale_of(name))
    out = []
    for _ in range(STEPS):
        step(ms.Tensor(X), ms.Tensor(Y))
        out.append(np.concatenate([net.weight.asnumpy().ravel(), net.bias.asnumpy().ravel()]))
    return np.stack(out)


def schedule_cases(ms):
    nn = ms.nn
    return {
        "ExponentialDecayLR": nn.ExponentialDecayLR(0.1, 0.9, 4),
        "ExponentialDecayLR_stair": nn.ExponentialDecayLR(0.1, 0.9, 4, True),
        "NaturalExpDecayLR": nn.NaturalExpDecayLR(0.1, 0.9, 4),
        "NaturalExpDecayLR_stair": nn.NaturalExpDecayLR(0.1, 0.9, 4, True),
        "InverseDecayLR": nn.InverseDecayLR(0.1, 0.5, 4),
        "InverseDecayLR_stair": nn.InverseDecayLR(0.1, 0.5, 4, True),
        "CosineDecayLR": nn.CosineDecayLR(0.01, 0.1, 6),
        "PolynomialDecayLR": nn.PolynomialDecayLR(0.1, 0.01, 5, 0.5),
        "PolynomialDecayLR_update": nn.PolynomialDecayLR(0.1, 0.01, 3, 2.0, True),
        "WarmUpLR": nn.WarmUpLR(0.1, 4),
    }


def run_schedule(ms, name):
    schedule = schedule_cases(ms)[name]
    return np.array([schedule(ms.Tensor(np.array(step, np.int32))).asnumpy() for step in range(10)], np.float32)


def dynamic_lr_cases(ms):
    nn = ms.nn
    return {
        "piecewise_constant_lr": lambda: nn.piecewise_constant_lr([2, 5, 10], [0.1, 0.05, 0.01]),
        "exponential_decay_lr": lambda: nn.exponential_decay_lr(0.1, 0.9, 10, 2, 3),
        "exponential_decay_lr_stair": lambda: nn.exponential_decay_lr(0.1, 0.9, 10, 2, 3, True),
        "natural_exp_decay_lr": lambda: nn.natural_exp_decay_lr(0.1, 0.9, 10, 2, 3),
        "natural_exp_decay_lr_stair": lambda: nn.natural_exp_decay_lr(0.1, 0.9, 10, 2, 3, True),
        "inverse_decay_lr": lambda: nn.inverse_decay_lr(0.1, 0.5, 10, 2, 3),
        "inverse_decay_lr_stair": lambda: nn.inverse_decay_lr(0.1, 0.5, 10, 2, 3, True),
        "cosine_decay_lr": lambda: nn.cosine_decay_lr(0.01, 0.1, 10, 2, 3),
        "polynomial_decay_lr": lambda: nn.polynomial_decay_lr(0.1, 0.01, 10, 2, 3, 0.5),
        "polynomial_decay_lr_update": lambda: nn.polynomial_decay_lr(0.1, 0.01, 10, 2, 2, 2.0, True),
        "warmup_lr": lambda: nn.warmup_lr(0.1, 10, 2, 3),
    }


# --- mindspore.experimental.optim ----------------------------------------------------------------
def experimental_cases(ms):
    optim = ms.experimental.optim

    def two_groups(net, **extra):
        return [dict({"params": [net.weight], "lr": 0.05, "weight_decay": 0.01}, **extra), {"params": [net.bias]}]

    return {
        "SGD": lambda net: optim.SGD(net.trainable_params(), lr=0.1),
        "SGD_momentum": lambda net: optim.SGD(net.trainable_params(), lr=0.1, momentum=0.9, dampening=0.1,
                                              weight_decay=0.01),
        "SGD_nesterov_groups": lambda net: optim.SGD(two_groups(net), lr=0.1, momentum=0.9, nesterov=True),
        "SGD_maximize": lambda net: optim.SGD(net.trainable_params(), lr=0.01, maximize=True),
        "Adam": lambda net: optim.Adam(net.trainable_params(), lr=0.05),
        "Adam_groups": lambda net: optim.Adam(two_groups(net, betas=(0.8, 0.9)), lr=0.02, weight_decay=0.1),
        "AdamW": lambda net: optim.AdamW(net.trainable_params(), lr=0.05),
        "AdamW_amsgrad": lambda net: optim.AdamW(two_groups(net), lr=0.05, amsgrad=True, weight_decay=0.1),
        "Adagrad": lambda net: optim.Adagrad(net.trainable_params(), lr=0.1),
        "Adagrad_decay": lambda net: optim.Adagrad(two_groups(net), lr=0.1, lr_decay=0.1,
                                                   initial_accumulator_value=0.5),
        "Adadelta": lambda net: optim.Adadelta(net.trainable_params(), lr=1.0),
        "Adadelta_groups": lambda net: optim.Adadelta(two_groups(net), rho=0.8, eps=1e-4, maximize=False),
        "Adamax": lambda net: optim.Adamax(net.trainable_params(), lr=0.05),
        "Adamax_groups": lambda net: optim.Adamax(two_groups(net), betas=(0.8, 0.9)),
        "ASGD": lambda net: optim.ASGD(net.trainable_params(), lr=0.05),
        "ASGD_t0": lambda net: optim.ASGD(two_groups(net), lr=0.05, lambd=0.01, alpha=0.5, t0=2.0),
        "NAdam": lambda net: optim.NAdam(net.trainable_params(), lr=0.05),
        "NAdam_groups": lambda net: optim.NAdam(two_groups(net), momentum_decay=0.01),
        "RAdam": lambda net: optim.RAdam(net.trainable_params(), lr=0.05),
        "RAdam_groups": lambda net: optim.RAdam(two_groups(net), betas=(0.5, 0.6)),
        "RMSprop": lambda net: optim.RMSprop(net.trainable_params(), lr=0.01),
        "RMSprop_centered": lambda net: optim.RMSprop(two_groups(net), lr=0.01, momentum=0.5, centered=True),
        "Rprop": lambda net: optim.Rprop(net.trainable_params(), lr=0.05),
        "Rprop_groups": lambda net: optim.Rprop(two_groups(net), lr=0.1, etas=(0.4, 1.5), step_sizes=(0.01, 0.12)),
    }


def run_experimental_case(ms, name):
    net = dense(ms)
    optimizer = experimental_cases(ms)[name](net)
    loss_fn = ms.nn.MSELoss()

    def forward(x, y):
        return loss_fn(net(x), y)

    grad_fn = ms.value_and_grad(forward, None, optimizer.parameters)
    out = []
    for _ in range(STEPS):
        _, grads = grad_fn(ms.Tensor(X), ms.Tensor(Y))
        optimizer(grads)
        out.append(np.concatenate([net.weight.asnumpy().ravel(), net.bias.asnumpy().ravel()]))
    return np.stack(out)


def scheduler_cases(ms):
    lr_scheduler = ms.experimental.optim.lr_scheduler
    return {
        "StepLR": lambda opt: lr_scheduler.StepLR(opt, step_size=2, gamma=0.5),
        "MultiStepLR": lambda opt: lr_scheduler.MultiStepLR(opt, milestones=[2, 5, 5], gamma=0.5),
        "ExponentialLR": lambda opt: lr_scheduler.ExponentialLR(opt, gamma=0.8),
        "LinearLR": lambda opt: lr_scheduler.LinearLR(opt, start_factor=0.25, end_factor=1.0, total_iters=4),
        "ConstantLR": lambda opt: lr_scheduler.ConstantLR(opt, factor=0.5, total_iters=3),
        "PolynomialLR": lambda opt: lr_scheduler.PolynomialLR(opt, total_iters=5, power=2.0),
        "CosineAnnealingLR": lambda opt: lr_scheduler.CosineAnnealingLR(opt, T_max=3, eta_min=0.001),
        "CosineAnnealingWarmRestarts": lambda opt: lr_scheduler.CosineAnnealingWarmRestarts(opt, T_0=3, T_mult=2,
                                                                                              eta_min=0.001),
        "CyclicLR": lambda opt: lr_scheduler.CyclicLR(opt, base_lr=0.01, max_lr=0.1, step_size_up=3),
        "CyclicLR_triangular2": lambda opt: lr_scheduler.CyclicLR(opt, base_lr=0.01, max_lr=0.1, step_size_up=2,
                                                                  step_size_down=3, mode="triangular2"),
        "CyclicLR_exp_range": lambda opt: lr_scheduler.CyclicLR(opt, base_lr=[0.01, 0.02], max_lr=0.1,
                                                                step_size_up=2, mode="exp_range", gamma=0.9),
        "LambdaLR": lambda opt: lr_scheduler.LambdaLR(opt, lr_lambda=lambda epoch: 0.9 ** epoch),
        "MultiplicativeLR": lambda opt: lr_scheduler.MultiplicativeLR(opt, lr_lambda=[lambda e: 0.9, lambda e: 0.8]),
        "SequentialLR": lambda opt: lr_scheduler.SequentialLR(
            opt, schedulers=[lr_scheduler.ConstantLR(opt, factor=0.5, total_iters=2),
                             lr_scheduler.ExponentialLR(opt, gamma=0.9)], milestones=[3]),
    }


def scheduler_optimizer(ms, net):
    return ms.experimental.optim.SGD([{"params": [net.weight], "lr": 0.1}, {"params": [net.bias], "lr": 0.05}],
                                     lr=0.1)


def run_scheduler_case(ms, name):
    """get_last_lr() after construction and after each of 10 step() calls, one column per group."""
    net = dense(ms)
    optimizer = scheduler_optimizer(ms, net)
    scheduler = scheduler_cases(ms)[name](optimizer)
    out = [[float(v.asnumpy()) for v in scheduler.get_last_lr()]]
    for _ in range(10):
        scheduler.step()
        out.append([float(v.asnumpy()) for v in scheduler.get_last_lr()])
    return np.array(out, np.float32)


def run_plateau(ms):
    net = dense(ms)
    optimizer = scheduler_optimizer(ms, net)
    scheduler = ms.experimental.optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode="min", factor=0.5, patience=1,
                                                                     cooldown=1, min_lr=0.01)
    out = []
    for metric in [1.0, 0.9, 0.95, 0.96, 0.97, 0.8, 0.85, 0.86, 0.87, 0.88, 0.89]:
        scheduler.step(ms.Tensor(metric, ms.float32))
        out.append([float(v.asnumpy()) for v in scheduler.get_last_lr()])
    return np.array(out, np.float32)


# --- the optimizer primitives ------------------------------------------------------------------
_RNG = np.random.RandomState(7)
VAR = _RNG.uniform(-1, 1, (2, 3)).astype(np.float32)
GRAD = _RNG.uniform(-1, 1, (2, 3)).astype(np.float32)
STATE_A = _RNG.uniform(0.1, 1, (2, 3)).astype(np.float32)
STATE_B = _RNG.uniform(0.1, 1, (2, 3)).astype(np.float32)
STATE_C = _RNG.uniform(0.1, 1, (2, 3)).astype(np.float32)


def primitive_cases(ms):
    """name -> (primitive, number of Parameter states, [state arrays], [other inputs])."""
    P = ms.ops.operations
    f32 = lambda v: ms.Tensor(np.float32(v))  # noqa: E731
    return {
        "ApplyRMSProp": (P.ApplyRMSProp(), [VAR, STATE_A, STATE_B], [f32(0.01), ms.Tensor(GRAD), 0.9, 0.5, 1e-6]),
        "ApplyCenteredRMSProp": (P.ApplyCenteredRMSProp(), [VAR, STATE_C * 0.1, STATE_A, STATE_B],
                                 [ms.Tensor(GRAD), f32(0.01), 0.9, 0.5, 1e-6]),
        "ApplyProximalAdagrad": (P.ApplyProximalAdagrad(), [VAR, STATE_A], [f32(0.1), f32(0.05), f32(0.2),
                                                                             ms.Tensor(GRAD)]),
        "ApplyAdaMax": (P.ApplyAdaMax(), [VAR, STATE_A, STATE_B], [f32(0.81), f32(0.01), f32(0.9), f32(0.99),
                                                                   f32(1e-7), ms.Tensor(GRAD)]),
        "ApplyAdadelta": (P.ApplyAdadelta(), [VAR, STATE_A, STATE_B], [f32(0.5), f32(0.9), f32(1e-5),
                                                                       ms.Tensor(GRAD)]),
        "ApplyAdagradV2": (P.ApplyAdagradV2(epsilon=1e-3), [VAR, STATE_A], [f32(0.1), ms.Tensor(GRAD)]),
        "ApplyAdamWithAmsgradV2": (P.ApplyAdamWithAmsgradV2(), [VAR, STATE_A, STATE_B, STATE_C],
                                   [f32(0.81), f32(0.98), f32(0.01), f32(0.9), f32(0.99), f32(1e-7),
                                    ms.Tensor(GRAD)]),
    }


def run_primitive_case(ms, name):
    primitive, states, inputs = primitive_cases(ms)[name]
    params = [ms.Parameter(ms.Tensor(s.copy()), name=f"state{i}") for i, s in enumerate(states)]
    primitive(*params, *inputs)
    return np.stack([p.asnumpy() for p in params])


def run_pure_primitives(ms):
    """Primitives without state: LARSUpdate, SquareSumAll, AdamNoUpdateParam."""
    P = ms.ops.operations
    f32 = lambda v: ms.Tensor(np.float32(v))  # noqa: E731
    w, g = ms.Tensor(VAR), ms.Tensor(GRAD)
    w2, g2 = P.SquareSumAll()(w, g)
    out = {"SquareSumAll": np.array([w2.asnumpy(), g2.asnumpy()], np.float32)}
    # LARSUpdate: MindSpore 2.10 has no CPU kernel (Unsupported op [LARSUpdate]); not in the fixture.
    m = ms.Parameter(ms.Tensor(STATE_A.copy()), name="m")
    v = ms.Parameter(ms.Tensor(STATE_B.copy()), name="v")
    delta = P.AdamNoUpdateParam()(m, v, f32(0.81), f32(0.98), f32(0.01), f32(0.9), f32(0.99), f32(1e-7), g)
    out["AdamNoUpdateParam"] = np.stack([delta.asnumpy(), m.asnumpy(), v.asnumpy()])
    return out
