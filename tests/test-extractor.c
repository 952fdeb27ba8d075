/* test-extractor.c: gazetteers, rules, folding, external extractors, gold scores
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <biaozhu.h>
#include <string.h>

#include "bz-external-extractor.h"
#include "bz-gazetteer.h"

static BzExtractor *shared_extractor;

static BzExtractor *
get_extractor (void)
{
  if (shared_extractor == NULL)
    {
      g_autoptr(GError) error = NULL;

      shared_extractor = bz_extractor_new (NULL, &error);
      g_assert_no_error (error);
    }
  return shared_extractor;
}

/* "SURFACE/LABEL" for each span, joined with spaces. */
static char *
describe (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = bz_extractor_extract (get_extractor (), text, &error);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < spans->len; i++)
    {
      BzSpan *span = g_ptr_array_index (spans, i);
      g_autofree char *cut = bz_utf8_substring (text, bz_span_get_start (span), bz_span_get_end (span));

      /* The surface is what the offsets cut from the text. */
      g_assert_cmpstr (bz_span_get_surface (span), ==, cut);
      g_assert_cmpstr (bz_span_get_origin (span), ==, "extractor@" PACKAGE_VERSION);
      g_assert_cmpint (bz_span_get_status (span), ==, BZ_SPAN_SUGGESTED);
      g_string_append_printf (out, "%s%s/%s", out->len > 0 ? " " : "",
                              bz_span_get_surface (span), bz_span_get_label (span));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_spans (const char *text,
              const char *expected)
{
  g_autofree char *got = describe (text);

  g_assert_cmpstr (got, ==, expected);
}

/* Whether the extraction of @text holds "SURFACE/LABEL" (and, with @absent, not). */
static void
assert_has (const char *text,
            const char *item)
{
  g_autofree char *got = describe (text);
  g_autofree char *padded = g_strdup_printf (" %s ", got);
  g_autofree char *needle = g_strdup_printf (" %s ", item);

  if (strstr (padded, needle) == NULL)
    g_error ("“%s” not found in the spans of “%s”: %s", item, text, got);
}

static void
test_indicator_and_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) matches = NULL;
  const BzExtractorMatch *m;

  /* The guide's own example, with exact offsets. */
  matches = bz_extractor_match (get_extractor (), "GDP实现1112.6亿元,同比增长6.3%", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (matches->len, ==, 3);
  m = &g_array_index (matches, BzExtractorMatch, 0);
  g_assert_cmpint (m->start, ==, 0);
  g_assert_cmpint (m->end, ==, 3);
  g_assert_cmpstr (m->label, ==, "INDICATOR");
  m = &g_array_index (matches, BzExtractorMatch, 1);
  g_assert_cmpint (m->start, ==, 5);
  g_assert_cmpint (m->end, ==, 13);
  g_assert_cmpstr (m->label, ==, "VALUE");
  m = &g_array_index (matches, BzExtractorMatch, 2);
  g_assert_cmpint (m->start, ==, 18);
  g_assert_cmpint (m->end, ==, 22);
  g_assert_cmpstr (m->label, ==, "VALUE");

  assert_spans ("全区实现一般公共预算收入97.8亿元,同比增长7%。",
                "一般公共预算收入/INDICATOR 97.8亿元/VALUE 7%/VALUE");
  /* A quantity named after the verb: only the quantity. */
  assert_has ("文化创意产业实现增加值159.7亿元", "增加值/INDICATOR");
  /* A measure defined by its qualifiers, from the rule rather than a list. */
  assert_has ("疏整促工作群众满意度达到87.1%。", "疏整促工作群众满意度/INDICATOR");
  assert_has ("细颗粒物累计浓度为57微克/立方米", "57微克/立方米/VALUE");
}

static void
test_values (void)
{
  /* A sum right after a Latin name is a value, an identifier is not. */
  assert_spans ("实现GDP432.1亿元,建设5G基站", "GDP/INDICATOR 432.1亿元/VALUE");
  assert_spans ("共拆除违法建设1024处、10.4万平方米,治理开墙打洞385处",
                "1024处/VALUE 10.4万平方米/VALUE 385处/VALUE");
  /* Qualifiers that belong to the number stay, verbs and 超 do not. */
  assert_spans ("吸引300余家企业,近万人参与,超5万家商户", "300余家/VALUE 近万人/VALUE 5万家/VALUE");
  assert_spans ("九成以上的居民,2至3家医院,五方面的措施", "九成以上/VALUE 2至3家/VALUE 五方面/VALUE");
  /* Ordinals, identifiers and title counts are not values. */
  assert_spans ("第一次会议,5G基站,12345热线", "");
  /* A multiplier alone is not a number. */
  assert_spans ("服务万户千家", "");
  assert_spans ("实现第一个百年奋斗目标", "");
  assert_spans ("百余家企业入驻", "百余家/VALUE");
  /* Bounds stay with the number; 延长米 is a unit. */
  assert_spans ("失业率控制在1.5%以内,垂直绿化3000延长米", "失业率/INDICATOR 1.5%以内/VALUE 3000延长米/VALUE");
  /* Numbers in slogans are not quantities. */
  assert_spans ("坚决做到“两个维护”,推动“四个中心”功能建设,落实“金服十条”", "");
}

