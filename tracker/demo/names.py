"""Plausible Chinese enterprise names, valid USCCs, and project titles."""
from __future__ import annotations

import random

from tracker.rules.uscc import ALPHABET, check_character

# Administrative division codes of Suzhou's districts and county-level cities.
DISTRICT_CODES = {
    "姑苏区": "320508", "虎丘区": "320505", "吴中区": "320506", "相城区": "320507",
    "吴江区": "320509", "苏州工业园区": "320571", "张家港市": "320582", "常熟市": "320581",
    "太仓市": "320585", "昆山市": "320583",
}
PLACE_PREFIX = {"张家港市": "张家港", "常熟市": "常熟", "太仓市": "太仓", "昆山市": "昆山"}
TRADE_NAMES = list("华瑞博纳晶恒创远泰宏科信达盛德润中天海联星云启明微智鼎新锐汇通鑫源凯圣康诺英腾")
CLUSTER_WORDS = {
    "新一代信息技术": ["半导体", "光电科技", "通信技术", "集成电路", "软件技术"],
    "高端装备": ["精密机械", "智能装备", "数控科技", "机器人", "自动化设备"],
    "生物医药及大健康": ["生物医药", "医疗器械", "药业", "生命科学", "基因科技"],
    "新兴数字产业": ["数字科技", "信息科技", "云计算", "数据科技", "网络科技"],
    "新材料": ["新材料", "高分子材料", "纳米科技", "复合材料", "特种合金"],
    "其他": ["实业", "科技发展", "环保科技"],
}
TITLE_PATTERNS = [
    "{w}专利与标准融合示范", "{w}标准必要专利布局", "{w}知识产权和标准协同创新",
    "{w}核心技术专利标准化", "{w}专利密集型产品标准体系建设",
]


def make_uscc(rng: random.Random, district: str) -> str:
    """A USCC with a correct check character: registered by market supervision (9),
    an enterprise (1), the district's division code, a nine-character organisation code."""
    org = "".join(rng.choice(ALPHABET[:10] + "ABCDEFGHJKLMNPQRTUWXY") for _ in range(9))
    first17 = "91" + DISTRICT_CODES[district] + org
    return first17 + check_character(first17)


def make_name(rng: random.Random, district: str, cluster: str) -> str:
    prefix = PLACE_PREFIX.get(district, "苏州")
    trade = "".join(rng.sample(TRADE_NAMES, 2))
    form = "股份有限公司" if rng.random() < 0.3 else "有限公司"
    return f"{prefix}{trade}{rng.choice(CLUSTER_WORDS[cluster])}{form}"


def make_title(rng: random.Random, cluster: str) -> str:
    return rng.choice(TITLE_PATTERNS).format(w=rng.choice(CLUSTER_WORDS[cluster]))
