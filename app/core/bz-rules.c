/* bz-rules.c: patterns for what lists cannot hold
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules follow ANNOTATION_GUIDE.md. A first pass finds numbers (VALUE and
 * DATE), 《》 titles and quoted names; a second pass finds the names in front of
 * head words (PROJECT, PLACE, ORG) and of values (INDICATOR), using the ends of
 * the first pass and the gazetteer's matches as boundaries and anchors.
 */
#include "config.h"

#include <string.h>

#include "bz-offset-sort.h"
#include "bz-rules.h"
#include "bz-text-private.h"

/* ---- word lists (UTF-8; compared code point by code point) ---------------- */

/* Units after Arabic numbers (and after 万/亿). */
static const char *value_units[] = {
  "亿元", "万元", "元", "万元/人", "元/人", "万元/平方米", "元/平方米", "亿美元", "万美元",
  "美元", "平方米", "平方公里", "公里", "千米", "米", "微克/立方米", "毫克/立方米", "立方米", "蒸吨", "吨", "个百分点", "百分点", "%", "％",
  "‰", "人次", "户次", "人份", "批次", "人", "家", "个", "处", "项", "条", "套", "场",
  "座", "辆", "户", "名", "栋", "片", "类", "大类", "所", "部", "次", "件", "张", "只",
  "付", "种", "道", "方面", "成", "倍", "分", "间", "台", "位", "床", "册", "千瓦", "亩",
  "公顷", "支", "批", "轮", "棵", "株", "盏", "块", "班", "起", "单", "笔", "份", "门",
  "余元", "篇", "集", "届", "延长米",
};

/* Measure words after Chinese numerals (三种, 五方面, 两个). */
static const char *cn_units[] = {
  "个", "次", "条", "项", "类", "种", "道", "方面", "家", "成", "名", "人", "户", "座",
  "处", "套", "场", "件", "批", "支", "所", "部", "栋", "大类", "轮", "倍", "片",
};

/* Durations (DATE) after a number. */
static const char *duration_units[] = {
  "个月", "小时", "分钟", "天", "日", "周", "年", "周年",
};

/* Words after a four-digit year that stay in the DATE. */
static const char *year_suffixes[] = {
  "上半年", "下半年", "年底", "年初", "年末", "末", "初", "底", "前", "一季度", "二季度",
  "三季度", "四季度",
};

static const char *month_suffixes[] = {
  "底", "初", "末", "份", "中旬", "上旬", "下旬",
};

/* The end of a 《》 title that names an official document. */
static const char *policy_heads[] = {
  "条例", "规划", "方案", "意见", "办法", "计划", "清单", "规定", "通知", "决定", "纲要",
  "标准", "细则", "措施", "指引", "报告", "制度", "规则", "决议", "要点", "目录", "指南",
  "公告", "章程", "法", "导则", "指标", "准则", "守则", "通告", "批复", "函",
};

static const char *project_heads[] = {
  "项目", "工程", "计划", "行动",
};

/* Quantities: the end of an INDICATOR name. */
static const char *indicator_suffixes[] = {
  "率", "度", "量", "额", "收入", "投资", "消费", "规模", "税收", "能耗", "浓度", "指数",
  "增加值", "总值", "支出", "余额", "比例", "比重", "利润", "产值", "面积", "税", "外资",
  "占比", "成本", "价格",
};

/* Targets met without a number (细颗粒物浓度|达到市级要求, 水耗降低率|完成市下达指标):
 * the quantities before them are INDICATORs (guide rule 8: a value, a change or
 * a target). */
static const char *target_phrases[] = {
  "达到市级要求", "达到市级标准", "达到市级目标", "达到国家标准", "达到国家要求",
  "完成市下达指标", "完成市级下达指标", "完成市下达目标", "完成市下达任务", "完成市级目标",
  "完成年度目标", "完成全年目标",
};

/* Scores of a quantity, one name with it (满意率综合成绩98.8分); alone they
 * name none (综合成绩98.8分). */
static const char *score_words[] = {
  "综合成绩", "综合得分", "成绩", "得分",
};

/* Between an INDICATOR and its VALUE. */
static const char *indicator_links[] = {
  "同比增长", "同比下降", "同比提高", "同比降低", "同比减少", "同比增加", "分别增长",
  "分别下降", "累计增长", "实现", "完成", "达到", "达", "为", "增长", "下降", "提高",
  "降低", "减少", "增加", "上升", "提升", "同比", "分别", "累计", "保持在", "保持", "约",
  "超过", "超", "突破", "增至", "降至", "控制在", "占", "比上年", "较上年", "较",
  "降幅", "增幅", "涨幅", "不低于", "不高于", "不少于", "不超过", "低于", "高于", "仅为", "提升至",
  "提高至", "提高到", "提升到", "下降至", "下降到", "增长至", "增长到", "降低至", "降低到",
};

/* Function words and verbs that end a name on its left (places, organisations,
 * projects and list items). */
static const char *left_stops[] = {
  "推进", "推动", "完成", "启动", "实施", "开展", "加快", "加强", "做好", "抓好", "实现",
  "举办", "召开", "成立", "组建", "设立", "引进", "引入", "入驻", "落户", "围绕", "依托",
  "积极", "全力", "重点", "持续", "继续", "深化", "深入", "坚持", "包括", "其中", "通过",
  "配合", "协调", "支持", "开工", "竣工", "签约", "谋划", "研究", "编制", "制定", "出台",
  "发布", "对接", "参与", "参加", "组织", "策划", "筹备", "落实", "以及", "同时", "进一步",
  "全区", "全市", "本区", "我区", "在", "对", "将", "把", "从", "向", "与", "的", "了",
  "是", "由", "被", "于", "以", "并", "及", "和", "等", "个", "已", "正", "已经", "正在",
  "发挥", "吸引", "新增", "引导", "拆除", "关停", "获得",
};

/* The verbs of works: they end a place's name on its left but stand inside
 * project names (王府井东街提升工程, 龙潭中湖公园改建工程). */
static const char *works_verbs[] = {
  "建设", "建成", "打造", "提升", "改造", "整治", "新建", "服务", "保障", "区级", "市级",
  "重塑", "形成", "梳理", "打通", "完善", "改建", "扩建", "提质", "创建", "打响", "擦亮",
  "强化", "健全", "规范", "优化", "用好", "管好", "盘活", "扩充", "腾退",
};

/* Kinds, not names, before a body's head word (公立医院, 互联网医院, 民营医院). */
static const char *generic_kinds[] = {
  "公立", "民营", "私立", "现代", "互联网", "综合", "专科", "社区", "基层", "定点", "二级",
  "三级", "一级", "中医", "优质", "重点", "高端", "各类", "各级", "相关", "国有", "外资",
  "小微", "中小微", "中小", "科技", "文化", "金融", "医保", "社保", "商业", "村镇",
  "政策性", "股份制", "普惠性", "普惠", "公办", "民办", "特色", "星级",
  "精品", "主题", "国际", "大型", "数字", "网上", "直销", "艺术", "行业", "园区",
};

/* Words that end an INDICATOR name on its left. */
static const char *indicator_stops[] = {
  "成为", "引导", "新增", "累计", "实现", "完成", "达到", "其中", "保持", "推动", "带动",
  "的", "和", "及", "与", "、", "等", "设立", "首个",
};

/* Verbs of change: they give a quantity its value in words (稳步上升, 突破百万), and
 * can end a clause about it (贡献率稳步上升). */
static const char *change_verbs[] = {
  "上升", "提升", "提高", "下降", "降低", "增长", "增加", "减少", "回升", "回落", "攀升",
  "扩大", "缩小", "突破", "翻番", "持平", "下滑",
};

/* Adverbs between a quantity and its verb of change. */
static const char *change_adverbs[] = {
  "稳步", "持续", "不断", "明显", "大幅", "显著", "逐步", "进一步", "均", "也",
};

/* Words that start at the 中 after a number and make it no school's name. */
static const char *not_schools[] = {
  "中心", "中国", "中央", "中华", "中小", "中期", "中间", "中全会", "中旬",
};

/* Words after 等 (or after a count that closes a list) that make the listed
 * items companies: 千寻位置、汇川技术等重点企业, 摩根士丹利等4家外企, 华为、红旗金葵花等
 * 首店, 京投快轨等标杆型孵化器, 故宫文创、京城记等精品商户, 安踏、阿迪等全球旗舰店,
 * 保利影业和光大文化2家大型文创企业, 检疫检测组、市场防疫组等四个专项小组. */
static const char *org_list_heads[] = {
  "企业", "外企", "机构", "首店", "公司", "银行", "孵化器", "商户", "商家", "旗舰店", "门店",
  "央企", "国企", "小组", "工作组",
};

/* Words after 等 that make the listed items places: 东单、南馆等公园,
 * 晏清园等口袋公园, 皇城景山、西总布等片区. */
static const char *place_list_heads[] = {
  "公园", "片区", "街巷", "楼宇", "小区",
};

/* Quantity words besides 率 that end a quantity to raise or lower (提升群众满意度,
 * 降低污染物排放总量). */
static const char *rate_targets[] = {
  "满意度", "总量", "浓度", "比例", "比重", "能耗",
};

/* Words after a body's name that make a branch of it (图书馆分馆, 医院分院). */
static const char *branch_suffixes[] = {
  "分馆", "分院", "分校", "分中心", "分部",
};

/* Words after a count that make it no count of the noun after it (20家|左右). */
static const char *not_nouns[] = {
  "左右", "以上", "以内", "以下", "同比", "增长", "下降", "比上年", "较上年", "的",
};

/* Kinds of company and legal forms after a company's short name: 中信建投|证券,
 * 中国人寿|保险(集团)公司, 北京王府井百货|(集团)股份有限公司. */
static const char *company_kinds[] = {
  "证券", "保险", "银行", "控股", "百货", "投资", "置业", "科技",
};

static const char *company_forms[] = {
  "股份有限公司", "有限责任公司", "有限公司", "公司",
};

/* Verbs of founding: the name of the body founded follows (成立|5G产业联盟). */
static const char *founding_verbs[] = {
  "成立", "组建", "筹建", "设立", "建立",
};

/* Verbs and adverbs before a quantity, which end its qualifiers on the left. */
static const char *indicator_verbs[] = {
  "确保", "目前", "发放", "力争", "共", "接收", "办理", "促进", "提高", "降低", "提升", "带动",
  "加强", "落实", "保持", "稳定", "扩大", "确定", "除", "压减", "压缩",
};

/* Jurisdiction prefixes left out of an INDICATOR. */
static const char *indicator_prefixes[] = {
  "全区", "区级", "全市", "本区", "我区", "全年", "上半年", "下半年", "其中", "同时",
  "区域内", "辖区内", "辖区",
};

typedef enum
{
  HEAD_PLACE,
  HEAD_ORG,
} HeadKind;

/* How a head's name is found on its left, beyond the kind's own rule (a
 * body's name holds the verbs of works, a place's does not). */
typedef enum
{
  HEAD_NAME_USUAL,
  /* 办公室 names a kind of office in every street office (平安建设办公室): its
   * name ends at a verb of works, as a place's does. */
  HEAD_NAME_NO_WORKS,
  /* A school's campus is one body with its school (北京五中东师校区). */
  HEAD_NAME_CAMPUS,
  /* 中心 names a body only after a listed place or body (东四文体中心,
   * 王府井国际品牌中心); alone it is a kind (服务中心) or a place (城市副中心). */
  HEAD_NAME_ANCHORED,
  /* 街道 after a street's name is that street (南北池子大街|街道城市设计导则): no
   * subdistrict is named …大街, …胡同 or …路, and the listed ones are known. */
  HEAD_NAME_SUBDISTRICT,
  /* 局 and 总局 name a body of the State Council after 国家 (国家移民局,
   * 国家体育总局); elsewhere 局 is a word's end (格局, 布局). */
  HEAD_NAME_NATIONAL,
  /* 市场 names a market where the sentence closes, moves or changes it
   * (关停美博汇市场, 新发地市场关停); most 市场 are the economy's (市场主体,
   * 消费市场, 批发市场). */
  HEAD_NAME_MARKET,
} HeadName;

typedef struct
{
  const char *word;
  HeadKind    kind;
  guint       min_name; /* code points of name before the head */
  HeadName    name;
  gboolean    district; /* 区 alone names the district's one body of the kind (区图书馆) */
} HeadWord;

