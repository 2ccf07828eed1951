"""A MindSpore data script runs unchanged under `sporax run`."""
from sporax import cli


def test_sporax_run_ports_import_mindspore_dataset(tmp_path, capsys):
    script = tmp_path / "data.py"
    script.write_text(
        "import numpy as np\n"
        "import mindspore.dataset as ds\n"
        "import mindspore.dataset.vision as vision\n"
        "from mindspore.dataset.transforms import TypeCast\n"
        "import mindspore as ms\n"
        "ds.config.set_seed(1)\n"
        "data = ds.NumpySlicesDataset({'image': np.zeros((4, 6, 6, 3), np.uint8), 'label': [0, 1, 2, 3]},"
        " shuffle=False)\n"
        "data = data.map([vision.Resize((4, 4)), vision.HWC2CHW()], 'image').map(TypeCast(ms.int32), 'label')\n"
        "for image, label in data.batch(2).create_tuple_iterator():\n"
        "    print(type(image).__name__, image.shape, label.asnumpy().tolist())\n")
    assert cli.main(["run", str(script)]) == 0
    assert capsys.readouterr().out == "Tensor (2, 3, 4, 4) [0, 1]\nTensor (2, 3, 4, 4) [2, 3]\n"
