/// 奉化区's static tables: towns, grids, event domains, units, mediation
/// categories, people. One place for the district's vocabulary so that the
/// generator, the demo and a future dispatch picker speak the same words.
/// Figures come from /work/shared/domain/fenghua.md unless a comment says
/// "assumed"; everything is an array, never a Dictionary, so that iteration
/// order (and so the generator's output) is the same in every process.
public enum District {
    /// A 街道 or 镇.
    public struct Town: Sendable {
        public let name: String
        /// The name without 街道/镇, as used in unit names (锦屏派出所).
        public let short: String
        /// Pinyin initials, the prefix of grid codes (`JP-03-12`).
        public let initials: String
        /// Share of the district's grid events (fenghua.md, itself assumed by population;
        /// its figures add up to 0.98, so users normalise).
        public let share: Double
        /// Number of grids: ≈ 450 in the district, 35–40 a town (fenghua.md).
        public let grids: Int
        /// Built-up streets see more 市容/新业态 and fewer 农业/自然资源 events (assumed).
        public let isUrban: Bool
        /// 村/社区; a grid's community number indexes this list.
        public let villages: [String]

        /// The grid code of grid `index` (0..<grids), spread over the communities.
        public func gridCode(_ index: Int) -> String {
            initials + "-" + Timestamp.pad(community(ofGrid: index) + 1, 2) + "-"
                + Timestamp.pad(index / villages.count + 1, 2)
        }

        /// The 0-based community (index into `villages`) a grid belongs to.
        public func community(ofGrid index: Int) -> Int { index % villages.count }
    }

    /// Village lists: 松岙镇 is from fenghua.md, 云溪村 for 萧王庙街道 too;
    /// all other 村/社区 names are assumed (plausible, not checked against a register).
    public static let towns: [Town] = [
        Town(name: "锦屏街道", short: "锦屏", initials: "JP", share: 0.14, grids: 40, isUrban: true,
             villages: ["南门社区", "北门社区", "中山社区", "桥东社区", "东门社区", "大成社区", "惠政社区", "锦溪社区", "长汀村", "南山村"]),
        Town(name: "岳林街道", short: "岳林", initials: "YL", share: 0.13, grids: 40, isUrban: true,
             villages: ["东峰社区", "金钟社区", "广平社区", "岳林社区", "汇头社区", "东郊社区", "西郊社区", "周家村", "王家村"]),
        Town(name: "江口街道", short: "江口", initials: "JK", share: 0.11, grids: 38, isUrban: true,
             villages: ["江口社区", "南塘社区", "前江村", "后江村", "王家弄村", "蒋家池头村", "南渡村", "周村", "沙堤村"]),
        Town(name: "西坞街道", short: "西坞", initials: "XW", share: 0.08, grids: 36, isUrban: false,
             villages: ["西坞社区", "白杜村", "金峨村", "尚桥村", "蒋家村", "东岙村", "邬家村", "方家村", "塘头村"]),
        Town(name: "萧王庙街道", short: "萧王庙", initials: "XWM", share: 0.07, grids: 36, isUrban: false,
             villages: ["萧王庙社区", "云溪村", "滕头村", "青云村", "林家村", "后竺村", "傅家岙村", "孙家村"]),
        Town(name: "方桥街道", short: "方桥", initials: "FQ", share: 0.07, grids: 35, isUrban: false,
             villages: ["方桥社区", "三渡村", "陈家村", "何家村", "岳家村", "毛家村", "前王村", "山下村"]),
        Town(name: "尚田街道", short: "尚田", initials: "ST", share: 0.06, grids: 37, isUrban: false,
             villages: ["尚田社区", "印家坑村", "鸣雁村", "条宅村", "冷西村", "畸山村", "葛岙村", "杜家村"]),
        Town(name: "莼湖街道", short: "莼湖", initials: "CH", share: 0.09, grids: 40, isUrban: false,
             villages: ["莼湖社区", "桐照村", "栖凤村", "鸿峙村", "缪家村", "洪溪村", "大湾村", "前徐村", "下陈村"]),
        Town(name: "溪口镇", short: "溪口", initials: "XK", share: 0.12, grids: 40, isUrban: false,
             villages: ["溪口社区", "武岭村", "岩头村", "班溪村", "董村", "六诏村", "跸驻村", "上白村", "亭下村"]),
        Town(name: "裘村镇", short: "裘村", initials: "QC", share: 0.04, grids: 36, isUrban: false,
             villages: ["裘村社区", "马头村", "黄贤村", "应家棚村", "杨村", "吴江村", "翔鹤潭村", "青联村"]),
        Town(name: "大堰镇", short: "大堰", initials: "DY", share: 0.04, grids: 35, isUrban: false,
             villages: ["大堰社区", "大堰村", "谢界山村", "董家村", "箭岭村", "西畈村", "万竹村", "柏坑村"]),
        Town(name: "松岙镇", short: "松岙", initials: "SA", share: 0.03, grids: 35, isUrban: false,
             villages: ["松岙社区", "西岙村", "上汪村", "街横村", "后山村", "海沿村", "湖头渡村", "五百岙村", "大埠村", "淡溪村"]),
    ]