static const HeadWord place_org_heads[] = {
  { "胡同", HEAD_PLACE, 1 }, { "大街", HEAD_PLACE, 2 }, { "大道", HEAD_PLACE, 2 },
  { "公园", HEAD_PLACE, 2 }, { "小区", HEAD_PLACE, 2 }, { "大厦", HEAD_PLACE, 2 },
  { "广场", HEAD_PLACE, 2 }, { "街道", HEAD_PLACE, 2, HEAD_NAME_SUBDISTRICT }, { "后街", HEAD_PLACE, 2 },
  { "斜街", HEAD_PLACE, 2 }, { "北街", HEAD_PLACE, 2 }, { "南街", HEAD_PLACE, 2 },
  { "东街", HEAD_PLACE, 2 }, { "西街", HEAD_PLACE, 2 }, { "中街", HEAD_PLACE, 2 },
  { "旧址", HEAD_PLACE, 2 }, { "故居", HEAD_PLACE, 2 }, { "会馆", HEAD_PLACE, 2 },
  { "遗址", HEAD_PLACE, 2 }, { "绿道", HEAD_PLACE, 2 }, { "东路", HEAD_PLACE, 2 },
  { "西路", HEAD_PLACE, 2 }, { "南路", HEAD_PLACE, 2 }, { "北路", HEAD_PLACE, 2 },
  { "中路", HEAD_PLACE, 2 },
  /* Facilities named after a listed place (西直门综合交通枢纽, 永外城国际文化创意
   * 产业园); alone they are kinds (交通枢纽, 文化产业园). */
  { "产业园", HEAD_PLACE, 2, HEAD_NAME_ANCHORED }, { "枢纽", HEAD_PLACE, 2, HEAD_NAME_ANCHORED },
  { "体育场", HEAD_PLACE, 2, HEAD_NAME_ANCHORED }, { "体育馆", HEAD_PLACE, 2, HEAD_NAME_ANCHORED },
  { "滑冰馆", HEAD_PLACE, 2, HEAD_NAME_ANCHORED },
  { "医院", HEAD_ORG, 2 }, { "博物院", HEAD_ORG, 2 }, { "博物馆", HEAD_ORG, 2, HEAD_NAME_USUAL, TRUE },
  { "公司", HEAD_ORG, 2 }, { "集团", HEAD_ORG, 2 }, { "图书馆", HEAD_ORG, 2, HEAD_NAME_USUAL, TRUE },
  { "中学", HEAD_ORG, 1 }, { "小学", HEAD_ORG, 2 }, { "大学", HEAD_ORG, 2 },
  { "学校", HEAD_ORG, 2 }, { "菜市场", HEAD_ORG, 2 }, { "商城", HEAD_ORG, 2 },
  { "酒店", HEAD_ORG, 2 }, { "纪念馆", HEAD_ORG, 2 }, { "书店", HEAD_ORG, 2 },
  { "协会", HEAD_ORG, 2 }, { "促进会", HEAD_ORG, 2 }, { "联盟", HEAD_ORG, 2 },
  { "领导小组", HEAD_ORG, 2 }, { "指挥部", HEAD_ORG, 2 }, { "基金", HEAD_ORG, 2 },
  { "办公室", HEAD_ORG, 2, HEAD_NAME_NO_WORKS }, { "理事会", HEAD_ORG, 2 }, { "研究院", HEAD_ORG, 2 },
  { "研究所", HEAD_ORG, 2 }, { "基金会", HEAD_ORG, 2 }, { "商会", HEAD_ORG, 2 },
  { "校区", HEAD_ORG, 3, HEAD_NAME_CAMPUS }, { "孵化器", HEAD_ORG, 2 }, { "分行", HEAD_ORG, 2 },
  { "支行", HEAD_ORG, 2 }, { "分公司", HEAD_ORG, 2 },
  { "银行", HEAD_ORG, 2 }, { "幼儿园", HEAD_ORG, 2 }, { "美术馆", HEAD_ORG, 2, HEAD_NAME_USUAL, TRUE },
  { "文化馆", HEAD_ORG, 2, HEAD_NAME_USUAL, TRUE }, { "科技馆", HEAD_ORG, 2, HEAD_NAME_USUAL, TRUE }, { "展览馆", HEAD_ORG, 2 },
  { "档案馆", HEAD_ORG, 2, HEAD_NAME_USUAL, TRUE }, { "艺术馆", HEAD_ORG, 2 }, { "联合会", HEAD_ORG, 2 },
  { "研究会", HEAD_ORG, 2 }, { "俱乐部", HEAD_ORG, 2 }, { "出版社", HEAD_ORG, 2 },
  { "日报社", HEAD_ORG, 2 }, { "交易所", HEAD_ORG, 2 }, { "饭店", HEAD_ORG, 2 },
  { "宾馆", HEAD_ORG, 2 }, { "剧团", HEAD_ORG, 2 }, { "乐团", HEAD_ORG, 2 },
  { "艺术团", HEAD_ORG, 2 }, { "派出所", HEAD_ORG, 2, HEAD_NAME_ANCHORED },
  { "中心", HEAD_ORG, 2, HEAD_NAME_ANCHORED },
  /* Government bodies after the place they serve (西城区人民政府, 北京金融街服务局,
   * 北京市公安局西城分局); alone these are kinds. */
  { "人民政府", HEAD_ORG, 2, HEAD_NAME_ANCHORED }, { "服务局", HEAD_ORG, 2, HEAD_NAME_ANCHORED },
  { "管理局", HEAD_ORG, 2, HEAD_NAME_ANCHORED }, { "税务局", HEAD_ORG, 2, HEAD_NAME_ANCHORED },
  { "公安局", HEAD_ORG, 2, HEAD_NAME_ANCHORED }, { "分局", HEAD_ORG, 2, HEAD_NAME_ANCHORED },
  { "联席会议", HEAD_ORG, 2, HEAD_NAME_ANCHORED }, { "委员会", HEAD_ORG, 2, HEAD_NAME_ANCHORED },
  { "学院", HEAD_ORG, 2, HEAD_NAME_ANCHORED }, { "剧院", HEAD_ORG, 2, HEAD_NAME_ANCHORED },
  { "剧场", HEAD_ORG, 2, HEAD_NAME_ANCHORED }, { "人民法院", HEAD_ORG, 2, HEAD_NAME_ANCHORED },
  { "人民检察院", HEAD_ORG, 2, HEAD_NAME_ANCHORED }, { "党校", HEAD_ORG, 2, HEAD_NAME_ANCHORED },
  { "市场", HEAD_ORG, 2, HEAD_NAME_MARKET },
  { "局", HEAD_ORG, 2, HEAD_NAME_NATIONAL },
  { "先锋队", HEAD_ORG, 2 }, { "突击队", HEAD_ORG, 2 }, { "工程局", HEAD_ORG, 2 },
};

/* What a sentence does to a market it names: before its name or after it. */
static const char *market_verbs_before[] = {
  "关停", "关闭", "拆除", "疏解", "完成", "推动", "推进", "撤并", "腾退", "升级", "改造",
};
static const char *market_verbs_after[] = {
  "关停", "关闭", "疏解", "闭市", "商户", "转型", "升级", "撤并", "拆除", "腾退", "完成",
};
/* Kinds of market, not names (批发市场, 消费市场, A股市场). */
static const char *market_kinds[] = {
  "批发", "农贸", "农产品", "二手", "资本", "金融", "消费", "人才", "劳动力", "房地产",
  "产权", "要素", "国内", "国际", "海外", "股", "个", "专业", "社区", "综合", "便民",
  "跳蚤", "夜", "早", "周末", "蔬菜", "生鲜", "建材", "服装", "小商品", "文化", "旅游",
  "证券", "债券", "期货", "外汇", "保险", "信贷", "货币", "碳排放", "数据", "技术",
};

/* ---- character classes --------------------------------------------------- */

/* 京 in 进京, 返京, 京外; 鄂 in 在鄂: the abbreviation of a province after a verb
 * of movement or 在, or 京 before 外. */
static gboolean
is_province_abbreviation (gunichar c)
{
  return c == 0x4EAC /* 京 */ || c == 0x6D25 /* 津 */ || c == 0x5180 /* 冀 */
         || c == 0x6CAA /* 沪 */ || c == 0x9102 /* 鄂 */;
}

/* The PLACE/ORG head words by their first character: for a character of the
 * BMP, 1 + the first head (in table order) that starts with it, 0 for none;
 * for a head, 1 + the next head with the same first character, 0 for none. */
G_STATIC_ASSERT (G_N_ELEMENTS (place_org_heads) < G_MAXUINT8);

typedef struct
{
  guint8 first[0x10000];
  guint8 next[G_N_ELEMENTS (place_org_heads)];
} HeadIndex;

static const HeadIndex *
head_index (void)
{
  static HeadIndex index;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      /* Backwards, so that each chain runs in table order. */
      for (guint h = G_N_ELEMENTS (place_org_heads); h-- > 0;)
        {
          gunichar first = g_utf8_get_char (place_org_heads[h].word);

          g_assert (first < 0x10000);
          index.next[h] = index.first[first];
          index.first[first] = (guint8) (h + 1);
        }
      g_once_init_leave (&initialized, 1);
    }
  return &index;
}

/* Whether @c starts one of the PLACE/ORG head words. */
static gboolean
head_start (gunichar c)
{
  return c < 0x10000 && head_index ()->first[c] != 0;
}

static inline gboolean
is_digit (gunichar c)
{
  return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

static inline gboolean
is_cnum (gunichar c)
{
  switch (c)
    {
    case 0x96F6: /* 零 */ case 0x3007: /* 〇 */ case 0x4E00: /* 一 */ case 0x4E8C: /* 二 */
    case 0x4E09: /* 三 */ case 0x56DB: /* 四 */ case 0x4E94: /* 五 */ case 0x516D: /* 六 */
    case 0x4E03: /* 七 */ case 0x516B: /* 八 */ case 0x4E5D: /* 九 */ case 0x5341: /* 十 */
    case 0x767E: /* 百 */ case 0x5343: /* 千 */ case 0x4E07: /* 万 */ case 0x4EBF: /* 亿 */
    case 0x4E24: /* 两 */
      return TRUE;
    default:
      return FALSE;
    }
}

/* The value of a one-character count from 2 to 9 (3, ３, 三, 两), else 0. */
static guint
small_count (gunichar c)
{
  static const gunichar numerals[] = { 0x4E8C /* 二 */, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D };

  if (c >= '2' && c <= '9')
    return c - '0';
  if (c >= 0xFF12 && c <= 0xFF19)
    return c - 0xFF10;
  if (c == 0x4E24 /* 两 */)
    return 2;
  for (guint k = 0; k < G_N_ELEMENTS (numerals); k++)
    if (numerals[k] == c)
      return k + 2;
  return 0;
}

static inline gboolean
is_han (gunichar c)
{
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2FFFF);
}

static inline gboolean
is_ascii_alnum (gunichar c)
{
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Characters that may stand inside a name (PROJECT, PLACE, ORG, INDICATOR). */
static inline gboolean
is_name_char (gunichar c)
{
  return is_han (c) || is_ascii_alnum (c) || c == 0x00B7 /* · */ || c == '.';
}

/* Length in code points of @word when it stands at @i, else 0. */
static gsize
word_at (const gunichar *t,
         gsize           n,
         gsize           i,
         const char     *word)
{
  const guchar *p = (const guchar *) word;
  gsize k = 0;

  while (*p != '\0')
    {
      guint len;

      if (i + k >= n || t[i + k] != _bz_utf8_decode (p, &len))
        return 0;
      p += len;
      k++;
    }
  return k;
}

/* Length of @word when it ends just before @i, else 0. */
static gsize
word_before (const gunichar *t,
             gsize           i,
             const char     *word)
{
  gunichar w[16];
  gsize len = 0;

  for (const guchar *p = (const guchar *) word; *p != '\0' && len < G_N_ELEMENTS (w); len++)
    {
      guint l;

      w[len] = _bz_utf8_decode (p, &l);
      p += l;
    }
  if (len > i)
    return 0;
  for (gsize k = len; k > 0; k--)
    if (t[i - len + k - 1] != w[k - 1])
      return 0;
  return len;
}

/* The word lists as code points, made once: matching them is most of the rules' work. */
typedef struct
{
  const char **words;
  gsize        n;
  gunichar    *chars;
  guint       *offsets; /* n + 1 entries into chars */
  /* Which BMP code points start and end a word: most positions fail here. */
  guint8       first[0x10000 / 8];
  guint8       last[0x10000 / 8];
  /* The words by the low eight bits of their first and of their last code
   * point: 1 + the first word of a bucket, and for each word 1 + the next
   * word of its bucket (0 ends it), so that a lookup compares a few words. */
  guint16      by_first[256];
  guint16      by_last[256];
  guint16     *next_first;
  guint16     *next_last;
} CompiledList;

static inline gboolean
bit_test (const guint8 *bits,
          gunichar      c)
{
  return c >= 0x10000 || (bits[c >> 3] & (1 << (c & 7))) != 0;
}

static inline void
bit_set (guint8   *bits,
         gunichar  c)
{
  if (c < 0x10000)
    bits[c >> 3] |= 1 << (c & 7);
}

/* The compiled lists, by the name of their word list. */
enum
{
  LIST_value_units = 0,
  LIST_cn_units = 1,
  LIST_duration_units = 2,
  LIST_year_suffixes = 3,
  LIST_month_suffixes = 4,
  LIST_policy_heads = 5,
  LIST_project_heads = 6,
  LIST_indicator_suffixes = 7,
  LIST_indicator_links = 8,
  LIST_left_stops = 9,
  LIST_indicator_prefixes = 10,
  LIST_head_words = 11,
  LIST_indicator_stops = 12,
  LIST_works_verbs = 13,
  LIST_generic_kinds = 14,
  LIST_indicator_verbs = 15,
  LIST_org_list_heads = 16,
  LIST_change_verbs = 17,
  LIST_change_adverbs = 18,
  LIST_not_schools = 19,
  LIST_place_list_heads = 20,
  LIST_founding_verbs = 21,
  LIST_rate_targets = 22,
  LIST_branch_suffixes = 23,
  LIST_market_verbs_before = 24,
  LIST_market_verbs_after = 25,
  LIST_market_kinds = 26,
  LIST_score_words = 27,
  LIST_target_phrases = 28,
  LIST_company_kinds = 29,
  LIST_company_forms = 30,
  LIST_not_nouns = 31,
  N_LISTS
};

static CompiledList compiled[N_LISTS];

/* What may start at a code point of the BMP, so that most code points cost one lookup. */
enum
{
  CLASS_NUMBER = 1 << 0,
  CLASS_TITLE = 1 << 1,
  CLASS_QUOTE = 1 << 2,
  CLASS_PLACE_HEAD = 1 << 3,
  CLASS_PROJECT_HEAD = 1 << 4,
  CLASS_ABBREVIATION = 1 << 5,
  /* 提 and 降 (提高, 降低), 等, and the last characters of the verbs of change:
   * rare enough to be told apart by comparing. */
  CLASS_MISC = 1 << 6,
};
static guint8 char_class[0x10000];

static inline guint8
class_of (gunichar c)
{
  /* Outside the BMP: nothing starts there but it is checked the long way. */
  return c < 0x10000 ? char_class[c] : 0xFF;
}
static const char *head_words[G_N_ELEMENTS (place_org_heads)];

static void
compile_list (guint        index,
              const char **words,
              gsize        n)
{
  CompiledList *list = &compiled[index];
  GArray *chars = g_array_new (FALSE, FALSE, sizeof (gunichar));

  g_assert (index < G_N_ELEMENTS (compiled));
  g_assert (n < G_MAXUINT16);
  list->words = words;
  list->n = n;
  list->offsets = g_new (guint, n + 1);
  list->next_first = g_new0 (guint16, n);
  list->next_last = g_new0 (guint16, n);
  for (gsize k = 0; k < n; k++)
    {
      list->offsets[k] = chars->len;
      for (const char *p = words[k]; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          g_array_append_val (chars, c);
        }
      if (chars->len > list->offsets[k])
        {
          gunichar first = g_array_index (chars, gunichar, list->offsets[k]);
          gunichar last = g_array_index (chars, gunichar, chars->len - 1);

          bit_set (list->first, first);
          bit_set (list->last, last);
          list->next_first[k] = list->by_first[first & 0xFF];
          list->by_first[first & 0xFF] = (guint16) (k + 1);
          list->next_last[k] = list->by_last[last & 0xFF];
          list->by_last[last & 0xFF] = (guint16) (k + 1);
        }
    }
  list->offsets[n] = chars->len;
  list->chars = (gunichar *) g_array_free (chars, FALSE);
}

#define COMPILE(index, list) compile_list (index, list, G_N_ELEMENTS (list))

static void
compile_lists (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      COMPILE (LIST_value_units, value_units);
      COMPILE (LIST_cn_units, cn_units);
      COMPILE (LIST_duration_units, duration_units);
      COMPILE (LIST_year_suffixes, year_suffixes);
      COMPILE (LIST_month_suffixes, month_suffixes);
      COMPILE (LIST_policy_heads, policy_heads);
      COMPILE (LIST_project_heads, project_heads);
      COMPILE (LIST_indicator_suffixes, indicator_suffixes);
      COMPILE (LIST_indicator_links, indicator_links);
      COMPILE (LIST_left_stops, left_stops);
      COMPILE (LIST_indicator_prefixes, indicator_prefixes);
      COMPILE (LIST_indicator_stops, indicator_stops);
      COMPILE (LIST_works_verbs, works_verbs);
      COMPILE (LIST_generic_kinds, generic_kinds);
      COMPILE (LIST_indicator_verbs, indicator_verbs);
      COMPILE (LIST_org_list_heads, org_list_heads);
      COMPILE (LIST_change_verbs, change_verbs);
      COMPILE (LIST_change_adverbs, change_adverbs);
      COMPILE (LIST_not_schools, not_schools);
      COMPILE (LIST_place_list_heads, place_list_heads);
      COMPILE (LIST_founding_verbs, founding_verbs);
      COMPILE (LIST_rate_targets, rate_targets);
      COMPILE (LIST_branch_suffixes, branch_suffixes);
      COMPILE (LIST_market_verbs_before, market_verbs_before);
      COMPILE (LIST_market_verbs_after, market_verbs_after);
      COMPILE (LIST_market_kinds, market_kinds);
      COMPILE (LIST_score_words, score_words);
      COMPILE (LIST_target_phrases, target_phrases);
      COMPILE (LIST_company_kinds, company_kinds);
      COMPILE (LIST_company_forms, company_forms);
      COMPILE (LIST_not_nouns, not_nouns);
      for (guint h = 0; h < G_N_ELEMENTS (place_org_heads); h++)
        head_words[h] = place_org_heads[h].word;
      COMPILE (LIST_head_words, head_words);
      for (gunichar c = 0; c < 0x10000; c++)
        {
          if (is_digit (c) || is_cnum (c))
            char_class[c] |= CLASS_NUMBER;
          if (head_start (c))
            char_class[c] |= CLASS_PLACE_HEAD;
        }
      char_class[0x300A] |= CLASS_TITLE;
      for (gunichar c = 0x4E00; c < 0xA000; c++)
        if (is_province_abbreviation (c))
          char_class[c] |= CLASS_ABBREVIATION;
      char_class[0x201C] |= CLASS_QUOTE;
      char_class[0x63D0 /* 提 */] |= CLASS_MISC;
      char_class[0x964D /* 降 */] |= CLASS_MISC;
      char_class[0x7B49 /* 等 */] |= CLASS_MISC;
      char_class[0x5BB6 /* 家 */] |= CLASS_MISC;
      char_class[0x5165 /* 入 */] |= CLASS_MISC;
      char_class[0x8FDB /* 进 */] |= CLASS_MISC;
      char_class[0x843D /* 落 */] |= CLASS_MISC;
      char_class[0x8FBE /* 达 */] |= CLASS_MISC;
      char_class[0x5B8C /* 完 */] |= CLASS_MISC;
      for (guint w = 0; w < G_N_ELEMENTS (change_verbs); w++)
        {
          const char *last = g_utf8_offset_to_pointer (change_verbs[w], g_utf8_strlen (change_verbs[w], -1) - 1);

          char_class[g_utf8_get_char (last)] |= CLASS_MISC;
        }
      for (guint h = 0; h < G_N_ELEMENTS (project_heads); h++)
        char_class[g_utf8_get_char (project_heads[h])] |= CLASS_PROJECT_HEAD;
      g_once_init_leave (&initialized, 1);
    }
}

