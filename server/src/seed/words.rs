//! Word lists for demo merchants: cities with their administrative area codes, name parts,
//! profile sentences, certifications and the operator's reasons. Every text comes in
//! Chinese and English; `{placeholders}` are filled by `market::fill`.

use app::vocab::{Industry, Region, ServiceField};

/// A city a merchant is registered in, with the six-digit area codes its USCC may start with.
pub struct City {
    pub region: Region,
    pub zh: &'static str,
    pub en: &'static str,
    pub area_codes: &'static [&'static str],
}

pub const CITIES: &[City] = &[
    City {
        region: Region::Hangzhou,
        zh: "杭州",
        en: "Hangzhou",
        area_codes: &["330106", "330108", "330110", "330105", "330109"],
    },
    City {
        region: Region::Ningbo,
        zh: "宁波",
        en: "Ningbo",
        area_codes: &["330212", "330203", "330206"],
    },
    City {
        region: Region::Wenzhou,
        zh: "温州",
        en: "Wenzhou",
        area_codes: &["330302", "330304", "330381"],
    },
    City {
        region: Region::Jiaxing,
        zh: "嘉兴",
        en: "Jiaxing",
        area_codes: &["330402", "330411", "330481"],
    },
    City {
        region: Region::Huzhou,
        zh: "湖州",
        en: "Huzhou",
        area_codes: &["330502", "330503", "330521"],
    },
    City {
        region: Region::Shaoxing,
        zh: "绍兴",
        en: "Shaoxing",
        area_codes: &["330602", "330603", "330604"],
    },
    City {
        region: Region::Jinhua,
        zh: "金华",
        en: "Jinhua",
        area_codes: &["330702", "330703"],
    },
    City {
        region: Region::Jinhua,
        zh: "义乌",
        en: "Yiwu",
        area_codes: &["330782"],
    },
    City {
        region: Region::Quzhou,
        zh: "衢州",
        en: "Quzhou",
        area_codes: &["330802", "330803"],
    },
    City {
        region: Region::Zhoushan,
        zh: "舟山",
        en: "Zhoushan",
        area_codes: &["330902", "330903"],
    },
    City {
        region: Region::Taizhou,
        zh: "台州",
        en: "Taizhou",
        area_codes: &["331002", "331003", "331004"],
    },
    City {
        region: Region::Lishui,
        zh: "丽水",
        en: "Lishui",
        area_codes: &["331102", "331121"],
    },
    City {
        region: Region::Shanghai,
        zh: "上海",
        en: "Shanghai",
        area_codes: &["310115", "310104", "310112", "310106"],
    },
    City {
        region: Region::Jiangsu,
        zh: "南京",
        en: "Nanjing",
        area_codes: &["320106", "320115"],
    },
    City {
        region: Region::Jiangsu,
        zh: "苏州",
        en: "Suzhou",
        area_codes: &["320505", "320508"],
    },
    City {
        region: Region::Jiangsu,
        zh: "无锡",
        en: "Wuxi",
        area_codes: &["320214", "320213"],
    },
    City {
        region: Region::Jiangsu,
        zh: "常州",
        en: "Changzhou",
        area_codes: &["320411"],
    },
    City {
        region: Region::Anhui,
        zh: "合肥",
        en: "Hefei",
        area_codes: &["340104", "340111"],
    },
    City {
        region: Region::Anhui,
        zh: "芜湖",
        en: "Wuhu",
        area_codes: &["340202"],
    },
];

/// How merchants spread over the regions: Hangzhou most, the partners and small cities least.
pub const REGION_WEIGHTS: &[(Region, u32)] = &[
    (Region::Hangzhou, 30),
    (Region::Ningbo, 10),
    (Region::Wenzhou, 7),
    (Region::Jiaxing, 6),
    (Region::Huzhou, 5),
    (Region::Shaoxing, 6),
    (Region::Jinhua, 6),
    (Region::Quzhou, 3),
    (Region::Zhoushan, 2),
    (Region::Taizhou, 5),
    (Region::Lishui, 2),
    (Region::Shanghai, 8),
    (Region::Jiangsu, 6),
    (Region::Anhui, 4),
];

