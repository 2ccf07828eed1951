"""`sporax ckpt` on hostile files: one line on stderr, exit 2, no traceback; names with
terminal escapes shown escaped; a closed pipe ends quietly."""
import subprocess
import sys

import numpy as np
import pytest

import sporax as ms
from sporax import cli
from sporax import Tensor
from tests.train.test_hostile_files import CASES, ST_CASES


@pytest.mark.parametrize("case", ["empty", "invalid_code_point", "huge_dims", "field_number_zero_top", "nul_name"])
def test_hostile_ckpt_gives_one_line_and_exit_2(tmp_path, capsys, case):
    (tmp_path / "bad.ckpt").write_bytes(CASES[case][0])
    assert cli.main(["ckpt", "inspect", str(tmp_path / "bad.ckpt")]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("sporax: error: ") and "Traceback" not in err


@pytest.mark.parametrize("case", ["f8_dtype", "header_past_end"])
def test_hostile_safetensors_convert_gives_one_line_and_exit_2(tmp_path, capsys, case):
    (tmp_path / "bad.safetensors").write_bytes(ST_CASES[case][0])
    assert cli.main(["ckpt", "convert", str(tmp_path / "bad.safetensors"), str(tmp_path / "out.ckpt")]) == 2
    assert capsys.readouterr().err.count("\n") == 1 and not (tmp_path / "out.ckpt").exists()


def test_inspect_escapes_control_characters_in_names(tmp_path, capsys):
    ms.save_checkpoint({"evil\x1b[2J\x07name": Tensor(np.ones(2, np.float32))}, str(tmp_path / "e.ckpt"))
    assert cli.main(["ckpt", "inspect", str(tmp_path / "e.ckpt")]) == 0
    out = capsys.readouterr().out
    assert "evil\\x1b[2J\\x07name" in out and "\x1b" not in out and "\x07" not in out


def test_a_closed_pipe_ends_quietly(tmp_path):
    ms.save_checkpoint({f"t{i}": Tensor(np.ones(1, np.float32)) for i in range(20000)}, str(tmp_path / "m.ckpt"))
    result = subprocess.run(f"{sys.executable} -m sporax.cli ckpt inspect {tmp_path / 'm.ckpt'} | head -2",
                            shell=True, capture_output=True, text=True, timeout=120)
    assert result.stdout.splitlines()[1].startswith("t0 ") and result.stderr == ""
