"""ms.export / ms.load: MindSpore's argument checks, then a clear error naming the format."""
import numpy as np
import pytest

import sporax as ms
from sporax import Tensor, nn


@pytest.mark.parametrize("file_format", ["MINDIR", "AIR", "ONNX"])
def test_export_names_the_format_it_cannot_write(tmp_path, file_format):
    with pytest.raises(ValueError, match=f"sporax cannot write '{file_format}' files"):
        ms.export(nn.Dense(2, 2), Tensor(np.ones((1, 2), np.float32)), file_name=str(tmp_path / "net"),
                  file_format=file_format)
    assert not list(tmp_path.iterdir())


def test_export_and_load_check_arguments_as_mindspore():
    with pytest.raises(ValueError, match=r"^For 'export', 'file_format' must be one of \['AIR', 'ONNX', 'MINDIR'\], "
                                         r"but got TF.$"):
        ms.export(nn.Dense(2, 2), file_name="x", file_format="TF")
    with pytest.raises(ValueError, match="^For 'load', the argument 'file_name' must be string, but got <class 'int'>."):
        ms.load(1)
    with pytest.raises(ValueError, match="should end with '.mindir'"):
        ms.load("a.pb")
    with pytest.raises(ValueError, match="sporax cannot read 'MINDIR' files"):
        ms.load("net.mindir")