/// First and second characters of brand names, with their pinyin (数 + 澜 → 数澜, Shulan).
pub const BRAND_FIRST: &[(&str, &str)] = &[
    ("数", "shu"),
    ("云", "yun"),
    ("智", "zhi"),
    ("华", "hua"),
    ("瑞", "rui"),
    ("博", "bo"),
    ("恒", "heng"),
    ("新", "xin"),
    ("天", "tian"),
    ("联", "lian"),
    ("易", "yi"),
    ("卓", "zhuo"),
    ("远", "yuan"),
    ("宏", "hong"),
    ("盛", "sheng"),
    ("鼎", "ding"),
    ("启", "qi"),
    ("星", "xing"),
    ("海", "hai"),
    ("金", "jin"),
    ("安", "an"),
    ("正", "zheng"),
    ("同", "tong"),
    ("光", "guang"),
    ("明", "ming"),
    ("中", "zhong"),
    ("维", "wei"),
    ("创", "chuang"),
    ("汇", "hui"),
    ("聚", "ju"),
    ("融", "rong"),
    ("之", "zhi"),
    ("钱", "qian"),
    ("西", "xi"),
    ("东", "dong"),
    ("南", "nan"),
    ("北", "bei"),
    ("青", "qing"),
    ("蓝", "lan"),
    ("慧", "hui"),
    ("思", "si"),
    ("领", "ling"),
    ("润", "run"),
    ("泽", "ze"),
    ("格", "ge"),
    ("致", "zhi"),
    ("深", "shen"),
    ("洞", "dong"),
];

pub const BRAND_SECOND: &[(&str, &str)] = &[
    ("澜", "lan"),
    ("栖", "qi"),
    ("瀚", "han"),
    ("图", "tu"),
    ("衡", "heng"),
    ("链", "lian"),
    ("源", "yuan"),
    ("通", "tong"),
    ("川", "chuan"),
    ("峰", "feng"),
    ("辰", "chen"),
    ("驰", "chi"),
    ("微", "wei"),
    ("策", "ce"),
    ("鉴", "jian"),
    ("擎", "qing"),
    ("帆", "fan"),
    ("合", "he"),
    ("泰", "tai"),
    ("达", "da"),
    ("翼", "yi"),
    ("曜", "yao"),
    ("朗", "lang"),
    ("睿", "rui"),
    ("航", "hang"),
    ("拓", "tuo"),
    ("景", "jing"),
    ("杉", "shan"),
    ("桥", "qiao"),
    ("石", "shi"),
    ("云", "yun"),
    ("信", "xin"),
    ("科", "ke"),
    ("立", "li"),
    ("象", "xiang"),
    ("弈", "yi"),
    ("禾", "he"),
    ("垣", "yuan"),
    ("舟", "zhou"),
    ("岩", "yan"),
    ("宸", "chen"),
    ("芯", "xin"),
];

/// The business part of a company name.
pub struct NameSuffix {
    pub zh: &'static str,
    pub en: &'static str,
    pub slug: &'static str,
    /// The fields this suffix suits; empty means any.
    pub fields: &'static [ServiceField],
}