static void
test_dates (void)
{
  /* A bare year that ends or starts a name; not a count. */
  assert_spans ("落实“健康西城2030”规划纲要", "西城/PLACE 2030/DATE");
  assert_has ("参加“2022北京国际设计周”", "2022/DATE");
  assert_spans ("新增2030个车位", "2030个/VALUE");
  /* Plan periods of one numeral too. */
  assert_spans ("确保“八五”普法圆满收官", "“八五”/DATE");
  assert_spans ("完成2018-2020年疏整促工作社会稳定风险评估", "2018-2020年/DATE");
  assert_spans ("“十三五”时期,2019年上半年,9月底前,6月30日", "“十三五”/DATE 2019年上半年/DATE 9月底/DATE 6月30日/DATE");
  assert_spans ("一季度,连续两年,春节期间", "一季度/DATE 两年/DATE 春节/DATE");
  assert_spans ("打造15分钟生活圈,综合成绩98.8分", "15分钟/DATE 98.8分/VALUE");
  assert_spans ("纪念建院75周年", "75周年/DATE");
  /* A full date is one. */
  assert_spans ("2025年1月8日在北京召开,2019年3月底前完成", "2025年1月8日/DATE 北京/PLACE 2019年3月底/DATE");
}

static void
test_policies (void)
{
  assert_spans ("研究制定《东城区推进<首都核心功能区控制性详细规划>编制工作任务清单》。",
                "《东城区推进<首都核心功能区控制性详细规划>编制工作任务清单》/POLICY");
  assert_spans ("印发《东城区养老服务设施三年行动计划(2018年-2020年)》",
                "《东城区养老服务设施三年行动计划(2018年-2020年)》/POLICY");
  /* A plan named by its horizon. */
  assert_spans ("制定《中国教育现代化2035》", "《中国教育现代化2035》/POLICY");
  /* An artwork's title is not an official document. */
  assert_spans ("上演话剧《茶馆》", "");
}

static void
test_projects (void)
{
  /* Two characters are an item among names, a generic word among words. */
  assert_spans ("宝华里、西革新里、祈西等一批项目入市", "宝华里/PROJECT 西革新里/PROJECT 祈西/PROJECT");
  /* The items of a list that ends with a named project share its head, listed
   * places or not (马圈、北京国际戏剧中心、金鱼池二期西项目). */
  assert_spans ("加快推进南锣鼓巷、鼓楼西、玉河二期项目建设。",
                "南锣鼓巷/PROJECT 鼓楼西/PROJECT 玉河二期项目/PROJECT");
  /* Tasks before it are no items (a verb of works). */
  assert_spans ("完成老旧小区综合整治、背街小巷整治、天坛项目", "天坛项目/PROJECT");
  assert_has ("加快推进王府井H2项目建设", "王府井H2项目/PROJECT");
  assert_spans ("扎实推进“雪亮工程”建设", "雪亮工程/PROJECT");
  assert_spans ("宝华里、望坛和天坛项目整体签约", "宝华里/PROJECT 望坛/PROJECT 天坛项目/PROJECT");
  /* Quotes are kept when they wrap a part of the name, left out when they wrap all of it. */
  assert_spans ("推进“阳光餐饮”“放心肉菜超市”工程。", "阳光餐饮/PROJECT “放心肉菜超市”工程/PROJECT");
  assert_spans ("全面推行“一米线”“摘帘行动”", "摘帘行动/PROJECT");
  /* The verbs of works stand inside a name, the verbs before it do not. */
  assert_spans ("完成王府井东街提升工程。", "王府井东街提升工程/PROJECT");
  /* A quoted name with more before the head, whatever lies in between (三年). */
  assert_spans ("深入推进“疏整促”新三年行动计划。", "“疏整促”新三年行动计划/PROJECT");
  /* A list closed by 等 and a count of projects, further from the head. */
  assert_spans ("东单体育中心、龙潭中湖等8个市政府下达的重点项目全部开工",
                "东单体育中心/PROJECT 龙潭中湖/PROJECT 8个/VALUE");
  assert_spans ("实施珠市口东大街等7条道路绿化景观提升工程", "珠市口东大街/PLACE 7条/VALUE");
  /* Descriptive works without a proper name are not projects. */
  assert_spans ("街巷架空线入地梳理工程全面开工", "");
}

