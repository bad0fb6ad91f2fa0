"""The same input gives byte-identical outputs under any hash seed and any --jobs: a real ``kg extract`` on
seeds/ and a made-up corpus where one document writes a name two ways (埃隆·马斯克, 伊隆·马斯克) and then
the bare surname (马斯克), whose speaker a set's order once chose.

All article text written here is made up for the tests.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OUTPUTS = ("graph.json", "graph.graphml", "claims.csv")

ARTICLES = {
    "musk_a.txt": "特斯拉发布新车型\n特斯拉首席执行官埃隆·马斯克表示，公司将在明年推出更便宜的车型。\n"
                  "SpaceX创始人伊隆·马斯克称，星舰将在年底前再次试飞。\n马斯克指出，“我们会继续降低成本。”\n",
    "musk_b.txt": "马斯克谈人工智能\n特斯拉CEO伊隆·马斯克认为，人工智能将改变汽车行业。\n"
                  "埃隆·马斯克此前表示，自动驾驶出租车将在明年上线。\n马斯克说：“这是我们最重要的项目。”\n",
    "analysts.txt": "分析师看后市\n分析师丹尼尔·惠特莫尔表示，市场仍将震荡。\n分析师达尼尔·惠特莫尔称，"
                    "利率还会下行。\n惠特莫尔指出，科技股估值偏高。\n",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("variants")
    for name, text in ARTICLES.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def _extract(inputs: list[str], out: Path, seed: str, *extra: str) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-m", "kg", "extract", *inputs, "--out", str(out), "--no-store",
                           "--quiet", *extra], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def test_outputs_are_byte_identical_under_two_hash_seeds_and_two_jobs(tmp_path, corpus) -> None:
    inputs = [str(ROOT / "seeds"), str(corpus)]
    # seeds 1 and 7 order {埃隆·马斯克, 伊隆·马斯克} differently: the bare 马斯克 went to either
    one = _extract(inputs, tmp_path / "one", "1")
    assert _extract(inputs, tmp_path / "seven", "7") == one
    assert _extract(inputs, tmp_path / "jobs", "2", "--jobs", "2") == one
    assert "马斯克" in one["claims.csv"].decode("utf-8-sig")