pub const NAME_SUFFIXES: &[NameSuffix] = &[
    NameSuffix {
        zh: "科技",
        en: "Technology",
        slug: "technology",
        fields: &[],
    },
    NameSuffix {
        zh: "信息技术",
        en: "Information Technology",
        slug: "information-technology",
        fields: &[],
    },
    NameSuffix {
        zh: "数据科技",
        en: "Data Technology",
        slug: "data-technology",
        fields: &[],
    },
    NameSuffix {
        zh: "智能科技",
        en: "Intelligent Technology",
        slug: "intelligent-technology",
        fields: &[
            ServiceField::DataTechnology,
            ServiceField::ProductDevelopment,
        ],
    },
    NameSuffix {
        zh: "数字科技",
        en: "Digital Technology",
        slug: "digital-technology",
        fields: &[],
    },
    NameSuffix {
        zh: "网络科技",
        en: "Network Technology",
        slug: "network-technology",
        fields: &[],
    },
    NameSuffix {
        zh: "软件",
        en: "Software",
        slug: "software",
        fields: &[
            ServiceField::ProductDevelopment,
            ServiceField::DataTechnology,
        ],
    },
    NameSuffix {
        zh: "大数据科技",
        en: "Big Data Technology",
        slug: "big-data",
        fields: &[ServiceField::DataTechnology, ServiceField::Operation],
    },
    NameSuffix {
        zh: "人工智能科技",
        en: "AI Technology",
        slug: "ai",
        fields: &[
            ServiceField::DataTechnology,
            ServiceField::ProductDevelopment,
        ],
    },
    NameSuffix {
        zh: "数据服务",
        en: "Data Services",
        slug: "data-services",
        fields: &[ServiceField::Operation, ServiceField::Circulation],
    },
    NameSuffix {
        zh: "信息服务",
        en: "Information Services",
        slug: "information-services",
        fields: &[ServiceField::Operation, ServiceField::Circulation],
    },
    NameSuffix {
        zh: "数据交易服务",
        en: "Data Exchange Services",
        slug: "data-exchange",
        fields: &[ServiceField::Circulation],
    },
    NameSuffix {
        zh: "管理咨询",
        en: "Management Consulting",
        slug: "consulting",
        fields: &[ServiceField::Operation],
    },
    NameSuffix {
        zh: "信息安全技术",
        en: "Information Security Technology",
        slug: "infosec",
        fields: &[ServiceField::Security],
    },
    NameSuffix {
        zh: "网络安全技术",
        en: "Cyber Security Technology",
        slug: "cyber-security",
        fields: &[ServiceField::Security],
    },
    NameSuffix {
        zh: "检测认证",
        en: "Testing and Certification",
        slug: "testing",
        fields: &[ServiceField::Security],
    },
];

/// The company form: (Chinese, English). The first is the common one.
pub const COMPANY_FORMS: &[(&str, &str)] = &[
    ("有限公司", "Co., Ltd."),
    ("股份有限公司", "Co., Ltd."),
    ("集团有限公司", "Group Co., Ltd."),
];

pub fn industry_label(industry: Industry) -> (&'static str, &'static str) {
    match industry {
        Industry::Manufacturing => ("制造业", "manufacturing"),
        Industry::Textiles => ("纺织服装", "textiles and apparel"),
        Industry::Automotive => ("汽车", "automotive"),
        Industry::Chemicals => ("化工", "chemicals"),
        Industry::Electronics => ("电子信息", "electronics"),
        Industry::Equipment => ("装备制造", "equipment manufacturing"),
        Industry::Logistics => ("物流", "logistics"),
        Industry::Retail => ("商贸零售", "retail and e-commerce"),
        Industry::Finance => ("金融", "finance"),
        Industry::Healthcare => ("医疗健康", "healthcare"),
        Industry::Agriculture => ("农业", "agriculture"),
        Industry::Energy => ("能源", "energy"),
        Industry::PublicSector => ("政务", "the public sector"),
    }
}