static void
test_places_and_orgs (void)
{
  assert_spans ("沙滩后街、三眼井胡同、史家胡同等96条街巷", "沙滩后街/PLACE 三眼井胡同/PLACE 史家胡同/PLACE 96条/VALUE");
  /* Not in any list: found by the head word. */
  assert_spans ("整治椿树胡同、华康医院周边环境", "椿树胡同/PLACE 华康医院/ORG");
  /* Trailing generic words stay out; the place inside an unlabelled name is marked. */
  assert_spans ("王府井地区和故宫周边", "王府井/PLACE 故宫/PLACE");
  assert_has ("严格执行新版北京城市总体规划", "北京/PLACE");
  /* A body's name that starts with a listed place holds the places and the
   * verbs of works. */
  assert_spans ("筹建北京金融科技研究院", "北京金融科技研究院/ORG");
  assert_spans ("加快构建北京金融街合作发展理事会、北京金融街服务中心有限公司",
                "北京金融街合作发展理事会/ORG 北京金融街服务中心有限公司/ORG");
  /* The verbs of works stand inside a body's name but do not start it; kinds of
   * bodies are not bodies. */
  assert_spans ("成立全市首个知识产权服务联盟", "知识产权服务联盟/ORG");
  assert_spans ("强化公立医院考核,引导民营医院发展,区互联网医院上线", "");
  /* A school's campus is one body with its school. */
  assert_spans ("新建汇文中学北校区", "汇文中学北校区/ORG");
  /* A campus of a branch school: its name runs long, and starts after the verb. */
  assert_spans ("新建北京十二中分校礼士校区", "北京十二中分校礼士校区/ORG");
  assert_spans ("新建北京九中分校广外校区", "北京九中分校广外校区/ORG");
  assert_spans ("金隅环贸科技孵化器吸引首批企业入驻,扩充中学学位", "金隅环贸科技孵化器/ORG");
  /* A bank's branch is one body with its bank. */
  assert_spans ("富邦华一银行北京分行落地", "富邦华一银行北京分行/ORG");
  /* Beijing's schools by their numbers; kinds named by 型 are no bodies. */
  assert_spans ("推动北京一中改造提升,北京十二中分校", "北京一中/ORG 北京十二中分校/ORG");
  assert_spans ("推进北京一五九中学改扩建", "北京一五九中学/ORG");
  assert_spans ("改造北京十二中", "北京十二中/ORG");
  assert_spans ("推进北京35中高中部建设,161中学、41中", "北京35中/ORG 161中学/ORG 41中/ORG");
  assert_spans ("前3中有2家", "2家/VALUE");
  /* After another listed place too (a partner county's school). */
  assert_spans ("景山学校与崇礼一中实现合作办学", "景山学校/ORG 崇礼一中/ORG");
  assert_spans ("学习十九届北京三中全会", "北京/PLACE");
  assert_spans ("加快京投快轨等标杆型孵化器建设,引导规范民营医院发展", "京投快轨/ORG");
  /* Companies listed before 等…企业. */
  assert_spans ("千寻位置、汇川技术等重点企业落户", "千寻位置/ORG 汇川技术/ORG");
  assert_spans ("支持住宿、餐饮等行业的中小微企业", "");
  /* 二中 is a school, not in a party plenum. */
  assert_spans ("学习二十届二中、三中全会精神", "");
  /* Sites, greenways and the roads named by their side. */
  assert_spans ("加强西板桥遗址保护,完成后海绿道建设,实现文化用品东路通车",
                "西板桥遗址/PLACE 后海绿道/PLACE 文化用品东路/PLACE");
  /* 街道 after a street's name is the street, not a subdistrict. */
  assert_spans ("完成南北池子大街街道城市设计导则,和平里街道", "南北池子大街/PLACE 和平里街道/PLACE");
  /* Places listed before 等…公园/片区/楼宇; descriptions around a listed place are not names. */
  assert_spans ("东单、南馆等公园实现无界开放,晏清园等口袋公园串珠成链",
                "东单/PLACE 南馆/PLACE 晏清园/PLACE");
  assert_spans ("打造金宝大厦等金融主题楼宇", "金宝大厦/PLACE");
  assert_spans ("全力推动景泰桥东南铁路沿线等大尺度公园", "景泰桥/PLACE");
  /* A road named after a body found by its head. */
  assert_spans ("规范园门区秩序,实现自然博物馆北路通车", "自然博物馆北路/PLACE");
  /* 正 after a verb starts a name; the axis by its heritage name. */
  assert_spans ("实现正阳桥遗址对外开放,正在推进", "正阳桥遗址/PLACE");
  assert_spans ("助力北京中轴线申遗成功", "北京中轴线/PLACE");
  /* A numeral inside a name is part of it; a count is not a name. */
  assert_spans ("做好四达大厦等楼宇升级", "四达大厦/PLACE");
  assert_spans ("新建两座公园", "两座/VALUE");
  /* 中心 names a body after a listed place, not alone, not after a
   * subdistrict (a kind of facility each has), not in 副中心. */
  assert_spans ("东四文体中心整体升级", "东四文体中心/ORG");
  /* A centre being founded is a body, whatever its name. */
  assert_spans ("筹建阅读推广中心,开展全民阅读活动", "阅读推广中心/ORG");
  assert_spans ("成立劳动纠纷“一站式”调解中心", "劳动纠纷“一站式”调解中心/ORG");
  /* So is a centre that opens, named from a clear edge. */
  assert_spans ("举办王府井论坛,艺云数字艺术中心盛大开业", "王府井/PLACE 艺云数字艺术中心/ORG");
  assert_spans ("项目有序推进,英特尔科创体验中心建成开放", "英特尔科创体验中心/ORG");
  assert_spans ("社区养老服务中心开放", "");
  assert_spans ("完成5处改造。区助残康复中心投入使用", "5处/VALUE 区助残康复中心/ORG");
  /* A centre of six characters or more after a verb is named; the city's
   * roles and the kinds of centre are not. */
  assert_spans ("加快航星园影视科技创新中心建设", "航星园影视科技创新中心/ORG");
  assert_spans ("积极融入国际科技创新中心建设,建设区级托育综合服务中心", "");
  assert_spans ("率先推行党群服务中心与养老服务中心共建", "");
  /* A quoted short name before a body's head is part of the name. */
  assert_spans ("宏恩观变身“观中”博物馆,促进“文菁”基金扩容", "“观中”博物馆/ORG “文菁”基金/ORG");
  /* A quoted name in a row of quoted ones is a slogan. */
  assert_spans ("深化“平安校园”“平安医院”建设", "");
  assert_spans ("完成天坛、东四街道养老服务中心建设,建设综合服务中心", "天坛/PLACE 东四街道/PLACE");
  assert_spans ("服务北京城市副中心建设,打造顺义副中心", "北京城市副中心/PLACE 顺义/PLACE");
  /* One character stands for a province after a verb of movement. */
  assert_spans ("做好在鄂返京人员接转工作,京外人员", "鄂/PLACE 京/PLACE 京/PLACE");
}

/* Bodies that no list holds, named by the context (made-up names, so that only
 * the rules can find them). */
