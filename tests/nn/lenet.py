"""The LeNet-5 of ../shared/fixtures/mindspore-2.10/make_fixtures.py: sporax.models.LeNet5 with
BatchNorm2d after conv2 and Dense's default head init, built after `set_seed(seed)`."""
import sporax as ms
from sporax.models import LeNet5


def build(seed=7):
    ms.set_seed(seed)
    return LeNet5(batch_norm=True)
