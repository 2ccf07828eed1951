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


def test_run_names_missing_counterparts(tmp_path):
    script = tmp_path / "data.py"
    script.write_text("import mindspore.mindrecord\n")
    with pytest.raises(ModuleNotFoundError, match="sporax has no 'sporax.mindrecord'"):
        cli.main(["run", str(script)])