static void
test_unlisted_bodies (void)
{
  /* A count right after a list closes it when it counts its items. */
  assert_spans ("引进瑞丰信达、华远汇通、中科博达3家大型金融企业",
                "瑞丰信达/ORG 华远汇通/ORG 中科博达/ORG 3家/VALUE");
  assert_spans ("引入星河影业和海岳文化2家大型文创企业", "星河影业/ORG 海岳文化/ORG 2家/VALUE");
  assert_spans ("引进瑞丰信达、华远汇通4家金融企业", "4家/VALUE");
  assert_spans ("帮助71家企业获得贷款,指导2299家企业开展培训", "71家/VALUE 2299家/VALUE");
  /* Groups listed before 等…小组 are bodies when named …组; tasks are not. */
  assert_spans ("成立宣传组、医疗救治组等四个专项小组", "宣传组/ORG 医疗救治组/ORG 四个/VALUE");
  assert_spans ("完善环境、秩序等工作小组", "");
  /* Shops listed before 等…商户, companies before 等…央企. */
  assert_spans ("蓝鲸书局、青禾茶社等精品商户入驻", "蓝鲸书局/ORG 青禾茶社/ORG");
  /* Two or more names that move in are companies; kinds of shops are not. */
  assert_spans ("鹿野咖啡、青柠书屋、木心家居入驻隆福寺", "鹿野咖啡/ORG 青柠书屋/ORG 木心家居/ORG 隆福寺/PLACE");
  assert_spans ("推动优质企业入驻,首店、旗舰店入驻王府井", "王府井/PLACE");
  /* A centre named from a listed place further left; a national role is none. */
  assert_spans ("支持北京市数字版权交易中心发展", "北京市数字版权交易中心/ORG");
  assert_spans ("服务金融街国家金融管理中心建设", "金融街/PLACE");
  /* A body being founded, without the owner's level, an amount or "the first". */
  assert_spans ("成立区属文旅资产运营管理集团", "文旅资产运营管理集团/ORG");
  assert_spans ("设立20亿元城市更新引导基金", "20亿元/VALUE 城市更新引导基金/ORG");
  assert_spans ("建立蔬菜保供企业联盟,成立全市首个数据服务联盟", "蔬菜保供企业联盟/ORG 数据服务联盟/ORG");
  /* A centre that settles in the district. */
  assert_spans ("云杉影视制作中心落户东城", "云杉影视制作中心/ORG 东城/PLACE");
  /* Government bodies after the place they serve. */
  assert_spans ("张北县人民政府、澄迈县税务局", "张北县人民政府/ORG 澄迈县税务局/ORG");
  assert_spans ("西城区人民法院、西城区人民检察院联合发布", "西城区人民法院/ORG 西城区人民检察院/ORG");
  /* Theatres, colleges and committees after a listed place, not alone. */
  assert_spans ("北京青松剧院上演新戏,东城区青少年体育学院揭牌", "北京青松剧院/ORG 东城区青少年体育学院/ORG");
  assert_spans ("召开东城区城市更新委员会会议", "东城区城市更新委员会/ORG");
  assert_spans ("推动剧院演出,支持学院发展,发挥委员会作用", "");
  /* Verbs that end a name on its left. */
  assert_spans ("拆除鑫福菜市场。", "鑫福菜市场/ORG");
  /* An ordinal is part of a name, the district's 区 before it is not. */
  assert_spans ("实现区第三人民医院建成投用", "第三人民医院/ORG");
  /* A market the sentence closes or moves is a body; the economy's markets are not. */
  assert_spans ("关停锦华市场,完成天意市场商户疏解", "锦华市场/ORG 天意市场/ORG");
  assert_spans ("激发市场活力,推动批发市场疏解,推动区域性市场转型升级,新设市场主体", "");
  assert_spans ("推动证券市场、数据市场升级", "");
  /* A name before the market's kinds names one market; a count or a kind does not. */
  assert_spans ("关停天意小商品批发市场,万通批发市场完成疏解", "天意小商品批发市场/ORG 万通批发市场/ORG");
  assert_spans ("疏解3个批发市场,关停区域性批发市场", "3个/VALUE");
  /* Markets listed by name before 等…市场; kinds and parties are no names. */
  assert_spans ("完成天皓成、众合、金开利德等市场疏解", "天皓成/ORG 众合/ORG 金开利德/ORG");
  assert_spans ("规范蔬菜、服装等市场,调动投资方、运营方等市场主体", "");
  /* A kind with a trade before the head is no body, also when it is founded. */
  assert_spans ("引进外资证券公司,设立金融控股公司", "");
  /* A joint name of two listed streets stays whole; a province before a city does not join. */
  assert_spans ("启动南北河沿大街环境整治提升,东西长安街沿线", "南北河沿大街/PLACE 东西长安街/PLACE");
  assert_spans ("河南北京两地", "河南/PLACE 北京/PLACE");
  /* A branch of a body is one with its name. */
  assert_spans ("青松区图书馆分馆开放,北京青松医院分院开诊", "青松区图书馆分馆/ORG 北京青松医院分院/ORG");
  /* A branch is named after its parent and its place. */
  assert_spans ("瑞信华通银行北京分行落地", "瑞信华通银行北京分行/ORG");
}

/* Facilities named after a listed place are places; alone their heads are kinds. */
static void
test_facilities (void)
{
  assert_spans ("协调推动东直门综合交通枢纽地区交通优化", "东直门综合交通枢纽/PLACE");
  assert_spans ("加快地坛体育馆滑冰馆建设", "地坛体育馆滑冰馆/PLACE");
  assert_spans ("推进隆福寺国际文化创意产业园建设", "隆福寺国际文化创意产业园/PLACE");
  assert_spans ("建设交通枢纽和产业园", "");
}

/* Bodies by the head words of their kinds (ANNOTATION_GUIDE.md, 2: schools,
 * museums, banks, associations), named with none of the listed names. */
