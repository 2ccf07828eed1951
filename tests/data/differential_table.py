"""The differential cases, one line per op (see differential_cases.py for the helpers)."""
from __future__ import annotations

import numpy as np

from differential_cases import ALL, FLOATS, INTS, NUMERIC, D, T, binary, call, error, unary  # noqa: F401

CASES = [
    # --- elementwise arithmetic -------------------------------------------------------------
    *binary("ops.add"),
    *binary("ops.sub"),
    *binary("ops.mul"),
    *binary("ops.div", dtypes=FLOATS),
    *binary("ops.maximum", edge=False),
    *binary("ops.minimum", edge=False),
    *unary("ops.neg", dtypes=NUMERIC),
    *unary("ops.abs", dtypes=NUMERIC, grad=False),
    *unary("ops.exp"),
    *unary("ops.log", values="positive"),
    *unary("ops.sqrt", values="positive"),
    *unary("ops.square", dtypes=NUMERIC),
    # --- elementwise unary (issue 10) ---------------------------------------------------------
    *unary("ops.sin", dtypes=FLOATS + ("int32",)),
    *unary("ops.tan", values="unit"),
    *unary("ops.asin", values="unit"),
    call("ops.arcsin", T((2, 3), "float32", "unit"), grad=True),
    *unary("ops.acos", values="unit"),
    call("ops.arccos", T((2, 3), "float32", "unit")),
    *unary("ops.atan"),
    call("ops.arctan", T((2, 3))),
    *unary("ops.sinh"),
    *unary("ops.cosh"),
    *unary("ops.asinh"),
    call("ops.arcsinh", T((2, 3))),
    *unary("ops.acosh", values="positive", edge=False),
    call("ops.arccosh", T((2, 3), "float32", "positive")),
    *unary("ops.atanh", values="unit"),
    call("ops.arctanh", T((2, 3), "float32", "unit")),
    *unary("ops.expm1"),
    *unary("ops.log1p", values="positive"),
    *unary("ops.log2", values="positive", dtypes=FLOATS + ("int32",)),
    *unary("ops.log10", values="positive"),
    *unary("ops.exp2", dtypes=("float32", "float16", "int32", "bool")),
    *unary("ops.erfc"),
    *unary("ops.erfinv", values="unit"),
    *unary("ops.lgamma", values="positive", dtypes=("float32", "float16", "float64", "int32")),
    call("ops.digamma", T((2, 3), "float32", "positive")),
    call("ops.digamma", T((2, 3), "float64", "positive")),
    call("ops.digamma", T((), "float32", "positive")),
    *unary("ops.sign", dtypes=NUMERIC + ("bool",), grad=False),
    *unary("ops.sgn", dtypes=("float32", "int32"), grad=False, edge=False),
    *unary("ops.signbit", dtypes=("float32", "int32", "bool"), grad=False),
    *unary("ops.round", dtypes=("float32", "float16", "float64", "int32"), grad=False),
    call("ops.round", T((2, 3)), decimals=2),
    *unary("ops.trunc", dtypes=ALL, grad=False),
    *unary("ops.frac", dtypes=("float32", "float16", "int32"), grad=False),
    *unary("ops.isnan", dtypes=("float32", "float16", "int32", "bool"), grad=False),
    *unary("ops.isinf", dtypes=("float32", "float16", "float64", "int32"), grad=False),
    *unary("ops.isneginf", dtypes=("float32", "float64", "int32"), grad=False),
    *unary("ops.isposinf", dtypes=("float32", "float64"), grad=False),
    *unary("ops.invert", dtypes=("int32", "int64", "bool", "float32"), values="int"),
    *unary("ops.rsqrt", values="positive"),
    *unary("ops.reciprocal", values="positive", dtypes=("float32", "float16", "int32")),
    *unary("ops.sinc", dtypes=("float32", "float16", "int32")),
    *unary("ops.deg2rad", dtypes=("float32", "float16", "int32")),
    *unary("ops.rad2deg", dtypes=("float32", "float16", "int32")),
    *unary("ops.positive", dtypes=ALL, grad=False, edge=False),
    *unary("ops.negative", dtypes=("float32", "int32", "bool"), edge=False),
    *unary("ops.absolute", dtypes=("float32", "int32", "bool"), grad=False, edge=False),
    # --- elementwise binary (issue 10) --------------------------------------------------------
    *binary("ops.floor_divide", dtypes=("float32", "int32", "bool"), values="nonzero", grad=False),
    call("ops.floor_div", T((2, 3), "int32", "int"), T((2, 3), "int32", "nonzero")),
    call("ops.floordiv", T((2, 3)), T((3,), "float32", "positive")),
    *binary("ops.floor_mod", dtypes=("float32", "int32", "bool"), values="nonzero", grad=False),
    call("ops.floormod", T((2, 3), "int32", "int"), T((2, 3), "int32", "nonzero")),
    *binary("ops.remainder", dtypes=("float32", "int32"), values="nonzero", grad=False, edge=False),
    *binary("ops.fmod", dtypes=("float32", "int32"), values="nonzero", grad=False),
    *binary("ops.atan2", dtypes=("float32", "float64", "float16", "int32")),
    call("ops.arctan2", T((2, 3)), T((2, 3))),
    *binary("ops.hypot", dtypes=("float32", "float64", "int32")),
    *binary("ops.xlogy", dtypes=("float32", "float64", "int32", "bool"), values="positive"),
    *binary("ops.xdivy", dtypes=("float32", "float16", "int32"), values="positive"),
    *binary("ops.logaddexp", dtypes=("float32", "float64", "int32")),
    *binary("ops.logaddexp2", dtypes=("float32", "float64")),
    *binary("ops.fmax", dtypes=("float32", "float64", "int32"), grad=False),
    *binary("ops.copysign", dtypes=("float32", "float64", "int32"), grad=False),
    *binary("ops.float_power", dtypes=("float32", "int32"), values="positive", grad=False),
    *binary("ops.ldexp", dtypes=("float32", "int32"), values="int", grad=False, edge=False),
    *binary("ops.bitwise_and", dtypes=("int32", "int64", "bool", "float32"), values="int"),
    *binary("ops.bitwise_or", dtypes=("int32", "int64", "bool"), values="int"),
    *binary("ops.bitwise_xor", dtypes=("int32", "int64", "bool"), values="int"),
    *binary("ops.bitwise_left_shift", dtypes=("int32", "int64", "float32"), values="small"),
    *binary("ops.bitwise_right_shift", dtypes=("int32", "int64"), values="small"),
    *binary("ops.logical_xor", dtypes=("bool", "int32", "float32"), scalar=False),
    *binary("ops.truncate_div", dtypes=("float32", "int32"), values="nonzero", grad=False),
    *binary("ops.truncate_mod", dtypes=("float32", "int32"), values="nonzero", grad=False),
    *binary("ops.gcd", dtypes=("int32", "int64", "float32"), values="int"),
    *binary("ops.lcm", dtypes=("int32", "int64"), values="int"),
    *binary("ops.nextafter", dtypes=("float32", "float64"), grad=False),
    *binary("ops.heaviside", dtypes=("float32", "int32"), values="int", grad=False, scalar=False),
    *binary("ops.ne", dtypes=("float32", "int32", "bool"), grad=False),
    call("ops.not_equal", T((2, 3)), T((3,))),
    *binary("ops.le", dtypes=("float32", "int32", "bool"), grad=False),
    call("ops.less_equal", T((2, 3)), 0.0),
    *binary("ops.ge", dtypes=("float32", "int32", "bool"), grad=False),
    call("ops.greater_equal", T((2, 3)), T((2, 3))),
    call("ops.isclose", T((2, 3)), T((2, 3))),
    call("ops.isclose", T((3, 4), "float32", "edge"), T((3, 4), "float32", "edge"), equal_nan=True),
    call("ops.isclose", T((2, 3), "int32", "int"), T((2, 3), "int32", "int"), rtol=0.5, atol=1.0),
    error("ops.isclose", T((2, 3)), T((2, 3), "int32")),
    call("ops.lerp", T((2, 3)), T((2, 3)), 0.3, grad=True),
    call("ops.lerp", T((2, 3)), T((3,)), T((2, 1), "float32", "unit"), grad=True),
    error("ops.lerp", T((2, 3), "int32"), T((2, 3), "int32"), 0.5),
    call("ops.addcmul", T((2, 3)), T((2, 3)), T((1, 3)), T((1,)), grad=True),
    call("ops.addcdiv", T((2, 3)), T((2, 3)), T((2, 3), "float32", "positive"), T((1,)), grad=True),
    call("ops.addn", [T((2, 3)), T((2, 3)), T((2, 3))]),
    call("ops.addn", [T((2, 3), "int32"), T((2, 3), "int32")]),
    call("ops.accumulate_n", [T((4,)), T((4,))]),
    error("ops.addn", [T((2, 3)), T((3, 2))]),
    call("ops.AddN", [T((2, 3), "float16"), T((2, 3), "float16")], init=()),
    # --- primitives by class (issue 10) -------------------------------------------------------
    call("ops.Sin", T((2, 3)), init=()),
    call("ops.Tan", T((2, 3), "float32", "unit"), init=()),
    call("ops.Asin", T((2, 3), "float32", "unit"), init=()),
    call("ops.ACos", T((2, 3), "float32", "unit"), init=()),
    call("ops.Atan", T((2, 3)), init=()),
    call("ops.Sinh", T((2, 3)), init=()),
    call("ops.Cosh", T((2, 3)), init=()),
    call("ops.Asinh", T((2, 3)), init=()),
    call("ops.Acosh", T((2, 3), "float32", "positive"), init=()),
    call("ops.Atanh", T((2, 3), "float32", "unit"), init=()),
    call("ops.Expm1", T((2, 3)), init=()),
    call("ops.Log1p", T((2, 3), "float32", "positive"), init=()),
    call("ops.Erfc", T((2, 3)), init=()),
    call("ops.Erfinv", T((2, 3), "float32", "unit"), init=()),
    call("ops.Lgamma", T((2, 3), "float32", "positive"), init=()),
    call("ops.Digamma", T((2, 3), "float32", "positive"), init=()),
    call("ops.Sign", T((2, 3)), init=()),
    call("ops.Round", T((2, 3)), init=()),
    call("ops.Trunc", T((2, 3)), init=()),
    call("ops.IsNan", T((3, 4), "float32", "edge"), init=()),
    call("ops.IsInf", T((3, 4), "float32", "edge"), init=()),
    call("ops.Invert", T((2, 3), "int32", "int"), init=()),
    call("ops.Softsign", T((2, 3)), init=(), grad=True),
    call("ops.FloorDiv", T((2, 3)), T((2, 3), "float32", "positive"), init=()),
    call("ops.FloorMod", T((2, 3), "int32", "int"), T((2, 3), "int32", "nonzero"), init=()),
    call("ops.Mod", T((2, 3), "int32", "int"), T((2, 3), "int32", "nonzero"), init=()),
    call("ops.Mod", T((2, 3)), T((2, 3), "float32", "positive"), init=()),
    call("ops.Atan2", T((2, 3)), T((2, 3)), init=()),
    *binary("ops.SquaredDifference", dtypes=("float32", "int32"), init=()),
    call("ops.Xlogy", T((2, 3)), T((2, 3), "float32", "positive"), init=()),
    call("ops.Xdivy", T((2, 3)), T((2, 3), "float32", "positive"), init=()),
    call("ops.BitwiseAnd", T((2, 3), "int32", "int"), T((2, 3), "int32", "int"), init=()),
    call("ops.BitwiseOr", T((2, 3), "int32", "int"), T((2, 3), "int32", "int"), init=()),
    call("ops.BitwiseXor", T((2, 3), "int32", "int"), T((2, 3), "int32", "int"), init=()),
    call("ops.LeftShift", T((2, 3), "int32", "int"), T((2, 3), "int32", "small"), init=()),
    call("ops.RightShift", T((2, 3), "int32", "int"), T((2, 3), "int32", "small"), init=()),
    call("ops.LogicalXor", T((2, 3), "bool"), T((2, 3), "bool"), init=()),
    call("ops.TruncateDiv", T((2, 3), "int32", "int"), T((2, 3), "int32", "nonzero"), init=()),
    call("ops.TruncateMod", T((2, 3), "int32", "int"), T((2, 3), "int32", "nonzero"), init=()),
    call("ops.Gcd", T((2, 3), "int32", "int"), T((2, 3), "int32", "int"), init=()),
    call("ops.Lcm", T((2, 3), "int32", "int"), T((2, 3), "int32", "int"), init=()),
    *binary("ops.DivNoNan", dtypes=("float32", "int32"), values="small", init=(), grad=False),
    *binary("ops.MulNoNan", dtypes=("float32", "int32"), init=(), grad=False),
    call("ops.Hypot", T((2, 3)), T((2, 3)), init=()),
    call("ops.NextAfter", T((2, 3)), T((2, 3)), init=()),
    call("ops.Heaviside", T((2, 3)), T((2, 3)), init=()),
    call("ops.IsClose", T((2, 3)), T((2, 3)), init=(1e-3, 1e-2, True)),
    call("ops.Lerp", T((2, 3)), T((2, 3)), T((2, 3), "float32", "unit"), init=()),
    call("ops.Addcmul", T((2, 3)), T((2, 3)), T((2, 3)), T((1,)), init=()),
    call("ops.Addcdiv", T((2, 3)), T((2, 3)), T((2, 3), "float32", "positive"), T((1,)), init=()),
    # --- reductions and indices ----------------------------------------------------------------
    call("ops.sum", T((2, 3, 4)), dim=1, grad=True),
    call("ops.argmax", T((3, 4)), dim=1),
    call("ops.argmax", T((3, 4)), dim=None),
    call("ops.ReduceSum", T((2, 3)), (1,), init=(True,)),
    error("ops.ReduceSum", T((2, 3)), 1.5, init=(True,)),
]

