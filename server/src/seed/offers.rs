//! What demo merchants offer: one template per kind of real offer (datasets, data products,
//! services), each with the variants, texts and specifications a listing is made from.
//! Texts come in Chinese and English; `{placeholders}` are filled by `market::fill`:
//! `v_zh`/`v_en` (the variant), `ind_zh`/`ind_en` (the main industry), `city_zh`/`city_en`
//! (the merchant's city), `volume`/`volume_zh`, `coverage`/`coverage_zh`, `accuracy`, `n`
//! and `days`.

use app::vocab::{
    DeliveryMode as D, Industry as I, ListingKind, Modality, PersonalInfo, PricingModel as P,
    ServiceField as F,
};

/// A kind of offer a listing is generated from.
pub struct Offer {
    pub kind: ListingKind,
    pub field: F,
    pub title: (&'static str, &'static str),
    pub variants: &'static [Variant],
    pub summary: (&'static str, &'static str),
    pub description: (&'static str, &'static str),
    pub industries: &'static [I],
    /// The first is always offered; the others sometimes.
    pub delivery: &'static [D],
    pub pricing: &'static [P],
    pub personal_info: PersonalInfo,
    pub dataset: Option<DatasetSpec>,
}

/// One variant of an offer: its words (Chinese, and English in lower case as it reads
/// mid-sentence) and, when it is for fewer industries than the offer, those industries
/// (a subset of the offer's; a telecoms corpus is never tagged retail).
pub struct Variant {
    pub zh: &'static str,
    pub en: &'static str,
    pub industries: &'static [I],
}

impl Variant {
    /// The industries a listing of this variant may be tagged with.
    pub fn industries<'a>(&'a self, offer: &'a Offer) -> &'a [I] {
        if self.industries.is_empty() {
            offer.industries
        } else {
            self.industries
        }
    }
}

/// What an offer without variants (none exists; a test checks) would use.
pub const NO_VARIANT: Variant = v("", "");

/// A variant for any of its offer's industries.
const fn v(zh: &'static str, en: &'static str) -> Variant {
    Variant {
        zh,
        en,
        industries: &[],
    }
}

/// A variant for some of its offer's industries only.
const fn v_in(zh: &'static str, en: &'static str, industries: &'static [I]) -> Variant {
    Variant { zh, en, industries }
}

/// The specification of a dataset offer.
pub struct DatasetSpec {
    pub modality: Modality,
    /// What the volume counts, e.g. "images", and in Chinese with its measure word ("张图像").
    pub unit: &'static str,
    pub unit_zh: &'static str,
    pub count: (u64, u64),
    /// Average kilobytes per counted unit, for the size in the volume.
    pub kb_per_unit: u64,
    pub label_schema: &'static str,
    /// Annotation accuracy in tenths of a percent.
    pub accuracy: (u32, u32),
    /// The data dictionary: (name, type, description).
    pub fields: &'static [(&'static str, &'static str, &'static str)],
    /// Sample rows as JSON arrays, one value per field; at least three.
    pub rows: &'static [&'static str],
}

const ALL_DATASET_DELIVERY: &[D] = &[D::Download, D::Api, D::DataSpace];

