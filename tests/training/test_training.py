"""The trainer (kg_training, its own distribution under training/): the split, CLUENER writing, the CRF, the CLI."""
from __future__ import annotations

import pytest

from kg.ner import NERModel
from kg.ner.files import CNN_FILE
from kg_training.cli import main
from kg_training.cluener import Example, read_cluener, split_indices, train_val_split, write_cluener
from kg_training.crf import CRFSettings, skip_suffixes, train

ROWS = [Example("招商银行行长王良表示。", ((0, 4, "company"), (4, 6, "position"), (6, 8, "name"))),
        Example("证监会主席易会满出席。", ((0, 3, "government"), (3, 5, "position"), (5, 8, "name")))] * 10


def test_split_is_deterministic_and_disjoint():
    tr, va = split_indices(1000)
    assert (tr, va) == split_indices(1000)
    assert len(va) == 100 and not set(tr) & set(va) and len(tr) + len(va) == 1000


def test_cluener_round_trip(tmp_path):
    spans = ((0, 4, "company"), (9, 12, "name"), (12, 14, "position"))
    examples = [Example("浙商银行企业信贷部叶老桂博士", spans)]
    path = write_cluener(examples, tmp_path / "x.json")
    assert '"叶老桂": [[9, 11]]' in path.read_text(encoding="utf-8")
    assert read_cluener(path) == examples


def test_skip_suffixes_come_from_the_training_file():
    assert skip_suffixes() == {"云", "股份", "信息", "数据", "技术"}


def test_retraining_the_crf_drops_a_stale_cnn(tmp_path, capsys):
    # a CNN belongs to the CRF (and lexicons) it was trained beside: kg-train crf removes it
    data = write_cluener(ROWS, tmp_path / "train.json")
    out = tmp_path / "model"
    out.mkdir()
    (out / CNN_FILE).write_bytes(b"old")
    meta = train(data, out, CRFSettings(max_iterations=3, gazetteer_folds=2, full=True))
    assert not (out / CNN_FILE).exists() and "cnn_weight" not in meta
    assert "removed" in capsys.readouterr().err
    assert NERModel.load(out)._experts is None


def test_crf_with_a_validation_split_writes_scores_and_a_card(tmp_path):
    data = write_cluener(ROWS, tmp_path / "train.json")
    meta = train(data, tmp_path / "model", CRFSettings(max_iterations=3, gazetteer_folds=2, val_fraction=0.2))
    assert meta["n_val"] == 4 and 0.0 <= meta["validation"]["macro_f1"] <= 1.0
    card = (tmp_path / "model" / "README.md").read_text(encoding="utf-8")
    assert "research use only" in card.lower() and "Macro F1" in card
    assert not [p.name for p in (tmp_path / "model").iterdir() if p.name.startswith(".")]  # no temp files left


@pytest.mark.parametrize("command", [["crf", "--data", "x.json"], ["split", "--data", "x.json"],
                                     ["cnn", "--data", "x.json"], ["clusters"]])
def test_every_command_needs_out(command, capsys):
    with pytest.raises(SystemExit) as exc:
        main(command)
    assert exc.value.code == 2 and "--out" in capsys.readouterr().err


def test_split_command_writes_the_validation_split(tmp_path, capsys):
    data = write_cluener(ROWS, tmp_path / "train.json")
    assert main(["split", "--data", str(data), "--out", str(tmp_path / "val.json"), "--val-fraction", "0.2"]) == 0
    _, val = train_val_split(ROWS, fraction=0.2)
    assert read_cluener(tmp_path / "val.json") == val
    assert "wrote 4 validation sentences" in capsys.readouterr().out


def test_missing_data_is_a_user_error(tmp_path, capsys):
    assert main(["crf", "--data", str(tmp_path / "absent.json"), "--out", str(tmp_path / "m")]) == 1
    assert "no such file" in capsys.readouterr().err and not (tmp_path / "m").exists()


def test_cnn_module_imports_without_torch():
    # torch and gensim are imported inside the steps that need them, so the CLI works without them
    from kg_training import cnn

    assert cnn.CNNSettings().dilation_list == [1, 2, 3]