#define LONGEST_AT(t, n, i, list) longest_at (t, n, i, &compiled[LIST_##list])
#define LONGEST_BEFORE(t, i, list) longest_before (t, i, &compiled[LIST_##list])

/* Whether @len code points at @a and @b are the same: the words compared are a
 * few characters long, shorter than a call to memcmp(). */
static inline gboolean
same_code_points (const gunichar *a,
                  const gunichar *b,
                  gsize           len)
{
  for (gsize k = 0; k < len; k++)
    if (a[k] != b[k])
      return FALSE;
  return TRUE;
}

static gsize
longest_at (const gunichar     *t,
            gsize               n,
            gsize               i,
            const CompiledList *list)
{
  gsize best = 0;

  if (i >= n || !bit_test (list->first, t[i]))
    return 0;
  for (guint k1 = list->by_first[t[i] & 0xFF]; k1 != 0; k1 = list->next_first[k1 - 1])
    {
      const gunichar *w = list->chars + list->offsets[k1 - 1];
      gsize len = list->offsets[k1] - list->offsets[k1 - 1];

      if (len > best && i + len <= n && t[i] == w[0] && same_code_points (t + i + 1, w + 1, len - 1))
        best = len;
    }
  return best;
}

static gsize
longest_before (const gunichar     *t,
                gsize               i,
                const CompiledList *list)
{
  gsize best = 0;

  if (i == 0 || !bit_test (list->last, t[i - 1]))
    return 0;
  for (guint k1 = list->by_last[t[i - 1] & 0xFF]; k1 != 0; k1 = list->next_last[k1 - 1])
    {
      const gunichar *w = list->chars + list->offsets[k1 - 1];
      gsize len = list->offsets[k1] - list->offsets[k1 - 1];

      if (len > best && len <= i && t[i - 1] == w[len - 1] && same_code_points (t + i - len, w, len - 1))
        best = len;
    }
  return best;
}

static void
emit_from (GArray            *out,
           gsize              start,
           gsize              end,
           BzEntityKind       kind,
           BzCandidateSource  source)
{
  BzCandidate c = { (gint64) start, (gint64) end, kind, source, BZ_RULE_ORIGIN | BZ_RULE_NONE };

  if (end > start)
    g_array_append_val (out, c);
}

static void
emit (GArray       *out,
      gsize         start,
      gsize         end,
      BzEntityKind  kind)
{
  emit_from (out, start, end, kind, BZ_CANDIDATE_RULE);
}

/* ---- numbers: VALUE and DATE ---------------------------------------------- */

static gsize
arabic_end (const gunichar *t,
            gsize           n,
            gsize           i)
{
  while (i < n && is_digit (t[i]))
    {
      i++;
      if (i + 1 < n && (t[i] == '.' || t[i] == ',') && is_digit (t[i + 1]))
        i++;
    }
  return i;
}

static gsize
cnum_end (const gunichar *t,
          gsize           n,
          gsize           i)
{
  while (i < n && is_cnum (t[i]))
    i++;
  return i;
}

/* A year range after a four-digit year that ends at @j (before 年 or not). */
static gsize
year_range_end (const gunichar *t,
                gsize           n,
                gsize           j)
{
  gsize k = j;

  if (k < n && t[k] == 0x5E74 /* 年 */)
    k++;
  if (k < n && (t[k] == '-' || t[k] == 0x2013 || t[k] == 0x2014 || t[k] == 0x81F3 /* 至 */
                || t[k] == '~' || t[k] == 0xFF5E || t[k] == 0x5230 /* 到 */))
    {
      gsize e = arabic_end (t, n, k + 1);

      if (e == k + 5)
        return e < n && t[e] == 0x5E74 ? e + 1 : e;
    }
  return 0;
}

/* A number inside a short quotation is part of a slogan (“四个中心”, “两个维护”,
 * “金服十条”), not a quantity: within a dozen code points after an opening quote
 * and before the closing one, on the same line. */
static gboolean
in_slogan (const gunichar *t,
           gsize           n,
           gsize           i)
{
  gsize o, c;

  for (o = i; o > 0 && i - o < 12; o--)
    {
      if (t[o - 1] == 0x201C /* “ */)
        break;
      if (t[o - 1] == 0x201D /* ” */ || t[o - 1] == '\n' || t[o - 1] == 0x3002 /* 。 */)
        return FALSE;
    }
  if (o == 0 || t[o - 1] != 0x201C)
    return FALSE;
  for (c = i; c < n && c - o < 12; c++)
    {
      if (t[c] == 0x201D)
        return TRUE;
      if (t[c] == 0x201C || t[c] == '\n' || t[c] == 0x3002)
        return FALSE;
    }
  return FALSE;
}

static inline guint
digit_value (gunichar c)
{
  return c >= 0xFF10 ? c - 0xFF10 : c - '0';
}

/* Whether the four digits at [@i, @j) are a year of 1950-2099 that closes a
 * name (Han before it, a closing quote or mark after) or opens one (an opening
 * quote before it, Han after). */
static gboolean
is_bare_year (const gunichar *t,
              gsize           n,
              gsize           i,
              gsize           j)
{
  guint year = 0;
  gunichar before = i > 0 ? t[i - 1] : 0;
  gunichar after = j < n ? t[j] : 0;

  for (gsize k = i; k < j; k++)
    year = year * 10 + digit_value (t[k]);
  if (year < 1950 || year > 2099)
    return FALSE;
  if (is_han (before) && (after == 0x201D /* ” */ || after == 0x300B /* 》 */))
    return TRUE;
  return before == 0x201C /* “ */ && is_han (after);
}

/* The end of a school's name by its number, 中 or 中学 at @j (一五九|中学, 35|中),
 * or 0: not 中心, 中国, 中央, 中华, 中小, 中期, 中间, 全会. */
static gsize
school_number_end (const gunichar *t,
                   gsize           n,
                   gsize           j)
{
  if (j >= n || t[j] != 0x4E2D /* 中 */ || LONGEST_AT (t, n, j, not_schools) > 0)
    return 0;
  return j + 1 + (j + 1 < n && t[j + 1] == 0x5B66 /* 学 */);
}

/* The length of 北京市 or 北京 before @i, or 0. */
static gsize
beijing_before (const gunichar *t,
                gsize           i)
{
  gsize city = word_before (t, i, "北京市");

  return city > 0 ? city : word_before (t, i, "北京");
}

/* Numbers starting at @i; returns where scanning resumes. @quote_near: an
 * opening quote stands a few code points before. */
static gsize
scan_number (const gunichar *t,
             gsize           n,
             gsize           i,
             gboolean        quote_near,
             GArray         *out)
{
  gboolean arabic = is_digit (t[i]);
  gsize start = i;
  gsize j = arabic ? arabic_end (t, n, i) : cnum_end (t, n, i);
  gsize k, u;

  /* Ordinals, identifiers (H2, 5G, K11, in88) and numbers inside words; a sum
   * or a share right after a Latin name is none of them (实现GDP432.1亿元). */
  if (i > 0 && (t[i - 1] == 0x7B2C /* 第 */ || is_ascii_alnum (t[i - 1]) || t[i - 1] == '.')
      && !(arabic && is_ascii_alnum (t[i - 1])
           && (word_at (t, n, j, "亿元") || word_at (t, n, j, "万元") || word_at (t, n, j, "%"))))
    return j;
  if (arabic && j < n && (is_ascii_alnum (t[j]) || t[j] == 0x53F7 /* 号 */))
    return j;

  /* Beijing's schools by their numbers (北京一中, 北京一五九中学, 161中学, 北京35中):
   * after 北京, or by two Arabic digits or more; one digit alone is a rank more
   * often (前3中). */
  if (j - i <= 3 && (k = school_number_end (t, n, j)) > 0)
    {
      gsize city = beijing_before (t, i);

      if (city > 0 || (arabic && j - i >= 2))
        {
          emit (out, i - city, k, BZ_ENTITY_ORG);
          return k;
        }
    }

  if (arabic)
    {
      /* Years and year ranges. */
      if (j - i == 4)
        {
          gsize r = year_range_end (t, n, j);

          if (r != 0)
            {
              emit (out, start, r, BZ_ENTITY_DATE);
              return r;
            }
          if (j < n && t[j] == 0x5E74 /* 年 */)
            {
              gsize m;

              k = j + 1;
              k += LONGEST_AT (t, n, k, year_suffixes);
              /* A full date is one: 2025年1月8日, 2019年3月底. */
              if (k == j + 1 && k < n && is_digit (t[k]) && (m = arabic_end (t, n, k)) - k <= 2
                  && m < n && t[m] == 0x6708 /* 月 */)
                {
                  k = m + 1;
                  if (k < n && is_digit (t[k]))
                    {
                      gsize d = arabic_end (t, n, k);

                      if (d - k <= 2 && d < n && (t[d] == 0x65E5 /* 日 */ || t[d] == 0x53F7 /* 号 */))
                        k = d + 1;
                    }
                  k += LONGEST_AT (t, n, k, month_suffixes);
                }
              emit (out, start, k, BZ_ENTITY_DATE);
              return k;
            }
          /* A bare year that ends or starts a name (健康西城2030”, “2022北京国际设计周”). */
          if (is_bare_year (t, n, i, j))
            {
              emit (out, start, j, BZ_ENTITY_DATE);
              return j;
            }
        }
      /* Months and days. */
      if (j < n && t[j] == 0x6708 /* 月 */ && j - i <= 2)
        {
          k = j + 1;
          if (k < n && is_digit (t[k]))
            {
              gsize d = arabic_end (t, n, k);

              if (d < n && (t[d] == 0x65E5 /* 日 */ || t[d] == 0x53F7 /* 号 */))
                k = d + 1;
            }
          k += LONGEST_AT (t, n, k, month_suffixes);
          emit (out, start, k, BZ_ENTITY_DATE);
          return k;
        }
    }
  else
    {
      /* Chinese numerals: plan periods are quoted words, ordinals and title
       * counts (十大) are not values; a lone 一 is an article more often than not. */
      /* A lone 万, 亿, 千 or 百 is not a number (万户, 万家, 百年大计), unless
       * near (近万) or more (百余家). */
      if (j - i == 1 && (t[i] == 0x4E07 || t[i] == 0x4EBF || t[i] == 0x5343 || t[i] == 0x767E /* 百 */)
          && !(i > 0 && (t[i - 1] == 0x8FD1 /* 近 */ || t[i - 1] == 0x7EA6 /* 约 */))
          && !(j < n && (t[j] == 0x4F59 /* 余 */ || t[j] == 0x591A /* 多 */)))
        return j;
      if (j - i == 1 && t[i] == 0x4E00 /* 一 */)
        {
          if (j < n && (word_at (t, n, j, "日") || word_at (t, n, j, "季度")))
            {
              emit (out, start, j + (t[j] == 0x65E5 ? 1 : 2), BZ_ENTITY_DATE);
              return j + 1;
            }
          return j;
        }
      if (word_at (t, n, j, "季度"))
        {
          emit (out, start, j + 2, BZ_ENTITY_DATE);
          return j + 2;
        }
    }

  /* Durations: 5天, 两个月, 1.5小时, 三年. */
  u = LONGEST_AT (t, n, j, duration_units);
  if (u > 0 && !(j + u < n && (t[j + u] == 0x6765 /* 来 */ || t[j + u] == 0x7EA7 /* 级 */)))
    {
      emit (out, start, j + u, BZ_ENTITY_DATE);
      return j + u;
    }

  if (quote_near && in_slogan (t, n, i))
    return j;

  /* Values: multiplier, 余/多, unit, 以上/左右/以内/以下, ranges. */
  k = j;
  while (k < n && (t[k] == 0x4E07 /* 万 */ || t[k] == 0x4EBF /* 亿 */ || t[k] == 0x5343 /* 千 */))
    k++;
  if (k < n && (t[k] == 0x4F59 /* 余 */ || t[k] == 0x591A /* 多 */))
    k++;
  while (k < n && (t[k] == 0x4E07 || t[k] == 0x4EBF))
    k++;
  u = arabic ? LONGEST_AT (t, n, k, value_units) : LONGEST_AT (t, n, k, cn_units);
  if (u == 0 && k > j && arabic && t[k - 1] == 0x5343 /* 千 */)
    return j; /* 110千伏: a unit the lists do not hold */
  /* Without a unit a multiplier still makes a value: 1.6万余, 近万 (but not a
   * Chinese numeral alone: 十, 两). */
  if (u == 0 && !(k > j && (arabic || k - i >= 2)))
    {
      /* A range: 2至3家. */
      if (arabic && k < n && (t[k] == 0x81F3 /* 至 */ || t[k] == '-' || t[k] == 0x2014)
          && k + 1 < n && is_digit (t[k + 1]))
        {
          gsize e = arabic_end (t, n, k + 1);
          gsize eu = LONGEST_AT (t, n, e, value_units);

          if (eu > 0)
            {
              emit (out, start, e + eu, BZ_ENTITY_VALUE);
              return e + eu;
            }
        }
      return j;
    }
  k += u;
  /* Title counts: 30强, 九连冠, 十大 (not a unit) were refused above. */
  if (k < n && (t[k] == 0x5F3A /* 强 */))
    return k;
  if (k + 1 < n && ((t[k] == 0x4EE5 && (t[k + 1] == 0x4E0A /* 以上 */ || t[k + 1] == 0x5185 /* 以内 */
                                          || t[k + 1] == 0x4E0B /* 以下 */))
                    || (t[k] == 0x5DE6 && t[k + 1] == 0x53F3) /* 左右 */))
    k += 2;
  else if (k < n && t[k] == 0x4F59 /* 余 */)
    k++;

  if (i > 0 && (t[i - 1] == 0x8FD1 /* 近 */ || t[i - 1] == 0x7EA6 /* 约 */))
    start = i - 1;
  emit (out, start, k, BZ_ENTITY_VALUE);
  return k;
}

/* ---- one-character places -------------------------------------------------- */