    /// Weekend factor of a town's events: 溪口 draws tourists (×1.5), the rest quieten (×0.8).
    public static func weekendFactor(_ town: Town) -> Double { town.short == "溪口" ? 1.5 : 0.8 }

    /// One of the 11 grid-event domains.
    public struct Domain: Sendable {
        public let name: String
        /// Relative frequency among grid events (assumed; 市容 dominates in practice).
        public let weight: Double
        /// Typical event titles: fenghua.md's list, completed with plausible ones.
        public let titles: [String]
    }

    public static let domains: [Domain] = [
        Domain(name: "市容环境", weight: 30, titles: ["占道经营", "店外经营", "暴露垃圾", "建筑垃圾乱倒", "乱堆放", "乱张贴小广告", "校园周边流动摊贩", "垃圾分类不规范"]),
        Domain(name: "违法建设", weight: 8, titles: ["违规搭建", "屋顶违建", "违法建设在建", "擅自改变房屋结构"]),
        Domain(name: "生态环境", weight: 9, titles: ["油烟扰民", "噪声扰民", "工地扬尘", "露天焚烧", "污水直排"]),
        Domain(name: "市场监管", weight: 10, titles: ["无证经营", "食品安全隐患", "过期食品销售", "小作坊无证生产", "价格欺诈"]),
        Domain(name: "安全生产", weight: 6, titles: ["企业安全隐患", "危化品违规存放", "有限空间作业无防护", "工地安全防护缺失"]),
        Domain(name: "消防安全", weight: 8, titles: ["消防通道堵塞", "电动车楼道充电", "飞线充电", "消防设施损坏", "出租房消防隐患"]),
        Domain(name: "交通秩序", weight: 10, titles: ["机动车乱停放", "非机动车乱停放", "占用盲道", "道路设施损坏"]),
        Domain(name: "农业农村", weight: 5, titles: ["秸秆焚烧", "农村乱堆柴草", "违规养殖", "耕地抛荒"]),
        Domain(name: "自然资源", weight: 3, titles: ["非法采砂", "违法占用耕地", "私挖山体", "乱砍滥伐"]),
        Domain(name: "水利河道", weight: 4, titles: ["河道漂浮物", "河道侵占", "河道排污口异常", "违规设置网箱"]),
        Domain(name: "新业态", weight: 7, titles: ["无人洗车污水外排", "后备箱摆摊占道", "夜市占道", "夜市噪声扰民", "共享单车乱停放"]),
    ]

    /// The domain of evening peaks (19–22): 无人洗车, 后备箱经济, 夜市.
    public static let nightDomain = "新业态"

    /// Where events come from, with the assumed mix (网格员巡查 by far the most).
    public static let sources: [(source: EventSource, weight: Double)] = [
        (.grid, 62), (.public, 14), (.hotline, 10), (.sensor, 8), (.upper, 3), (.referral, 3),
    ]

    /// A dispatch target.
    public struct Unit: Sendable {
        public let name: String
        /// Full town name for a town's unit; nil for a district unit.
        public let town: String?
        /// Event domains it handles; empty for units that coordinate or mediate.
        public let domains: [String]
    }