/// Opening sentences of a profile, per primary service field: (Chinese, English).
pub fn profile_openings(field: ServiceField) -> &'static [(&'static str, &'static str)] {
    match field {
        ServiceField::DataTechnology => &[
            (
                "{brand_zh}成立于{year}年，总部位于{city_zh}，专注于{ind_zh}领域的数据采集、清洗与标注。",
                "Founded in {year} and based in {city_en}, {brand_en} specialises in data collection, cleaning and annotation for {ind_en}.",
            ),
            (
                "{brand_zh}是一家扎根{city_zh}的数据技术企业，为{ind_zh}客户提供数据湖仓建设、实时数据处理与数据中台服务。",
                "{brand_en} is a data technology company rooted in {city_en}, building data lakehouses, real-time pipelines and data platforms for {ind_en} clients.",
            ),
        ],
        ServiceField::ProductDevelopment => &[
            (
                "{brand_zh}成立于{year}年，位于{city_zh}，致力于将{ind_zh}行业数据转化为可调用的 API、算法模型与数据应用。",
                "Founded in {year} in {city_en}, {brand_en} turns {ind_en} data into callable APIs, algorithm models and data applications.",
            ),
            (
                "{brand_zh}是{city_zh}的数据产品开发商，成立于{year}年，围绕{ind_zh}场景打造风控、预测与决策类数据产品。",
                "{brand_en}, a {city_en} data product developer founded in {year}, builds risk, forecasting and decision products for {ind_en}.",
            ),
        ],
        ServiceField::Operation => &[
            (
                "{brand_zh}成立于{year}年，总部位于{city_zh}，为{ind_zh}企业提供数据治理、数据资产运营与数据资产入表咨询服务。",
                "Founded in {year} and headquartered in {city_en}, {brand_en} advises {ind_en} companies on data governance, data asset operation and putting data assets on the balance sheet.",
            ),
            (
                "{brand_zh}是{city_zh}的数据运营服务商，帮助{ind_zh}企业把分散的业务数据变成可管理、可计量、可运营的数据资产。",
                "{brand_en} is a {city_en} data operations provider that helps {ind_en} companies turn scattered business data into managed, measurable and marketable data assets.",
            ),
        ],
        ServiceField::Circulation => &[
            (
                "{brand_zh}成立于{year}年，是{city_zh}的数据流通服务商，帮助{ind_zh}数据持有方合规地开放与交易数据。",
                "Founded in {year}, {brand_en} is a {city_en} data circulation provider helping {ind_en} data holders share and trade their data within the rules.",
            ),
            (
                "{brand_zh}立足{city_zh}，专注数据产品登记、挂牌与交付撮合，连接{ind_zh}领域的数据供需双方。",
                "Based in {city_en}, {brand_en} handles data product registration, listing and delivery, connecting data suppliers and buyers in {ind_en}.",
            ),
        ],
        ServiceField::Security => &[
            (
                "{brand_zh}成立于{year}年，总部位于{city_zh}，专注数据安全检测、数据合规评估与数据分类分级服务。",
                "Founded in {year} and headquartered in {city_en}, {brand_en} focuses on data security testing, compliance assessment and data classification.",
            ),
            (
                "{brand_zh}是{city_zh}的数据安全服务商，为{ind_zh}客户提供数据安全风险评估、个人信息保护合规与数据出境评估辅导。",
                "{brand_en} is a {city_en} data security provider offering risk assessments, personal information protection compliance and cross-border transfer support to {ind_en} clients.",
            ),
        ],
    }
}

/// Middle sentences: what the merchant can do, per primary field.
pub fn profile_capabilities(field: ServiceField) -> &'static [(&'static str, &'static str)] {
    match field {
        ServiceField::DataTechnology => &[
            (
                "公司拥有{staff}人的专业标注与质检团队，累计交付训练数据超过{records_zh}条，标注准确率稳定在 99% 以上。",
                "Its {staff}-person annotation and QA team has delivered more than {records_en} training records, with accuracy consistently above 99%.",
            ),
            (
                "自研的数据处理平台支持图像、文本、语音与点云等多模态数据，日处理能力达 {tb} TB。",
                "Its in-house processing platform handles image, text, speech and point-cloud data at up to {tb} TB a day.",
            ),
        ],
        ServiceField::ProductDevelopment => &[
            (
                "旗下数据 API 日均调用超过{calls_zh}次，服务企业客户{clients}余家。",
                "Its data APIs answer more than {calls_en} calls a day for over {clients} business clients.",
            ),
            (
                "公司拥有{staff}人的算法与工程团队，多个模型已在工厂产线与金融机构稳定运行。",
                "A {staff}-person algorithm and engineering team keeps its models running on factory lines and in financial institutions.",
            ),
        ],
        ServiceField::Operation => &[
            (
                "团队由数据治理专家、注册会计师与行业顾问组成，已帮助{clients}余家企业完成数据资源盘点与价值评估。",
                "Its team of data governance experts, certified accountants and industry advisers has helped more than {clients} companies inventory and value their data resources.",
            ),
            (
                "公司为客户提供从数据标准、数据质量到数据资产运营的全流程服务，平均交付周期{weeks}周。",
                "It covers the whole path from data standards and data quality to data asset operation, with an average engagement of {weeks} weeks.",
            ),
        ],
        ServiceField::Circulation => &[
            (
                "公司运营可信数据空间与隐私计算节点，让数据“可用不可见”，已接入{sources}个数据源。",
                "It runs trusted data spaces and privacy-preserving computation nodes so data can be used without being seen, with {sources} data sources connected.",
            ),
            (
                "作为多家数据交易所的注册数商，已协助客户完成{k}项数据产品登记与挂牌。",
                "As a registered merchant on several data exchanges, it has helped clients register and list {k} data products.",
            ),
        ],
        ServiceField::Security => &[
            (
                "公司拥有{staff}人的安全攻防与合规团队，已为客户完成数据安全评估项目{k}余项。",
                "Its {staff}-person security testing and compliance team has completed more than {k} data security assessments.",
            ),
            (
                "自研的敏感数据识别与数据防泄漏工具已在{clients}余家机构部署，覆盖数据全生命周期。",
                "Its own sensitive-data discovery and data loss prevention tools run in more than {clients} organisations across the whole data life cycle.",
            ),
        ],
    }
}