static void
scan_abbreviation (const gunichar *t,
                   gsize           n,
                   gsize           i,
                   GArray         *out)
{
  static const gunichar movers[] = {
    0x8FDB /* 进 */, 0x8FD4 /* 返 */, 0x6765 /* 来 */, 0x5728 /* 在 */, 0x8D74 /* 赴 */,
    0x79BB /* 离 */, 0x62B5 /* 抵 */, 0x56DE /* 回 */, 0x51FA /* 出 */, 0x7559 /* 留 */,
    0x9A7B /* 驻 */,
  };
  gboolean before = FALSE;

  if (i > 0)
    for (guint k = 0; k < G_N_ELEMENTS (movers); k++)
      before |= t[i - 1] == movers[k];
  /* Not a word that goes on: 进京证 is fine, 在京剧 is not. */
  if (i + 1 < n && (t[i + 1] == 0x5267 /* 剧 */ || t[i + 1] == 0x5473 /* 味 */))
    return;
  if (before || (t[i] == 0x4EAC && i + 1 < n && t[i + 1] == 0x5916 /* 外 */))
    emit (out, i, i + 1, BZ_ENTITY_PLACE);
}

/* ---- 《》 titles ------------------------------------------------------------ */

static gsize
scan_policy (const gunichar *t,
             gsize           n,
             gsize           i,
             GArray         *out)
{
  int depth = 0;
  gsize k;

  for (k = i; k < n && t[k] != '\n'; k++)
    {
      if (t[k] == 0x300A /* 《 */)
        depth++;
      else if (t[k] == 0x300B /* 》 */ && --depth == 0)
        break;
    }

  if (k < n && t[k] == 0x300B)
    {
      gsize e = k;

      /* A trailing (2018年-2020年) inside the brackets. */
      if (e > i && (t[e - 1] == ')' || t[e - 1] == 0xFF09))
        while (e > i + 1 && t[e - 1] != '(' && t[e - 1] != 0xFF08)
          e--;
      if (e > i + 1 && (t[e - 1] == '(' || t[e - 1] == 0xFF08))
        e--;
      /* A plan named by its horizon: 《中国教育现代化2035》. */
      if (LONGEST_BEFORE (t, e, policy_heads) > 0
          || (e >= i + 7 && is_digit (t[e - 1]) && is_digit (t[e - 2]) && is_digit (t[e - 3])
              && t[e - 4] >= '1' && t[e - 4] <= '2' && is_han (t[e - 5])))
        emit (out, i, k + 1, BZ_ENTITY_POLICY);
      return k + 1;
    }

  /* A title broken by a line break: the part that stands alone. */
  if (k < n && k - i <= 60 && k - i >= 6)
    emit (out, i, k, BZ_ENTITY_POLICY);
  return k;
}

/* ---- quoted names -------------------------------------------------------- */

/* “雪亮工程” is a PROJECT without its quotes; “十三五” a plan period with them. */
static gsize
scan_quote (const gunichar *t,
            gsize           n,
            gsize           i,
            GArray         *out)
{
  gsize k;

  for (k = i + 1; k < n && k - i <= 24 && t[k] != 0x201D /* ” */ && t[k] != '\n'; k++)
    ;
  if (k >= n || t[k] != 0x201D || k == i + 1)
    return i + 1;

  /* “十四五”, and the earlier periods of one numeral (“八五”普法). */
  if ((k - i == 4 && t[i + 1] == 0x5341 /* 十 */ && is_cnum (t[i + 2]) && t[i + 3] == 0x4E94 /* 五 */)
      || (k - i == 3 && is_cnum (t[i + 1]) && t[i + 2] == 0x4E94 /* 五 */))
    {
      emit (out, i, k + 1, BZ_ENTITY_DATE);
      return k + 1;
    }
  for (guint h = 0; h < G_N_ELEMENTS (project_heads); h++)
    if (word_before (t, k, project_heads[h]) > 0 && k - i - 1 > 2)
      {
        emit_from (out, i + 1, k, BZ_ENTITY_PROJECT, BZ_CANDIDATE_CONTEXT);
        break;
      }
  return i + 1;
}

/* ---- names before head words ---------------------------------------------- */

typedef struct
{
  const gunichar *t;
  gsize           n;
  gint32         *anchor_end; /* per start: end of the longest PLACE/ORG/PROJECT match, 0 none */
  guint8         *known_end;  /* 1 where a listed PLACE or ORG ends */
  guint8         *boundary;   /* 1 where a first-pass candidate ends or starts */
  GArray         *out;
} Ctx;

#define STOP_BOUNDARY 4

typedef enum
{
  /* Projects: quotes and parentheses stand inside the name, and so do generic
   * words that end a place's name (核心区, 二期). */
  NAME_QUOTES = 1 << 0,
  /* The verbs of works stand inside the name (王府井东街提升工程, 金融街服务中心). */
  NAME_WORKS = 1 << 1,
} NameFlags;

/* The left edge of the name that ends at @h: punctuation, a first-pass
 * candidate, a stop word or @max code points back. */
static gsize
name_left (const Ctx *ctx,
           gsize      h,
           gsize      max,
           NameFlags  flags)
{
  gboolean allow_quotes = (flags & NAME_QUOTES) != 0;

  gsize s = h;

  while (s > 0 && h - s < max)
    {
      gunichar c = ctx->t[s - 1];
      gsize k;

      /* A listed name that ends here is crossed whole (和平里, 草厂三至十条). */
      for (k = MIN (s, 8); k > 0; k--)
        if ((gsize) ctx->anchor_end[s - k] >= s)
          break;
      if (k > 0)
        {
          s -= k;
          continue;
        }
      /* A generic word ends a place's name (核心区|街道) but not a project's (二期). */
      if (ctx->boundary[s] != 0 && !(allow_quotes && ctx->boundary[s] == STOP_BOUNDARY))
        break;
      if (allow_quotes && (c == 0x201C || c == 0x201D || c == '(' || c == ')'
                           || c == 0xFF08 || c == 0xFF09))
        {
          s--;
          continue;
        }
      if (!is_name_char (c))
        break;
      /* 正 (for 正在) after a verb starts a name: 实现|正阳桥遗址. */
      if (c == 0x6B63 /* 正 */ && s > 1 && LONGEST_BEFORE (ctx->t, s - 1, left_stops) > 1)
        {
          s--;
          continue;
        }
      if (LONGEST_BEFORE (ctx->t, s, left_stops) > 0
          || ((flags & NAME_WORKS) == 0 && LONGEST_BEFORE (ctx->t, s, works_verbs) > 0))
        break;
      s--;
    }
  return s;
}

/* The first gazetteer anchor in [@s, @h), or @h. */
static gsize
first_anchor (const Ctx *ctx,
              gsize      s,
              gsize      h)
{
  for (gsize a = s; a < h; a++)
    if (ctx->anchor_end[a] > 0 && (gsize) ctx->anchor_end[a] <= h)
      return a;
  return h;
}

static gboolean
is_list_separator (gunichar c)
{
  return c == 0x3001 /* 、 */ || c == 0x548C /* 和 */ || c == 0x53CA /* 及 */ || c == 0x4E0E /* 与 */;
}

/* The list item that ends at @e: back to a separator, a boundary or a stop word,
 * within @max characters of a name read with @flags. */
static gsize
item_left (const Ctx *ctx,
           gsize      e,
           gsize      max,
           NameFlags  flags)
{
  gsize b = name_left (ctx, e, max, flags);
  gsize k = e;

  while (k > b && !is_list_separator (ctx->t[k - 1]))
    k--;
  return k;
}

/* Earlier items of a list that shares one head (望坛和天坛项目: 望坛; 豆各庄、两站一街、
 * 定福家园A组团和定福庄项目: all but the last). A list closed by 等 makes every
 * item a PROJECT, and so does an open one that ends with a named project
 * (马圈、北京国际戏剧中心、金鱼池二期西项目). Two
 * characters without a listed name are a generic word (环境、秩序) unless
 * another item of the list (or @named, for the item after them) is a name
 * (宝华里、西革新里、祈西). Returns: whether an item is a name. */
static gboolean
list_items (const Ctx *ctx,
            gsize      a,
            gboolean   closed,
            gboolean   named)
{
  const gunichar *t = ctx->t;
  gsize starts[16], ends[16];
  guint n_items = 0;

  if (!closed && !(a > 1 && is_list_separator (t[a - 1])))
    return FALSE;
  while (a > 1 && is_list_separator (t[a - 1]) && n_items < G_N_ELEMENTS (starts))
    {
      gsize e = a - 1;
      gsize b = item_left (ctx, e, 16, NAME_QUOTES | NAME_WORKS);
      gboolean head = FALSE;

      if (e - b < 2)
        break;
      /* An item that holds a head word is a project of its own, not an item;
       * in an open list, one that holds a verb of works is a task (环境整治、
       * 秩序提升、王府井项目). */
      for (gsize k = b; k + 1 < e && !head; k++)
        head = LONGEST_AT (t, e, k, project_heads) > 0 || (!closed && LONGEST_AT (t, e, k, works_verbs) > 0);
      if (head)
        break;
      starts[n_items] = b;
      ends[n_items++] = e;
      named |= e - b > 2 || first_anchor (ctx, b, e) < e;
      a = b;
    }
  for (guint i = 0; i < n_items; i++)
    if (named)
      emit_from (ctx->out, starts[i], ends[i], BZ_ENTITY_PROJECT, BZ_CANDIDATE_CONTEXT);
  return named;
}

/* …等项目, …等8个重点项目: the 等 that closes a list before @h, or 0. */
static gsize
closing_deng (const gunichar *t,
              gsize           h)
{
  gboolean counted = FALSE;

  for (gsize back = 1; back <= 20 && back <= h; back++)
    {
      gunichar c = t[h - back];

      /* Further than ten code points, a count of projects must stand between
       * (…等8个市政府下达的重点项目, 等年度首批18个…项目; not 等7条道路…工程). */
      if (c == 0x7B49 /* 等 */)
        return back <= 10 || counted ? h - back : 0;
      if (!is_han (c) && !is_digit (c))
        return 0;
      if ((c == 0x4E2A /* 个 */ || c == 0x9879 /* 项 */) && back < h
          && (is_digit (t[h - back - 1]) || is_cnum (t[h - back - 1])))
        counted = TRUE;
    }
  return 0;
}

/* What the items listed before the 等 at @d are: ORG before 等 [N家] [six
 * characters] 企业/机构/…, PLACE before 等 [N处] [four characters] 公园/片区/…;
 * BZ_ENTITY_STOP for neither. */
static BzEntityKind
list_kind_after (const Ctx *ctx,
                 gsize      d)
{
  const gunichar *t = ctx->t;
  gsize k = d + 1;

  while (k < ctx->n && (is_digit (t[k]) || is_cnum (t[k])))
    k++;
  if (k > d + 1 && k < ctx->n && t[k] == 0x5BB6 /* 家 */)
    k++;
  /* …等行业的中小微企业: the items are trades, not companies. */
  for (gsize end = k; end < ctx->n && end <= k + 6 && is_han (t[end]); end++)
    {
      if (t[end] == 0x7684 /* 的 */ || (t[end] == 0x884C /* 行 */ && end + 1 < ctx->n && t[end + 1] == 0x4E1A /* 业 */))
        break;
      /* Groups are named …组 (检疫检测组、市场防疫组等四个专项小组); other items
       * before 小组 are tasks (环境、秩序等工作小组). */
      if ((t[end] == 0x5C0F /* 小 */ && word_at (t, ctx->n, end, "小组") > 0)
          || (t[end] == 0x5DE5 /* 工 */ && word_at (t, ctx->n, end, "工作组") > 0))
        return d > 0 && t[d - 1] == 0x7EC4 /* 组 */ ? BZ_ENTITY_ORG : BZ_ENTITY_STOP;
      /* Markets by their names (天皓成、众合等市场), not their kinds (蔬菜、
       * 服装等市场) nor the parties of a market (投资方、运营方等市场主体). */
      if (t[end] == 0x5E02 /* 市 */ && end + 1 < ctx->n && t[end + 1] == 0x573A /* 场 */)
        return d > 0 && !word_at (t, ctx->n, end + 2, "主体") && LONGEST_BEFORE (t, d, market_kinds) == 0
               && LONGEST_BEFORE (t, d, generic_kinds) == 0 && LONGEST_BEFORE (t, d, works_verbs) == 0
               ? BZ_ENTITY_ORG : BZ_ENTITY_STOP;
      if (LONGEST_AT (t, ctx->n, end, org_list_heads) > 0)
        return BZ_ENTITY_ORG;
    }
  if (k > d + 1 && k < ctx->n && (t[k] == 0x4E2A /* 个 */ || t[k] == 0x5904 /* 处 */ || t[k] == 0x6761 /* 条 */))
    k++;
  for (gsize end = k; end < ctx->n && end <= k + 4 && is_han (t[end]); end++)
    if (LONGEST_AT (t, ctx->n, end, place_list_heads) > 0)
      return BZ_ENTITY_PLACE;
  return BZ_ENTITY_STOP;
}

/* The items of @kind listed before @d, each back to a separator: companies
 * (千寻位置、汇川技术等重点企业) or places (东单、南馆等公园) before 等; companies
 * before a count that closes a list of as many, when @count is not 0 (长保信用、
 * 东亚前海、厚信融创3家大型金融企业, 保利影业和光大文化2家大型文创企业); and at
 * least @min_items of them. A place's item holds no verb of works (打造|金宝大厦)
 * and is no description around a listed place (景泰桥东南铁路沿线). */
static void
scan_list (const Ctx    *ctx,
           gsize         d,
           BzEntityKind  kind,
           guint         count,
           guint         min_items)
{
  const gunichar *t = ctx->t;
  gsize starts[16], ends[16];
  guint n_items = 0;
  gsize e = d;

  if (kind != BZ_ENTITY_ORG && kind != BZ_ENTITY_PLACE)
    return;
  while (n_items < G_N_ELEMENTS (starts))
    {
      gsize b = kind == BZ_ENTITY_ORG ? item_left (ctx, e, 16, NAME_QUOTES | NAME_WORKS)
                                      : item_left (ctx, e, 8, 0);
      /* An item that is a kind of company is no name (首店、旗舰店|入驻). */
      gboolean ok = !(e - b < 2 || e - b > 8 || LONGEST_AT (t, e, b, generic_kinds) == e - b
                      || (kind == BZ_ENTITY_ORG && LONGEST_AT (t, e, b, org_list_heads) == e - b)
                      || (kind == BZ_ENTITY_PLACE && LONGEST_BEFORE (t, e, place_list_heads) > 0));

      for (gsize i = b; i < e && ok; i++)
        ok = !(!is_name_char (t[i]) || is_digit (t[i])
               || (kind == BZ_ENTITY_PLACE && ctx->anchor_end[i] > 0 && (i > b || (gsize) ctx->anchor_end[i] != e)));
      if (!ok)
        break;
      starts[n_items] = b;
      ends[n_items++] = e;
      /* Companies are joined by 和, 与 and 及 too (保利影业和光大文化). */
      if (b == 0 || !(t[b - 1] == 0x3001 /* 、 */ || (kind == BZ_ENTITY_ORG && is_list_separator (t[b - 1]))))
        break;
      e = b - 1;
    }
  if (n_items < min_items
      || (count > 0 && (n_items != count || (starts[n_items - 1] > 0 && is_list_separator (t[starts[n_items - 1] - 1])))))
    return;
  for (guint k = 0; k < n_items; k++)
    emit_from (ctx->out, starts[k], ends[k], kind, BZ_CANDIDATE_CONTEXT);
}