pub const OFFERS: &[Offer] = &[
    // ----- Datasets -----
    Offer {
        kind: ListingKind::Dataset,
        field: F::DataTechnology,
        title: (
            "工业质检图像数据集（{v_zh}）",
            "Industrial Quality Inspection Image Dataset ({v_en})",
        ),
        variants: &[
            v_in(
                "金属零部件",
                "metal parts",
                &[I::Manufacturing, I::Equipment],
            ),
            v_in("注塑件", "injection-moulded parts", &[I::Manufacturing]),
            v_in(
                "锂电池极片",
                "lithium battery electrodes",
                &[I::Energy, I::Electronics],
            ),
            v_in("光伏组件", "solar modules", &[I::Energy, I::Electronics]),
            v_in(
                "汽车焊点",
                "automotive weld seams",
                &[I::Automotive, I::Manufacturing],
            ),
            v_in("轴承", "bearings", &[I::Equipment, I::Manufacturing]),
        ],
        summary: (
            "来自真实产线的{v_zh}缺陷图像，逐张人工标注，可直接用于工业视觉模型训练。",
            "Defect images of {v_en} from real production lines, labelled one by one and ready for industrial vision training.",
        ),
        description: (
            "数据采集自{city_zh}及周边{n}家合作工厂的自动光学检测（AOI）工位，覆盖{v_zh}的划痕、凹坑、裂纹、脏污等常见缺陷。每张图像经两轮人工标注与质检抽检，标注准确率 {accuracy}。数据规模：{volume_zh}，采集时间 {coverage_zh}。",
            "Captured at automated optical inspection stations in {n} partner factories around {city_en}, the images cover scratches, dents, cracks, stains and other common defects of {v_en}. Every image was labelled twice and spot-checked, with {accuracy} annotation accuracy. Volume: {volume}; collected {coverage}.",
        ),
        industries: &[
            I::Manufacturing,
            I::Equipment,
            I::Automotive,
            I::Electronics,
            I::Energy,
        ],
        delivery: ALL_DATASET_DELIVERY,
        pricing: &[P::Fixed, P::Fixed, P::Quote, P::Subscription],
        personal_info: PersonalInfo::None,
        dataset: Some(DatasetSpec {
            modality: Modality::Image,
            unit: "images",
            unit_zh: "张图像",
            count: (20_000, 400_000),
            kb_per_unit: 700,
            label_schema: "Bounding boxes and polygons, 12 defect classes / 矩形框与多边形，12 类缺陷",
            accuracy: (985, 997),
            fields: &[
                ("image_id", "string", "Image file name / 图像文件名"),
                ("line_id", "string", "Production line / 产线编号"),
                ("defect_type", "string", "Defect class / 缺陷类别"),
                (
                    "bbox",
                    "array<integer>",
                    "Box as x, y, width, height in pixels / 缺陷框像素坐标",
                ),
                ("severity", "integer", "Severity 1–3 / 严重程度 1–3"),
                ("captured_at", "timestamp", "Capture time / 采集时间"),
            ],
            rows: &[
                r#"["IMG_000184.png", "L03", "scratch", [412, 188, 96, 22], 2, "2024-05-11T09:14:03+08:00"]"#,
                r#"["IMG_000185.png", "L03", "dent", [1022, 640, 48, 51], 3, "2024-05-11T09:14:07+08:00"]"#,
                r#"["IMG_002911.png", "L07", "stain", [233, 904, 130, 77], 1, "2024-06-02T14:40:51+08:00"]"#,
                r#"["IMG_010457.png", "L01", "crack", [760, 315, 18, 144], 3, "2024-08-19T22:05:36+08:00"]"#,
            ],
        }),
    },
    Offer {
        kind: ListingKind::Dataset,
        field: F::DataTechnology,
        title: (
            "纺织面料缺陷标注数据集（{v_zh}）",
            "Textile Fabric Defect Annotation Dataset ({v_en})",
        ),
        variants: &[
            v("牛仔布", "denim"),
            v("针织面料", "knitted fabric"),
            v("真丝", "silk"),
            v("化纤长丝", "synthetic filament"),
            v("印花布", "printed fabric"),
        ],
        summary: (
            "{v_zh}验布环节采集的缺陷图像，按行业验布标准标注断经、纬缩、破洞等缺陷。",
            "Defect images of {v_en} from fabric inspection, annotated for broken ends, weft curls, holes and more to industry grading rules.",
        ),
        description: (
            "图像由{city_zh}纺织产业集群{n}家印染与织造企业的验布机线阵相机采集，分辨率 4096×2048。标注团队由具有验布经验的质检员组成，覆盖 18 类常见疵点，标注准确率 {accuracy}。数据规模：{volume_zh}。",
            "Images come from line-scan cameras on inspection machines at {n} weaving and dyeing mills in the {city_en} textile cluster, at 4096×2048. Annotators are experienced fabric inspectors covering 18 common defect types, with {accuracy} accuracy. Volume: {volume}.",
        ),
        industries: &[I::Textiles, I::Manufacturing],
        delivery: ALL_DATASET_DELIVERY,
        pricing: &[P::Fixed, P::Fixed, P::Quote],
        personal_info: PersonalInfo::None,
        dataset: Some(DatasetSpec {
            modality: Modality::Image,
            unit: "images",
            unit_zh: "张图像",
            count: (10_000, 200_000),
            kb_per_unit: 1_200,
            label_schema: "Bounding boxes, 18 fabric defect classes / 矩形框，18 类面料疵点",
            accuracy: (980, 995),
            fields: &[
                ("image_id", "string", "Image file name / 图像文件名"),
                ("fabric", "string", "Fabric type / 面料类型"),
                ("defect", "string", "Defect class / 疵点类别"),
                (
                    "bbox",
                    "array<integer>",
                    "Box as x, y, width, height / 疵点框",
                ),
                ("grade", "string", "Four-point grade / 四分制评级"),
            ],
            rows: &[
                r#"["FAB_20240312_0001.jpg", "denim 12oz", "broken_end", [1802, 0, 14, 2048], "4"]"#,
                r#"["FAB_20240312_0002.jpg", "denim 12oz", "hole", [933, 1107, 41, 39], "2"]"#,
                r#"["FAB_20240315_0410.jpg", "denim 10oz", "weft_curl", [220, 640, 388, 26], "1"]"#,
                r#"["FAB_20240402_1288.jpg", "denim 12oz", "oil_stain", [3120, 1502, 96, 88], "2"]"#,
            ],
        }),
    },
    Offer {
        kind: ListingKind::Dataset,
        field: F::Circulation,
        title: (
            "新能源汽车电池时序数据（{v_zh}）",
            "EV Battery Time-Series Data ({v_en})",
        ),
        variants: &[
            v("乘用车", "passenger cars"),
            v("网约车", "ride-hailing fleets"),
            v("城市公交", "city buses"),
            v("城配物流车", "delivery vans"),
        ],
        summary: (
            "{v_zh}动力电池运行时序数据，含电压、电流、温度与 SOC，已脱敏车辆标识。",
            "Battery operating time series from {v_en}: voltage, current, temperature and state of charge, with vehicle identifiers removed.",
        ),
        description: (
            "数据来自{n}个车队的车载 BMS 实时上报，采样间隔 10 秒，时间跨度 {coverage_zh}。车辆 VIN 已做不可逆哈希，数据通过可信数据空间交付时原始数据不出域。适用于电池健康度评估、热失控预警与残值评估模型。数据规模：{volume_zh}。",
            "Reported live by on-board battery management systems in {n} fleets every 10 seconds, covering {coverage}. VINs are irreversibly hashed, and when delivered through the trusted data space the raw data never leaves its holder. Suited to battery health, thermal runaway warning and residual value models. Volume: {volume}.",
        ),
        industries: &[I::Automotive, I::Energy, I::Finance],
        delivery: &[D::DataSpace, D::Api, D::Download],
        pricing: &[P::Subscription, P::Quote, P::Fixed],
        personal_info: PersonalInfo::DeIdentified,
        dataset: Some(DatasetSpec {
            modality: Modality::TimeSeries,
            unit: "readings",
            unit_zh: "条读数",
            count: (50_000_000, 2_000_000_000),
            kb_per_unit: 0,
            label_schema: "Fault events aligned from maintenance records / 依据维修记录对齐的故障事件",
            accuracy: (970, 992),
            fields: &[
                ("vehicle_hash", "string", "Hashed vehicle id / 车辆标识哈希"),
                ("ts", "timestamp", "Reading time / 采样时间"),
                ("soc", "float", "State of charge, % / 荷电状态"),
                ("pack_voltage", "float", "Pack voltage, V / 总电压"),
                ("pack_current", "float", "Pack current, A / 总电流"),
                ("cell_temp_max", "float", "Hottest cell, °C / 最高单体温度"),
                (
                    "fault_code",
                    "string",
                    "BMS fault code, empty if none / 故障码",
                ),
            ],
            rows: &[
                r#"["a81f…9c02", "2024-07-01T08:00:00+08:00", 86.4, 377.2, -42.5, 31.8, ""]"#,
                r#"["a81f…9c02", "2024-07-01T08:00:10+08:00", 86.3, 376.9, -51.0, 31.9, ""]"#,
                r#"["5d0e…77b1", "2024-07-01T08:00:00+08:00", 42.0, 361.5, 12.3, 36.4, ""]"#,
                r#"["5d0e…77b1", "2024-07-01T08:00:10+08:00", 41.9, 361.2, 15.1, 47.2, "P0A7E"]"#,
            ],
        }),
    },
    Offer {
        kind: ListingKind::Dataset,
        field: F::DataTechnology,
        title: (
            "中文医疗问答语料（{v_zh}）",
            "Chinese Medical Q&A Corpus ({v_en})",
        ),
        variants: &[
            v("内科", "internal medicine"),
            v("儿科", "paediatrics"),
            v("心血管", "cardiology"),
            v("慢病管理", "chronic disease care"),
        ],
        summary: (
            "经执业医师审核的{v_zh}问答对，适用于医疗大模型的指令微调与评测。",
            "Question–answer pairs in {v_en}, reviewed by licensed physicians, for instruction-tuning and evaluating medical language models.",
        ),
        description: (
            "语料来自合作互联网医院的图文问诊记录，已删除姓名、电话、住址等个人信息并经去标识化评估。每条回答由{n}名以上执业医师交叉审核，审核一致率 {accuracy}。数据规模：{volume_zh}，时间跨度 {coverage_zh}。",
            "Drawn from text consultations at partner online hospitals, with names, phone numbers and addresses removed and a de-identification assessment done. Each answer was cross-checked by at least {n} licensed physicians, with {accuracy} agreement. Volume: {volume}; period {coverage}.",
        ),
        industries: &[I::Healthcare],
        delivery: &[D::Download, D::DataSpace, D::Api],
        pricing: &[P::Fixed, P::Quote],
        personal_info: PersonalInfo::DeIdentified,
        dataset: Some(DatasetSpec {
            modality: Modality::Text,
            unit: "Q&A pairs",
            unit_zh: "组问答",
            count: (50_000, 2_000_000),
            kb_per_unit: 2,
            label_schema: "Department, intent and risk level per pair / 每条标注科室、意图与风险等级",
            accuracy: (960, 990),
            fields: &[
                ("qa_id", "string", "Pair id / 问答编号"),
                ("department", "string", "Department / 科室"),
                ("question", "string", "Patient question / 患者提问"),
                ("answer", "string", "Physician answer / 医生回答"),
                (
                    "risk_level",
                    "integer",
                    "0 general, 1 see a doctor, 2 urgent / 风险等级",
                ),
            ],
            rows: &[
                r#"["QA0000017", "内科", "最近总是饭后胃胀，需要做胃镜吗？", "饭后胃胀多与饮食和胃动力有关，若持续超过两周或伴体重下降，建议做胃镜检查。", 1]"#,
                r#"["QA0000342", "儿科", "孩子发烧 38.2 度，精神还好，要去医院吗？", "精神状态好可先物理降温并多饮水，若超过 39 度或持续 3 天以上请及时就医。", 1]"#,
                r#"["QA0001208", "心血管", "胸口压榨样疼痛二十分钟不缓解怎么办？", "这可能是急性心肌梗死的表现，请立即拨打 120，不要自行驾车就医。", 2]"#,
                r#"["QA0002876", "内科", "体检尿酸 460，需要吃药吗？", "无症状高尿酸血症先调整饮食、多饮水并复查，达到用药指征时再遵医嘱用药。", 0]"#,
            ],
        }),
    },
    Offer {
        kind: ListingKind::Dataset,
        field: F::Circulation,
        title: (
            "物流运单轨迹数据集（{v_zh}）",
            "Logistics Waybill Trajectory Dataset ({v_en})",
        ),
        variants: &[
            v("城市配送", "urban distribution"),
            v("干线运输", "line-haul trucking"),
            v("冷链", "cold chain"),
            v("快递末端", "last-mile parcels"),
        ],
        summary: (
            "{v_zh}运单的 GPS 轨迹与节点时间，适用于时效预测与路径优化。",
            "GPS tracks and milestone times of {v_en} waybills, for delivery-time prediction and route optimisation.",
        ),
        description: (
            "数据由{n}家物流企业的车载终端与运单系统汇聚，轨迹点间隔 30 秒，已剔除司机姓名与手机号。覆盖长三角主要城市，时间跨度 {coverage_zh}，数据规模：{volume_zh}。",
            "Pooled from vehicle terminals and waybill systems of {n} logistics companies, with a track point every 30 seconds and driver names and phone numbers removed. Covers the main Yangtze River Delta cities over {coverage}. Volume: {volume}.",
        ),
        industries: &[I::Logistics, I::Retail],
        delivery: &[D::Api, D::Download, D::DataSpace],
        pricing: &[P::Subscription, P::Fixed, P::PerCall],
        personal_info: PersonalInfo::DeIdentified,
        dataset: Some(DatasetSpec {
            modality: Modality::TimeSeries,
            unit: "waybills",
            unit_zh: "条运单",
            count: (200_000, 30_000_000),
            kb_per_unit: 40,
            label_schema: "Milestones: pickup, hub in/out, delivered, exception / 节点：揽收、进出中转、签收、异常",
            accuracy: (975, 995),
            fields: &[
                (
                    "waybill_no",
                    "string",
                    "Waybill number (masked) / 运单号（掩码）",
                ),
                ("ts", "timestamp", "Point time / 轨迹时间"),
                ("lng", "float", "Longitude, GCJ-02 / 经度"),
                ("lat", "float", "Latitude, GCJ-02 / 纬度"),
                (
                    "milestone",
                    "string",
                    "Milestone, empty between milestones / 节点",
                ),
            ],
            rows: &[
                r#"["SF****3851", "2024-09-03T07:41:30+08:00", 120.2103, 30.2462, "pickup"]"#,
                r#"["SF****3851", "2024-09-03T07:42:00+08:00", 120.2139, 30.2478, ""]"#,
                r#"["SF****3851", "2024-09-03T11:05:30+08:00", 121.4737, 31.2304, "hub_in"]"#,
                r#"["SF****3851", "2024-09-03T16:22:00+08:00", 121.5012, 31.2433, "delivered"]"#,
            ],
        }),
    },
    Offer {
        kind: ListingKind::Dataset,
        field: F::DataTechnology,
        title: (
            "电商评论情感标注数据集（{v_zh}）",
            "E-commerce Review Sentiment Annotation Dataset ({v_en})",
        ),
        variants: &[
            v_in("服装", "apparel", &[I::Retail, I::Textiles]),
            v_in("家电", "home appliances", &[I::Retail, I::Electronics]),
            v_in("美妆", "cosmetics", &[I::Retail]),
            v_in("小商品", "small commodities", &[I::Retail]),
        ],
        summary: (
            "{v_zh}类目的真实买家评论，按属性级情感标注，适用于舆情分析与商品洞察。",
            "Real buyer reviews of {v_en}, annotated with aspect-level sentiment for opinion mining and product insight.",
        ),
        description: (
            "评论来自主流电商平台公开页面，已去除昵称与头像等个人信息。每条评论标注评价对象、属性与情感极性，三人背靠背标注后仲裁，标注准确率 {accuracy}。数据规模：{volume_zh}，时间跨度 {coverage_zh}。",
            "Reviews come from public pages of major e-commerce platforms, with nicknames and avatars removed. Each review is labelled with target, aspect and polarity by three independent annotators and then adjudicated, for {accuracy} accuracy. Volume: {volume}; period {coverage}.",
        ),
        industries: &[I::Retail, I::Textiles, I::Electronics],
        delivery: &[D::Download, D::Api],
        pricing: &[P::Fixed, P::Subscription],
        personal_info: PersonalInfo::DeIdentified,
        dataset: Some(DatasetSpec {
            modality: Modality::Text,
            unit: "reviews",
            unit_zh: "条评论",
            count: (100_000, 5_000_000),
            kb_per_unit: 1,
            label_schema: "Aspect, opinion and polarity (positive, neutral, negative) / 属性、观点与情感极性",
            accuracy: (950, 985),
            fields: &[
                ("review_id", "string", "Review id / 评论编号"),
                ("category", "string", "Product category / 商品类目"),
                ("text", "string", "Review text / 评论内容"),
                ("aspect", "string", "Aspect reviewed / 评价属性"),
                ("polarity", "string", "Sentiment / 情感极性"),
            ],
            rows: &[
                r#"["R0092381", "女装/连衣裙", "面料很舒服，就是尺码偏小一码。", "尺码", "negative"]"#,
                r#"["R0092382", "女装/连衣裙", "颜色和图片一样，做工也不错。", "做工", "positive"]"#,
                r#"["R0104577", "男装/衬衫", "物流挺快，衣服一般般吧。", "物流", "positive"]"#,
                r#"["R0117206", "童装/外套", "洗了一次就起球了，不推荐。", "面料", "negative"]"#,
            ],
        }),
    },
    Offer {
        kind: ListingKind::Dataset,
        field: F::DataTechnology,
        title: (
            "工业设备振动传感数据（{v_zh}）",
            "Industrial Equipment Vibration Sensor Data ({v_en})",
        ),
        variants: &[
            v_in(
                "数控机床",
                "CNC machine tools",
                &[I::Equipment, I::Manufacturing],
            ),
            v_in(
                "空压机",
                "air compressors",
                &[I::Equipment, I::Manufacturing],
            ),
            v_in("风电机组", "wind turbines", &[I::Energy]),
            v_in(
                "注塑机",
                "injection moulding machines",
                &[I::Equipment, I::Manufacturing],
            ),
        ],
        summary: (
            "{v_zh}全生命周期振动与工况数据，附维修记录标注的故障区间。",
            "Whole-life vibration and operating data from {v_en}, with fault intervals labelled from maintenance records.",
        ),
        description: (
            "数据来自{n}家工厂部署的三轴振动传感器，采样率 25.6 kHz，同步记录转速、电流与温度。每段故障区间依据维修工单人工对齐，准确率 {accuracy}，可用于预测性维护与剩余寿命模型。数据规模：{volume_zh}，时间跨度 {coverage_zh}。",
            "Recorded by tri-axial vibration sensors in {n} factories at 25.6 kHz, with speed, current and temperature alongside. Fault intervals were aligned by hand from maintenance work orders with {accuracy} accuracy, for predictive maintenance and remaining-life models. Volume: {volume}; period {coverage}.",
        ),
        industries: &[I::Equipment, I::Manufacturing, I::Energy],
        delivery: ALL_DATASET_DELIVERY,
        pricing: &[P::Fixed, P::Quote, P::Subscription],
        personal_info: PersonalInfo::None,
        dataset: Some(DatasetSpec {
            modality: Modality::TimeSeries,
            unit: "machine-hours",
            unit_zh: "台时",
            count: (20_000, 600_000),
            kb_per_unit: 9_000,
            label_schema: "Normal, degrading and fault intervals with fault type / 正常、劣化与故障区间及故障类型",
            accuracy: (965, 990),
            fields: &[
                ("machine_id", "string", "Machine id / 设备编号"),
                ("ts", "timestamp", "Window start / 窗口起始时间"),
                ("rms_x", "float", "RMS velocity X, mm/s / X 轴有效值"),
                ("rms_y", "float", "RMS velocity Y, mm/s / Y 轴有效值"),
                ("rms_z", "float", "RMS velocity Z, mm/s / Z 轴有效值"),
                ("spindle_rpm", "integer", "Speed, rpm / 转速"),
                ("state", "string", "normal, degrading or fault / 状态"),
            ],
            rows: &[
                r#"["CNC-A017", "2024-03-08T10:00:00+08:00", 1.42, 1.37, 0.88, 8000, "normal"]"#,
                r#"["CNC-A017", "2024-03-21T10:00:00+08:00", 2.95, 2.71, 1.64, 8000, "degrading"]"#,
                r#"["CNC-A017", "2024-03-29T15:30:00+08:00", 6.80, 5.92, 3.11, 7990, "fault"]"#,
                r#"["CNC-B004", "2024-04-02T09:00:00+08:00", 1.10, 1.05, 0.71, 12000, "normal"]"#,
            ],
        }),
    },
    Offer {
        kind: ListingKind::Dataset,
        field: F::Circulation,
        title: (
            "化工生产过程参数数据集（{v_zh}）",
            "Chemical Process Parameter Dataset ({v_en})",
        ),
        variants: &[
            v_in("精细化工", "fine chemicals", &[I::Chemicals]),
            v_in("聚酯", "polyester", &[I::Chemicals, I::Textiles]),
            v_in("氟化工", "fluorochemicals", &[I::Chemicals]),
        ],
        summary: (
            "{v_zh}装置 DCS 分钟级工艺参数与质量化验结果，适用于工艺优化与软测量建模。",
            "Minute-level DCS process parameters and lab quality results from {v_en} plants, for process optimisation and soft-sensor models.",
        ),
        description: (
            "数据来自{city_zh}化工园区{n}套生产装置的 DCS 与 LIMS 系统，位号已做脱敏映射。化验结果与工艺参数按采样时间对齐，对齐准确率 {accuracy}。数据规模：{volume_zh}，时间跨度 {coverage_zh}。",
            "Taken from DCS and LIMS systems of {n} production units in {city_en} chemical parks, with tag names mapped to neutral codes. Lab results are aligned to process data by sampling time with {accuracy} accuracy. Volume: {volume}; period {coverage}.",
        ),
        industries: &[I::Chemicals, I::Textiles, I::Manufacturing],
        delivery: &[D::DataSpace, D::Download],
        pricing: &[P::Quote, P::Fixed],
        personal_info: PersonalInfo::None,
        dataset: Some(DatasetSpec {
            modality: Modality::Tabular,
            unit: "records",
            unit_zh: "条记录",
            count: (1_000_000, 80_000_000),
            kb_per_unit: 0,
            label_schema: "Lab quality grade per batch / 每批次质量等级",
            accuracy: (980, 996),
            fields: &[
                ("unit_code", "string", "Production unit / 装置编码"),
                ("ts", "timestamp", "Minute / 时间"),
                ("tag", "string", "Masked tag / 位号（脱敏）"),
                ("value", "float", "Reading / 读数"),
                (
                    "batch_grade",
                    "string",
                    "Lab grade of the batch / 批次质量等级",
                ),
            ],
            rows: &[
                r#"["U02", "2023-11-04T08:01:00+08:00", "TI-0231", 265.4, "A"]"#,
                r#"["U02", "2023-11-04T08:01:00+08:00", "PI-0112", 0.218, "A"]"#,
                r#"["U02", "2023-11-04T08:02:00+08:00", "FI-0407", 12.75, "A"]"#,
                r#"["U05", "2023-11-04T08:01:00+08:00", "TI-0518", 281.9, "B"]"#,
            ],
        }),
    },
    Offer {
        kind: ListingKind::Dataset,
        field: F::DataTechnology,
        title: (
            "农作物病虫害图像标注数据集（{v_zh}）",
            "Crop Pest and Disease Image Annotation Dataset ({v_en})",
        ),
        variants: &[
            v("水稻", "rice"),
            v("茶叶", "tea"),
            v("柑橘", "citrus"),
            v("杨梅", "bayberry"),
        ],
        summary: (
            "田间拍摄的{v_zh}病虫害图像，由农技专家标注病害种类与严重程度。",
            "Field photos of {v_en} pests and diseases, labelled by agronomists with disease type and severity.",
        ),
        description: (
            "图像由{city_zh}等地{n}个农业示范基地的巡田人员与无人机采集，覆盖不同生育期与光照条件。农技专家标注病虫害种类与严重等级，抽检准确率 {accuracy}。数据规模：{volume_zh}，采集时间 {coverage_zh}。",
            "Taken by field scouts and drones at {n} demonstration farms around {city_en}, across growth stages and light conditions. Agronomists labelled pest or disease type and severity, with {accuracy} spot-check accuracy. Volume: {volume}; collected {coverage}.",
        ),
        industries: &[I::Agriculture],
        delivery: &[D::Download, D::Api],
        pricing: &[P::Fixed, P::Quote],
        personal_info: PersonalInfo::None,
        dataset: Some(DatasetSpec {
            modality: Modality::Image,
            unit: "images",
            unit_zh: "张图像",
            count: (5_000, 150_000),
            kb_per_unit: 3_000,
            label_schema: "Image class and polygon of affected area, 26 classes / 图像类别与病斑多边形，26 类",
            accuracy: (960, 990),
            fields: &[
                ("image_id", "string", "Image file name / 图像文件名"),
                ("crop", "string", "Crop / 作物"),
                ("label", "string", "Pest or disease / 病虫害"),
                ("severity", "integer", "Severity 1–5 / 严重等级"),
                ("growth_stage", "string", "Growth stage / 生育期"),
            ],
            rows: &[
                r#"["RICE_0001842.jpg", "水稻", "稻瘟病", 3, "分蘖期"]"#,
                r#"["RICE_0001843.jpg", "水稻", "稻飞虱", 2, "孕穗期"]"#,
                r#"["RICE_0002077.jpg", "水稻", "纹枯病", 4, "抽穗期"]"#,
                r#"["RICE_0003150.jpg", "水稻", "健康", 1, "分蘖期"]"#,
            ],
        }),
    },
    Offer {
        kind: ListingKind::Dataset,
        field: F::DataTechnology,
        title: (
            "中文客服对话语料（{v_zh}）",
            "Chinese Customer Service Dialogue Corpus ({v_en})",
        ),
        variants: &[
            v_in("银行", "banking", &[I::Finance]),
            v_in("电商", "e-commerce", &[I::Retail]),
            v_in("保险", "insurance", &[I::Finance]),
            v_in("政务热线", "government hotline", &[I::PublicSector]),
        ],
        summary: (
            "{v_zh}场景多轮客服对话，标注意图与槽位，适用于智能客服与对话大模型。",
            "Multi-turn {v_en} customer service dialogues labelled with intents and slots, for chatbots and dialogue models.",
        ),
        description: (
            "对话来自合作客服中心的文字与语音转写记录，已对姓名、证件号、卡号、手机号做替换脱敏。每轮对话标注用户意图与关键槽位，标注准确率 {accuracy}。数据规模：{volume_zh}，时间跨度 {coverage_zh}。",
            "Text chats and transcribed calls from partner contact centres, with names, ID numbers, card numbers and phone numbers replaced. Each turn is labelled with intent and key slots at {accuracy} accuracy. Volume: {volume}; period {coverage}.",
        ),
        industries: &[I::Finance, I::Retail, I::PublicSector],
        delivery: &[D::Download, D::DataSpace],
        pricing: &[P::Fixed, P::Quote],
        personal_info: PersonalInfo::DeIdentified,
        dataset: Some(DatasetSpec {
            modality: Modality::Text,
            unit: "dialogues",
            unit_zh: "组对话",
            count: (20_000, 1_000_000),
            kb_per_unit: 4,
            label_schema: "Intent per turn (86 intents) and slots (24 types) / 每轮意图（86 类）与槽位（24 类）",
            accuracy: (955, 988),
            fields: &[
                ("dialogue_id", "string", "Dialogue id / 对话编号"),
                ("turn", "integer", "Turn number / 轮次"),
                ("speaker", "string", "customer or agent / 说话方"),
                ("text", "string", "Utterance / 话语"),
                ("intent", "string", "Intent label / 意图"),
            ],
            rows: &[
                r#"["D00231", 1, "customer", "我的信用卡账单日能改吗？", "change_statement_date"]"#,
                r#"["D00231", 2, "agent", "可以的，请问您想改到每月几号？", "ask_date"]"#,
                r#"["D00231", 3, "customer", "改到 15 号吧。", "inform_date"]"#,
                r#"["D00232", 1, "customer", "卡片丢了怎么挂失？", "report_lost_card"]"#,
            ],
        }),
    },
    Offer {
        kind: ListingKind::Dataset,
        field: F::DataTechnology,
        title: (
            "城市交通视频标注数据集（{v_zh}）",
            "Urban Traffic Video Annotation Dataset ({v_en})",
        ),
        variants: &[
            v("路口", "intersections"),
            v("高速公路", "expressways"),
            v("隧道", "tunnels"),
            v("停车场", "car parks"),
        ],
        summary: (
            "{v_zh}监控视频逐帧标注车辆、行人与非机动车，人脸与车牌已模糊处理。",
            "Surveillance video of {v_en} with vehicles, pedestrians and cyclists labelled frame by frame; faces and plates blurred.",
        ),
        description: (
            "视频来自{city_zh}交通管理部门授权开放的{n}个点位，分辨率 1080p，覆盖早晚高峰、夜间与雨天。目标框与跟踪 ID 逐帧标注，准确率 {accuracy}。数据规模：{volume_zh}，采集时间 {coverage_zh}。",
            "Video from {n} camera sites opened under authorisation by the {city_en} traffic authority, at 1080p, covering rush hours, night and rain. Boxes and track ids are labelled on every frame with {accuracy} accuracy. Volume: {volume}; collected {coverage}.",
        ),
        industries: &[I::PublicSector, I::Automotive, I::Logistics],
        delivery: &[D::DataSpace, D::Download],
        pricing: &[P::Quote, P::Fixed],
        personal_info: PersonalInfo::DeIdentified,
        dataset: Some(DatasetSpec {
            modality: Modality::Video,
            unit: "video hours",
            unit_zh: "小时视频",
            count: (200, 20_000),
            kb_per_unit: 2_500_000,
            label_schema: "Boxes with track ids, 9 road-user classes / 带跟踪 ID 的目标框，9 类交通参与者",
            accuracy: (970, 993),
            fields: &[
                ("clip_id", "string", "Clip id / 片段编号"),
                ("frame", "integer", "Frame number / 帧号"),
                ("track_id", "integer", "Track id / 跟踪编号"),
                ("class", "string", "Road-user class / 目标类别"),
                (
                    "bbox",
                    "array<integer>",
                    "Box as x, y, width, height / 目标框",
                ),
            ],
            rows: &[
                r#"["HZ-XH-0142-0830", 1, 17, "car", [812, 455, 210, 118]]"#,
                r#"["HZ-XH-0142-0830", 1, 18, "e-bike", [1320, 602, 64, 121]]"#,
                r#"["HZ-XH-0142-0830", 2, 17, "car", [818, 457, 211, 118]]"#,
                r#"["HZ-XH-0142-0830", 2, 21, "pedestrian", [402, 640, 38, 102]]"#,
            ],
        }),
    },
    Offer {
        kind: ListingKind::Dataset,
        field: F::DataTechnology,
        title: (
            "中文语音识别数据集（{v_zh}）",
            "Chinese Speech Recognition Dataset ({v_en})",
        ),
        variants: &[
            v("普通话朗读", "read Mandarin"),
            v("吴语方言", "Wu dialect"),
            v("温州话", "Wenzhounese"),
            v_in("车载噪声场景", "in-car noise", &[I::Automotive]),
        ],
        summary: (
            "{v_zh}录音与逐字转写，说话人均签署授权书，适用于语音识别模型训练。",
            "Recordings of {v_en} with verbatim transcripts, every speaker under a signed consent, for speech recognition training.",
        ),
        description: (
            "录音在{city_zh}等地招募的{n}00 名说话人中完成，覆盖不同年龄与性别，采样率 16 kHz。转写经两轮校对，字准确率 {accuracy}。数据规模：{volume_zh}，录制时间 {coverage_zh}。",
            "Recorded with several hundred speakers ({n}00) recruited around {city_en}, balanced by age and gender, at 16 kHz. Transcripts were proofread twice for {accuracy} character accuracy. Volume: {volume}; recorded {coverage}.",
        ),
        industries: &[I::Automotive, I::Retail, I::PublicSector, I::Finance],
        delivery: &[D::Download, D::Api],
        pricing: &[P::Fixed, P::Quote],
        personal_info: PersonalInfo::WithConsent,
        dataset: Some(DatasetSpec {
            modality: Modality::Audio,
            unit: "hours",
            unit_zh: "小时录音",
            count: (100, 10_000),
            kb_per_unit: 115_000,
            label_schema: "Verbatim transcript with speaker and noise tags / 逐字转写，含说话人与噪声标记",
            accuracy: (970, 995),
            fields: &[
                ("utt_id", "string", "Utterance id / 语句编号"),
                (
                    "speaker_id",
                    "string",
                    "Pseudonymous speaker / 说话人（假名）",
                ),
                ("gender", "string", "Gender / 性别"),
                ("duration_s", "float", "Duration, seconds / 时长"),
                ("transcript", "string", "Transcript / 转写文本"),
            ],
            rows: &[
                r#"["UTT_0000381", "SPK_0042", "F", 3.84, "导航到西湖文化广场"]"#,
                r#"["UTT_0000382", "SPK_0042", "F", 2.10, "把空调调到二十四度"]"#,
                r#"["UTT_0001290", "SPK_0107", "M", 4.56, "明天杭州会不会下雨"]"#,
                r#"["UTT_0001291", "SPK_0107", "M", 1.92, "打开车窗"]"#,
            ],
        }),
    },
    Offer {
        kind: ListingKind::Dataset,
        field: F::Circulation,
        title: (
            "企业工商与经营数据集（{v_zh}）",
            "Enterprise Registration and Operations Dataset ({v_en})",
        ),
        variants: &[
            v("浙江省", "Zhejiang"),
            v("长三角", "Yangtze River Delta"),
            v("小微企业", "small businesses"),
            v_in("制造业企业", "manufacturers", &[I::Manufacturing]),
        ],
        summary: (
            "覆盖{v_zh}的企业登记、变更、招投标与知识产权数据，按月更新。",
            "Registration, changes, tenders and intellectual property of companies in {v_en}, updated monthly.",
        ),
        description: (
            "数据整合自公开登记信息与经授权的公共数据运营渠道，统一以统一社会信用代码关联。字段经一致性校验，关联准确率 {accuracy}。数据规模：{volume_zh}，时间跨度 {coverage_zh}。",
            "Combined from public registers and authorised public data operation channels, linked by unified social credit code. Fields are cross-checked for consistency with {accuracy} linkage accuracy. Volume: {volume}; period {coverage}.",
        ),
        industries: &[I::Finance, I::PublicSector, I::Manufacturing],
        delivery: &[D::Api, D::Download, D::DataSpace],
        pricing: &[P::Subscription, P::PerCall, P::Fixed],
        personal_info: PersonalInfo::None,
        dataset: Some(DatasetSpec {
            modality: Modality::Tabular,
            unit: "companies",
            unit_zh: "家企业",
            count: (100_000, 8_000_000),
            kb_per_unit: 6,
            label_schema: "Industry code (GB/T 4754) and operating status / 国民经济行业代码与经营状态",
            accuracy: (985, 998),
            fields: &[
                (
                    "uscc",
                    "string",
                    "Unified social credit code / 统一社会信用代码",
                ),
                ("name", "string", "Company name / 企业名称"),
                ("industry_code", "string", "GB/T 4754 code / 行业代码"),
                (
                    "registered_capital_wan",
                    "float",
                    "Registered capital, 10k CNY / 注册资本（万元）",
                ),
                ("established", "date", "Date established / 成立日期"),
                ("status", "string", "Operating status / 经营状态"),
            ],
            rows: &[
                r#"["91330106MA2H0XXXXX", "杭州某某智能科技有限公司", "I6510", 1000.0, "2019-06-12", "存续"]"#,
                r#"["91330212MA2J1XXXXX", "宁波某某模具有限公司", "C3525", 500.0, "2016-03-28", "存续"]"#,
                r#"["91330782MA2K2XXXXX", "义乌某某电子商务有限公司", "F5292", 100.0, "2020-11-05", "存续"]"#,
                r#"["91330602MA2L3XXXXX", "绍兴某某印染有限公司", "C1713", 3000.0, "2008-09-17", "注销"]"#,
            ],
        }),
    },
    Offer {
        kind: ListingKind::Dataset,
        field: F::Circulation,
        title: (
            "电力负荷时序数据集（{v_zh}）",
            "Power Load Time-Series Dataset ({v_en})",
        ),
        variants: &[
            v("工业园区", "industrial parks"),
            v("商业楼宇", "commercial buildings"),
            v("充电站", "charging stations"),
        ],
        summary: (
            "{v_zh}15 分钟级用电负荷与气象数据，适用于负荷预测与需求响应。",
            "15-minute electricity load of {v_en} with weather data, for load forecasting and demand response.",
        ),
        description: (
            "数据来自{n}个计量点的智能电表，并与同期气象观测对齐，用户身份已做匿名化。缺失值经插补并标记，数据质量校验通过率 {accuracy}。数据规模：{volume_zh}，时间跨度 {coverage_zh}。",
            "From smart meters at {n} metering points, aligned with weather observations, with customer identities anonymised. Gaps are filled and flagged; {accuracy} of records pass quality checks. Volume: {volume}; period {coverage}.",
        ),
        industries: &[I::Energy, I::Manufacturing, I::PublicSector],
        delivery: &[D::DataSpace, D::Api],
        pricing: &[P::Subscription, P::Quote],
        personal_info: PersonalInfo::DeIdentified,
        dataset: Some(DatasetSpec {
            modality: Modality::TimeSeries,
            unit: "meter readings",
            unit_zh: "条电表读数",
            count: (5_000_000, 500_000_000),
            kb_per_unit: 0,
            label_schema: "Imputed-value flag and demand-response events / 插补标记与需求响应事件",
            accuracy: (990, 999),
            fields: &[
                ("meter_hash", "string", "Anonymised meter / 电表（匿名）"),
                ("ts", "timestamp", "Interval start / 时段开始"),
                ("load_kw", "float", "Average load, kW / 平均负荷"),
                ("temp_c", "float", "Air temperature, °C / 气温"),
                ("imputed", "boolean", "Value was imputed / 是否插补"),
            ],
            rows: &[
                r#"["m_7f21c0", "2024-07-15T13:00:00+08:00", 1843.2, 37.1, false]"#,
                r#"["m_7f21c0", "2024-07-15T13:15:00+08:00", 1902.6, 37.4, false]"#,
                r#"["m_7f21c0", "2024-07-15T13:30:00+08:00", 1899.0, 37.6, true]"#,
                r#"["m_a90b44", "2024-07-15T13:00:00+08:00", 412.8, 36.9, false]"#,
            ],
        }),
    },
    Offer {
        kind: ListingKind::Dataset,
        field: F::DataTechnology,
        title: (
            "PCB 缺陷检测图像数据集（{v_zh}）",
            "PCB Defect Detection Image Dataset ({v_en})",
        ),
        variants: &[
            v("多层板", "multilayer boards"),
            v("柔性电路板", "flexible circuits"),
            v("SMT 贴片", "SMT assembly"),
        ],
        summary: (
            "{v_zh}AOI 图像，标注短路、开路、缺件、偏移等缺陷，适用于电子制造质检。",
            "AOI images of {v_en} labelled for shorts, opens, missing and shifted parts, for electronics inspection.",
        ),
        description: (
            "图像采集自{n}家电子制造企业的 AOI 与 X-Ray 检测设备，由资深质检工程师复判标注，准确率 {accuracy}。数据规模：{volume_zh}，采集时间 {coverage_zh}。",
            "Captured by AOI and X-ray equipment at {n} electronics manufacturers and re-judged by senior quality engineers, with {accuracy} accuracy. Volume: {volume}; collected {coverage}.",
        ),
        industries: &[I::Electronics, I::Manufacturing],
        delivery: &[D::Download, D::DataSpace],
        pricing: &[P::Fixed, P::Quote],
        personal_info: PersonalInfo::None,
        dataset: Some(DatasetSpec {
            modality: Modality::Image,
            unit: "images",
            unit_zh: "张图像",
            count: (10_000, 300_000),
            kb_per_unit: 900,
            label_schema: "Bounding boxes, 10 PCB defect classes / 矩形框，10 类 PCB 缺陷",
            accuracy: (985, 997),
            fields: &[
                ("image_id", "string", "Image file name / 图像文件名"),
                ("board_type", "string", "Board type / 板型"),
                ("defect", "string", "Defect class / 缺陷类别"),
                (
                    "bbox",
                    "array<integer>",
                    "Box as x, y, width, height / 缺陷框",
                ),
            ],
            rows: &[
                r#"["PCB_0038812.bmp", "6-layer", "short", [1204, 388, 22, 9]]"#,
                r#"["PCB_0038813.bmp", "6-layer", "missing_component", [640, 1502, 58, 31]]"#,
                r#"["PCB_0041190.bmp", "4-layer", "open", [233, 902, 12, 40]]"#,
                r#"["PCB_0041191.bmp", "4-layer", "shift", [1880, 744, 36, 18]]"#,
            ],
        }),
    },
    Offer {
        kind: ListingKind::Dataset,
        field: F::DataTechnology,
        title: (
            "自动驾驶多传感器融合数据集（{v_zh}）",
            "Autonomous Driving Multi-Sensor Fusion Dataset ({v_en})",
        ),
        variants: &[
            v("城市道路", "urban roads"),
            v("雨雾天气", "rain and fog"),
            v("夜间", "night driving"),
            v("港口", "port terminals"),
        ],
        summary: (
            "{v_zh}场景下同步采集的激光雷达、环视相机与组合导航数据，含 3D 框标注。",
            "Synchronised lidar, surround cameras and GNSS/IMU in {v_en}, with 3D box annotation.",
        ),
        description: (
            "数据由{n}台测试车采集，激光雷达与相机时间同步误差小于 5 毫秒。3D 目标框与跟踪 ID 由点云与图像联合标注，准确率 {accuracy}；人脸与车牌已模糊处理。数据规模：{volume_zh}，采集时间 {coverage_zh}。",
            "Collected by {n} test vehicles with lidar and cameras synchronised to within 5 ms. 3D boxes and track ids were annotated jointly on point clouds and images with {accuracy} accuracy; faces and plates are blurred. Volume: {volume}; collected {coverage}.",
        ),
        industries: &[I::Automotive, I::Logistics],
        delivery: &[D::Download, D::DataSpace],
        pricing: &[P::Quote, P::Fixed],
        personal_info: PersonalInfo::DeIdentified,
        dataset: Some(DatasetSpec {
            modality: Modality::Multimodal,
            unit: "frames",
            unit_zh: "帧",
            count: (50_000, 2_000_000),
            kb_per_unit: 9_000,
            label_schema: "3D boxes with track ids, 14 classes / 带跟踪 ID 的 3D 框，14 类",
            accuracy: (975, 993),
            fields: &[
                ("frame_id", "string", "Frame id / 帧编号"),
                ("ts", "timestamp", "Sync time / 同步时间"),
                ("object_id", "integer", "Track id / 跟踪编号"),
                ("class", "string", "Object class / 目标类别"),
                (
                    "box3d",
                    "array<float>",
                    "x, y, z, length, width, height, yaw / 3D 框",
                ),
                (
                    "lidar_points",
                    "integer",
                    "Points inside the box / 框内点数",
                ),
            ],
            rows: &[
                r#"["F_000120", "2024-10-12T19:02:11.100+08:00", 3, "car", [12.4, -3.1, 0.8, 4.6, 1.9, 1.5, 0.02], 812]"#,
                r#"["F_000120", "2024-10-12T19:02:11.100+08:00", 7, "truck", [28.9, 3.6, 1.6, 9.8, 2.5, 3.4, -0.01], 1533]"#,
                r#"["F_000121", "2024-10-12T19:02:11.200+08:00", 3, "car", [12.1, -3.1, 0.8, 4.6, 1.9, 1.5, 0.02], 806]"#,
                r#"["F_000121", "2024-10-12T19:02:11.200+08:00", 9, "cyclist", [8.2, 5.4, 0.9, 1.8, 0.6, 1.7, 1.57], 140]"#,
            ],
        }),
    },
    Offer {
        kind: ListingKind::Dataset,
        field: F::DataTechnology,
        title: (
            "医学影像标注数据集（{v_zh}）",
            "Annotated Medical Imaging Dataset ({v_en})",
        ),
        variants: &[
            v("肺结节 CT", "lung nodule CT"),
            v("肝脏病灶 CT", "liver lesion CT"),
            v("骨折 X 光", "fracture X-ray"),
        ],
        summary: (
            "三甲医院{v_zh}影像，经去标识化处理，由副主任以上医师标注病灶。",
            "De-identified {v_en} studies from tertiary hospitals, lesions annotated by senior radiologists.",
        ),
        description: (
            "影像来自{n}家合作医院，DICOM 头信息中的患者身份字段已全部清除，并通过医学伦理审查。病灶由两名放射科医师独立勾画、第三名仲裁，标注一致率 {accuracy}。数据规模：{volume_zh}，时间跨度 {coverage_zh}。",
            "Studies from {n} partner hospitals, with every patient identity field removed from the DICOM headers, approved by an ethics review. Lesions were outlined independently by two radiologists and adjudicated by a third, with {accuracy} agreement. Volume: {volume}; period {coverage}.",
        ),
        industries: &[I::Healthcare],
        delivery: &[D::DataSpace, D::Download],
        pricing: &[P::Quote, P::Fixed],
        personal_info: PersonalInfo::DeIdentified,
        dataset: Some(DatasetSpec {
            modality: Modality::Image,
            unit: "studies",
            unit_zh: "例检查",
            count: (1_000, 50_000),
            kb_per_unit: 150_000,
            label_schema: "Lesion segmentation masks with diagnosis / 病灶分割掩码与诊断",
            accuracy: (940, 985),
            fields: &[
                (
                    "study_uid",
                    "string",
                    "Pseudonymous study id / 检查编号（假名）",
                ),
                ("modality", "string", "CT or DX / 设备类型"),
                ("finding", "string", "Finding / 影像所见"),
                ("lesion_count", "integer", "Lesions marked / 病灶数"),
                (
                    "max_diameter_mm",
                    "float",
                    "Largest lesion, mm / 最大病灶直径",
                ),
            ],
            rows: &[
                r#"["ST-3f9a01", "CT", "solid nodule, right upper lobe", 1, 8.4]"#,
                r#"["ST-3f9a02", "CT", "ground-glass nodules", 3, 6.1]"#,
                r#"["ST-3f9b17", "CT", "no nodule", 0, 0.0]"#,
                r#"["ST-40c222", "CT", "part-solid nodule, left lower lobe", 1, 12.7]"#,
            ],
        }),
    },
    Offer {
        kind: ListingKind::Dataset,
        field: F::Circulation,
        title: (
            "跨境电商商品图文数据集（{v_zh}）",
            "Cross-Border E-commerce Product Image-Text Dataset ({v_en})",
        ),
        variants: &[
            v_in("服饰", "apparel", &[I::Retail, I::Textiles]),
            v_in("小商品", "small commodities", &[I::Retail]),
            v_in("家居", "home goods", &[I::Retail, I::Logistics]),
        ],
        summary: (
            "{v_zh}商品主图与中英文标题、属性，适用于多模态检索与商品理解。",
            "{v_en} product images with Chinese and English titles and attributes, for multimodal search and product understanding.",
        ),
        description: (
            "数据来自{city_zh}跨境电商卖家的授权商品库，图片与标题、类目、属性一一对应，属性抽取准确率 {accuracy}。数据规模：{volume_zh}，时间跨度 {coverage_zh}。",
            "From authorised product catalogues of cross-border sellers in {city_en}; every image is paired with its titles, category and attributes, with {accuracy} attribute accuracy. Volume: {volume}; period {coverage}.",
        ),
        industries: &[I::Retail, I::Textiles, I::Logistics],
        delivery: &[D::Download, D::Api],
        pricing: &[P::Fixed, P::Subscription],
        personal_info: PersonalInfo::None,
        dataset: Some(DatasetSpec {
            modality: Modality::Multimodal,
            unit: "products",
            unit_zh: "个商品",
            count: (50_000, 3_000_000),
            kb_per_unit: 350,
            label_schema: "Category path and 40 attribute keys / 类目路径与 40 个属性",
            accuracy: (960, 990),
            fields: &[
                ("sku", "string", "SKU / 商品编码"),
                (
                    "image_url",
                    "string",
                    "Image path in the package / 图片路径",
                ),
                ("title_zh", "string", "Chinese title / 中文标题"),
                ("title_en", "string", "English title / 英文标题"),
                ("category", "string", "Category path / 类目"),
            ],
            rows: &[
                r#"["YW-208813", "images/YW-208813.jpg", "不锈钢保温杯 500ml", "Stainless Steel Vacuum Flask 500 ml", "Home/Drinkware"]"#,
                r#"["YW-208814", "images/YW-208814.jpg", "儿童卡通雨伞", "Kids Cartoon Umbrella", "Home/Rain Gear"]"#,
                r#"["YW-311520", "images/YW-311520.jpg", "圣诞节装饰彩灯 10 米", "Christmas String Lights 10 m", "Home/Festive Decor"]"#,
                r#"["YW-311521", "images/YW-311521.jpg", "硅胶厨房收纳盒", "Silicone Kitchen Storage Box", "Home/Kitchen Storage"]"#,
            ],
        }),
    },
    Offer {
        kind: ListingKind::Dataset,
        field: F::Circulation,
        title: (
            "金融研报文本语料（{v_zh}）",
            "Financial Research Report Text Corpus ({v_en})",
        ),
        variants: &[
            v("宏观研究", "macro research"),
            v("行业研究", "sector research"),
            v("公司研究", "company research"),
        ],
        summary: (
            "经授权的{v_zh}报告全文与结构化摘要，适用于金融大模型训练与检索增强。",
            "Licensed {v_en} reports in full text with structured abstracts, for financial language models and retrieval.",
        ),
        description: (
            "语料经{n}家研究机构授权，按章节切分并抽取标题、结论、评级与目标价，抽取准确率 {accuracy}。数据规模：{volume_zh}，时间跨度 {coverage_zh}。",
            "Licensed from {n} research houses, split by section with headings, conclusions, ratings and target prices extracted at {accuracy} accuracy. Volume: {volume}; period {coverage}.",
        ),
        industries: &[I::Finance],
        delivery: &[D::Api, D::Download],
        pricing: &[P::Subscription, P::Fixed],
        personal_info: PersonalInfo::None,
        dataset: Some(DatasetSpec {
            modality: Modality::Text,
            unit: "reports",
            unit_zh: "篇研报",
            count: (20_000, 800_000),
            kb_per_unit: 60,
            label_schema: "Section type, rating and target price / 章节类型、评级与目标价",
            accuracy: (970, 993),
            fields: &[
                ("report_id", "string", "Report id / 报告编号"),
                ("published", "date", "Publication date / 发布日期"),
                ("section", "string", "Section type / 章节类型"),
                ("text", "string", "Section text / 正文"),
            ],
            rows: &[
                r#"["RPT-240311-0042", "2024-03-11", "conclusion", "预计二季度社零增速温和回升，消费结构继续向服务类倾斜。"]"#,
                r#"["RPT-240311-0042", "2024-03-11", "risk", "外需回落超预期，地产链修复不及预期。"]"#,
                r#"["RPT-240418-0117", "2024-04-18", "rating", "维持“增持”评级，目标价 36.5 元。"]"#,
                r#"["RPT-240418-0117", "2024-04-18", "conclusion", "光伏组件价格企稳，龙头企业盈利有望率先修复。"]"#,
            ],
        }),
    },
    Offer {
        kind: ListingKind::Dataset,
        field: F::DataTechnology,
        title: (
            "工业安全生产隐患图像标注数据集（{v_zh}）",
            "Industrial Workplace Safety Hazard Annotation Dataset ({v_en})",
        ),
        variants: &[
            v_in("化工园区", "chemical parks", &[I::Chemicals]),
            v_in("建筑工地", "construction sites", &[I::Manufacturing]),
            v_in("仓储物流", "warehouses", &[I::Logistics]),
            v_in("配电房", "switch rooms", &[I::Energy]),
        ],
        summary: (
            "{v_zh}监控画面中的未戴安全帽、烟火、违规闯入等隐患，逐框标注。",
            "Hazards in {v_en} camera footage — missing hard hats, smoke and fire, intrusion — labelled box by box.",
        ),
        description: (
            "图像抽取自{n}个厂区的安防监控视频，覆盖白天、夜间与逆光场景，人脸已模糊处理。隐患目标由安全工程师审核，标注准确率 {accuracy}。数据规模：{volume_zh}，采集时间 {coverage_zh}。",
            "Frames taken from security cameras at {n} sites, in daylight, at night and against the light, with faces blurred. Safety engineers reviewed every hazard box, for {accuracy} accuracy. Volume: {volume}; collected {coverage}.",
        ),
        industries: &[I::Manufacturing, I::Chemicals, I::Energy, I::Logistics],
        delivery: &[D::Download, D::Api],
        pricing: &[P::Fixed, P::Quote],
        personal_info: PersonalInfo::DeIdentified,
        dataset: Some(DatasetSpec {
            modality: Modality::Image,
            unit: "images",
            unit_zh: "张图像",
            count: (10_000, 250_000),
            kb_per_unit: 400,
            label_schema: "Bounding boxes, 15 hazard classes / 矩形框，15 类安全隐患",
            accuracy: (975, 994),
            fields: &[
                ("image_id", "string", "Image file name / 图像文件名"),
                ("site_type", "string", "Site type / 场所类型"),
                ("hazard", "string", "Hazard class / 隐患类别"),
                (
                    "bbox",
                    "array<integer>",
                    "Box as x, y, width, height / 隐患框",
                ),
                ("night", "boolean", "Taken at night / 是否夜间"),
            ],
            rows: &[
                r#"["SAFE_0012001.jpg", "chemical_park", "no_hard_hat", [640, 212, 88, 190], false]"#,
                r#"["SAFE_0012002.jpg", "chemical_park", "smoke", [1320, 80, 410, 366], false]"#,
                r#"["SAFE_0012548.jpg", "warehouse", "blocked_fire_exit", [22, 400, 300, 520], true]"#,
                r#"["SAFE_0013002.jpg", "construction_site", "no_safety_harness", [902, 118, 76, 201], false]"#,
            ],
        }),
    },
    Offer {
        kind: ListingKind::Dataset,
        field: F::Security,
        title: (
            "网络安全攻击流量数据集（{v_zh}）",
            "Network Security Attack Traffic Dataset ({v_en})",
        ),
        variants: &[
            v_in(
                "工业控制系统",
                "industrial control systems",
                &[I::Manufacturing, I::Energy],
            ),
            v("企业办公网", "enterprise networks"),
            v("物联网设备", "IoT devices"),
        ],
        summary: (
            "{v_zh}环境下的正常与攻击流量，逐会话标注攻击类型，适用于入侵检测模型。",
            "Normal and attack traffic from {v_en}, labelled per session with attack type, for intrusion detection models.",
        ),
        description: (
            "流量采集自靶场与{n}家授权企业的镜像端口，载荷中的业务数据已截断，IP 地址已做前缀保持匿名化。攻击会话由安全分析师复核，标注准确率 {accuracy}。数据规模：{volume_zh}，采集时间 {coverage_zh}。",
            "Captured on a cyber range and on mirror ports at {n} consenting companies, with business payloads truncated and IP addresses prefix-preservingly anonymised. Security analysts reviewed every attack session, for {accuracy} accuracy. Volume: {volume}; collected {coverage}.",
        ),
        industries: &[I::Manufacturing, I::Energy, I::Finance, I::PublicSector],
        delivery: &[D::Download, D::DataSpace],
        pricing: &[P::Fixed, P::Quote],
        personal_info: PersonalInfo::DeIdentified,
        dataset: Some(DatasetSpec {
            modality: Modality::Tabular,
            unit: "sessions",
            unit_zh: "条会话",
            count: (500_000, 50_000_000),
            kb_per_unit: 3,
            label_schema: "Benign or one of 21 attack types (MITRE ATT&CK) / 正常或 21 类攻击（MITRE ATT&CK）",
            accuracy: (980, 996),
            fields: &[
                ("session_id", "string", "Session id / 会话编号"),
                ("start", "timestamp", "Session start / 开始时间"),
                ("src", "string", "Anonymised source / 源地址（匿名）"),
                ("dst_port", "integer", "Destination port / 目的端口"),
                ("protocol", "string", "Protocol / 协议"),
                ("bytes", "integer", "Bytes transferred / 字节数"),
                ("label", "string", "benign or attack type / 标签"),
            ],
            rows: &[
                r#"["S0000913", "2024-05-20T02:13:44+08:00", "10.23.x.x", 502, "Modbus/TCP", 1840, "benign"]"#,
                r#"["S0000914", "2024-05-20T02:13:45+08:00", "172.16.x.x", 502, "Modbus/TCP", 96, "unauthorised_write"]"#,
                r#"["S0001207", "2024-05-20T02:20:02+08:00", "192.168.x.x", 22, "SSH", 5120, "brute_force"]"#,
                r#"["S0001208", "2024-05-20T02:20:09+08:00", "10.23.x.x", 443, "TLS", 88231, "benign"]"#,
            ],
        }),
    },
    Offer {
        kind: ListingKind::Dataset,
        field: F::Security,
        title: (
            "敏感信息识别标注语料（{v_zh}）",
            "Sensitive Information Detection Annotation Corpus ({v_en})",
        ),
        variants: &[
            v_in("金融文档", "financial documents", &[I::Finance]),
            v_in("医疗病历", "medical records", &[I::Healthcare]),
            v_in("政务文书", "government documents", &[I::PublicSector]),
        ],
        summary: (
            "{v_zh}中的身份证号、银行卡号、病历号等敏感字段逐字标注，用于训练数据安全识别模型。",
            "ID numbers, card numbers, record numbers and other sensitive fields in {v_en}, annotated span by span to train data security detectors.",
        ),
        description: (
            "语料由真实文档模板合成并替换为仿真敏感值，不含任何真实个人信息。覆盖 35 类敏感实体，标注准确率 {accuracy}，可用于数据分类分级与数据防泄漏系统。数据规模：{volume_zh}。",
            "Synthesised from real document templates with realistic but fake sensitive values, so no real personal information is included. Covers 35 sensitive entity types with {accuracy} accuracy, for data classification and leak prevention systems. Volume: {volume}.",
        ),
        industries: &[I::Finance, I::Healthcare, I::PublicSector],
        delivery: &[D::Download, D::Api],
        pricing: &[P::Fixed, P::Subscription],
        personal_info: PersonalInfo::None,
        dataset: Some(DatasetSpec {
            modality: Modality::Text,
            unit: "documents",
            unit_zh: "份文档",
            count: (10_000, 500_000),
            kb_per_unit: 8,
            label_schema: "Character spans, 35 sensitive entity types / 字符区间，35 类敏感实体",
            accuracy: (985, 998),
            fields: &[
                ("doc_id", "string", "Document id / 文档编号"),
                ("start", "integer", "Span start / 起始位置"),
                ("end", "integer", "Span end / 结束位置"),
                ("entity", "string", "Entity type / 实体类型"),
                ("text", "string", "Span text (synthetic) / 片段（仿真）"),
            ],
            rows: &[
                r#"["DOC-000311", 18, 36, "id_card_no", "330106199001011234"]"#,
                r#"["DOC-000311", 52, 71, "bank_card_no", "6222 0212 3456 7890"]"#,
                r#"["DOC-000312", 7, 10, "person_name", "张某某"]"#,
                r#"["DOC-000312", 40, 51, "mobile_no", "138****5678"]"#,
            ],
        }),
    },
    // ----- Data products -----
    Offer {
        kind: ListingKind::DataProduct,
        field: F::ProductDevelopment,
        title: (
            "企业信用评分 API（{v_zh}）",
            "Enterprise Credit Scoring API ({v_en})",
        ),
        variants: &[
            v("小微企业", "small businesses"),
            v("供应链", "supply chain"),
            v("外贸企业", "exporters"),
        ],
        summary: (
            "输入统一社会信用代码，秒级返回{v_zh}信用评分、等级与主要风险因子。",
            "Send a unified social credit code and get a credit score, grade and main risk factors for {v_en} in about a second.",
        ),
        description: (
            "模型融合工商、司法、税务、招投标与舆情等多源数据，经{n}万家企业样本回测，KS 值 0.42。接口支持批量查询，平均响应 200 毫秒，按调用量计费，提供测试额度。",
            "The model combines registration, court, tax, tender and news data and was back-tested on {n}0,000 companies with a KS of 0.42. Batch queries are supported, average response time is 200 ms, billing is per call and a free test quota is included.",
        ),
        industries: &[I::Finance, I::Manufacturing, I::Retail],
        delivery: &[D::Api, D::DataSpace],
        pricing: &[P::PerCall, P::PerCall, P::Subscription],
        personal_info: PersonalInfo::None,
        dataset: None,
    },
    Offer {
        kind: ListingKind::DataProduct,
        field: F::ProductDevelopment,
        title: (
            "物流轨迹查询 API（{v_zh}）",
            "Logistics Tracking Query API ({v_en})",
        ),
        variants: &[
            v("整车运输", "full truckload"),
            v("零担运输", "less-than-truckload"),
            v("集装箱", "containers"),
        ],
        summary: (
            "按运单号或车牌查询{v_zh}实时位置、历史轨迹与预计到达时间。",
            "Look up live position, track history and ETA for {v_en} by waybill number or plate.",
        ),
        description: (
            "数据接入{n}家主流物流平台与北斗车载终端，位置更新间隔 30 秒。接口提供轨迹回放、电子围栏与到达预测，可用率 99.9%，按调用量或包月计费。",
            "Connected to {n} major freight platforms and BeiDou vehicle terminals, with positions every 30 seconds. Offers track replay, geofencing and arrival prediction at 99.9% availability, billed per call or monthly.",
        ),
        industries: &[I::Logistics, I::Retail, I::Manufacturing],
        delivery: &[D::Api],
        pricing: &[P::PerCall, P::Subscription],
        personal_info: PersonalInfo::DeIdentified,
        dataset: None,
    },
    Offer {
        kind: ListingKind::DataProduct,
        field: F::ProductDevelopment,
        title: (
            "设备故障预测模型（{v_zh}）",
            "Equipment Failure Prediction Model ({v_en})",
        ),
        variants: &[
            v_in(
                "数控机床",
                "CNC machine tools",
                &[I::Equipment, I::Manufacturing],
            ),
            v_in(
                "空压机",
                "air compressors",
                &[I::Equipment, I::Manufacturing],
            ),
            v_in("风电机组", "wind turbines", &[I::Energy]),
            v_in("织机", "weaving looms", &[I::Textiles, I::Equipment]),
        ],
        summary: (
            "基于振动与工况数据提前 7–14 天预警{v_zh}故障，支持私有化部署。",
            "Warns of {v_en} failures 7–14 days ahead from vibration and operating data; runs on your own servers.",
        ),
        description: (
            "模型在{n}家工厂的真实故障数据上训练，提前预警准确率 90% 以上，误报率低于 5%。提供边缘盒子与服务器两种部署方式，附带数据接入、模型调优与一年运维服务。",
            "Trained on real failures at {n} factories, it flags more than 90% of failures in advance with under 5% false alarms. Deploys on an edge box or a server, with data onboarding, tuning and a year of support included.",
        ),
        industries: &[I::Equipment, I::Manufacturing, I::Energy, I::Textiles],
        delivery: &[D::OnPremise, D::Api],
        pricing: &[P::Fixed, P::Subscription, P::Quote],
        personal_info: PersonalInfo::None,
        dataset: None,
    },
    Offer {
        kind: ListingKind::DataProduct,
        field: F::ProductDevelopment,
        title: (
            "工业视觉缺陷检测模型（{v_zh}）",
            "Industrial Visual Defect Detection Model ({v_en})",
        ),
        variants: &[
            v_in("金属表面", "metal surfaces", &[I::Manufacturing]),
            v_in("纺织面料", "fabric", &[I::Textiles]),
            v_in(
                "电子元器件",
                "electronic components",
                &[I::Electronics, I::Manufacturing],
            ),
            v_in("光伏电池片", "solar cells", &[I::Energy, I::Electronics]),
        ],
        summary: (
            "开箱即用的{v_zh}缺陷检测模型，漏检率低于 0.5%，可在产线工控机上实时运行。",
            "A ready-made defect detection model for {v_en}: under 0.5% missed defects, running in real time on line-side industrial PCs.",
        ),
        description: (
            "模型基于自有标注数据集训练，支持小样本迁移，新品导入只需 200 张样图。提供 ONNX 与 TensorRT 格式，单张推理 15 毫秒，已在{n}条产线稳定运行。",
            "Trained on our own annotated datasets with few-shot transfer: a new product needs only 200 sample images. Ships as ONNX and TensorRT, infers in 15 ms per image and runs on {n} production lines.",
        ),
        industries: &[I::Manufacturing, I::Electronics, I::Textiles, I::Energy],
        delivery: &[D::OnPremise, D::Download, D::Api],
        pricing: &[P::Fixed, P::Quote],
        personal_info: PersonalInfo::None,
        dataset: None,
    },
    Offer {
        kind: ListingKind::DataProduct,
        field: F::Operation,
        title: (
            "供应链风险预警平台（{v_zh}）",
            "Supply Chain Risk Early-Warning Platform ({v_en})",
        ),
        variants: &[
            v_in(
                "汽车零部件",
                "auto parts",
                &[I::Automotive, I::Manufacturing],
            ),
            v_in("纺织服装", "textiles and apparel", &[I::Textiles]),
            v_in(
                "电子元器件",
                "electronic components",
                &[I::Electronics, I::Manufacturing],
            ),
        ],
        summary: (
            "持续监测{v_zh}上游供应商的经营、司法与舆情风险，异常即时推送。",
            "Watches {v_en} suppliers for business, legal and news risks and alerts you the moment something changes.",
        ),
        description: (
            "平台汇聚工商变更、司法涉诉、欠税、舆情与物流时效等 60 余项指标，为每家供应商生成风险画像。已服务{n}家链主企业，支持与 ERP、SRM 系统对接。",
            "The platform tracks more than 60 indicators — registration changes, lawsuits, tax arrears, news and delivery times — and profiles every supplier. Used by {n} lead manufacturers; connects to ERP and SRM systems.",
        ),
        industries: &[I::Automotive, I::Textiles, I::Electronics, I::Manufacturing],
        delivery: &[D::Api, D::OnPremise],
        pricing: &[P::Subscription, P::Quote],
        personal_info: PersonalInfo::None,
        dataset: None,
    },
    Offer {
        kind: ListingKind::DataProduct,
        field: F::ProductDevelopment,
        title: (
            "销量与需求预测模型（{v_zh}）",
            "Sales and Demand Forecasting Model ({v_en})",
        ),
        variants: &[
            v_in("服装", "apparel", &[I::Retail, I::Textiles]),
            v_in("生鲜零售", "fresh groceries", &[I::Retail, I::Agriculture]),
            v_in("快消品", "consumer goods", &[I::Retail]),
        ],
        summary: (
            "结合历史销量、天气、节假日与促销计划预测{v_zh}门店与 SKU 级需求。",
            "Forecasts {v_en} demand per store and SKU from sales history, weather, holidays and promotions.",
        ),
        description: (
            "模型在{n}家零售企业的真实数据上验证，周度预测准确率提升 15%–25%，帮助降低库存与缺货。提供 API 与私有化两种方式，含数据对接与季度模型复训。",
            "Validated on data from {n} retailers, it improves weekly forecast accuracy by 15–25% and cuts both stock and stock-outs. Available as an API or on your servers, with data onboarding and quarterly retraining.",
        ),
        industries: &[I::Retail, I::Textiles, I::Agriculture],
        delivery: &[D::Api, D::OnPremise],
        pricing: &[P::Subscription, P::Fixed],
        personal_info: PersonalInfo::None,
        dataset: None,
    },
    Offer {
        kind: ListingKind::DataProduct,
        field: F::Security,
        title: (
            "数据安全态势感知平台（{v_zh}）",
            "Data Security Posture Management Platform ({v_en})",
        ),
        variants: &[
            v_in("政务云", "government cloud", &[I::PublicSector]),
            v_in("医院", "hospitals", &[I::Healthcare]),
            v_in("制造企业", "manufacturers", &[I::Manufacturing]),
            v_in("金融机构", "financial institutions", &[I::Finance]),
        ],
        summary: (
            "自动发现{v_zh}数据资产与敏感数据流向，实时告警异常访问与数据外发。",
            "Finds {v_en} data assets and sensitive data flows automatically and alerts on unusual access and outbound transfers.",
        ),
        description: (
            "平台通过流量解析与数据库审计识别 200 余类敏感数据，绘制数据资产地图与流转链路，满足《数据安全法》与等保 2.0 要求。已在{n}家单位部署，支持国产化软硬件环境。",
            "Using traffic analysis and database auditing it recognises more than 200 kinds of sensitive data and maps assets and flows, meeting the Data Security Law and MLPS 2.0. Deployed at {n} organisations, including on domestic hardware and software.",
        ),
        industries: &[I::PublicSector, I::Healthcare, I::Manufacturing, I::Finance],
        delivery: &[D::OnPremise],
        pricing: &[P::Fixed, P::Subscription, P::Quote],
        personal_info: PersonalInfo::None,
        dataset: None,
    },
    Offer {
        kind: ListingKind::DataProduct,
        field: F::ProductDevelopment,
        title: (
            "地址标准化与地理编码 API（{v_zh}）",
            "Address Standardisation and Geocoding API ({v_en})",
        ),
        variants: &[
            v("浙江省", "Zhejiang"),
            v("长三角", "Yangtze River Delta"),
            v("全国", "nationwide"),
        ],
        summary: (
            "把杂乱的地址文本清洗为标准五级地址并返回经纬度，覆盖{v_zh}。",
            "Cleans messy address text into standard five-level addresses with coordinates, covering {v_en}.",
        ),
        description: (
            "基于{n}000 万条标准地址库与门牌数据，地址解析准确率 98% 以上，支持批量与实时调用。适用于物流分单、网点选址与政务数据治理。",
            "Built on {n}0 million standard addresses and door-plate records, it parses over 98% of addresses correctly, in batch or in real time. Used for parcel routing, site selection and government data cleansing.",
        ),
        industries: &[I::Logistics, I::Retail, I::PublicSector],
        delivery: &[D::Api],
        pricing: &[P::PerCall, P::Subscription],
        personal_info: PersonalInfo::None,
        dataset: None,
    },
    Offer {
        kind: ListingKind::DataProduct,
        field: F::Operation,
        title: (
            "能耗分析与碳排放核算系统（{v_zh}）",
            "Energy Use and Carbon Accounting System ({v_en})",
        ),
        variants: &[
            v("工业企业", "industrial companies"),
            v("工业园区", "industrial parks"),
            v("出口企业", "exporters"),
        ],
        summary: (
            "自动采集{v_zh}水电气能耗数据，按国家标准核算碳排放并生成报告。",
            "Collects water, power and gas use at {v_en} automatically and accounts for emissions to national standards, with reports.",
        ),
        description: (
            "系统接入电表、燃气表与 MES 数据，按 GB/T 32150 系列标准与欧盟 CBAM 规则核算产品碳足迹。已帮助{n}家企业完成碳盘查，支持 SaaS 与私有化部署。",
            "Connects meters and MES data and computes product carbon footprints to the GB/T 32150 standards and EU CBAM rules. Has taken {n} companies through a carbon inventory; runs as SaaS or on premise.",
        ),
        industries: &[I::Energy, I::Manufacturing, I::Chemicals, I::Textiles],
        delivery: &[D::Api, D::OnPremise],
        pricing: &[P::Subscription, P::Fixed],
        personal_info: PersonalInfo::None,
        dataset: None,
    },
    Offer {
        kind: ListingKind::DataProduct,
        field: F::Security,
        title: (
            "敏感数据识别与脱敏工具（{v_zh}）",
            "Sensitive Data Discovery and Masking Tool ({v_en})",
        ),
        variants: &[
            v("数据库", "databases"),
            v("大数据平台", "big-data platforms"),
            v("非结构化文档", "unstructured documents"),
        ],
        summary: (
            "扫描{v_zh}中的个人信息与重要数据，按规则静态或动态脱敏，保障数据安全共享。",
            "Scans {v_en} for personal and important data and masks it statically or on the fly, so data can be shared securely.",
        ),
        description: (
            "内置 120 余种识别规则与 30 种脱敏算法，支持 MySQL、Oracle、达梦、Hive 等{n}种数据源。脱敏后数据保持格式与关联关系，可直接用于开发测试与数据分析。",
            "Ships with more than 120 detection rules and 30 masking algorithms and supports {n} data sources including MySQL, Oracle, Dameng and Hive. Masked data keeps its format and relationships, ready for testing and analysis.",
        ),
        industries: &[I::Finance, I::Healthcare, I::PublicSector],
        delivery: &[D::OnPremise, D::Download],
        pricing: &[P::Fixed, P::Subscription],
        personal_info: PersonalInfo::None,
        dataset: None,
    },
    Offer {
        kind: ListingKind::DataProduct,
        field: F::ProductDevelopment,
        title: (
            "医疗病历结构化引擎（{v_zh}）",
            "Medical Record Structuring Engine ({v_en})",
        ),
        variants: &[
            v("门诊病历", "outpatient records"),
            v("住院病历", "inpatient records"),
            v("检验报告", "lab reports"),
        ],
        summary: (
            "将{v_zh}自由文本抽取为结构化字段，支撑临床科研与医保质控。",
            "Extracts structured fields from free-text {v_en} for clinical research and insurance quality control.",
        ),
        description: (
            "引擎基于医学知识图谱与大模型，抽取诊断、手术、用药、检验等 300 余个字段，F1 值 0.93。支持院内私有化部署，数据不出院，已在{n}家医院上线。",
            "Built on a medical knowledge graph and a language model, it extracts more than 300 fields — diagnoses, procedures, medication, lab values — with an F1 of 0.93. Runs inside the hospital so data never leaves; live in {n} hospitals.",
        ),
        industries: &[I::Healthcare],
        delivery: &[D::OnPremise, D::Api],
        pricing: &[P::Quote, P::Fixed, P::PerCall],
        personal_info: PersonalInfo::DeIdentified,
        dataset: None,
    },
    Offer {
        kind: ListingKind::DataProduct,
        field: F::Circulation,
        title: (
            "企业经营风险画像 API（{v_zh}）",
            "Enterprise Operating Risk Profile API ({v_en})",
        ),
        variants: &[
            v("授信审批", "credit approval"),
            v("招商引资", "investment attraction"),
            v("供应商准入", "supplier onboarding"),
        ],
        summary: (
            "面向{v_zh}场景，经可信数据空间融合公共数据，输出企业经营风险标签。",
            "For {v_en}: combines public data in a trusted data space and returns risk labels for a company.",
        ),
        description: (
            "在公共数据授权运营框架下，融合社保、公积金、用电与纳税等{n}类数据，原始数据不出域，仅输出风险标签与评分。适用于银行普惠授信与政府招商评估。",
            "Under the public data authorised-operation framework it combines {n} kinds of data — social insurance, housing fund, power use and tax — without the raw data leaving its holders, and returns only risk labels and scores. Used by banks and investment promotion offices.",
        ),
        industries: &[I::Finance, I::PublicSector],
        delivery: &[D::DataSpace, D::Api],
        pricing: &[P::PerCall, P::Subscription, P::Quote],
        personal_info: PersonalInfo::None,
        dataset: None,
    },
    Offer {
        kind: ListingKind::DataProduct,
        field: F::Circulation,
        title: (
            "农产品价格行情 API（{v_zh}）",
            "Agricultural Price Index API ({v_en})",
        ),
        variants: &[
            v("茶叶", "tea"),
            v("蔬菜", "vegetables"),
            v("水产品", "aquatic products"),
        ],
        summary: (
            "每日更新{v_zh}批发市场价格、成交量与价格指数。",
            "Daily wholesale prices, volumes and price indices for {v_en}.",
        ),
        description: (
            "数据来自长三角{n}个批发市场与产地采集点，每日 10 点前更新，提供历史回溯至 2015 年。适用于农业保险定价、供应链采购与农业政策研究。",
            "Collected at {n} wholesale markets and producing areas in the Yangtze River Delta, updated before 10:00 every day, with history back to 2015. Used for crop insurance pricing, procurement and agricultural policy research.",
        ),
        industries: &[I::Agriculture, I::Retail, I::Finance],
        delivery: &[D::Api, D::Download],
        pricing: &[P::Subscription, P::PerCall],
        personal_info: PersonalInfo::None,
        dataset: None,
    },
    Offer {
        kind: ListingKind::DataProduct,
        field: F::DataTechnology,
        title: (
            "智能数据标注平台（{v_zh}）",
            "AI-Assisted Data Annotation Platform ({v_en})",
        ),
        variants: &[
            v("私有化部署版", "on-premise edition"),
            v("云端版", "cloud edition"),
        ],
        summary: (
            "支持图像、文本、语音、点云标注与质检流程管理，预标注模型让效率提升 3 倍。",
            "Image, text, speech and point-cloud annotation with QA workflows; pre-labelling models make annotators three times faster.",
        ),
        description: (
            "平台提供任务分发、多级质检、绩效统计与数据版本管理，内置{n}种预标注模型。支持与训练平台对接，适用于企业自建标注团队。",
            "Covers task assignment, multi-stage QA, annotator metrics and dataset versioning, with {n} built-in pre-labelling models. Connects to training platforms; made for companies running their own annotation teams.",
        ),
        industries: &[I::Manufacturing, I::Healthcare, I::Automotive, I::Retail],
        delivery: &[D::OnPremise, D::Api],
        pricing: &[P::Subscription, P::Fixed],
        personal_info: PersonalInfo::None,
        dataset: None,
    },
    Offer {
        kind: ListingKind::DataProduct,
        field: F::DataTechnology,
        title: (
            "工业数据采集网关软件（{v_zh}）",
            "Industrial Data Acquisition Gateway Software ({v_en})",
        ),
        variants: &[
            v("PLC/SCADA", "PLC/SCADA"),
            v("数控系统", "CNC controllers"),
            v_in("能源计量", "energy meters", &[I::Energy, I::Manufacturing]),
        ],
        summary: (
            "即插即用连接{v_zh}，支持 100 余种工业协议，数据实时上云或入湖。",
            "Plug-and-play connection to {v_en}, with more than 100 industrial protocols, streaming to the cloud or your data lake.",
        ),
        description: (
            "支持 Modbus、OPC UA、S7、FOCAS 等协议，边缘侧完成清洗、压缩与断点续传。已在{n}家工厂连接超过一万台设备。",
            "Speaks Modbus, OPC UA, S7, FOCAS and more, cleaning, compressing and buffering data at the edge. Connects more than ten thousand machines across {n} factories.",
        ),
        industries: &[I::Manufacturing, I::Equipment, I::Energy],
        delivery: &[D::OnPremise, D::Download],
        pricing: &[P::Fixed, P::Subscription],
        personal_info: PersonalInfo::None,
        dataset: None,
    },
    Offer {
        kind: ListingKind::DataProduct,
        field: F::Circulation,
        title: (
            "隐私计算联合建模平台（{v_zh}）",
            "Privacy-Preserving Joint Modelling Platform ({v_en})",
        ),
        variants: &[
            v("联邦学习", "federated learning"),
            v("多方安全计算", "secure multi-party computation"),
            v("可信执行环境", "trusted execution environments"),
        ],
        summary: (
            "基于{v_zh}实现跨机构数据“可用不可见”的联合统计与联合建模。",
            "Joint statistics and modelling across organisations with {v_en}: data is used but never seen.",
        ),
        description: (
            "平台通过国家密码管理局商用密码检测，支持隐私求交、联合统计与纵向建模，已在{n}个金融与医疗场景落地。可作为可信数据空间节点接入省级数据流通平台。",
            "Certified for commercial cryptography, it supports private set intersection, joint statistics and vertical modelling and is live in {n} finance and healthcare projects. Can join the provincial data circulation platform as a trusted data space node.",
        ),
        industries: &[I::Finance, I::Healthcare, I::PublicSector],
        delivery: &[D::DataSpace, D::OnPremise],
        pricing: &[P::Subscription, P::Quote],
        personal_info: PersonalInfo::None,
        dataset: None,
    },
    // ----- Services -----
    Offer {
        kind: ListingKind::Service,
        field: F::DataTechnology,
        title: ("{v_zh}数据标注服务", "{v_en} data annotation service"),
        variants: &[
            v("图像", "image"),
            v("3D 点云", "3D point cloud"),
            v("文本", "text"),
            v("语音", "speech"),
            v("视频", "video"),
        ],
        summary: (
            "专业团队提供{v_zh}标注，两级质检，准确率合同约定不低于 98%。",
            "{v_en} annotation by a trained team with two-stage QA and contractually guaranteed accuracy of at least 98%.",
        ),
        description: (
            "{city_zh}自有标注基地，{n}00 名全职标注员，支持拉框、分割、关键点、转写与属性标注。可按客户规范定制标注规则，数据全程在隔离环境处理，交付周期约 {days} 天。",
            "Our own annotation centre in {city_en} with several hundred full-time annotators ({n}00) handles boxes, segmentation, keypoints, transcription and attributes. Guidelines follow your specification, data stays in an isolated environment throughout, and delivery takes about {days} days.",
        ),
        industries: &[
            I::Manufacturing,
            I::Automotive,
            I::Healthcare,
            I::Retail,
            I::Agriculture,
        ],
        delivery: &[D::Download, D::OnPremise, D::OnSite],
        pricing: &[P::Fixed, P::Quote],
        personal_info: PersonalInfo::None,
        dataset: None,
    },
    Offer {
        kind: ListingKind::Service,
        field: F::Operation,
        title: (
            "数据治理咨询（{v_zh}）",
            "Data Governance Consulting ({v_en})",
        ),
        variants: &[
            v_in("制造企业", "manufacturers", &[I::Manufacturing]),
            v_in("城商行", "city commercial banks", &[I::Finance]),
            v_in("医院", "hospitals", &[I::Healthcare]),
            v_in("政务部门", "government departments", &[I::PublicSector]),
        ],
        summary: (
            "为{v_zh}梳理数据标准、主数据与数据质量体系，建立可落地的数据治理制度。",
            "Data standards, master data and data quality for {v_en}, with a governance framework that actually runs.",
        ),
        description: (
            "顾问团队驻场{days}天，完成现状调研、数据资源目录、数据标准与质量规则设计，并辅导组织与制度建设。已服务{n}0 家{ind_zh}客户，交付物可直接用于 DCMM 评估。",
            "Consultants work on site for {days} days: current-state review, data resource catalogue, standards and quality rules, then organisation and policy. We have served {n}0 {ind_en} clients, and the deliverables feed straight into a DCMM assessment.",
        ),
        industries: &[I::Manufacturing, I::Finance, I::Healthcare, I::PublicSector],
        delivery: &[D::OnSite],
        pricing: &[P::Fixed, P::Quote],
        personal_info: PersonalInfo::None,
        dataset: None,
    },
    Offer {
        kind: ListingKind::Service,
        field: F::Security,
        title: (
            "数据合规评估（{v_zh}）",
            "Data Compliance Assessment ({v_en})",
        ),
        variants: &[
            v("个人信息保护", "personal information protection"),
            v("数据产品上架", "data product listing"),
            v("移动 App", "mobile apps"),
        ],
        summary: (
            "对照《个人信息保护法》《数据安全法》开展{v_zh}合规评估，出具评估报告与整改建议。",
            "A {v_en} compliance assessment against the PIPL and the Data Security Law, with a report and remediation plan.",
        ),
        description: (
            "律师与安全工程师联合评估数据来源、处理目的、授权链条与安全措施，约 {days} 个工作日出具合规评估报告。报告可用于数据交易所挂牌审核，已服务{n}0 家企业。",
            "Lawyers and security engineers review data sources, purposes, consent chains and safeguards and deliver an assessment report in about {days} working days. The report is accepted by data exchanges for listing review; {n}0 companies served.",
        ),
        industries: &[
            I::Finance,
            I::Retail,
            I::Healthcare,
            I::PublicSector,
            I::Manufacturing,
        ],
        delivery: &[D::OnSite, D::OnPremise],
        pricing: &[P::Fixed, P::Quote],
        personal_info: PersonalInfo::None,
        dataset: None,
    },
    Offer {
        kind: ListingKind::Service,
        field: F::Security,
        title: ("数据安全检测（{v_zh}）", "Data Security Testing ({v_en})"),
        variants: &[
            v("数据库", "databases"),
            v("API 接口", "APIs"),
            v("数据中台", "data platforms"),
        ],
        summary: (
            "针对{v_zh}开展漏洞扫描、越权访问与数据泄露检测，出具数据安全检测报告。",
            "Vulnerability scanning, access-control and data leakage testing of {v_en}, with a data security test report.",
        ),
        description: (
            "检测覆盖身份鉴别、访问控制、加密传输、日志审计与敏感数据暴露面等 80 余项检查点，发现问题提供复测。团队持有 CISP、OSCP 等资质，平均 {days} 天完成。",
            "Covers more than 80 checkpoints — authentication, access control, encryption in transit, audit logging and sensitive data exposure — with a retest of every finding. The team holds CISP and OSCP credentials; typical turnaround is {days} days.",
        ),
        industries: &[I::Finance, I::PublicSector, I::Healthcare, I::Energy],
        delivery: &[D::OnSite, D::OnPremise],
        pricing: &[P::Fixed, P::Quote],
        personal_info: PersonalInfo::None,
        dataset: None,
    },
    Offer {
        kind: ListingKind::Service,
        field: F::Circulation,
        title: (
            "隐私计算平台部署（{v_zh}）",
            "Privacy-Preserving Computation Platform Deployment ({v_en})",
        ),
        variants: &[
            v("联邦学习", "federated learning"),
            v("多方安全计算", "secure multi-party computation"),
            v("可信执行环境", "trusted execution environments"),
        ],
        summary: (
            "在客户环境部署{v_zh}节点并打通数据空间，实现跨机构数据安全流通。",
            "Deploys {v_en} nodes in your environment and connects them to the data space for secure cross-organisation data sharing.",
        ),
        description: (
            "工程师驻场完成环境评估、节点部署、网络与密钥配置及联调测试，约 {days} 天上线。已为{n}0 家银行、医院与政府部门完成部署。",
            "Engineers assess the environment, deploy nodes, configure networks and keys and run joint tests on site; go-live takes about {days} days. Deployed for {n}0 banks, hospitals and government bodies.",
        ),
        industries: &[I::Finance, I::Healthcare, I::PublicSector],
        delivery: &[D::OnPremise, D::DataSpace, D::OnSite],
        pricing: &[P::Fixed, P::Quote],
        personal_info: PersonalInfo::None,
        dataset: None,
    },
    Offer {
        kind: ListingKind::Service,
        field: F::Operation,
        title: (
            "数据资产入表咨询（{v_zh}）",
            "Data Asset Accounting Consulting ({v_en})",
        ),
        variants: &[
            v("国有企业", "state-owned enterprises"),
            v("上市公司", "listed companies"),
            v("城投公司", "local investment companies"),
        ],
        summary: (
            "依据《企业数据资源相关会计处理暂行规定》，帮助{v_zh}完成数据资源确认、计量与入表。",
            "Takes {v_en} through recognising, measuring and booking data resources under the interim accounting rules for enterprise data.",
        ),
        description: (
            "服务包括数据资源盘点、成本归集、合规确权、价值评估与会计处理建议，联合会计师事务所出具意见，约 {days} 天完成。已协助{n}家企业完成数据资产入表。",
            "Covers data inventory, cost allocation, rights confirmation, valuation and accounting advice, with an opinion from a partner accounting firm, in about {days} days. {n} companies have booked data assets with our help.",
        ),
        industries: &[I::Finance, I::PublicSector, I::Manufacturing, I::Energy],
        delivery: &[D::OnSite],
        pricing: &[P::Fixed, P::Quote],
        personal_info: PersonalInfo::None,
        dataset: None,
    },
    Offer {
        kind: ListingKind::Service,
        field: F::Security,
        title: (
            "数据出境安全评估申报辅导（{v_zh}）",
            "Cross-Border Data Transfer Security Assessment Support ({v_en})",
        ),
        variants: &[
            v_in("跨境电商", "cross-border e-commerce", &[I::Retail]),
            v_in(
                "外资制造",
                "foreign-invested manufacturers",
                &[I::Manufacturing, I::Automotive],
            ),
            v_in("医药企业", "pharmaceutical companies", &[I::Healthcare]),
        ],
        summary: (
            "为{v_zh}梳理出境数据清单，完成风险自评估与申报材料，跟进网信部门审查。",
            "For {v_en}: maps outbound data, runs the risk self-assessment, prepares the filing and follows the regulator's review.",
        ),
        description: (
            "依据《数据出境安全评估办法》与个人信息出境标准合同规定，判断适用路径并准备申报材料，约 {days} 天完成申报。已辅导{n}0 家企业通过评估或完成备案。",
            "Following the outbound data transfer assessment measures and the standard contract rules, we determine the right route and prepare the filing in about {days} days. {n}0 companies have passed assessment or completed filing with us.",
        ),
        industries: &[I::Retail, I::Manufacturing, I::Healthcare, I::Automotive],
        delivery: &[D::OnSite],
        pricing: &[P::Fixed, P::Quote],
        personal_info: PersonalInfo::None,
        dataset: None,
    },
    Offer {
        kind: ListingKind::Service,
        field: F::Operation,
        title: (
            "DCMM 贯标咨询（{v_zh}）",
            "DCMM Certification Consulting ({v_en})",
        ),
        variants: &[
            v("2 级", "level 2"),
            v("3 级", "level 3"),
            v("4 级", "level 4"),
        ],
        summary: (
            "对照 GB/T 36073 开展差距分析与整改辅导，助力企业通过 DCMM {v_zh}评估。",
            "Gap analysis and remediation against GB/T 36073 to get you through a DCMM {v_en} assessment.",
        ),
        description: (
            "覆盖数据战略、数据治理、数据架构、数据应用、数据安全、数据质量、数据标准与数据生存周期八大能力域，约 {days} 天完成辅导。历史通过率 100%，已辅导{n}0 家企业。",
            "Covers all eight capability areas — strategy, governance, architecture, applications, security, quality, standards and life cycle — in about {days} days. Every client so far has passed; {n}0 companies coached.",
        ),
        industries: &[
            I::Manufacturing,
            I::Finance,
            I::Energy,
            I::PublicSector,
            I::Electronics,
        ],
        delivery: &[D::OnSite],
        pricing: &[P::Fixed],
        personal_info: PersonalInfo::None,
        dataset: None,
    },
    Offer {
        kind: ListingKind::Service,
        field: F::DataTechnology,
        title: (
            "工业数据采集与治理实施（{v_zh}）",
            "Industrial Data Collection and Governance Implementation ({v_en})",
        ),
        variants: &[
            v_in(
                "离散制造",
                "discrete manufacturing",
                &[I::Manufacturing, I::Equipment],
            ),
            v_in(
                "流程工业",
                "process industry",
                &[I::Chemicals, I::Manufacturing],
            ),
            v_in("纺织印染", "textile dyeing", &[I::Textiles, I::Chemicals]),
        ],
        summary: (
            "打通{v_zh}车间设备、MES 与 ERP 数据，建设工业数据湖与指标体系。",
            "Connects {v_en} machines, MES and ERP and builds an industrial data lake and KPI system.",
        ),
        description: (
            "实施团队驻厂完成设备联网、数据采集、清洗建模与看板开发，约 {days} 天交付，已在{n}0 家工厂落地。交付后提供数据质量巡检与运维服务。",
            "The team works in your plant: machine connectivity, data collection, cleansing, modelling and dashboards, delivered in about {days} days and live in {n}0 factories. Data quality checks and support continue after handover.",
        ),
        industries: &[I::Manufacturing, I::Equipment, I::Chemicals, I::Textiles],
        delivery: &[D::OnSite, D::OnPremise],
        pricing: &[P::Fixed, P::Quote],
        personal_info: PersonalInfo::None,
        dataset: None,
    },
    Offer {
        kind: ListingKind::Service,
        field: F::DataTechnology,
        title: (
            "数据中台建设（{v_zh}）",
            "Data Platform Implementation ({v_en})",
        ),
        variants: &[
            v_in("零售", "retail", &[I::Retail]),
            v_in("制造", "manufacturing", &[I::Manufacturing]),
            v_in("医疗", "healthcare", &[I::Healthcare]),
        ],
        summary: (
            "为{v_zh}企业建设湖仓一体数据中台，统一指标口径与数据服务。",
            "A lakehouse data platform for {v_en} companies with one set of metrics and shared data services.",
        ),
        description: (
            "基于开源与国产化技术栈，完成数据集成、数仓分层建模、指标平台与数据服务 API 建设，约 {days} 天上线。已为{n}0 家客户交付。",
            "Built on open-source and domestic technology: integration, layered warehouse modelling, a metrics platform and data service APIs, live in about {days} days. Delivered for {n}0 clients.",
        ),
        industries: &[I::Retail, I::Manufacturing, I::Healthcare],
        delivery: &[D::OnPremise, D::OnSite],
        pricing: &[P::Quote, P::Fixed],
        personal_info: PersonalInfo::None,
        dataset: None,
    },
    Offer {
        kind: ListingKind::Service,
        field: F::Security,
        title: (
            "数据安全风险评估（{v_zh}）",
            "Data Security Risk Assessment ({v_en})",
        ),
        variants: &[
            v("重要数据", "important data"),
            v_in(
                "工业互联网平台",
                "industrial internet platforms",
                &[I::Manufacturing, I::Energy],
            ),
            v_in("医疗机构", "healthcare providers", &[I::Healthcare]),
        ],
        summary: (
            "依据 GB/T 45577 对{v_zh}开展数据安全风险评估，满足监管年度报送要求。",
            "A data security risk assessment of {v_en} to GB/T 45577, meeting the regulator's annual reporting duty.",
        ),
        description: (
            "评估涵盖数据处理活动识别、安全措施核查、风险分析与处置建议，约 {days} 天出具报告。评估团队具备省级数据安全评估机构资质，已完成{n}0 个评估项目。",
            "Identifies processing activities, checks safeguards, analyses risks and recommends fixes, with a report in about {days} days. The team is accredited as a provincial data security assessment body and has completed {n}0 assessments.",
        ),
        industries: &[
            I::Manufacturing,
            I::Healthcare,
            I::Energy,
            I::PublicSector,
            I::Finance,
        ],
        delivery: &[D::OnSite],
        pricing: &[P::Fixed, P::Quote],
        personal_info: PersonalInfo::None,
        dataset: None,
    },
    Offer {
        kind: ListingKind::Service,
        field: F::Circulation,
        title: (
            "数据产品登记与上架辅导（{v_zh}）",
            "Data Product Registration and Listing Support ({v_en})",
        ),
        variants: &[
            v("数据集", "datasets"),
            v("数据 API", "data APIs"),
            v("数据报告", "data reports"),
        ],
        summary: (
            "帮助企业将{v_zh}完成数据产品登记、合规审查与数据交易所挂牌。",
            "Gets your {v_en} registered as data products, through compliance review and listed on data exchanges.",
        ),
        description: (
            "服务包括产品说明书编写、数据来源证明整理、合规评估对接与登记申请，约 {days} 天取得登记证书。已协助客户完成{n}0 项数据产品登记。",
            "We write the product description, assemble proof of data sources, coordinate the compliance assessment and file the registration; the certificate takes about {days} days. {n}0 data products registered for clients.",
        ),
        industries: &[I::Manufacturing, I::Finance, I::Logistics, I::PublicSector],
        delivery: &[D::OnSite],
        pricing: &[P::Fixed],
        personal_info: PersonalInfo::None,
        dataset: None,
    },
    Offer {
        kind: ListingKind::Service,
        field: F::Security,
        title: (
            "数据分类分级服务（{v_zh}）",
            "Data Classification and Grading Service ({v_en})",
        ),
        variants: &[
            v_in("金融", "financial", &[I::Finance]),
            v_in("工业", "industrial", &[I::Manufacturing, I::Energy]),
            v_in("政务", "government", &[I::PublicSector]),
        ],
        summary: (
            "依据{v_zh}行业标准识别核心数据、重要数据与一般数据，形成分类分级清单。",
            "Identifies core, important and general data to {v_en} sector standards and delivers a classification inventory.",
        ),
        description: (
            "采用自动化扫描与人工核验结合的方式，完成数据资产盘点、分类分级打标与重要数据目录编制，约 {days} 天交付。已服务{n}0 家{ind_zh}单位。",
            "Automated scanning plus manual review: data asset inventory, classification and grading labels, and an important data catalogue, delivered in about {days} days. {n}0 {ind_en} organisations served.",
        ),
        industries: &[I::Finance, I::Manufacturing, I::PublicSector, I::Energy],
        delivery: &[D::OnSite, D::OnPremise],
        pricing: &[P::Fixed, P::Quote],
        personal_info: PersonalInfo::None,
        dataset: None,
    },
    Offer {
        kind: ListingKind::Service,
        field: F::DataTechnology,
        title: (
            "定制数据采集服务（{v_zh}）",
            "Custom Data Collection Service ({v_en})",
        ),
        variants: &[
            v("图像", "image"),
            v("语音", "speech"),
            v("行业文本", "domain text"),
        ],
        summary: (
            "按需求设计采集方案，招募受试者并签署授权，合规采集{v_zh}训练数据。",
            "Collection plans to your needs, with recruited participants under signed consent, for compliant {v_en} training data.",
        ),
        description: (
            "在{city_zh}等地设有采集点，可按年龄、性别、方言、场景等维度定制配额，采集全程留存授权凭证，约 {days} 天交付。已完成{n}0 个采集项目。",
            "With collection sites around {city_en}, quotas can be set by age, gender, dialect and setting, and every consent is kept on record; delivery takes about {days} days. {n}0 collection projects completed.",
        ),
        industries: &[I::Automotive, I::Retail, I::Healthcare, I::Manufacturing],
        delivery: &[D::Download, D::OnSite],
        pricing: &[P::Fixed, P::Quote],
        personal_info: PersonalInfo::WithConsent,
        dataset: None,
    },
    Offer {
        kind: ListingKind::Service,
        field: F::Security,
        title: (
            "渗透测试与数据防泄漏评估（{v_zh}）",
            "Penetration Testing and Data Leak Prevention Assessment ({v_en})",
        ),
        variants: &[
            v("Web 应用", "web applications"),
            v("移动 App", "mobile apps"),
            v_in(
                "工控系统",
                "industrial control systems",
                &[I::Manufacturing, I::Energy],
            ),
        ],
        summary: (
            "模拟真实攻击对{v_zh}进行渗透测试，评估数据泄露风险并给出加固方案。",
            "Simulated real-world attacks on {v_en} to find data leak paths, with a hardening plan.",
        ),
        description: (
            "测试遵循 OWASP 与 PTES 方法，覆盖漏洞利用、横向移动与数据外带路径，约 {days} 天出具报告并免费复测。团队曾在{n}次省级攻防演练中获奖。",
            "Following OWASP and PTES, the test covers exploitation, lateral movement and data exfiltration paths, with a report in about {days} days and a free retest. The team has won prizes in {n} provincial red-team exercises.",
        ),
        industries: &[I::Finance, I::PublicSector, I::Energy, I::Manufacturing],
        delivery: &[D::OnSite, D::OnPremise],
        pricing: &[P::Fixed, P::Quote],
        personal_info: PersonalInfo::None,
        dataset: None,
    },
    Offer {
        kind: ListingKind::Service,
        field: F::Operation,
        title: (
            "数据质量评估与清洗（{v_zh}）",
            "Data Quality Assessment and Cleansing ({v_en})",
        ),
        variants: &[
            v("主数据", "master data"),
            v("客户数据", "customer data"),
            v_in(
                "设备数据",
                "equipment data",
                &[I::Equipment, I::Manufacturing],
            ),
        ],
        summary: (
            "对{v_zh}开展完整性、一致性、准确性评估，并完成去重、补全与标准化清洗。",
            "Measures completeness, consistency and accuracy of your {v_en}, then deduplicates, fills gaps and standardises it.",
        ),
        description: (
            "依据 GB/T 36344 数据质量评价指标出具评估报告，清洗规则可沉淀为数据质量监控任务，约 {days} 天交付。已为{n}0 家{ind_zh}企业提升数据质量。",
            "The report follows the GB/T 36344 data quality indicators, and the cleansing rules become ongoing quality monitors; delivery takes about {days} days. {n}0 {ind_en} companies served.",
        ),
        industries: &[I::Manufacturing, I::Retail, I::Finance, I::Equipment],
        delivery: &[D::OnPremise, D::OnSite, D::Download],
        pricing: &[P::Fixed, P::Quote],
        personal_info: PersonalInfo::None,
        dataset: None,
    },
    Offer {
        kind: ListingKind::Service,
        field: F::Circulation,
        title: (
            "数据交易撮合与交付托管（{v_zh}）",
            "Data Trade Brokerage and Delivery Escrow ({v_en})",
        ),
        variants: &[
            v("公共数据授权运营", "authorised public data"),
            v("行业数据", "industry data"),
            v("企业数据", "enterprise data"),
        ],
        summary: (
            "为{v_zh}供需双方提供需求对接、合同拟定、交付托管与争议处理。",
            "Matchmaking, contracts, delivery escrow and dispute handling for buyers and sellers of {v_en}.",
        ),
        description: (
            "依托数据交易所与可信数据空间完成交付，资金与数据按里程碑托管，全程留痕可审计。已撮合{n}0 笔数据交易。",
            "Delivery runs through data exchanges and the trusted data space, with money and data held in escrow by milestone and every step audit-logged. {n}0 data deals brokered.",
        ),
        industries: &[I::Finance, I::PublicSector, I::Manufacturing, I::Logistics],
        delivery: &[D::DataSpace, D::OnSite],
        pricing: &[P::Quote, P::Fixed],
        personal_info: PersonalInfo::None,
        dataset: None,
    },
    Offer {
        kind: ListingKind::Service,
        field: F::ProductDevelopment,
        title: (
            "算法模型定制开发（{v_zh}）",
            "Custom Algorithm Model Development ({v_en})",
        ),
        variants: &[
            v("视觉检测", "visual inspection"),
            v("时序预测", "time-series forecasting"),
            v("行业大模型微调", "domain LLM fine-tuning"),
        ],
        summary: (
            "基于客户数据定制{v_zh}模型，从数据准备、训练到部署一站式交付。",
            "{v_en} models built on your data, from data preparation and training to deployment.",
        ),
        description: (
            "算法团队驻场梳理业务目标与数据，完成模型训练、评测与部署，约 {days} 天交付，源码与模型权重归客户所有。已为{n}0 家{ind_zh}企业交付。",
            "Our algorithm team works with you on goals and data, then trains, evaluates and deploys the model in about {days} days; you own the code and weights. Delivered for {n}0 {ind_en} companies.",
        ),
        industries: &[
            I::Manufacturing,
            I::Retail,
            I::Finance,
            I::Energy,
            I::Electronics,
        ],
        delivery: &[D::OnPremise, D::OnSite],
        pricing: &[P::Quote, P::Fixed],
        personal_info: PersonalInfo::None,
        dataset: None,
    },
    Offer {
        kind: ListingKind::Service,
        field: F::ProductDevelopment,
        title: (
            "数据可视化大屏开发（{v_zh}）",
            "Data Visualisation Dashboard Development ({v_en})",
        ),
        variants: &[
            v_in("智慧工厂", "smart factories", &[I::Manufacturing]),
            v("园区运营", "park operations"),
            v_in("城市治理", "city management", &[I::PublicSector]),
        ],
        summary: (
            "为{v_zh}设计开发实时数据可视化大屏，对接现有业务系统。",
            "Real-time data dashboards for {v_en}, connected to your existing systems.",
        ),
        description: (
            "提供需求调研、视觉设计、数据对接与三维建模，支持多屏拼接与移动端查看，约 {days} 天交付。已交付{n}0 个可视化项目。",
            "Covers requirements, visual design, data integration and 3D modelling, on video walls and phones alike, in about {days} days. {n}0 dashboard projects delivered.",
        ),
        industries: &[I::Manufacturing, I::PublicSector, I::Energy, I::Logistics],
        delivery: &[D::OnPremise, D::OnSite],
        pricing: &[P::Fixed, P::Quote],
        personal_info: PersonalInfo::None,
        dataset: None,
    },
];