/// Closing sentences, for any field.
pub const PROFILE_CLOSINGS: &[(&str, &str)] = &[
    (
        "客户涵盖长三角地区的制造企业、金融机构与政府部门。",
        "Its clients include manufacturers, financial institutions and government bodies across the Yangtze River Delta.",
    ),
    (
        "公司是浙江数据要素市场的积极参与者，坚持数据来源合法合规与全流程安全管理。",
        "An active member of Zhejiang's data market, it puts lawful data sourcing and end-to-end security management first.",
    ),
    (
        "公司持续投入研发，拥有软件著作权与发明专利{ip}项。",
        "It invests steadily in R&D and holds {ip} software copyrights and invention patents.",
    ),
    (
        "公司已通过{certs}等认证，可按客户要求出具合规与质量证明材料。",
        "Certified to {certs}, it provides compliance and quality evidence on request.",
    ),
];

/// Certifications a merchant may hold, with the years a company has to have been
/// operating before it plausibly holds one (no two-year-old start-up is CMMI 5).
pub const CERTIFICATIONS: &[(&str, i16)] = &[
    ("ISO 27001", 1),
    ("ISO 9001", 1),
    ("DCMM 3级", 2),
    ("DCMM 4级", 5),
    ("数据安全能力成熟度 DSMM 3级", 3),
    ("CMMI 3", 2),
    ("CMMI 5", 8),
    ("ISO 27701", 1),
    ("网络安全等级保护三级", 1),
    ("国家高新技术企业", 3),
];

/// Why an application was refused: (Chinese, English).
pub const REJECTION_REASONS: &[(&str, &str)] = &[
    (
        "营业执照经营范围不含数据相关业务。",
        "The business scope on the licence does not cover data services.",
    ),
    (
        "申请材料不完整：缺少数据来源授权证明。",
        "Incomplete application: no proof that the data sources are authorised.",
    ),
    (
        "统一社会信用代码与企业名称不一致，请核对后重新申请。",
        "The USCC does not match the company name; please check and apply again.",
    ),
];

/// Why an approved merchant was suspended.
pub const MERCHANT_SUSPENSION_REASONS: &[(&str, &str)] = &[
    (
        "投诉核查中：交付数据与挂牌描述不符。",
        "Complaint under investigation: delivered data did not match the listing.",
    ),
    (
        "年度合规复核逾期未提交材料。",
        "Annual compliance review documents are overdue.",
    ),
    (
        "数据来源授权文件已过期，待补充。",
        "Data source authorisation documents have expired and must be renewed.",
    ),
];

/// Why the operator suspended a listing.
pub const LISTING_SUSPENSION_REASONS: &[(&str, &str)] = &[
    (
        "样例数据含未脱敏的手机号码，待整改后复审。",
        "The sample contains unmasked phone numbers; re-review after correction.",
    ),
    (
        "数据来源授权文件已过期。",
        "The data source authorisation has expired.",
    ),
    (
        "价格说明与合同条款不一致。",
        "The price description does not match the contract terms.",
    ),
];

/// The province prefix of a data product registration certificate, by region.
pub fn registration_prefix(region: Region) -> &'static str {
    match region {
        Region::Shanghai => "沪数登字",
        Region::Jiangsu => "苏数登字",
        Region::Anhui => "皖数登字",
        _ => "浙数登字",
    }
}
