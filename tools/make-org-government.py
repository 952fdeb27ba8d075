#!/usr/bin/env python3
# make-org-government.py: composes data/gazetteer/org-government.txt (see data/gazetteer/README)
# SPDX-License-Identifier: GPL-3.0-or-later
# Run from the source root: python3 tools/make-org-government.py
bodies = [
    # (full name, [abbreviations])
    ("发展和改革委员会", ["发展改革委", "发改委"]),
    ("教育委员会", ["教委"]),
    ("科学技术和信息化局", ["科信局"]),
    ("经济和信息化局", ["经信局"]),
    ("民政局", []), ("司法局", []), ("财政局", []), ("审计局", []), ("统计局", []),
    ("人力资源和社会保障局", ["人力社保局"]),
    ("住房和城市建设委员会", ["住房城市建设委", "住建委"]),
    ("城市管理委员会", ["城管委"]),
    ("水务局", []), ("商务局", []), ("体育局", []),
    ("文化和旅游局", ["文旅局"]),
    ("卫生健康委员会", ["卫生健康委", "卫健委"]),
    ("退役军人事务局", ["退役军人局"]), ("应急管理局", ["应急局"]),
    ("生态环境局", []), ("税务局", []),
    ("市场监督管理局", ["市场监管局"]),
    ("国有资产监督管理委员会", ["国资委"]),
    ("医疗保障局", ["医保局"]),
    ("政务服务管理局", ["政务服务局"]),
    ("信访办公室", ["信访办"]),
    ("金融服务办公室", ["金融办"]),
    ("城市管理综合行政执法局", ["城管执法局"]),
    ("园林绿化局", []),
    ("人民防空办公室", ["人防办"]),
    ("投资促进局", []),
    ("机关事务管理局", []),
    ("地方志编纂委员会办公室", ["地方志办"]),
    ("档案馆", []),
    ("人民法院", []), ("人民检察院", []),
    ("残疾人联合会", ["残联"]),
    ("总工会", []),
    ("妇女联合会", ["妇联"]),
    ("红十字会", []),
    ("融媒体中心", []),
    ("疾病预防控制中心", ["疾控中心"]),
]
# Departments of the party committee (区委宣传部): named bodies, unlike 区委 itself.
party_bodies = [
    ("宣传部", []), ("组织部", []), ("统战部", []),
    ("政法委员会", ["政法委"]),
    ("社会工作委员会", ["社会工委"]),
    ("教育工作委员会", ["教育工委"]),
    ("机关工作委员会", ["机关工委"]),
    ("网络安全和信息化委员会办公室", ["网信办"]),
    ("机构编制委员会办公室", ["编办"]),
    ("巡察工作领导小组办公室", ["巡察办"]),
    ("老干部局", []), ("党校", []),
]
districts = ["东城区", "西城区"]
lines = []
seen = set()
def add(name):
    if name not in seen:
        seen.add(name)
        lines.append(f"{name}\tORG")
for district in districts:
    add(f"北京市{district}人民政府")
    add(f"{district}人民政府")
    add(f"{district}人民代表大会常务委员会")
    add(f"{district}人大常委会")
    add(f"{district}政协")
    add(f"{district}纪委监委")
def add_departments(departments, of):
    """Each department by its full name and abbreviations, after the district, the
    city and their short forms; @of is 委 for the party committee's (区委宣传部)."""
    for full, abbrs in departments:
        for name in [full] + abbrs:
            for district in districts:
                add(f"北京市{district}{of}{name}")
                add(f"{district}{of}{name}")
            # 区财政局, 区委宣传部: a department named by its function, not one of the
            # generic short references (区委, 区政府, 区人大, 区政协).
            add(f"区{of}{name}")
            add(f"北京市{of}{name}")
            add(f"市{of}{name}")
add_departments(bodies, "")
add_departments(party_bodies, "委")
for body in ["北京金融街服务局", "金融街服务局", "北京市公安局东城分局", "北京市公安局西城分局",
             "东城公安分局", "西城公安分局", "北京市规划和自然资源委员会东城分局",
             "北京市规划和自然资源委员会西城分局", "北京市生态环境局东城分局", "北京市生态环境局西城分局",
             "北京市交通委员会东城管理处", "北京市交通委员会西城管理处"]:
    add(body)
subdistricts = ["东华门", "景山", "交道口", "安定门", "北新桥", "东四", "朝阳门", "建国门", "东直门",
                "和平里", "前门", "崇文门外", "天坛", "体育馆路", "龙潭", "永定门外", "东花市",
                "西长安街", "新街口", "月坛", "展览路", "德胜", "金融街", "什刹海", "大栅栏", "天桥",
                "椿树", "陶然亭", "广安门内", "牛街", "白纸坊", "广安门外"]
for s in subdistricts:
    add(f"{s}街道办事处")
    add(f"{s}街道工委")
header = ("# Government bodies of 东城区 and 西城区 and of the city, by their full names and the\n"
          "# abbreviations reports use (区发展改革委, 区卫健委), with and without the district or\n"
          "# city before them, and the office (办事处) and working committee (工委) of each\n"
          "# subdistrict. Composed by tools/make-org-government.py from the departments of\n"
          "# a Beijing district government. The generic short references of the annotation guide\n"
          "# (区委, 区政府, 区人大, 区政协, 市委, 市政府) are not here: they stay in stop.txt.\n")
open("data/gazetteer/org-government.txt", "w", encoding="utf-8").write(header + "\n".join(lines) + "\n")
print(len(lines))