/// Licence terms per kind: (Chinese, English).
pub fn licence_terms(kind: ListingKind) -> &'static [(&'static str, &'static str)] {
    match kind {
        ListingKind::Dataset => &[
            (
                "非独占许可，仅限买方内部研发与模型训练使用，不得转售、再分发或用于识别特定个人。",
                "Non-exclusive licence for the buyer's internal R&D and model training only; no resale, redistribution or re-identification of individuals.",
            ),
            (
                "一年期非独占使用许可，到期后需删除数据副本；训练所得模型归买方所有。",
                "One-year non-exclusive licence; copies must be deleted at expiry. Models trained on the data belong to the buyer.",
            ),
            (
                "数据仅在可信数据空间内使用，原始数据不出域，计算结果经审核后交付。",
                "Use only inside the trusted data space: raw data never leaves its holder and results are released after review.",
            ),
        ],
        ListingKind::DataProduct => &[
            (
                "按订阅期提供服务，接口调用结果仅限买方自身业务使用，不得转售或缓存后对外提供。",
                "Service for the subscription period; results are for the buyer's own business and may not be resold or cached for third parties.",
            ),
            (
                "永久使用许可，含一年免费升级与技术支持，之后按年续保。",
                "Perpetual licence with one year of updates and support, renewable yearly.",
            ),
            (
                "私有化部署许可，限一个法人主体使用，源代码不随产品交付。",
                "On-premise licence for one legal entity; source code is not included.",
            ),
        ],
        ListingKind::Service => &[
            (
                "按双方签署的服务合同执行，交付成果知识产权归买方所有，服务方承担保密义务。",
                "Governed by the signed service contract; the buyer owns the deliverables and the provider is bound by confidentiality.",
            ),
            (
                "服务期内客户数据仅用于本项目，项目结束后 30 日内删除并出具删除证明。",
                "Client data is used for this project only and deleted within 30 days of completion, with a deletion certificate.",
            ),
        ],
    }
}