static void
test_body_heads (void)
{
  assert_spans ("新建德胜幼儿园、宣武门幼儿园", "德胜幼儿园/ORG 宣武门幼儿园/ORG");
  assert_spans ("成立北京市东城区侨商联合会", "北京市东城区侨商联合会/ORG");
  assert_spans ("组建金融街青年企业家俱乐部", "金融街青年企业家俱乐部/ORG");
  assert_spans ("北京画院美术馆推出新展", "北京画院美术馆/ORG");
  assert_spans ("中国邮政储蓄银行在东城区新设网点", "中国邮政储蓄银行/ORG 东城区/PLACE");
  /* A police station is named after its place; alone it is a kind. */
  assert_spans ("交道口派出所获评全国优秀派出所", "交道口派出所/ORG");
  /* Bodies of the State Council after 国家; 局 elsewhere ends a word. */
  assert_spans ("依托国家体育总局、国家文物局资源优势", "国家体育总局/ORG 国家文物局/ORG");
  assert_spans ("推动形成国家级新格局,优化布局", "");
  /* A district's body by its district and city; the district's own library
   * by 区 alone, but not a park's or a neighbourhood's. */
  assert_spans ("北京市朝阳区人民法院审结案件", "北京市朝阳区人民法院/ORG");
  assert_spans ("北京市西城区图书馆", "北京市西城区图书馆/ORG");
  assert_spans ("区图书馆新馆开放,园区图书馆和社区图书馆", "区图书馆/ORG");
  /* A body whose role is given, named from 发挥; a kind of body is not. */
  assert_spans ("发挥抗疫保供蔬菜供销企业联盟作用", "抗疫保供蔬菜供销企业联盟/ORG");
  assert_spans ("发挥行业协会作用", "");
  /* An engineering bureau is a body, not a project. */
  assert_spans ("中国建筑第八工程局承建", "中国建筑第八工程局/ORG");
  /* A team founded as the first of its kind. */
  assert_spans ("组建全市首支物业应急先锋队", "物业应急先锋队/ORG");
  /* Kinds of bank and school, the parts of a model joined by +, and a verb
   * before the head make no name. */
  assert_spans ("构建“管委会+平台公司+投融资联盟”运营体系", "");
  assert_spans ("新建艺术展览馆和数字图书馆", "");
  assert_spans ("引导商业银行加大信贷投放", "");
  assert_spans ("促成11家企业获得银行贷款7800万元", "11家/VALUE 7800万元/VALUE");
  assert_spans ("新建3所幼儿园,普惠性幼儿园覆盖率达到90%",
                "3所/VALUE 普惠性幼儿园覆盖率/INDICATOR 90%/VALUE");
}

/* A body named by more than one name is one ORG: a company with its kind, its
 * bracketed group, country or city and its legal form, a hospital of a
 * university, the youth league's committee. */
static void
test_joined_bodies (void)
{
  assert_spans ("中国人寿保险(集团)公司迁入新址", "中国人寿保险(集团)公司/ORG");
  assert_spans ("推动北京王府井百货(集团)股份有限公司转型升级", "北京王府井百货(集团)股份有限公司/ORG");
  assert_spans ("中信建投证券落户金融街", "中信建投证券/ORG 金融街/PLACE");
  assert_spans ("引进摩根大通证券(中国)有限公司", "摩根大通证券(中国)有限公司/ORG");
  assert_spans ("施罗德投资管理(北京)有限公司落户", "施罗德投资管理(北京)有限公司/ORG");
  assert_spans ("首都医科大学附属北京中医医院开设互联网诊疗服务", "首都医科大学附属北京中医医院/ORG");
  assert_spans ("共青团北京市东城区委员会招募青年志愿者6000余名", "共青团北京市东城区委员会/ORG 6000余名/VALUE");
}

/* Government bodies by their names (org-government.txt), and the 区 of 社区
 * that starts no body's name. */
static void
test_government_bodies (void)
{
  assert_has ("10.北京金融街服务局6R服务是指建立集监管支持服务", "北京金融街服务局/ORG");
  /* The offices that every street office has, listed in a row, are kinds. */
  assert_spans ("综合办公室、党群工作办公室、平安建设办公室、城市管理办公室", "");
  assert_spans ("启动示范区办公室实体化运营", "示范区办公室/ORG");
  assert_has ("由区卫生健康委员会牵头,区财政局配合", "区卫生健康委员会/ORG");
  assert_has ("由区卫生健康委员会牵头,区财政局配合", "区财政局/ORG");
  /* 社区卫生健康委员会 are the neighbourhoods' committees: no ORG, no 区 body. */
  assert_spans ("基于社会健康管理的社会动员能力仍显不足,社区卫生健康委员会等自治组织发挥作用不够", "");
}

/* A listed indicator name is an INDICATOR where its sentence gives a value or a
 * change (ANNOTATION_GUIDE.md, 8), not where it is only named. */
