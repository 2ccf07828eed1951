import subprocess
import sys

import numpy as np
import pytest

import sporax as ms
from sporax import cli


def test_ckpt_inspect_lists_entries_and_totals(fixtures_dir, capsys):
    assert cli.main(["ckpt", "inspect", str(fixtures_dir / "lenet5_append.ckpt"), "--stats"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["name", "shape", "dtype", "bytes", "stats"]
    assert out[1].split()[:3] == ["conv1.weight", "(6,", "1,"] and "Float32" in out[1] and "600 B" in out[1]
    assert any(line.startswith("epoch_num") and "min=3 max=3 mean=3" in line for line in out)
    assert out[-1] == "14 tensors, 61,750 elements, 241.2 KiB"


def test_ckpt_inspect_encrypted_needs_the_key(fixtures_dir, capsys):
    assert cli.main(["ckpt", "inspect", str(fixtures_dir / "lenet5_enc.ckpt")]) == 2
    assert "is encrypted: pass its 'dec_key'" in capsys.readouterr().err
    assert cli.main(["ckpt", "inspect", str(fixtures_dir / "lenet5_enc.ckpt"), "--dec-key", "0123456789abcdef"]) == 0


def test_ckpt_convert_round_trip_keeps_everything(fixtures_dir, tmp_path, capsys):
    source = fixtures_dir / "lenet5_append.ckpt"
    assert cli.main(["ckpt", "convert", str(source), str(tmp_path / "a.safetensors")]) == 0
    assert cli.main(["ckpt", "convert", str(tmp_path / "a.safetensors"), str(tmp_path / "b.ckpt")]) == 0
    original, converted = ms.load_checkpoint(str(source)), ms.load_checkpoint(str(tmp_path / "b.ckpt"))
    assert sorted(original) == sorted(converted)
    for name in original:
        assert original[name].dtype == converted[name].dtype
        np.testing.assert_array_equal(original[name].asnumpy(), converted[name].asnumpy())


def test_bad_extension_is_a_clear_error(tmp_path, capsys):
    assert cli.main(["ckpt", "convert", "a.ckpt", str(tmp_path / "b.pt")]) == 2


def test_console_script_entry_point():
    result = subprocess.run([sys.executable, "-m", "sporax.cli", "ckpt", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "inspect" in result.stdout


@pytest.mark.filterwarnings("ignore:device_target 'Ascend'")
def test_run_executes_the_seed_notebook_cell_by_cell(capsys, init_vectors):
    from tests.seed.notebook import NOTEBOOK, printed
    assert cli.main(["run", str(NOTEBOOK)]) == 0
    out = capsys.readouterr().out
    cells = out.split("--- [")[1:]
    assert len(cells) == 8 and all(c.startswith(f"{i}/8] ---") for i, c in enumerate(cells, 1))
    assert "Parameter (name=params_copy.x, shape=(2, 3), dtype=Int64, requires_grad=True)" in cells[3]
    assert cells[4].split("\n")[1].startswith("[[[[-0.01997818 -0.07250863")  # MindSpore 2.10's cell 12
    assert " ".join(cells[6].split()[2:]).startswith("[[[[12. 18. 18. ... 18. 18. 12.]")
    assert cells[7].split("\n", 1)[1] == printed(20) + "\n"


def test_run_serves_mindspore_imports_in_a_script(tmp_path, capsys):
    script = tmp_path / "train.py"
    script.write_text("import sys\nimport mindspore as ms\nfrom mindspore import nn\n"
                      "from mindspore.common.initializer import Normal\nfrom mindspore.train.serialization import "
                      "save_checkpoint\nprint(ms.__name__, nn.Dense(2, 3), sys.argv[1:])\n")
    assert cli.main(["run", str(script), "--flag", "x"]) == 0
    assert capsys.readouterr().out == "sporax Dense(input_channels=2, output_channels=3, has_bias=True) ['--flag', 'x']\n"
    assert "mindspore" not in {d.metadata["Name"] for d in __import__("importlib.metadata").metadata.distributions()}


def test_run_names_missing_counterparts(tmp_path, capsys):
    script = tmp_path / "data.py"
    script.write_text("import mindspore.nothere\n")
    assert cli.main(["run", str(script)]) == 1
    assert capsys.readouterr().err == (f"Traceback (most recent call last):\n  File \"{script}\", line 1, in <module>\n"
                                       "    import mindspore.nothere\nModuleNotFoundError: No module named "
                                       "'mindspore.nothere': sporax has no 'sporax.nothere'.\n")


ZOO_TRAIN = """\
import os
import sys

import mindspore as ms
from mindspore import nn
from src.config import config
from src.lenet import LeNet

if __name__ == '__main__':
    net = LeNet(config.num_classes)
    print(__name__, os.path.basename(__file__), sys.argv[1:], sys.path[0] == os.path.dirname(os.path.abspath(__file__)))
    print(type(net).__module__, net.fc, ms.get_context('init_generator'))
"""


def write_zoo_layout(root):
    (root / "src").mkdir()
    (root / "src" / "__init__.py").write_text("")
    (root / "src" / "config.py").write_text("class config:\n    num_classes = 10\n")
    (root / "src" / "lenet.py").write_text(
        "import mindspore.nn as nn\n\n\nclass LeNet(nn.Cell):\n    def __init__(self, n):\n"
        "        super().__init__()\n        self.fc = nn.Dense(4, n)\n")
    (root / "train.py").write_text(ZOO_TRAIN)


def test_run_a_zoo_layout_as_python_does_without_deprecation_warnings(tmp_path):
    write_zoo_layout(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run([sys.executable, "-W", "error::DeprecationWarning", "-W", "error::ImportWarning",
                             "-m", "sporax", "run", "--init-generator", "threefry", str(tmp_path / "train.py"),
                             "--epoch_size", "2", "-h"], capture_output=True, text=True, cwd=elsewhere, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ("__main__ train.py ['--epoch_size', '2', '-h'] True\n"
                             "src.lenet Dense(input_channels=4, output_channels=10, has_bias=True) threefry\n")


def test_run_shows_the_scripts_own_traceback(tmp_path, capsys):
    script = tmp_path / "bad.py"
    script.write_text("def build(lr):\n    raise ValueError(f'lr must be positive, got {lr}')\n\n\nbuild(-1)\n")
    assert cli.main(["run", str(script)]) == 1
    err = capsys.readouterr().err
    assert err == (f"Traceback (most recent call last):\n  File \"{script}\", line 5, in <module>\n    build(-1)\n"
                   f"  File \"{script}\", line 2, in build\n    raise ValueError(f'lr must be positive, got {{lr}}')\n"
                   "ValueError: lr must be positive, got -1\n")


def test_run_restores_argv_path_and_main(tmp_path):
    script = tmp_path / "ok.py"
    script.write_text("import sys\nsys.argv.append('x')\n")
    before = sys.argv[:], sys.path[:], sys.modules["__main__"]
    assert cli.main(["run", str(script), "a"]) == 0
    assert (sys.argv, sys.path, sys.modules["__main__"]) == before


def test_run_missing_file_is_one_line_exit_2(tmp_path, capsys):
    assert cli.main(["run", str(tmp_path / "nope.py")]) == 2
    err = capsys.readouterr().err
    assert err == f"sporax: error: can't open file '{tmp_path / 'nope.py'}': [Errno 2] No such file or directory\n"


def test_run_bad_init_generator_is_one_line_exit_2(tmp_path, capsys):
    script = tmp_path / "ok.py"
    script.write_text("")
    assert cli.main(["run", "--init-generator", "philox", str(script)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("sporax: error: set_context: argument 'init_generator' must be one of") and err.count("\n") == 1


def test_alias_leaves_sporax_modules_specs_alone():
    import importlib

    import sporax.nn
    from sporax._cli import run
    run.install()
    import sporax.context
    for name in ("nn", "context"):
        alias, own = importlib.import_module(f"mindspore.{name}"), getattr(sporax, name)
        assert alias is own and sys.modules[f"mindspore.{name}"] is own
        # Python 3.12+ warns on every relative import where these two differ.
        assert own.__spec__.name == f"sporax.{name}" and own.__spec__.parent == own.__package__