    /// District units (fenghua.md; their domains are assumed from their remits).
    public static let districtUnits: [Unit] = [
        Unit(name: "奉化区综合行政执法局", town: nil, domains: ["市容环境", "违法建设", "生态环境", "水利河道", "新业态"]),
        Unit(name: "宁波市公安局奉化分局", town: nil, domains: ["交通秩序", "安全生产", "新业态"]),
        Unit(name: "奉化区市场监督管理局", town: nil, domains: ["市场监管", "新业态"]),
        Unit(name: "宁波市生态环境局奉化分局", town: nil, domains: ["生态环境", "水利河道"]),
        Unit(name: "宁波市自然资源和规划局奉化分局", town: nil, domains: ["自然资源", "违法建设"]),
        Unit(name: "区交通运输执法队", town: nil, domains: ["交通秩序"]),
        Unit(name: "区应急管理局", town: nil, domains: ["安全生产", "消防安全"]),
        Unit(name: "区卫生监督所", town: nil, domains: ["市场监管"]),
        Unit(name: "区文化市场执法队", town: nil, domains: ["市场监管"]),
        Unit(name: "区农业执法队", town: nil, domains: ["农业农村"]),
        Unit(name: "区水利局", town: nil, domains: ["水利河道"]),
        Unit(name: "区住建局", town: nil, domains: ["违法建设", "安全生产"]),
        Unit(name: "区消防救援大队", town: nil, domains: ["消防安全"]),
        Unit(name: "区教育局", town: nil, domains: ["市容环境"]),
        Unit(name: "区矛调中心", town: nil, domains: []),
        Unit(name: "区司法局", town: nil, domains: []),
        Unit(name: "区信访局", town: nil, domains: []),
        Unit(name: "区人力社保局劳动监察大队", town: nil, domains: []),
        Unit(name: "区法院诉调对接中心", town: nil, domains: []),
    ]

    /// Each town's own units: 综合行政执法中队 (the 赋权 items), 基层治理中心
    /// (coordinates and checks, handles no domain itself), 派出所, 市场监管所, 司法所.
    public static func townUnits(_ town: Town) -> [Unit] {
        [
            Unit(name: town.name + "综合行政执法中队", town: town.name,
                 domains: ["市容环境", "违法建设", "生态环境", "农业农村", "自然资源", "水利河道", "新业态"]),
            Unit(name: town.name + "基层治理中心", town: town.name, domains: []),
            Unit(name: town.short + "派出所", town: town.name, domains: ["交通秩序", "安全生产", "消防安全", "新业态"]),
            Unit(name: town.short + "市场监管所", town: town.name, domains: ["市场监管", "新业态"]),
            Unit(name: town.short + "司法所", town: town.name, domains: []),
        ]
    }

    /// Every unit: the district's, then each town's in town order.
    public static let units: [Unit] = districtUnits + towns.flatMap(townUnits)

    /// The units able to take an event, in dispatch order: the town's own units
    /// serving the domain first, then district units serving it.
    public static func dispatchOrder(town: String, domain: String) -> [Unit] {
        let serving = units.filter { $0.domains.contains(domain) }
        return serving.filter { $0.town == town } + serving.filter { $0.town == nil }
    }

    /// The town's 基层治理中心: it reviews events, dispatches and checks (核查).
    public static func center(_ town: Town) -> String { town.name + "基层治理中心" }

    /// Mediation categories and their typical mix in percent (fenghua.md; the
    /// last three are listed there without a figure: 2–3% assumed).
    public static let mediationCategories: [(name: String, weight: Double)] = [
        ("邻里", 32), ("婚姻家庭", 18), ("损害赔偿", 9), ("房屋宅基地", 8), ("医疗", 6), ("合同", 5),
        ("道路交通事故", 4), ("生产经营", 4), ("征地拆迁", 3), ("山林土地", 2), ("劳动争议", 2),
        ("物业", 3), ("消费", 2), ("环境污染", 2),
    ]

    /// Why a unit sends a task back (退回), fenghua.md's work-order loop.
    public static let returnReasons = ["属地不符", "权属不清", "职能交叉", "信息不全", "重复件"]

    /// 专职网格员 names (common names, invented).
    public static let gridWorkers = [
        "王建国", "李秀英", "张伟", "刘芳", "陈静", "杨磊", "赵敏", "黄海燕", "周勇", "吴丽娟",
        "徐明", "孙丽", "胡军", "朱晓红", "高峰", "林燕", "何志强", "郭婷", "马超", "罗慧",
        "梁晨", "宋佳", "郑国平", "谢玲", "韩冬", "唐雪梅", "冯涛", "邬亚芬", "曹建华", "蒋丽萍",
        "沈浩", "竺海波", "袁红", "邵杰", "应春燕", "毛伟东", "俞晓燕", "王丽华", "张国庆", "陈立军",
    ]

    /// Duty operators of the command center (invented).
    public static let operators = ["李娜", "王磊", "陈晓东", "张敏", "周佳琪", "邬雪峰", "孙宇", "毛丽君"]

    /// Surnames for masked reporters (陈先生, 王女士).
    public static let surnames = ["王", "李", "张", "陈", "刘", "周", "徐", "邬", "竺", "毛", "应", "俞"]

    /// Spots added to a village name for an event's detail (assumed).
    public static let spots = ["菜场门口", "路口东侧", "小区北门", "河埠头", "学校门口", "沿街店铺", "停车场", "老街"]
}