static void
test_indicator_needs_value (void)
{
  assert_spans ("健全稳税引税工作机制,分行业、分类型细化分解财政收入指标,按月督办完成情况", "");
  assert_has ("另一方面,财政支出扩大,保稳定、保民生等疫情防控支出增加", "财政支出/INDICATOR");
  assert_has ("全区财政收入增长5.2%。", "财政收入/INDICATOR");
  /* A rate to be raised or lowered is a change without a number. */
  assert_spans ("进一步提高道路通行率和群众满意度", "道路通行率/INDICATOR 群众满意度/INDICATOR");
  assert_spans ("提升群众满意度", "群众满意度/INDICATOR");
  assert_spans ("提高社区群众组织化程度,提高效率", "");
  /* Every rate of a list to be raised; every rate of a list that shares a value. */
  assert_spans ("提高诉求解决率和群众满意率。", "诉求解决率/INDICATOR 群众满意率/INDICATOR");
  assert_spans ("提高物业覆盖率、党组织覆盖率、物管会组建率",
                "物业覆盖率/INDICATOR 党组织覆盖率/INDICATOR 物管会组建率/INDICATOR");
  assert_spans ("切实提高响应率、解决率、满意率综合成绩98.8分",
                "响应率/INDICATOR 解决率/INDICATOR 满意率综合成绩/INDICATOR 98.8分/VALUE");
  assert_spans ("提高效率和质量", "");
  assert_spans ("降低污染物排放总量,提高绿色建筑比例,提升服务质量",
                "污染物排放总量/INDICATOR 绿色建筑比例/INDICATOR");
  /* A distance inside a quantity's name is part of it; a year before it is not. */
  assert_spans ("轨道交通站点800米覆盖率达到80%", "轨道交通站点800米覆盖率/INDICATOR 80%/VALUE");
  assert_spans ("新建绿道30公里,覆盖率达到80%", "30公里/VALUE 覆盖率/INDICATOR 80%/VALUE");
  /* The 共 of 公共 is no verb; 等, 设立 and 首个 end a quantity's name. */
  assert_spans ("一般公共服务支出增长5%", "一般公共服务支出/INDICATOR 5%/VALUE");
  assert_spans ("餐饮、商超等客流量大幅下降", "客流量/INDICATOR");
  assert_has ("设立全市首个总规模3000万元的纾困基金", "总规模/INDICATOR");
  /* A share is a quantity; a verb before a quantity is not part of it. */
  assert_has ("金融业支柱作用明显,GDP占比超三成", "GDP占比/INDICATOR");
  assert_has ("累计压减预算支出5%", "预算支出/INDICATOR");
  /* A count that rose or fell by a percentage. */
  assert_spans ("深化平安建设,刑事立案下降20%。", "刑事立案/INDICATOR 20%/VALUE");
  /* A quantity whose clause ends with a change in words. */
  assert_spans ("金融业贡献率稳步上升。", "金融业贡献率/INDICATOR");
  assert_spans ("备案家庭总体保障率连续4年提升。", "备案家庭总体保障率/INDICATOR 4年/DATE");
  assert_spans ("持续提升服务水平。", "");
  /* A listed indicator with its qualifiers, where its sentence gives a change. */
  assert_has ("刑事立案下降20%,群众安全感满意度持续上升", "群众安全感满意度/INDICATOR");
  /* A share of a listed quantity; a long rate to raise. */
  assert_has ("压减预算支出5%,民生投入占财政支出保持在80%以上", "民生投入占财政支出/INDICATOR");
  assert_spans ("持续提升公租房备案家庭保障率。", "公租房备案家庭保障率/INDICATOR");
  /* 重点 qualifies a quantity. */
  assert_has ("在重点行业税收大幅波动情况下,完成一般公共预算收入195亿元", "重点行业税收/INDICATOR");
  /* The item before 、 shares the quantity word of the indicator after it. */
  assert_has ("家庭保持动态为零。转业军官、退役士兵安置满意率达到100%", "转业军官/INDICATOR");
  /* A rank is no value, even where the sentence has one. */
  assert_spans ("新设外资企业234个,实际使用外资增速居城六区第一", "234个/VALUE");
  assert_has ("实际使用外资增长12%,位居全市前列", "实际使用外资/INDICATOR");
  /* Listed names of the energy and air targets. */
  assert_has ("万元GDP综合能耗、水耗降低率和细颗粒物(PM2.5)年均浓度完成市下达指标",
              "万元GDP综合能耗/INDICATOR");
}

/* Quantities that no list holds, found by the rules alone (made-up names). */
static void
test_unlisted_quantities (void)
{
  /* A distance inside the name makes room for a longer one. */
  assert_spans ("确保街心绿地300米服务半径覆盖率提升至95%。",
                "街心绿地300米服务半径覆盖率/INDICATOR 95%/VALUE");
  /* Bounds, 仅为, 降幅 and the basis of a figure stand between name and value. */
  assert_spans ("商户检测达标率不低于98%。", "商户检测达标率/INDICATOR 98%/VALUE");
  assert_spans ("园区入驻率仅为60%。", "园区入驻率/INDICATOR 60%/VALUE");
  assert_spans ("园区营业收入按初步核算数降幅为3.9%。", "园区营业收入/INDICATOR 3.9%/VALUE");
  assert_spans ("全口径印花税、车船税、资源税降幅分别为6.3%、13%和8%。",
                "全口径印花税/INDICATOR 车船税/INDICATOR 资源税/INDICATOR 6.3%/VALUE 13%/VALUE 8%/VALUE");
  /* An intensity of a listed quantity is one name with it; a jurisdiction's
   * prefix is left out; a value per person keeps its unit. */
  assert_spans ("全区研发投入强度达到2.8%", "研发投入强度/INDICATOR 2.8%/VALUE");
  assert_spans ("区域内企业平均用电成本降低8%", "企业平均用电成本/INDICATOR 8%/VALUE");
  assert_spans ("全员劳动生产率达到52万元/人", "全员劳动生产率/INDICATOR 52万元/人/VALUE");
  /* A count of the noun after it is no value of the words before it. */
  assert_spans ("落实促消费24条重点措施", "24条/VALUE");
  /* Changes in words: keeping pace with another, a round number in words. */
  assert_spans ("农村居民人均纯收入增长与经济增长基本同步", "农村居民人均纯收入/INDICATOR");
  assert_spans ("线上展演总观看量突破百万。", "线上展演总观看量/INDICATOR");
  /* A share of a verb is named with its verb, like a rate. */
  assert_spans ("一般性支出压减比例不低于10%", "一般性支出压减比例/INDICATOR 10%/VALUE");
  /* A count with a rate of change after 同比 (ANNOTATION_GUIDE.md, 8); a price's
   * rise after its name. */
  assert_spans ("刑事案件立案数同比下降17.5%", "刑事案件立案数/INDICATOR 17.5%/VALUE");
  assert_spans ("居民消费价格涨幅控制在2.5%以内", "居民消费价格/INDICATOR 2.5%以内/VALUE");
  /* 累计 before the quantity word qualifies it; a gloss in brackets is part of the name. */
  assert_spans ("二氧化硫累计浓度为4微克/立方米。", "二氧化硫累计浓度/INDICATOR 4微克/立方米/VALUE");
  assert_spans ("可吸入颗粒物(PM10)年均浓度为50微克/立方米。",
                "可吸入颗粒物(PM10)年均浓度/INDICATOR 50微克/立方米/VALUE");
  /* A rate of a verb is named with the verb. */
  assert_spans ("已完成56座,完成率81%。", "56座/VALUE 完成率/INDICATOR 81%/VALUE");
  /* Targets met in words, for each quantity of the list; not for a count or a task. */
  assert_spans ("用电降低率和臭氧年均浓度完成市下达指标。", "用电降低率/INDICATOR 臭氧年均浓度/INDICATOR");
  assert_spans ("噪声达标率、臭氧浓度达到市级要求。", "噪声达标率/INDICATOR 臭氧浓度/INDICATOR");
  assert_spans ("确保常住人口达到市级要求。", "");
  /* A listed quantity stays where its sentence gives a target in words; a listed count does not. */
  assert_spans ("确保细颗粒物浓度达到市级要求。", "细颗粒物浓度/INDICATOR");
  assert_spans ("加装电梯28部,均超额完成年度任务。", "28部/VALUE");
  /* A score of the last rate of a list is one name with it; every rate of the list
   * shares the value, the list's names or not. */
  assert_spans ("咨询率、办结率、好评率综合成绩96.5分。",
                "咨询率/INDICATOR 办结率/INDICATOR 好评率综合成绩/INDICATOR 96.5分/VALUE");
  assert_spans ("咨询率、办结率、好评率96.5分。", "咨询率/INDICATOR 办结率/INDICATOR 好评率/INDICATOR 96.5分/VALUE");
  /* A listed quantity keeps up to eight characters of qualifiers that define it. */
  assert_spans ("数字经济核心产业增加值增长12%。", "数字经济核心产业增加值/INDICATOR 12%/VALUE");
  /* A count of things with a rate of change, without the verb before it; a count
   * alone is no quantity. */
  assert_spans ("受理群众来信2317件,同比下降12%。", "群众来信/INDICATOR 2317件/VALUE 12%/VALUE");
  assert_spans ("新注册科技企业206户,同比增长8.5%。", "新注册科技企业/INDICATOR 206户/VALUE 8.5%/VALUE");
  assert_spans ("受理群众来信2317件。", "2317件/VALUE");
}

