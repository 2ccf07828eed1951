"""merge_pipeline_strategys: per-stage JSON strategy files merged as MindSpore 2.10 merges them
(layouts renamed '<stage>-<name>', one file per stage, MindSpore's errors)."""
import inspect
import json

import pytest

import sporax as ms
from sporax._parallel import strategy_file


def _stage_file(path, stage, names):
    json.dump({"current_stage": 1,
               "parallel_strategy_item": {f"op{stage}{names[0]}": {"stage": stage, "parallel_strategys": {}}},
               "parallel_layout_item": {n: {"dev_matrix": [2], "tensor_map": [0, -1]} for n in names}},
              open(path, "w"))


def test_merges_stages_as_mindspore(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    _stage_file(src / "s0_w1.json", 0, ["w1"])
    _stage_file(src / "s1_w2.json", 1, ["w2"])
    _stage_file(src / "s1_w3.json", 1, ["w3"])  # stage 1 again: skipped
    out = tmp_path / "new" / "merged.json"
    assert ms.merge_pipeline_strategys(str(src), str(out)) is None
    # MindSpore 2.10 writes exactly this (for its listing order, which took s1_w3 first there)
    assert json.load(open(out)) == {
        "current_stage": 1,
        "parallel_strategy_item": {"op0w1": {"stage": 0, "parallel_strategys": {}},
                                   "op1w2": {"stage": 1, "parallel_strategys": {}}},
        "parallel_layout_item": {"0-w1": {"dev_matrix": [2], "tensor_map": [0, -1]},
                                 "1-w2": {"dev_matrix": [2], "tensor_map": [0, -1]}}}
    assert strategy_file.read(str(out)) == {"0-w1": [[2], [0, -1]], "1-w2": [[2], [0, -1]]}


def test_bad_input(tmp_path):
    with pytest.raises(NotADirectoryError, match="src_strategy_dirs nodir is not a directory."):
        ms.merge_pipeline_strategys("nodir", str(tmp_path / "m.json"))
    src = tmp_path / "src"
    src.mkdir()
    strategy_file.write(str(src / "a.json"), {"w": ([2], [0])})  # no strategy items: empty for MindSpore
    with pytest.raises(ValueError, match="The strategy file .*a.json is empty"):
        ms.merge_pipeline_strategys(str(src), str(tmp_path / "m.json"))
    (src / "b.ckpt").write_bytes(b"")
    with pytest.raises(ValueError, match="The strategys format should be all '.ckpt' or all '.json'"):
        ms.merge_pipeline_strategys(str(src), str(tmp_path / "m.json"))
    assert not (tmp_path / "m.json").exists()
    with pytest.raises(TypeError, match="'src_strategy_dirs' must be str, but got int"):
        ms.merge_pipeline_strategys(1, "x.json")
    assert str(inspect.signature(ms.merge_pipeline_strategys)) == "(src_strategy_dirs, dst_strategy_file)"