/// Data source statements per kind: (Chinese, English).
pub fn data_sources(kind: ListingKind) -> &'static [(&'static str, &'static str)] {
    match kind {
        ListingKind::Dataset => &[
            (
                "自有产线与合作企业采集，已取得数据持有方书面授权。",
                "Collected on our own and partner production lines under written authorisation from the data holders.",
            ),
            (
                "经授权的公共数据运营渠道与公开数据，来源清单可提供。",
                "Authorised public data operation channels and open data; the source list is available on request.",
            ),
            (
                "受试者招募采集，逐人签署知情同意书。",
                "Collected from recruited participants, each with signed informed consent.",
            ),
            (
                "合作机构业务系统导出，已完成去标识化处理并通过合规评估。",
                "Exported from partner organisations' systems, de-identified and assessed for compliance.",
            ),
        ],
        ListingKind::DataProduct => &[
            (
                "产品所用数据来自公开数据、授权公共数据与合作方数据，均有授权链条证明。",
                "Built on open data, authorised public data and partner data, each with a documented chain of authorisation.",
            ),
            (
                "模型训练数据为自有标注数据，推理时仅处理买方提交的数据。",
                "Trained on our own annotated data; at run time it processes only what the buyer submits.",
            ),
        ],
        ListingKind::Service => &[
            (
                "服务过程中处理的数据由买方提供，服务方不留存。",
                "Data processed during the service is supplied by the buyer and not retained by the provider.",
            ),
            (
                "服务不涉及数据采集，仅在买方授权范围内访问其系统。",
                "No data is collected; systems are accessed only as far as the buyer authorises.",
            ),
        ],
    }
}

/// Update frequencies a dataset may have.
pub const UPDATE_FREQUENCIES: &[&str] = &[
    "One-off / 一次性交付",
    "Monthly / 每月",
    "Quarterly / 每季度",
    "Weekly / 每周",
    "Daily / 每日",
];