static void
test_generic_words (void)
{
  /* The guide's generic references: none is an entity, not even the place in them. */
  assert_spans ("全区重点项目稳步推进,核心区街道社区和城六区,本市,市委、区政府", "");
  assert_spans ("坚持中国特色社会主义,弘扬京剧艺术,服务首都", "");
}

static void
test_traditional (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  const char *text = "𠮷。東城區推進隆福寺和王府井地區的規劃";
  struct { gint64 start, end; const char *surface, *label; } expected[] = {
    { 2, 5, "東城區", "PLACE" },
    { 7, 10, "隆福寺", "PLACE" },
    { 11, 14, "王府井", "PLACE" },
  };

  spans = bz_extractor_extract (get_extractor (), text, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < spans->len; i++)
    {
      BzSpan *span = g_ptr_array_index (spans, i);

      /* Offsets into the document's own text, surfaces in its own script. */
      g_assert_cmpint (bz_span_get_start (span), ==, expected[i].start);
      g_assert_cmpint (bz_span_get_end (span), ==, expected[i].end);
      g_assert_cmpstr (bz_span_get_surface (span), ==, expected[i].surface);
      g_assert_cmpstr (bz_span_get_label (span), ==, expected[i].label);
    }
  /* Simplified and Traditional give the same spans. */
  assert_spans ("東城區隆福寺", "東城區/PLACE 隆福寺/PLACE");
  assert_spans ("东城区隆福寺", "东城区/PLACE 隆福寺/PLACE");
}

