"""One path to JAX: outside `sporax/ops/` and `sporax/_runtime/`, no module computes on
values with jax.numpy / jax.lax / jax.nn / jax.scipy / jax.random; computations go through
ops primitives (run by the executor, seen by the float-status register and graph tracing).

The scan reads the source (AST): an import of one of those modules, or an attribute chain
through one (`jax.numpy.add`, `jnp.add` after `import jax.numpy as jnp`), is a use.
Exceptions are listed in ALLOWED with one reason each; an entry that no longer uses them
fails too, so the list only shrinks.
"""
from __future__ import annotations

import ast
from pathlib import Path

import sporax

ROOT = Path(sporax.__file__).parent
EXEMPT_PACKAGES = ("ops", "_runtime")  # where primitives and the executor live
COMPUTING = ("jax.numpy", "jax.lax", "jax.nn", "jax.scipy", "jax.random")

ALLOWED = {
    "common/tensor.py": "creating data: a NumPy value onto the device, Tensor(shape, dtype)'s zeros",
    "common/_lazy.py": "creating data: a lazy value's generated array placed on the device, a constant fill",
    "common/_generators/philox.py": "creating data: the Philox kernels behind the initializers (bit-exact)",
    "common/_generators/threefry.py": "creating data: jax.random's threefry, the 'threefry' generator itself",
    "common/_generators/mindspore_2_10_xla.py": "creating data: the 'mindspore' generator's fused kernels (the GPU path)",
    "common/_generators/vector_math.py": "creating data: vectorisable log/sincos/ndtri inside those kernels",
    "common/_generators/exact_float32.py": "creating data: the kernels' bound-decided float32 rounding",
    "common/_generators/device_pieces.py": "creating data: generated pieces placed into one device buffer",
}


def _computing(name: str) -> bool:
    return any(name == m or name.startswith(m + ".") for m in COMPUTING)


def _dotted(node) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def uses(source: str) -> list[str]:
    """The computing-JAX uses in `source`: 'line: what'."""
    tree = ast.parse(source)
    aliases = {}  # local name -> the module it stands for
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                local = alias.asname or alias.name.split(".")[0]
                aliases[local] = alias.name if alias.asname else alias.name.split(".")[0]
                if _computing(alias.name):
                    found.append(f"{node.lineno}: import {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                aliases[alias.asname or alias.name] = full
                if _computing(node.module) or _computing(full):
                    found.append(f"{node.lineno}: from {node.module} import {alias.name}")
    def resolved(node):
        dotted = _dotted(node)
        if dotted is None:
            return None
        head, _, rest = dotted.partition(".")
        if head not in aliases:
            return None
        return aliases[head] + ("." + rest if rest else "")

    for node in ast.walk(tree):
        # `jax.numpy.sum(...)` with a plain `import jax`: one use, where the chain enters jax.numpy
        # (names imported from a computing module were reported at their import).
        if isinstance(node, ast.Attribute):
            full, inner = resolved(node), resolved(node.value)
            if full and _computing(full) and not (inner and _computing(inner)):
                found.append(f"{node.lineno}: {_dotted(node)}")
    return sorted(set(found), key=lambda s: int(s.split(":")[0]))


def scan() -> dict[str, list[str]]:
    out = {}
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel.split("/")[0] in EXEMPT_PACKAGES:
            continue
        found = uses(path.read_text())
        if found:
            out[rel] = found
    return out


def test_no_module_outside_ops_and_runtime_computes_with_jax():
    offenders = {rel: found for rel, found in scan().items() if rel not in ALLOWED}
    assert not offenders, "compute through ops primitives instead:\n" + "\n".join(
        f"  {rel}: {', '.join(found)}" for rel, found in offenders.items())


def test_every_allowlist_entry_still_needs_its_exception():
    stale = sorted(set(ALLOWED) - set(scan()))
    assert not stale, f"these no longer use jax computations; remove them from ALLOWED: {stale}"


def test_every_allowlist_entry_has_a_reason():
    assert all(isinstance(reason, str) and reason.strip() for reason in ALLOWED.values())


def test_the_scan_sees_every_spelling():
    source = ("import jax\nimport jax.numpy as jnp\nfrom jax import lax\nfrom jax.nn import relu\n"
              "import numpy as np\n"
              "a = jnp.add(1, 2)\nb = jax.numpy.sum(a)\nc = lax.rsqrt(b)\nd = jax.Array\ne = np.add(1, 2)\n")
    assert uses(source) == ["2: import jax.numpy", "3: from jax import lax", "4: from jax.nn import relu",
                            "7: jax.numpy"]
    assert not uses("import jax\nx = jax.Array\ny = jax.core.Tracer\nz = jax.jit\n")
    assert uses("import jax\nk = jax.random.split(key)\n") == ["2: jax.random"]
