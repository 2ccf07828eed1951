"""Reference networks built from sporax.nn (an addition: MindSpore keeps them in its model zoo)."""
from .lenet import LeNet5

__all__ = ["LeNet5"]