def _digamma(x):
    """psi(x) for x > 0 in float64: shift x above 6 by psi(x) = psi(x + 1) - 1/x, then the
    asymptotic series log x - 1/2x - sum B_2k / (2k x^2k)."""
    x = np.array(x, np.float64)
    shift = np.zeros_like(x)
    while (x < 12).any():
        small = x < 12
        shift[small] -= 1 / x[small]
        x[small] += 1
    inv2 = 1 / (x * x)
    series = inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (
        1 / 132 - inv2 * (691 / 32760 - inv2 / 12))))))
    return shift + np.log(x) - 0.5 / x - series


def _float_floor_div(x, y):
    return np.floor(x / y)


def _div_no_nan(x, y):
    return np.where(y == 0, 0.0, x / np.where(y == 0, 1.0, y))


# Cases where MindSpore 2.10's CPU kernel is itself wrong: (why, float64 NumPy reference).
# The test shows MindSpore's stored value differs from the reference and compares sporax
# with the reference instead.
MINDSPORE_CPU_WRONG = {
    "ops.div(float32[3, 4]~edge,float32[3, 4]~edge)": ("NaN / 0 gives -inf on MindSpore CPU (IEEE 754: NaN)",
                                                        np.divide),
    "ops.round(float32[2, 3],decimals=2)": ("MindSpore CPU's Round supports decimals=0 only (RuntimeError)",
                                            lambda x: np.round(x, 2)),
    "ops.digamma(float64[2, 3]~positive)": ("MindSpore CPU's Float64 digamma is only float32-accurate", _digamma),
    "ops.nextafter(float32[3, 4]~edge,float32[3, 4]~edge)": (
        "MindSpore CPU's NextAfter returns the input unchanged here",
        lambda x, y: np.nextafter(x.astype(np.float32), y.astype(np.float32))),
    "ops.sign(float32[3, 4]~edge)": ("MindSpore CPU's sign(NaN) is 0 (NaN in IEEE/NumPy)", np.sign),
    "ops.signbit(float32[3, 4]~edge)": ("MindSpore CPU's signbit(-0.0) is False (IEEE 754: True)", np.signbit),
    "ops.floor_divide(float32[3, 4]~edge,float32[3, 4]~edge)": (
        "MindSpore CPU gives +inf for 1 // -0.0 (floor(1 / -0.0) = -inf)", _float_floor_div),
    "ops.xlogy(float32[3, 4]~edge,float32[3, 4]~edge)": (
        "MindSpore CPU gives NaN for xlogy(0, inf) (0 by definition where x == 0)",
        lambda x, y: np.where((x == 0) & ~np.isnan(y), 0.0, x * np.log(y))),
    "ops.nextafter(float32[2, 1, 3],float32[4, 3])": (
        "MindSpore CPU's NextAfter does not broadcast",
        lambda x, y: np.nextafter(x.astype(np.float32), y.astype(np.float32))),
    "ops.nextafter(float32[],float32[2, 2])": (
        "MindSpore CPU's NextAfter does not broadcast",
        lambda x, y: np.nextafter(x.astype(np.float32), y.astype(np.float32))),
    "ops.DivNoNan()(float32[3, 4]~edge,float32[3, 4]~edge)": ("MindSpore CPU gives 0 for 1e30 / 1e-30 (inf)",
                                                              _div_no_nan),
    "ops.accumulate_n([float32[4],float32[4]])": ("MindSpore CPU has no AccumulateNV2 kernel (RuntimeError)",
                                                  lambda a, b: a + b),
}