static void
test_learned_and_rejected (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzExtractor) extractor = bz_extractor_new (NULL, &error);
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;

  g_assert_no_error (error);
  before = bz_extractor_match (extractor, "推进红桥市场改造,王府井", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, ==, 1);

  /* What reviewers accepted is found everywhere; what they rejected nowhere. */
  g_assert_true (bz_extractor_learn_surface (extractor, "红桥市场", "ORG", &error));
  g_assert_no_error (error);
  bz_extractor_reject_surface (extractor, "王府井", "PLACE");
  after = bz_extractor_match (extractor, "推进紅橋市場改造,王府井", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpint (g_array_index (after, BzExtractorMatch, 0).start, ==, 2);
  g_assert_cmpint (g_array_index (after, BzExtractorMatch, 0).end, ==, 6);
  g_assert_cmpstr (g_array_index (after, BzExtractorMatch, 0).label, ==, "ORG");

  g_assert_false (bz_extractor_learn_surface (extractor, "红桥", "PALACE", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_gazetteer_errors (void)
{
  g_autoptr(BzGazetteer) gazetteer = bz_gazetteer_new (BZ_CANDIDATE_GAZETTEER);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("BZ_TEST_DATA"), "extract", "bad-label.txt", NULL);
  g_autofree char *where = g_strdup_printf ("%s:3:", path);
  g_autoptr(BzExtractor) extractor = NULL;

  g_assert_false (bz_gazetteer_load_file (gazetteer, path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, where));
  g_assert_nonnull (strstr (error->message, "PALACE"));
  g_clear_error (&error);

  extractor = bz_extractor_new ("/nonexistent/gazetteer", &error);
  g_assert_null (extractor);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/gazetteer"));
}

static BzExternalExtractor *
external_new (const char *args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_build_filename (g_getenv ("BZ_TEST_DATA"), "extract", "external-places.py", NULL);
  g_autofree char *quoted = g_shell_quote (script);
  g_autofree char *spec = g_strdup_printf ("mymodel=python3 %s %s", quoted, args);
  BzExternalExtractor *external = bz_external_extractor_new_from_spec (spec, &error);

  g_assert_no_error (error);
  return external;
}

static void
test_external (void)
{
  g_autoptr(BzExternalExtractor) external = external_new ("東城 王府井");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) matches = NULL;

  g_assert_cmpstr (bz_external_extractor_get_origin (external), ==, "external:mymodel");
  matches = bz_external_extractor_match (external, "𠮷王府井在東城,東城", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (matches->len, ==, 3);
  g_assert_cmpint (g_array_index (matches, BzExtractorMatch, 0).start, ==, 1);
  g_assert_cmpint (g_array_index (matches, BzExtractorMatch, 0).end, ==, 4);
  g_assert_cmpint (g_array_index (matches, BzExtractorMatch, 1).start, ==, 5);
  g_assert_cmpint (g_array_index (matches, BzExtractorMatch, 2).start, ==, 8);
  g_assert_cmpstr (g_array_index (matches, BzExtractorMatch, 2).label, ==, "PLACE");
}

static void
test_external_failures (void)
{
  /* Only the program that sleeps (30 s) is given a short time: the others
   * must not be stopped on a loaded machine, where starting Python alone can
   * take more than a second. */
  struct { const char *args; int code; const char *message; int timeout_ms; } cases[] = {
    { "--malformed", G_IO_ERROR_INVALID_DATA, "malformed output", 120000 },
    { "--bad-offsets", G_IO_ERROR_INVALID_DATA, "outside the text", 120000 },
    { "--fail", G_IO_ERROR_FAILED, "model not found", 120000 },
    { "--sleep", G_IO_ERROR_TIMED_OUT, "did not finish", 1500 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BzExternalExtractor) external = external_new (cases[i].args);
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) matches = NULL;

      bz_external_extractor_set_timeout (external, cases[i].timeout_ms);
      matches = bz_external_extractor_match (external, "东城区", &error);
      g_assert_null (matches);
      g_assert_error (error, G_IO_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, "mymodel"));
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(BzExternalExtractor) bad = bz_external_extractor_new_from_spec ("no-equals-sign", &error);

    g_assert_null (bad);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  }
}

static void
test_gold_scores (void)
{
  const char *reports[] = { "000_3f1c054c4ba4af40", "002_f996e536b5069f20" };
  g_autoptr(BzEvalSet) gold = bz_eval_set_new ();
  g_autoptr(BzEvalSet) pred = bz_eval_set_new ();
  g_autoptr(BzEvalReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const BzEvalScore *micro;

  for (guint r = 0; r < G_N_ELEMENTS (reports); r++)
    {
      g_autofree char *name = g_strconcat (reports[r], ".jsonl", NULL);
      g_autofree char *path = g_build_filename (g_getenv ("BZ_TEST_DATA"), "gold", name, NULL);
      g_autofree char *predicted = bz_extractor_predict_jsonl (get_extractor (), path, &error);

      g_assert_no_error (error);
      g_assert_true (bz_eval_set_add_file (gold, path, &error));
      g_assert_no_error (error);
      g_assert_true (bz_eval_set_add_data (pred, predicted, -1, name, &error));
      g_assert_no_error (error);
    }

  report = bz_eval_compare (gold, pred, &error);
  g_assert_no_error (error);
  micro = bz_eval_report_get_micro (report);
  g_test_message ("strict micro F1 on the gold: %.3f", micro->strict.f1);
  /* The issue's targets: micro-F1 of 0.85 and no label under 0.70. */
  g_assert_cmpfloat (micro->strict.f1, >=, 0.85);
  for (guint i = 0; i < bz_eval_report_get_n_labels (report); i++)
    {
      const BzEvalScore *score = bz_eval_report_get_score (report, i);

      g_test_message ("%s strict F1 %.3f", score->label, score->strict.f1);
      g_assert_cmpfloat (score->strict.f1, >=, 0.70);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/biaozhu/extractor/rules/indicator-and-values", test_indicator_and_values);
  g_test_add_func ("/biaozhu/extractor/rules/values", test_values);
  g_test_add_func ("/biaozhu/extractor/rules/dates", test_dates);
  g_test_add_func ("/biaozhu/extractor/rules/policies", test_policies);
  g_test_add_func ("/biaozhu/extractor/rules/projects", test_projects);
  g_test_add_func ("/biaozhu/extractor/rules/places-and-orgs", test_places_and_orgs);
  g_test_add_func ("/biaozhu/extractor/generic-words", test_generic_words);
  g_test_add_func ("/biaozhu/extractor/government-bodies", test_government_bodies);
  g_test_add_func ("/biaozhu/extractor/facilities", test_facilities);
  g_test_add_func ("/biaozhu/extractor/unlisted-bodies", test_unlisted_bodies);
  g_test_add_func ("/biaozhu/extractor/body-heads", test_body_heads);
  g_test_add_func ("/biaozhu/extractor/joined-bodies", test_joined_bodies);
  g_test_add_func ("/biaozhu/extractor/indicator-needs-value", test_indicator_needs_value);
  g_test_add_func ("/biaozhu/extractor/unlisted-quantities", test_unlisted_quantities);
  g_test_add_func ("/biaozhu/extractor/traditional", test_traditional);
  g_test_add_func ("/biaozhu/extractor/learned-and-rejected", test_learned_and_rejected);
  g_test_add_func ("/biaozhu/extractor/gazetteer-errors", test_gazetteer_errors);
  g_test_add_func ("/biaozhu/extractor/external", test_external);
  g_test_add_func ("/biaozhu/extractor/external-failures", test_external_failures);
  g_test_add_func ("/biaozhu/extractor/gold-scores", test_gold_scores);

  status = g_test_run ();
  g_clear_object (&shared_extractor);
  return status;
}