static void
scan_project_head (const Ctx *ctx,
                   gsize      h,
                   gsize      hl)
{
  const gunichar *t = ctx->t;
  gsize s, a, q, deng;

  deng = closing_deng (t, h);
  if (deng > 0)
    {
      gsize b = item_left (ctx, deng, 16, NAME_QUOTES | NAME_WORKS);
      gboolean named = deng - b > 2 || (deng - b == 2 && first_anchor (ctx, b, deng) < deng);

      if (deng - b >= 2)
        named |= list_items (ctx, b, TRUE, named);
      if (deng - b >= 2 && named)
        emit_from (ctx->out, b, deng, BZ_ENTITY_PROJECT, BZ_CANDIDATE_CONTEXT);
      return;
    }

  /* “疏整促”新三年行动计划, “四名”汇智计划: a quotation and a few more characters
   * before the head make the name, whatever the first pass found in them (三年). */
  for (q = h; q > 0 && h - q < 8 && is_name_char (t[q - 1]); q--)
    ;
  if (q < h && q > 0 && t[q - 1] == 0x201D /* ” */)
    {
      gsize o;

      for (o = q - 1; o > 0 && q - o < 16 && t[o - 1] != 0x201C && t[o - 1] != 0x201D && t[o - 1] != '\n'; o--)
        ;
      if (o > 0 && t[o - 1] == 0x201C && q - 1 - o >= 2)
        {
          emit_from (ctx->out, o - 1, h + hl, BZ_ENTITY_PROJECT, BZ_CANDIDATE_CONTEXT);
          return;
        }
    }

  s = name_left (ctx, h, 24, NAME_QUOTES | NAME_WORKS);
  a = first_anchor (ctx, s, h);
  /* The nearest quote before the head: an opening one means the quote wraps
   * the whole name (the quote rule's); a closing one starts the name at its
   * opening quote (“放心肉菜超市”工程, “五力引航·东城区…”试点项目). */
  for (q = h; q > s && t[q - 1] != 0x201C && t[q - 1] != 0x201D; q--)
    ;
  if (q > s && t[q - 1] == 0x201C)
    return;
  if (q > s)
    {
      for (q--; q > s && t[q - 1] != 0x201C; q--)
        ;
      /* A closing quote without its opening one: the name began before. */
      if (q == s)
        return;
      a = q - 1;
    }
  /* Descriptive names run long; a sentence does not make one. */
  if (h - a > 18 && t[a] != 0x201C)
    return;
  if (a == h)
    {
      /* No listed name: a Latin part (K11) with the characters before it. */
      for (a = s; a < h && !(t[a] < 0x80 && is_ascii_alnum (t[a]) && !is_digit (t[a])); a++)
        ;
      if (a == h)
        return;
      while (a > s && is_han (t[a - 1]) && LONGEST_BEFORE (t, a, left_stops) == 0)
        a--;
    }
  emit_from (ctx->out, a, h + hl, BZ_ENTITY_PROJECT, BZ_CANDIDATE_CONTEXT);
  /* “阳光餐饮”“放心肉菜超市”工程: the quoted item before shares the head. */
  if (t[a] == 0x201C && a > 0 && t[a - 1] == 0x201D)
    {
      for (q = a - 1; q > 0 && a - q < 24 && t[q - 1] != 0x201C; q--)
        ;
      if (q > 0 && t[q - 1] == 0x201C && a - 1 - q >= 2)
        emit_from (ctx->out, q, a - 1, BZ_ENTITY_PROJECT, BZ_CANDIDATE_CONTEXT);
      return;
    }
  list_items (ctx, a, FALSE, FALSE);
}

/* The left edge of a body's name, which may hold but not start with a verb of
 * works (知识产权服务联盟, 强化|公立医院). */
static gsize
works_name_left (const Ctx *ctx,
                 gsize      h,
                 gsize      max)
{
  gsize s = name_left (ctx, h, max, NAME_WORKS);
  gsize v;

  while (s < h && (v = LONGEST_AT (ctx->t, h, s, works_verbs)) > 0)
    s += v;
  return s;
}

/* Where the name of a body being founded starts, when a verb of founding (成立,
 * 组建, 筹建, 设立, 建立) ends within twelve characters of names and quotes before
 * @h; else @h. The owner's level is no part of the name (成立区属|直管公房经营管理集团). */
static gsize
founded_name (const Ctx *ctx,
              gsize      h)
{
  const gunichar *t = ctx->t;

  for (gsize s = h; s > 0 && h - s < 12; s--)
    {
      gunichar c = t[s - 1];

      if (h - s >= 2 && LONGEST_BEFORE (t, s, founding_verbs) > 0)
        {
          /* After an amount or a generic word (设立20亿元|产业引导基金, 成立全市|
           * 首个|知识产权服务联盟), and after a first of its kind. */
          for (gsize k = h - 1; k > s; k--)
            if (ctx->boundary[k] != 0)
              {
                s = k;
                break;
              }
          if (t[s] == 0x9996 /* 首 */ && s + 3 < h
              && (t[s + 1] == 0x4E2A /* 个 */ || t[s + 1] == 0x652F /* 支 */ || t[s + 1] == 0x5BB6 /* 家 */))
            s += 2;
          return s + word_at (t, h, s, "区属") + word_at (t, h, s, "市属");
        }
      if (!is_name_char (c) && c != 0x201C /* “ */ && c != 0x201D /* ” */)
        break;
    }
  return h;
}

/* Where the name of a body that opens or settles starts (艺云数字艺术中心|盛大开业,
 * 英特尔科创体验中心|建成开放): up to eight characters from a clear edge before @h,
 * when a verb of opening follows the head; else @h. */
static gsize
opened_name (const Ctx *ctx,
             gsize      h,
             gsize      hl)
{
  static const char *manners[] = { "盛大", "正式", "建成", "整体" };
  static const char *verbs[] = { "开业", "开放", "揭牌", "落成", "启用", "运营", "落地", "落户", "入驻",
                                 "投入使用", "投用", "挂牌" };
  const gunichar *t = ctx->t;
  gsize v = h + hl, s;
  gboolean opens = FALSE;

  for (guint m = 0; m < G_N_ELEMENTS (manners); m++)
    v += word_at (t, ctx->n, v, manners[m]);
  for (guint k = 0; k < G_N_ELEMENTS (verbs) && !opens; k++)
    opens = word_at (t, ctx->n, v, verbs[k]) > 0;
  if (!opens)
    return h;
  s = works_name_left (ctx, h, 8);
  if (h - s < 2 || (s > 0 && is_name_char (t[s - 1]) && ctx->boundary[s] == 0
                    && LONGEST_BEFORE (t, s, left_stops) == 0))
    return h;
  /* A kind of centre that opens somewhere (养老服务中心, 社区卫生服务中心). */
  if (LONGEST_AT (t, h, s, generic_kinds) > 0 || word_before (t, h, "服务") > 0)
    return h;
  return s;
}

/* Whether a centre named from the listed name at @a is rather a kind of facility
 * that each subdistrict or neighbourhood has (和平里街道照料中心, 东四街道养老服务
 * 中心), or a part of a city (城市副中心). */
static gboolean
centre_of_neighbourhood (const Ctx *ctx,
                         gsize      a,
                         gsize      h)
{
  gsize e = (gsize) ctx->anchor_end[a];

  return ctx->t[h - 1] == 0x526F /* 副 */ || word_before (ctx->t, e, "街道") > 0 || word_before (ctx->t, e, "社区") > 0;
}

/* Whether the sentence closes, moves or changes the market whose name runs
 * from @s to @after (关停|…市场, …市场|完成疏解). */
static gboolean
market_done_to (const Ctx *ctx,
                gsize      s,
                gsize      after)
{
  return LONGEST_BEFORE (ctx->t, s, market_verbs_before) > 0
         || LONGEST_AT (ctx->t, ctx->n, after, market_verbs_after) > 0;
}

/* A market the sentence closes, moves or changes (关停|美博汇市场,
 * 新发地市场|关停), not a kind of market (批发市场, 区域性市场, 市场主体). */
static void
scan_market (const Ctx *ctx,
             gsize      h,
             gsize      hl,
             guint      min_name)
{
  const gunichar *t = ctx->t;
  gsize after = h + hl;
  gsize core = h, kind, m;

  /* A name before the kinds names one market of its kind (天意|小商品批发|市场). */
  while (core > 0 && (kind = LONGEST_BEFORE (t, core, market_kinds)) > 0)
    core -= kind;
  if (core < h && core > 1)
    {
      gsize w = name_left (ctx, core, 4, 0);

      if (market_done_to (ctx, w, after) && core - w >= 2 && t[core - 1] != 0x6027 /* 性 */ && t[core - 1] != 0x578B /* 型 */
          && LONGEST_AT (t, core, w, generic_kinds) == 0
          && LONGEST_AT (t, core, w, market_kinds) == 0 && ctx->anchor_end[w] == 0
          && !(after < ctx->n && is_han (t[after]) && LONGEST_AT (t, ctx->n, after, market_verbs_after) == 0))
        {
          /* A count is no name (3个|批发市场); a numeral inside one is (万通). */
          for (gsize k = w; k < core; k++)
            if (!is_han (t[k]) || t[k] == 0x5730 /* 地 */
                || (is_cnum (t[k]) && LONGEST_AT (t, core, k + 1, cn_units) > 0))
              return;
          emit (ctx->out, w, after, BZ_ENTITY_ORG);
        }
      return;
    }

  m = name_left (ctx, h, 5, 0);
  /* …性 and …型 make kinds too (区域性市场, 社区型市场). */
  if (h - m < min_name || !market_done_to (ctx, m, after) || LONGEST_BEFORE (t, h, market_kinds) > 0
      || t[h - 1] == 0x6027 /* 性 */ || t[h - 1] == 0x578B /* 型 */
      || LONGEST_AT (t, h, m, market_kinds) > 0 || LONGEST_AT (t, h, m, generic_kinds) > 0
      || (after < ctx->n && is_han (t[after]) && LONGEST_AT (t, ctx->n, after, market_verbs_after) == 0))
    return;
  for (gsize k = m; k < h; k++)
    if (!is_han (t[k]) || is_cnum (t[k]))
      return;
  emit (ctx->out, m, after, BZ_ENTITY_ORG);
}

/* A school's campus is one body with its school: 北京五中东师校区, 汇文中学北校区,
 * 北京二中分校礼士校区. */
static void
scan_campus (const Ctx *ctx,
             gsize      h,
             gsize      hl,
             guint      min_name)
{
  gsize w = works_name_left (ctx, h, 12);
  gboolean school = FALSE;

  /* Where the reach ends inside a word, the name has no clear edge (新|建北京…). */
  if (w + 12 == h && w > 0 && is_name_char (ctx->t[w - 1]))
    return;
  for (gsize k = w; k < h; k++)
    school |= ctx->t[k] == 0x5B66 /* 学 */ || ctx->t[k] == 0x6821 /* 校 */ || ctx->t[k] == 0x4E2D /* 中 */;
  if (school && h - w >= min_name)
    emit (ctx->out, w, h + hl, BZ_ENTITY_ORG);
}

/* Whether [@s, @h) before a body's head names a kind of body, not one: a kind
 * (公立医院), a kind with two more characters before or after it (区互联网医院,
 * 外资证券公司, 金融控股公司). */
static gboolean
kind_of_body (const gunichar *t,
              gsize           s,
              gsize           h)
{
  gsize at = LONGEST_AT (t, h, s, generic_kinds);
  gsize before = LONGEST_BEFORE (t, h, generic_kinds);

  return at == h - s || (at > 0 && h - s - at <= 2) || (before > 0 && h - s - before <= 2);
}

/* Whether an ordinal (第二, 第12) starts at @i, before @n. */
static gboolean
ordinal_at (const gunichar *t,
            gsize           n,
            gsize           i)
{
  return i + 1 < n && t[i] == 0x7B2C /* 第 */ && (is_digit (t[i + 1]) || is_cnum (t[i + 1]));
}

/* The name of a centre of six characters or more after a verb or a function
 * word (加快|航星园影视科技创新中心|建设, 推进|首都文化金融服务中心), or @h:
 * shorter ones are kinds (养老服务中心), and so are the roles of the city
 * (国际科技创新中心, 国家文化中心) and the centres of a city (国际消费中心城市). */
static gsize
long_centre_name (const Ctx *ctx,
                  gsize      h,
                  gsize      hl)
{
  const gunichar *t = ctx->t;
  gsize s = works_name_left (ctx, h, 12);

  if (h - s < 6 || h - s == 12 || s == 0 || LONGEST_BEFORE (t, s, left_stops) == 0
      || LONGEST_AT (t, h, s, generic_kinds) > 0 || t[s] == 0x533A /* 区 */ || t[s] == 0x5168 /* 全 */
      || (h + hl < ctx->n && (t[h + hl] == 0x57CE /* 城 */ || t[h + hl] == 0x533A /* 区 */)))
    return h;
  for (gsize k = s; k < h; k++)
    if (!is_han (t[k]) || ctx->anchor_end[k] != 0
        || word_at (t, h, k, "国际") > 0 || word_at (t, h, k, "国家") > 0 || word_at (t, h, k, "全国") > 0)
      return h;
  return s;
}

/* Whether @c after 工程 makes a body of engineers, not a project (中国建筑第八
 * 工程局, 工程院, 工程公司). */
static gboolean
engineering_body (gunichar c)
{
  return c == 0x5C40 /* 局 */ || c == 0x9662 /* 院 */ || c == 0x516C /* 公 */ || c == 0x5904 /* 处 */
         || c == 0x5E08 /* 师 */ || c == 0x961F /* 队 */;
}

/* Whether the count that ends at @e counts the noun after it (落实促消费|24条|重点
 * 措施), so that it is no value of the quantity before it. */
static gboolean
counts_noun_after (const gunichar *t,
                   gsize           n,
                   gsize           e)
{
  static const gunichar measures[] = { 0x6761 /* 条 */, 0x9879 /* 项 */, 0x4E2A /* 个 */, 0x5BB6 /* 家 */,
                                       0x5904 /* 处 */, 0x6240 /* 所 */, 0x5EA7 /* 座 */, 0x573A /* 场 */,
                                       0x5957 /* 套 */, 0x4EF6 /* 件 */, 0x6279 /* 批 */, 0x7C7B /* 类 */,
                                       0x79CD /* 种 */ };
  gboolean measure = FALSE;

  if (e == 0 || e >= n || !is_han (t[e]))
    return FALSE;
  for (guint k = 0; k < G_N_ELEMENTS (measures) && !measure; k++)
    measure = t[e - 1] == measures[k];
  if (!measure)
    return FALSE;
  return LONGEST_AT (t, n, e, not_nouns) == 0;
}

/* Whether another office follows the one that ends at @e in a list (…办公室、
 * 党群工作办公室). */
static gboolean
offices_after (const gunichar *t,
               gsize           n,
               gsize           e)
{
  if (e >= n || t[e] != 0x3001 /* 、 */)
    return FALSE;
  for (gsize k = e + 1; k < n && k <= e + 10 && is_han (t[k]); k++)
    if (word_at (t, n, k, "办公室") > 0)
      return TRUE;
  return FALSE;
}

