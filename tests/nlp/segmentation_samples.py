"""Texts in the style of news for the segmentation tests (kg.segment, the tokenizer, the NER features'
words): names outside the dictionary, Latin and digits inside Chinese, whitespace of every kind, CRLF
lines, full-width punctuation, a sentence longer than the model's 200 characters."""
from __future__ import annotations

from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

TEXTS = [
    "中信证券首席经济学家明明表示，降准的窗口已经打开。他认为，下半年货币政策仍有空间。",
    "国家统计局新闻发言人付凌晖介绍了上月的经济数据！“消费回暖，”他说。",
    "宁德时代董事长曾毓群在股东大会上说，公司2024年研发投入186.07亿元。",
    "腾讯控股（00700.HK）总裁刘炽平在业绩会上说：公司将继续回购。ChatGPT引发热议；A股AI板块上涨3.5%。",
    "  据警方介绍，深圳市公安局已立案调查。\r\n\r\n记者 王磊\t报道\r\n",
    "华为CEO 余承东称，Mate 60 系列\u3000销量超预期。\n\n（完）  ",
    "比亚迪2023年营收6023.15亿元,同比增长42.04%.王传福表示,公司将加大研发投入!",
    "研究员马骁骁、分析师欧阳娜娜认为，美联储年内或降息两次；A股、港股同步走强！",
    "央行" + "货币政策委员会委员认为经济复苏势头良好" * 14 + "。",
    "Apple Inc. CEO Tim Cook said  on Tuesday that sales rose 5%. 苹果公司股价上涨。",
    "\u00a0王磊\u00a0 ",
    " ",
    "",
    "。。。",
    "\n",
    "的的的的的的",
]


def seed_texts() -> list[str]:
    """Gives the seed articles' text files."""
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