/* The place or body whose name ends with @head, of @hl code points, at @h. */
static void
scan_place_org_head (const Ctx      *ctx,
                     gsize           h,
                     const HeadWord *head,
                     gsize           hl)
{
  /* A body's name holds the verbs of works (知识产权服务联盟), a place's does not
   * (建设|天坛公园). A verb does not start a name (强化|公立医院). */
  gboolean works = head->kind == HEAD_ORG && head->name != HEAD_NAME_NO_WORKS;
  gsize s = works ? works_name_left (ctx, h, 6) : name_left (ctx, h, 6, 0);
  gsize a, wide;
  BzEntityKind kind = head->kind == HEAD_PLACE ? BZ_ENTITY_PLACE : BZ_ENTITY_ORG;

  if (head->name == HEAD_NAME_SUBDISTRICT
      && (word_before (ctx->t, h, "大街") > 0 || word_before (ctx->t, h, "胡同") > 0
          || word_before (ctx->t, h, "路") > 0))
    return;
  if (head->name == HEAD_NAME_MARKET)
    {
      scan_market (ctx, h, hl, head->min_name);
      return;
    }
  if (head->name == HEAD_NAME_CAMPUS)
    {
      scan_campus (ctx, h, hl, head->min_name);
      return;
    }
  if (head->name == HEAD_NAME_NATIONAL)
    {
      /* 总局 counts as the head: 国家|体育|总局. */
      for (gsize p = name_left (ctx, h, 8, 0); p + 4 <= h; p++)
        if (ctx->t[p] == 0x56FD /* 国 */ && ctx->t[p + 1] == 0x5BB6 /* 家 */ && ctx->t[p + 2] != 0x7EA7 /* 级 */)
          {
            emit (ctx->out, p, h + hl, kind);
            break;
          }
      return;
    }
  /* A quoted short name before a body's head is part of its name (“观中”博物馆,
   * “文菁”基金). */
  if (head->kind == HEAD_ORG && head->name == HEAD_NAME_USUAL && h > 2 && ctx->t[h - 1] == 0x201D /* ” */)
    {
      for (gsize q = h - 2; q > 0 && h - q <= 8 && is_han (ctx->t[q]); q--)
        if (ctx->t[q - 1] == 0x201C /* “ */)
          {
            if (h - q >= 3)
              emit (ctx->out, q - 1, h + hl, kind);
            return;
          }
      return;
    }
  a = first_anchor (ctx, s, h);
  /* The first listed name within the wider reach of a body's name, which holds
   * the verbs of works (北京金融街服务中心有限公司), or of a facility's. */
  wide = head->kind == HEAD_ORG || head->name == HEAD_NAME_ANCHORED
         ? first_anchor (ctx, name_left (ctx, h, 14, NAME_WORKS), h) : h;
  /* A centre whose name starts with a listed place further left (北京市|文化产权
   * 交易中心) is named from there; a national role is not a body (金融街|国家金融
   * 管理中心, 全国文化中心). */
  if (head->name == HEAD_NAME_ANCHORED && a == h && wide < h)
    {
      gsize e = (gsize) ctx->anchor_end[wide];

      if (!centre_of_neighbourhood (ctx, wide, h)
          && word_at (ctx->t, h, e, "国家") == 0 && word_at (ctx->t, h, e, "全国") == 0
          && LONGEST_AT (ctx->t, h, e, generic_kinds) < h - e && word_before (ctx->t, h, "服务") == 0)
        {
          emit (ctx->out, wide, h + hl, kind);
          return;
        }
    }
  /* Without a listed name, a centre being founded or opening is a body
   * (筹建|阅读推广中心, 艺云数字艺术中心|盛大开业). */
  if (head->name == HEAD_NAME_ANCHORED && a == h)
    {
      gsize f = founded_name (ctx, h);

      if (f == h)
        f = opened_name (ctx, h, hl);
      if (f == h && hl == 2 && ctx->t[h] == 0x4E2D /* 中 */)
        f = long_centre_name (ctx, h, hl);
      if (f < h)
        emit (ctx->out, f, h + hl, kind);
      return;
    }
  if (head->name == HEAD_NAME_ANCHORED && centre_of_neighbourhood (ctx, a, h))
    return;

  /* A listed name ends with this head (北京医院): the list knows its left edge,
   * unless an ordinal stands before it (第二|人民医院). */
  if (ctx->known_end[h + hl] && !ordinal_at (ctx->t, h, s + (ctx->t[s] == 0x533A /* 区 */)))
    return;

  /* A body's name that starts with a listed place runs longer and holds the
   * verbs of works: 北京金融街服务中心有限公司, 北京金融街合作发展理事会 (from the
   * first listed name within reach). */
  if (head->kind == HEAD_ORG && wide < s && wide < a)
    {
      emit (ctx->out, wide, h + hl, kind);
      return;
    }

  /* Without a listed name, a body being founded is named from the verb, up to
   * twelve characters (成立|5G产业联盟, 建立|抗疫保供蔬菜供销企业联盟), and so is
   * a body whose role is given (发挥|抗疫保供蔬菜供销企业联盟|作用). */
  if (head->kind == HEAD_ORG && a == h)
    {
      gsize f = founded_name (ctx, h);

      if (f == h && word_at (ctx->t, ctx->n, h + hl, "作用") > 0)
        {
          gsize p = h;

          while (p > 0 && h - p < 12 && is_han (ctx->t[p - 1]) && word_before (ctx->t, p, "发挥") == 0)
            p--;
          if (word_before (ctx->t, p, "发挥") > 0)
            f = p;
        }

      if (f + head->min_name <= h && !kind_of_body (ctx->t, f, h))
        {
          emit (ctx->out, f, h + hl, kind);
          return;
        }
    }

  /* Without a listed name, five or six characters make a body's name only from a
   * clear edge (首个|知识产权服务联盟), not from the middle of a phrase. */
  if (a < h)
    {
      s = a;
      /* A branch is named after its parent and its place: 富邦华一银行|北京|分行. */
      if ((ctx->t[h] == 0x5206 /* 分 */ || ctx->t[h] == 0x652F /* 支 */)
          && (word_before (ctx->t, a, "银行") > 0 || word_before (ctx->t, a, "公司") > 0
              || word_before (ctx->t, a, "集团") > 0))
        s = name_left (ctx, a, 10, NAME_WORKS);
    }
  else if (h - s > 4
           && !(works && h - s <= 6
                && (s == 0 || !is_name_char (ctx->t[s - 1]) || ctx->boundary[s] != 0
                    || LONGEST_BEFORE (ctx->t, s, left_stops) > 0)))
    return;
  /* The district's own library, archive or museum: 区|图书馆, where 区 is no
   * end of a word (社区, 园区). */
  if (h - s == 1 && ctx->t[s] == 0x533A /* 区 */ && head->district
      && (s == 0 || !is_han (ctx->t[s - 1]) || ctx->boundary[s] != 0 || LONGEST_BEFORE (ctx->t, s, left_stops) > 0))
    {
      emit (ctx->out, s, h + hl, kind);
      return;
    }
  if (h - s < head->min_name)
    return;
  /* The offices listed in a row are the kinds that every street office has
   * (综合办公室、党群工作办公室、平安建设办公室). */
  if (head->name == HEAD_NAME_NO_WORKS && (offices_after (ctx->t, ctx->n, h + hl)
                                          || (s > 1 && ctx->t[s - 1] == 0x3001 /* 、 */ && word_before (ctx->t, s - 1, "办公室") > 0)))
    return;
  /* A part of a model joined by + is a kind (管委会+平台公司+投融资联盟). */
  if ((s > 0 && (ctx->t[s - 1] == '+' || ctx->t[s - 1] == 0xFF0B /* ＋ */))
      || (h + hl < ctx->n && (ctx->t[h + hl] == '+' || ctx->t[h + hl] == 0xFF0B)))
    return;
  /* A quoted name in a row of quoted ones is a slogan (创建“平安校园”“平安医院”). */
  if (s > 0 && ctx->t[s - 1] == 0x201C /* “ */ && h + hl < ctx->n && ctx->t[h + hl] == 0x201D /* ” */
      && ((h + hl + 1 < ctx->n && ctx->t[h + hl + 1] == 0x201C) || (s > 1 && ctx->t[s - 2] == 0x201D)))
    return;
  /* 公立医院, 区互联网医院, 引导民营医院, 国有资本投资公司, 标杆型孵化器: a kind of
   * body, not one. */
  if (head->kind == HEAD_ORG && a == h && ctx->t[h - 1] == 0x578B /* 型 */)
    return;
  if (head->kind == HEAD_ORG && (LONGEST_AT (ctx->t, h, s, generic_kinds) == h - s
                                 || (a == h && kind_of_body (ctx->t, s, h))
                                 || (a == h && h - s > 4 && LONGEST_AT (ctx->t, h, s, generic_kinds) > 0)))
    return;
  if (head->kind == HEAD_ORG && h - s > 1 && ctx->t[s] == 0x533A /* 区 */
      && LONGEST_AT (ctx->t, h, s + 1, generic_kinds) == h - s - 1)
    return;
  /* The district's 区 before an ordinal name is no part of it (区|第一人民医院). */
  if (ctx->t[s] == 0x533A /* 区 */ && ordinal_at (ctx->t, h, s + 1))
    s++;
  /* A count is no name (3座公园, 两个小区, 一贯制学校); a numeral inside a word is
   * (四达大厦, 富邦华一银行), and so is an ordinal (第一人民医院). */
  for (gsize k = s; k < h; k++)
    if (k > 0 && ctx->t[k - 1] == 0x7B2C /* 第 */)
      continue;
    else if (is_digit (ctx->t[k])
        || (is_cnum (ctx->t[k]) && (k + 1 == h || (k == s && ctx->t[k] == 0x4E00 /* 一 */) || is_cnum (ctx->t[k + 1])
                                    || LONGEST_AT (ctx->t, h, k + 1, cn_units) > 0)))
      return;
  emit (ctx->out, s, h + hl, kind);
}

/* The end of a company's full name after its short name, which ends at @e:
 * a kind of company, (集团) or its country or city in brackets ((中国), (北京))
 * after a few more words, a legal form, or @e. Sets @legal when a legal
 * form ends it (the registered name, which its city may start). */
static gsize
company_tail (const gunichar *t,
              gsize           n,
              gsize           e,
              gboolean       *legal)
{
  gsize k = e + LONGEST_AT (t, n, e, company_kinds);
  gboolean kind = k > e;
  gsize form;

  /* The bracket may follow a few more words of the name (施罗德|投资管理|(北京)). */
  for (gsize b = k; b < n && b <= k + 6; b++)
    {
      if (b + 3 < n && (t[b] == '(' || t[b] == 0xFF08 /* （ */)
          && (word_at (t, n, b + 1, "集团") || word_at (t, n, b + 1, "中国") || word_at (t, n, b + 1, "北京"))
          && (t[b + 3] == ')' || t[b + 3] == 0xFF09 /* ） */) && LONGEST_AT (t, n, b + 4, company_forms) > 0)
        {
          k = b + 4;
          break;
        }
      if (!is_han (t[b]))
        break;
    }
  form = LONGEST_AT (t, n, k, company_forms);
  *legal = form > 0;
  if (form > 0)
    return k + form;
  /* A kind alone is a bank's, an insurer's or a broker's name (中信建投证券). */
  if (kind && k == e + 2 && (word_at (t, n, e, "证券") || word_at (t, n, e, "保险") || word_at (t, n, e, "银行")))
    return k;
  return e;
}

/* Bodies named by more than one name: a branch with its parent, a company with
 * its kind and legal form (中国人寿|保险(集团)公司), a hospital of a university
 * (首都医科大学|附属|北京中医医院), the youth league's committee (共青团|北京市东城区
 * 委员会), a district's body with its district and city, a campus. */
static void
join_bodies (const Ctx    *ctx,
             const GArray *known,
             guint         first)
{
  const gunichar *t = ctx->t;
  guint last = ctx->out->len;

  for (guint pass = 0; pass < 2; pass++)
    {
      const GArray *from = pass == 0 ? known : ctx->out;

      for (guint k = pass == 0 ? 0 : first; k < (pass == 0 ? known->len : last); k++)
        {
          BzCandidate c = g_array_index (from, BzCandidate, k);
          gsize s = (gsize) c.start, e = (gsize) c.end;
          gboolean legal = FALSE;
          gsize tail, b;

          if (c.kind != BZ_ENTITY_ORG)
            continue;
          /* A branch is one body with its parent (王府井书店图书馆|分馆, 某医院|分院);
           * the joins on the left below name the branch too. */
          b = e + LONGEST_AT (t, ctx->n, e, branch_suffixes);
          if (b > e)
            emit (ctx->out, s, b, BZ_ENTITY_ORG);
          tail = company_tail (t, ctx->n, e, &legal);
          if (tail > e)
            {
              gsize city = beijing_before (t, s);

              if (city == 0)
                city = word_before (t, s, "中国");
              emit (ctx->out, legal ? s - city : s, tail, BZ_ENTITY_ORG);
            }
          if (e < ctx->n && t[e] == 0x9644 /* 附 */ && word_at (t, ctx->n, e, "附属"))
            for (guint j = 0; j < 2; j++)
              {
                const GArray *other = j == 0 ? known : ctx->out;

                for (guint m = 0; m < other->len; m++)
                  {
                    const BzCandidate *o = &g_array_index (other, BzCandidate, m);

                    if (o->kind == BZ_ENTITY_ORG && (gsize) o->start == e + 2)
                      emit (ctx->out, s, (gsize) o->end, BZ_ENTITY_ORG);
                  }
              }
          /* A listed 区 body after a district's name is that district's
           * (朝阳|区人民法院), and the city before a district's body is part of
           * its full name (北京市|西城区图书馆). */
          if (t[s] == 0x533A /* 区 */)
            for (gsize p = s > 4 ? s - 4 : 0; p < s; p++)
              if ((gsize) ctx->anchor_end[p] == s + 1)
                {
                  emit (ctx->out, p, b, BZ_ENTITY_ORG);
                  s = p;
                  break;
                }
          if (s > 2 && t[s - 1] == 0x5E02 /* 市 */ && word_before (t, s, "北京市") > 0
              && ((s + 2 < e && t[s + 2] == 0x533A /* 区 */) || (s + 3 < e && t[s + 3] == 0x533A)))
            emit (ctx->out, s - 3, b, BZ_ENTITY_ORG);
          if (s > 0 && t[s - 1] == 0x56E2 /* 团 */ && word_before (t, s, "共青团") > 0)
            emit (ctx->out, s - 3, b, BZ_ENTITY_ORG);
          /* A campus of a school or of its branch (北京二中分校|礼士校区). */
          for (gsize q = b + 1; q <= b + 4 && q + 2 <= ctx->n && is_han (t[q - 1]); q++)
            if (t[q] == 0x6821 /* 校 */ && t[q + 1] == 0x533A /* 区 */)
              {
                emit (ctx->out, s, q + 2, BZ_ENTITY_ORG);
                break;
              }
        }
    }
}

/* Whether a verb before a quantity ends just before @s (共|接收办理…), not the
 * 共 of 公共 (一般公共预算收入). */
static gboolean
indicator_verb_before (const gunichar *t,
                       gsize           s)
{
  gsize len = LONGEST_BEFORE (t, s, indicator_verbs);

  return len > 0 && !(len == 1 && t[s - 1] == 0x5171 /* 共 */ && s > 1 && t[s - 2] == 0x516C /* 公 */);
}

/* Whether the name of a quantity goes on left of @s: a Han character there, and
 * no first-pass entity, listed place or body, stop word, link or verb before a
 * quantity ending there. */
static gboolean
qualifier_goes_on (const Ctx *ctx,
                   gsize      s)
{
  const gunichar *t = ctx->t;

  /* 重点 ends a name elsewhere but qualifies a quantity (重点行业税收). */
  return s > 0 && is_han (t[s - 1]) && !ctx->boundary[s] && !ctx->known_end[s]
         && LONGEST_BEFORE (t, s, indicator_stops) == 0
         && (LONGEST_BEFORE (t, s, left_stops) == 0 || word_before (t, s, "重点") > 0)
         && LONGEST_BEFORE (t, s, indicator_links) == 0 && !indicator_verb_before (t, s);
}

/* Where the qualifiers of a quantity that ends at @e start: up to @max
 * characters back to a clear edge, jurisdictions (全区) left out; @e itself when
 * no edge is within reach, for the name would start inside a phrase. */
static gsize
qualifiers_left (const Ctx *ctx,
                 gsize      e,
                 gsize      max)
{
  gsize s = e;

  while (e - s < max && qualifier_goes_on (ctx, s))
    s--;
  if (qualifier_goes_on (ctx, s))
    return e;
  return s + LONGEST_AT (ctx->t, e, s, indicator_prefixes);
}

/* An indicator whose name starts after 、 shares its quantity word with the
 * item before (转业军官、退役士兵安置满意率): that item, from a clear edge, is
 * an INDICATOR too; and so is every earlier item of the list that names a
 * quantity of its own (响应率、解决率、满意率综合成绩98.8分). */
static void
emit_indicator (const Ctx *ctx,
                gsize      s,
                gsize      e,
                guint8     source)
{
  emit_from (ctx->out, s, e, BZ_ENTITY_INDICATOR, source);
  for (guint k = 0; k < 8 && s > 2 && ctx->t[s - 1] == 0x3001 /* 、 */; k++)
    {
      gsize p = qualifiers_left (ctx, s - 1, 8);

      if (s - 1 - p < 2 || (k > 0 && LONGEST_BEFORE (ctx->t, s - 1, indicator_suffixes) == 0))
        break;
      emit_from (ctx->out, p, s - 1, BZ_ENTITY_INDICATOR, source);
      s = p;
    }
}

/* Where a distance or a time that ends at @s starts (500米, 15分钟), when one
 * does; else @s. */
static gsize
reach_inside_name (const gunichar *t,
                   gsize           s)
{
  static const char *units[] = { "米", "公里", "千米", "分钟", "小时" };
  gsize u = 0, d;

  for (guint k = 0; k < G_N_ELEMENTS (units) && u == 0; k++)
    u = word_before (t, s, units[k]);
  if (u == 0)
    return s;
  for (d = s - u; d > 0 && (is_digit (t[d - 1]) || t[d - 1] == '.'); d--)
    ;
  return d < s - u ? d : s;
}

/* Whether a quantity word (率, 收入, 总值…) or a Latin abbreviation (GDP) ends at @e. */
static gboolean
ends_quantity (const gunichar *t,
               gsize           e)
{
  return e > 0 && (is_ascii_alnum (t[e - 1]) || LONGEST_BEFORE (t, e, indicator_suffixes) > 0);
}

static gsize
scan_indicator (const Ctx *ctx,
                gsize      v,
                gboolean   percent)
{
  const gunichar *t = ctx->t;
  gsize e = v;
  gsize s, link, score;
  gsize max = 14;
  gboolean changed = FALSE;
  gboolean ratio;

  /* Skip the verb between the name and its value: GDP实现1112.6亿元. */
  while ((link = LONGEST_BEFORE (t, e, indicator_links)) > 0)
    {
      changed |= LONGEST_BEFORE (t, e, change_verbs) > 0;
      e -= link;
    }
  /* The basis of a figure stands between the name and its link
   * (地区生产总值|按初步核算数|降幅为3.9%, 按可比价格计算). */
  if (e > 2 && (t[e - 1] == 0x7B97 /* 算 */ || t[e - 1] == 0x6570 /* 数 */)
      && (word_before (t, e, "计算") > 0 || word_before (t, e, "核算") > 0 || word_before (t, e, "核算数") > 0))
    for (gsize k = e - 2; k > 0 && e - k <= 10 && is_han (t[k - 1]); k--)
      if (t[k - 1] == 0x6309 /* 按 */)
        {
          e = k - 1;
          while ((link = LONGEST_BEFORE (t, e, indicator_links)) > 0)
            e -= link;
          break;
        }
  if (e > 0 && (t[e - 1] == 0xFF0C || t[e - 1] == ','))
    return G_MAXSIZE;
  /* A count that rose or fell by a percentage names its quantity without a
   * quantity word (刑事立案下降20%): a short name from a clear edge. */
  if (changed && percent && LONGEST_BEFORE (t, e, indicator_suffixes) == 0)
    {
      s = qualifiers_left (ctx, e, 8);
      if (e - s < 2)
        return G_MAXSIZE;
      emit_indicator (ctx, s, e, BZ_CANDIDATE_RULE);
      return s;
    }
  score = LONGEST_BEFORE (t, e, score_words);
  if (!ends_quantity (t, e - score))
    return G_MAXSIZE;
  /* A listed indicator ends here: the list knows its left edge. */
  if (ctx->boundary[e] == 2)
    return G_MAXSIZE;

  /* A share or an intensity of a listed quantity is one (GDP占比, 税收比重,
   * 研发投入强度). */
  ratio = word_before (t, e, "占比") > 0 || word_before (t, e, "比重") > 0 || word_before (t, e, "强度") > 0;
  s = e;
  for (;;)
    {
      gsize d = reach_inside_name (t, s);

      /* A distance or a time inside the name is part of it, and the name may
       * be longer (轨道交通站点800米|覆盖率, 公园绿地500米服务半径覆盖率), as it may
       * with a gloss in brackets. */
      if (d < s && d > 0 && e - d < 16 && is_han (t[d - 1]))
        {
          s = d;
          max = 18;
          continue;
        }
      /* An identifier in brackets glosses the name: 细颗粒物(PM2.5)年均浓度. */
      if (!(s > 0 && e - s < max
            && (!ctx->boundary[s] || (ratio && e - s == 2 && ctx->boundary[s] == 2)
                || (ctx->boundary[s] != 2 && (t[s] == ')' || t[s] == 0xFF09)))
            && (is_name_char (t[s - 1]) || t[s - 1] == 0x201C || t[s - 1] == 0x201D
                || t[s - 1] == '(' || t[s - 1] == ')' || t[s - 1] == 0xFF08 || t[s - 1] == 0xFF09)))
        break;
      if (t[s - 1] == ')' || t[s - 1] == 0xFF09)
        max = 18;
      /* A rate of a verb is named with the verb (水耗|降低率, 完成率, 支出|压减比例). */
      if ((e - s == 1 && t[s] == 0x7387 /* 率 */) || (e - s == 2 && word_at (t, e, s, "比例") > 0))
        {
          gsize verb = MAX (LONGEST_BEFORE (t, s, indicator_stops), LONGEST_BEFORE (t, s, indicator_verbs));

          if (verb > 1)
            {
              s -= verb;
              continue;
            }
        }
      /* 累计 before the quantity word alone qualifies it (细颗粒物累计浓度). */
      if ((LONGEST_BEFORE (t, s, indicator_stops) > 0
           && !(word_before (t, s, "累计") > 0 && LONGEST_AT (t, e, s, indicator_suffixes) == e - s))
          || indicator_verb_before (t, s))
        break;
      s--;
    }
  /* No edge within reach: the name would start inside a word. */
  if (e - s == max && s > 0 && is_han (t[s - 1]) && !ctx->boundary[s])
    return G_MAXSIZE;
  /* The score of a listed quantity: widen_indicator() names both. */
  if (ctx->boundary[s] == 2 && e - s <= 4 && LONGEST_AT (t, e, s, score_words) == e - s)
    return G_MAXSIZE;
  s += LONGEST_AT (t, e, s, indicator_prefixes);
  if (e - s < 2 || e - s > max)
    return G_MAXSIZE;
  emit_indicator (ctx, s, e, BZ_CANDIDATE_RULE);
  return s;
}

/* A count of things for which a rate of change follows (受理热线诉求33万余件,
 * 同比下降7%): the count's name is an INDICATOR (guide rule 8), from a clear edge
 * up to eight characters before the count that starts at @v and ends at @e. */
static void
scan_count_change (const Ctx *ctx,
                   gsize      v,
                   gsize      e)
{
  const gunichar *t = ctx->t;
  gsize k = e, len, s;

  if (t[e - 1] == '%' || t[e - 1] == 0xFF05 || t[e - 1] == 0x5143 /* 元 */ || LONGEST_BEFORE (t, e, cn_units) == 0)
    return;
  if (k < ctx->n && (t[k] == 0xFF0C /* ， */ || t[k] == ','))
    k++;
  if (word_at (t, ctx->n, k, "同比") == 0)
    return;
  k += 2;
  len = LONGEST_AT (t, ctx->n, k, change_verbs);
  if (len == 0 || k + len >= ctx->n || !is_digit (t[k + len]))
    return;
  s = qualifiers_left (ctx, v, 8);
  /* 受理 is a verb before a count (受理|热线诉求), though part of a rate's name
   * (外卡受理覆盖率). */
  s += word_at (t, v, s, "受理");
  if (v - s >= 2 && LONGEST_BEFORE (t, v, indicator_links) == 0)
    emit_indicator (ctx, s, v, BZ_CANDIDATE_RULE);
}

/* A rate that a sentence sets out to raise or lower is a change without a
 * number (guide rule 8): 提高道路通行率, 提升群众满意度, 降低空置率, and so is a
 * total, a concentration or a share (降低污染物排放总量, 提高绿色建筑比例). The name
 * runs from the verb to 率 (or the other quantity word) where the phrase ends. */
static void
scan_rate_target (const Ctx *ctx,
                  gsize      v)
{
  const gunichar *t = ctx->t;
  gsize s = v + 2;
  gsize e;

  for (e = s; e < ctx->n && e - s < 11 && is_han (t[e]); e++)
    {
      gsize end = 0;

      if (t[e] == 0x7387 /* 率 */)
        end = e + 1;
      else if (LONGEST_AT (t, ctx->n, e, rate_targets) > 0)
        end = e + LONGEST_AT (t, ctx->n, e, rate_targets);
      if (end == 0)
        continue;
      if (end - s >= 3 && (end == ctx->n || !is_han (t[end]) || is_list_separator (t[end])))
        {
          emit (ctx->out, s, end, BZ_ENTITY_INDICATOR);
          /* The next rate of the list is raised too (诉求解决率和|群众满意率). */
          if (end < ctx->n && is_list_separator (t[end]))
            {
              s = end + 1;
              e = end; /* the loop steps to s */
              continue;
            }
        }
      return;
    }
}

/* Whether the change that ends at @v keeps pace with another (增长|与经济增长
 * 基本同步). */
static gboolean
keeps_pace (const gunichar *t,
            gsize           n,
            gsize           v)
{
  if (t[v] != 0x4E0E /* 与 */)
    return FALSE;
  for (gsize k = v + 1; k + 2 <= n && k < v + 14 && is_han (t[k]); k++)
    if (word_at (t, n, k, "同步") > 0)
      return TRUE;
  return FALSE;
}

/* A quantity whose clause ends with a change in words (贡献率稳步上升, 备案家庭
 * 保障率连续4年提升), or whose change keeps pace with another (居民人均可支配
 * 收入增长|与经济增长基本同步): an INDICATOR without a number (guide rule 8).
 * @v is where the verb ends. */
static void
scan_change (const Ctx *ctx,
             gsize      v)
{
  const gunichar *t = ctx->t;
  gsize e, len;

  gsize after = v;

  /* A round number in words is the change's end (总观看量突破|百万). */
  while (after < ctx->n && after < v + 3 && is_cnum (t[after]))
    after++;
  if (after > v && after < ctx->n && is_han (t[after]))
    return;
  if (v < 3 || (after == v && v < ctx->n && is_han (t[v]) && t[v] != 0x548C /* 和 */ && !keeps_pace (t, ctx->n, v)))
    return;
  len = LONGEST_BEFORE (t, v, change_verbs);
  if (len == 0)
    return;
  e = v - len;
  e -= LONGEST_BEFORE (t, e, change_adverbs);
  /* 连续4年 */
  if (e > 0 && t[e - 1] == 0x5E74 /* 年 */)
    {
      gsize k = e - 1;

      while (k > 0 && (is_digit (t[k - 1]) || is_cnum (t[k - 1])))
        k--;
      if (k < e - 1 && word_before (t, k, "连续") > 0)
        e = k - 2;
    }
  scan_indicator (ctx, e, FALSE);
}

/* Quantities that meet a target stated in words (@v starts the phrase of
 * target_phrases): the last before it and each earlier one of its list
 * (单位地区生产总值能耗降幅和细颗粒物浓度|达到市级要求, 万元GDP综合能耗、水耗降低率和
 * 细颗粒物(PM2.5)年均浓度|完成市下达指标). A listed quantity ends the list: the
 * list names it. */
static void
scan_target (const Ctx *ctx,
             gsize      v)
{
  const gunichar *t = ctx->t;
  gsize e = v;

  for (guint k = 0; k < 6; k++)
    {
      gsize s = scan_indicator (ctx, e, FALSE);

      if (s == G_MAXSIZE || s < 2 || (t[s - 1] != 0x548C /* 和 */ && t[s - 1] != 0x53CA /* 及 */ && t[s - 1] != 0x3001 /* 、 */))
        return;
      e = s - 1;
    }
}

/**
 * bz_rules_names_quantity:
 *
 * Whether the name that ends at @e of the code points at @t names a quantity
 * (ends in a quantity word: 率, 收入, 总值…, or is an abbreviation such as GDP)
 * rather than a count of things (常住人口), which is an INDICATOR only with a
 * number in its sentence (ANNOTATION_GUIDE.md, 8).
 *
 * Returns: %TRUE for a quantity
 */
gboolean
bz_rules_names_quantity (const gunichar *t,
                         gsize           e)
{
  g_return_val_if_fail (t != NULL || e == 0, FALSE);

  compile_lists ();
  return ends_quantity (t, e) || (e > 0 && (t[e - 1] == ')' || t[e - 1] == 0xFF09));
}

/* A listed indicator with its qualifiers (群众安全感|满意度, 外贸|进出口总额,
 * 应届|高校毕业生就业率, 数字经济核心产业|增加值): up to eight more characters of
 * a name on its left, to a punctuation mark, a stop word, a listed place or body,
 * or a first-pass entity. */
static void
widen_indicator (const Ctx         *ctx,
                 const BzCandidate *c)
{
  gsize e = (gsize) c->start;
  gsize s = qualifiers_left (ctx, e, 8);
  gsize score;

  /* A share of it is one quantity: 民生投入占财政支出. */
  if (s == e && e > 2 && ctx->t[e - 1] == 0x5360 /* 占 */)
    {
      gsize p = qualifiers_left (ctx, e - 1, 6);

      if (e - 1 - p >= 2)
        s = p;
    }

  /* As the listed name: dropped where its sentence gives no value or change.
   * A score of the quantity is one name with it (满意率综合成绩), and the items
   * of a list before it are quantities too (咨询率、|办结率). */
  score = LONGEST_AT (ctx->t, ctx->n, (gsize) c->end, score_words);
  if (e - s >= 2 || score > 0 || (e > 0 && ctx->t[e - 1] == 0x3001 /* 、 */))
    emit_indicator (ctx, e - s >= 2 ? s : e, (gsize) c->end + score, c->source);
}

/**
 * bz_rules_worded_at:
 *
 * Returns: the length of a change or a target given in words that starts at
 *   @i of the @n code points at @t: a verb of change (增长, 下降, 突破…) or the
 *   phrase of a target met (达到市级要求, 完成市下达指标); 0 for none
 */
gsize
bz_rules_worded_at (const gunichar *t,
                    gsize           n,
                    gsize           i)
{
  g_return_val_if_fail (t != NULL || n == 0, 0);

  compile_lists ();
  return MAX (LONGEST_AT (t, n, i, change_verbs), LONGEST_AT (t, n, i, target_phrases));
}

/**
 * bz_rules_rank_at:
 *
 * Whether a rank without a value starts at @i of the @n code points at @t: a
 * verb of ranking (居, 位居, 位列, 排名, 排在), up to five characters that name
 * the field (城六区, 全市), and 第 with a numeral (增速居城六区第一). A quantity
 * ranked so has no value in the sentence (ANNOTATION_GUIDE.md, 8).
 *
 * Returns: %TRUE for a rank at @i
 */
gboolean
bz_rules_rank_at (const gunichar *t,
                  gsize           n,
                  gsize           i)
{
  static const char *verbs[] = { "位居", "位列", "排名", "排在", "居" };
  gsize k = 0;

  g_return_val_if_fail (t != NULL || n == 0, FALSE);

  if (i >= n || (t[i] != 0x5C45 /* 居 */ && t[i] != 0x4F4D /* 位 */ && t[i] != 0x6392 /* 排 */))
    return FALSE;
  for (guint v = 0; v < G_N_ELEMENTS (verbs) && k == 0; v++)
    k = word_at (t, n, i, verbs[v]);
  if (k == 0)
    return FALSE;
  for (gsize j = i + k; j < n && j <= i + k + 5 && is_han (t[j]); j++)
    if (t[j] == 0x7B2C /* 第 */)
      return j + 1 < n && (is_digit (t[j + 1]) || is_cnum (t[j + 1]));
  return FALSE;
}

/* The classes of code point that the second pass of bz_rules_apply() looks at. */
#define SECOND_PASS (CLASS_MISC | CLASS_PROJECT_HEAD | CLASS_PLACE_HEAD)

/* Appends @i to the positions in @marks, growing it. */
static inline void
mark (gsize **marks,
      gsize  *n_marks,
      gsize  *size,
      gsize   i)
{
  if (*n_marks == *size)
    {
      *size *= 2;
      *marks = g_renew (gsize, *marks, *size);
    }
  (*marks)[(*n_marks)++] = i;
}

static const char *rule_names[BZ_RULE_N_RULES] = {
  [BZ_RULE_NONE] = "none",
  [BZ_RULE_ABBREVIATION] = "abbreviation",
  [BZ_RULE_NUMBER] = "number",
  [BZ_RULE_POLICY] = "policy",
  [BZ_RULE_QUOTE] = "quote",
  [BZ_RULE_RATE_TARGET] = "rate-target",
  [BZ_RULE_LIST] = "list",
  [BZ_RULE_HEAD] = "head",
  [BZ_RULE_STREET_PAIR] = "street-pair",
  [BZ_RULE_SCHOOL] = "school",
  [BZ_RULE_JOIN_BODIES] = "join-bodies",
  [BZ_RULE_PROJECT_HEAD] = "project-head",
  [BZ_RULE_INDICATOR] = "indicator",
  [BZ_RULE_COUNT_CHANGE] = "count-change",
  [BZ_RULE_WIDEN_INDICATOR] = "widen-indicator",
  [BZ_RULE_CHANGE] = "change",
  [BZ_RULE_TARGET] = "target",
};

const char *
bz_rules_get_name (BzRule rule)
{
  g_return_val_if_fail (rule < BZ_RULE_N_RULES, NULL);
  return rule_names[rule];
}

/* The candidates appended to @out since @from came from @rule (every rule
 * only appends). */
static inline void
tag (GArray *out,
     guint   from,
     BzRule  rule)
{
  for (guint k = from; k < out->len; k++)
    g_array_index (out, BzCandidate, k).origin = BZ_RULE_ORIGIN | rule;
}

/* Runs one scan and tags what it found with its rule. */
#define TAGGED(out, rule, call)  \
  G_STMT_START                   \
  {                              \
    guint tag_from_ = (out)->len; \
    call;                        \
    tag ((out), tag_from_, (rule)); \
  }                              \
  G_STMT_END

void
bz_rules_apply (const gunichar *text,
                gsize           n,
                const GArray   *known,
                GArray         *out)
{
  g_autofree gint32 *anchor_end = NULL;
  g_autofree guint8 *boundary = NULL;
  g_autofree guint8 *known_end = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) targets = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) project_at = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autofree gsize *marks = NULL;
  gsize n_marks = 0, marks_size = n / 8 + 16;
  const CompiledList *heads;
  const HeadIndex *index;
  guint first;
  Ctx ctx;

  g_return_if_fail (text != NULL || n == 0);
  g_return_if_fail (known != NULL);
  g_return_if_fail (out != NULL);

  compile_lists ();
  first = out->len;
  /* The first pass also notes where the second has work: one class lookup
   * per code point serves both. */
  marks = g_new (gsize, marks_size);
  for (gsize i = 0, quote = G_MAXSIZE; i < n;)
    {
      gunichar c = text[i];
      guint8 k = class_of (c);
      gsize next = i + 1;

      if (c < 0x10000 && (k & SECOND_PASS) != 0)
        mark (&marks, &n_marks, &marks_size, i);
      if ((k & (CLASS_NUMBER | CLASS_TITLE | CLASS_QUOTE | CLASS_ABBREVIATION)) == 0)
        {
          i = next;
          continue;
        }
      if ((k & CLASS_ABBREVIATION) != 0 && is_province_abbreviation (c))
        TAGGED (out, BZ_RULE_ABBREVIATION, scan_abbreviation (text, n, i, out));
      else if (is_digit (c) || (is_cnum (c) && (i == 0 || !is_cnum (text[i - 1]))))
        TAGGED (out, BZ_RULE_NUMBER, next = scan_number (text, n, i, quote != G_MAXSIZE && i - quote <= 12, out));
      else if (c == 0x300A /* 《 */)
        TAGGED (out, BZ_RULE_POLICY, next = scan_policy (text, n, i, out));
      else if (c == 0x201C /* “ */)
        {
          quote = i;
          TAGGED (out, BZ_RULE_QUOTE, next = scan_quote (text, n, i, out));
        }
      /* The code points a scan went over are the second pass's too. */
      for (gsize m = i + 1; m < next; m++)
        if (text[m] < 0x10000 && (class_of (text[m]) & SECOND_PASS) != 0)
          mark (&marks, &n_marks, &marks_size, m);
      i = next;
    }

  anchor_end = g_new0 (gint32, n + 1);
  boundary = g_new0 (guint8, n + 1);
  known_end = g_new0 (guint8, n + 1);
  for (guint k = 0; k < known->len; k++)
    {
      const BzCandidate *c = &g_array_index (known, BzCandidate, k);

      if (c->kind == BZ_ENTITY_PLACE || c->kind == BZ_ENTITY_ORG || c->kind == BZ_ENTITY_PROJECT)
        anchor_end[c->start] = MAX (anchor_end[c->start], (gint32) c->end);
      if (c->kind == BZ_ENTITY_PLACE || c->kind == BZ_ENTITY_ORG)
        known_end[c->end] = 1;
      else if (c->kind == BZ_ENTITY_DATE)
        boundary[c->end] = 1;
      else if (c->kind == BZ_ENTITY_STOP && boundary[c->end] == 0)
        boundary[c->end] = STOP_BOUNDARY;
    }
  for (guint k = first; k < out->len; k++)
    {
      const BzCandidate *c = &g_array_index (out, BzCandidate, k);

      boundary[c->end] = 1;
    }

  ctx = (Ctx) { text, n, anchor_end, known_end, boundary, out };
  heads = &compiled[LIST_head_words];
  index = head_index ();
  for (gsize p = 0; p < n_marks; p++)
    {
      gsize i = marks[p];
      /* Head words are in the BMP: only BMP code points are marked. */
      guint8 k = class_of (text[i]);

      if ((k & CLASS_MISC) != 0)
        {
          if (i + 2 < n && ((text[i] == 0x63D0 /* 提 */ && (text[i + 1] == 0x9AD8 /* 高 */ || text[i + 1] == 0x5347 /* 升 */))
                            || (text[i] == 0x964D /* 降 */ && text[i + 1] == 0x4F4E /* 低 */)))
            TAGGED (out, BZ_RULE_RATE_TARGET, scan_rate_target (&ctx, i));
          if (text[i] == 0x7B49 /* 等 */)
            TAGGED (out, BZ_RULE_LIST, scan_list (&ctx, i, list_kind_after (&ctx, i), 0, 1));
          /* A count of companies right after a name closes a list of as many. */
          if (text[i] == 0x5BB6 /* 家 */ && i > 1)
            {
              guint count = small_count (text[i - 1]);

              if (count > 0 && is_name_char (text[i - 2]) && !is_digit (text[i - 2]) && !is_cnum (text[i - 2])
                  && text[i - 2] != 0x7B49 /* 等 */ && list_kind_after (&ctx, i - 2) == BZ_ENTITY_ORG)
                TAGGED (out, BZ_RULE_LIST, scan_list (&ctx, i - 1, BZ_ENTITY_ORG, count, 1));
            }
          /* Two or more names that move in are companies (阿迪达斯、纽巴伦、盒马鲜生|入驻,
           * 进驻, 落户). */
          if (i > 0 && i + 1 < n
              && ((text[i + 1] == 0x9A7B /* 驻 */ && (text[i] == 0x5165 /* 入 */ || text[i] == 0x8FDB /* 进 */))
                  || (text[i] == 0x843D /* 落 */ && text[i + 1] == 0x6237 /* 户 */))
              && is_name_char (text[i - 1]) && !is_digit (text[i - 1]))
            TAGGED (out, BZ_RULE_LIST, scan_list (&ctx, i, BZ_ENTITY_ORG, 0, 2));
          if (text[i] == 0x8FBE /* 达 */ || text[i] == 0x5B8C /* 完 */)
            {
              if (i + 2 < n && (text[i + 1] == 0x5230 /* 到 */ || text[i + 1] == 0x6210 /* 成 */)
                  && LONGEST_AT (text, n, i, target_phrases) > 0)
                g_array_append_val (targets, i);
            }
          else if (LONGEST_BEFORE (text, i + 1, change_verbs) > 0)
            g_array_append_val (changes, ((gsize) { i + 1 }));
        }
      /* The project heads are looked at once the places and bodies are known. */
      if ((k & CLASS_PROJECT_HEAD) != 0)
        g_array_append_val (project_at, i);
      if ((k & CLASS_PLACE_HEAD) == 0)
        continue;
      for (guint h1 = index->first[text[i]]; h1 != 0; h1 = index->next[h1 - 1])
        {
          guint h = h1 - 1;
          gsize len = heads->offsets[h + 1] - heads->offsets[h];

          /* The first characters are equal: compare the rest. */
          if (i + len <= n && same_code_points (text + i + 1, heads->chars + heads->offsets[h] + 1, len - 1))
            {
              guint before = out->len;

              TAGGED (out, BZ_RULE_HEAD, scan_place_org_head (&ctx, i, &place_org_heads[h], len));
              /* A road or a body named after one found so far: 自然博物馆|北路. */
              for (guint j = before; j < out->len; j++)
                {
                  const BzCandidate *c = &g_array_index (out, BzCandidate, j);

                  anchor_end[c->start] = MAX (anchor_end[c->start], (gint32) c->end);
                }
              break;
            }
        }
    }
  for (guint k = first; k < out->len; k++)
    {
      const BzCandidate *c = &g_array_index (out, BzCandidate, k);

      if (c->kind == BZ_ENTITY_PLACE || c->kind == BZ_ENTITY_ORG)
        anchor_end[c->start] = MAX (anchor_end[c->start], (gint32) c->end);
    }
  /* A joint name of two streets stays whole (南|北河沿大街, 东|西长安街). */
  for (guint k = 0; k < known->len; k++)
    {
      BzCandidate c = g_array_index (known, BzCandidate, k);
      gunichar lead = c.start > 0 ? text[c.start] : 0;

      if (c.kind == BZ_ENTITY_PLACE && c.end - c.start >= 3
          && ((lead == 0x5317 /* 北 */ && text[c.start - 1] == 0x5357 /* 南 */)
              || (lead == 0x897F /* 西 */ && text[c.start - 1] == 0x4E1C /* 东 */))
          && (c.start < 2 || !is_name_char (text[c.start - 2]) || LONGEST_BEFORE (text, (gsize) c.start - 1, left_stops) > 0))
        TAGGED (out, BZ_RULE_STREET_PAIR, emit (out, (gsize) c.start - 1, (gsize) c.end, BZ_ENTITY_PLACE));
    }
  /* A school by its number after the place it serves (阿尔山|一中, 崇礼|一中),
   * as after 北京 in the first pass. */
  for (guint k = 0; k < known->len; k++)
    {
      BzCandidate c = g_array_index (known, BzCandidate, k);
      gsize j = (gsize) c.end;
      gsize e;

      if (c.kind != BZ_ENTITY_PLACE)
        continue;

      while (j < n && j - (gsize) c.end < 3 && is_cnum (text[j]))
        j++;
      if (j > (gsize) c.end && (e = school_number_end (text, n, j)) > 0)
        TAGGED (out, BZ_RULE_SCHOOL, emit (out, (gsize) c.start, e, BZ_ENTITY_ORG));
    }
  TAGGED (out, BZ_RULE_JOIN_BODIES, join_bodies (&ctx, known, first));

  for (guint p = 0, next = 0; p < project_at->len; p++)
    {
      gsize i = g_array_index (project_at, gsize, p);
      gunichar c = text[i];

      if (i < next)
        continue;
      if ((c == 0x9879 /* 项 */ || c == 0x5DE5 /* 工 */ || c == 0x8BA1 /* 计 */ || c == 0x884C /* 行 */)
          && LONGEST_AT (text, n, i, project_heads) > 0
          && !(c == 0x5DE5 && i + 2 < n && engineering_body (text[i + 2])))
        {
          gsize hl = 2;

          /* 行动计划 is one head. */
          if (c == 0x884C && word_at (text, n, i + 2, "计划"))
            hl = 4;
          TAGGED (out, BZ_RULE_PROJECT_HEAD, scan_project_head (&ctx, i, hl));
          next = i + hl;
        }
    }

  /* Indicators: before each value found by the first pass; a project or an
   * indicator of the lists ends the name on its left. */
  {
    guint last = out->len;

    for (guint k = first; k < last; k++)
      {
        const BzCandidate *c = &g_array_index (out, BzCandidate, k);

        if (c->kind == BZ_ENTITY_PROJECT)
          boundary[c->end] = 1;
      }
    for (guint k = 0; k < known->len; k++)
      {
        const BzCandidate *c = &g_array_index (known, BzCandidate, k);

        if (c->kind == BZ_ENTITY_INDICATOR)
          boundary[c->end] = 2;
      }
    for (guint k = first; k < last; k++)
      {
        BzCandidate c = g_array_index (out, BzCandidate, k);

        if (c.kind == BZ_ENTITY_VALUE)
          {
            if (!counts_noun_after (text, n, (gsize) c.end))
              TAGGED (out, BZ_RULE_INDICATOR,
                      scan_indicator (&ctx, c.start, text[c.end - 1] == '%' || text[c.end - 1] == 0xFF05 /* ％ */));
            TAGGED (out, BZ_RULE_COUNT_CHANGE, scan_count_change (&ctx, c.start, c.end));
          }
      }
    for (guint k = 0; k < known->len; k++)
      {
        const BzCandidate *c = &g_array_index (known, BzCandidate, k);

        if (c->kind == BZ_ENTITY_INDICATOR)
          TAGGED (out, BZ_RULE_WIDEN_INDICATOR, widen_indicator (&ctx, c));
      }
    for (guint k = 0; k < changes->len; k++)
      TAGGED (out, BZ_RULE_CHANGE, scan_change (&ctx, g_array_index (changes, gsize, k)));
    for (guint k = 0; k < targets->len; k++)
      TAGGED (out, BZ_RULE_TARGET, scan_target (&ctx, g_array_index (targets, gsize, k)));
  }

  bz_offset_sort (out->data, out->len, sizeof (BzCandidate), G_STRUCT_OFFSET (BzCandidate, start), n);
}
