namespace Crm.Customers.Model;

// The API and the events spell these in kebab-case (JointVenture → joint-venture); the CSV import also takes the
// Chinese labels in CustomerLabels.

/// <summary>agent (代理商), factory (工厂), trading company (贸易公司), other.</summary>
public enum CustomerKind
{
    Agent,
    Factory,
    Trading,
    Other,
}

/// <summary>活跃 active, 非活跃 inactive, 丢失 lost.</summary>
public enum CustomerStatus
{
    Active,
    Inactive,
    Lost,
}

/// <summary>Ownership (所有制): 国有 state, 合资 joint venture, 集体 collective, 股份 joint-stock, 个体/私营 private.</summary>
public enum Ownership
{
    State,
    JointVenture,
    Collective,
    JointStock,
    Private,
}

/// <summary>Business format (业态): 专卖店, 专营店, 代理店, 连锁店, 批发店, 零售店.</summary>
public enum BusinessFormat
{
    SpecialtyStore,
    ExclusiveStore,
    AgencyStore,
    ChainStore,
    WholesaleStore,
    RetailStore,
}

/// <summary>Enterprise size (企业规模): 微型, 小型, 中型, 大型.</summary>
public enum EnterpriseSize
{
    Micro,
    Small,
    Medium,
    Large,
}

/// <summary>Bank credit rating (银行资信等级).</summary>
public enum BankCreditRating
{
    Aaa,
    Aa,
    A,
}

/// <summary>Classification (客户分类): 核心 core, 重要 important, 一般 general.</summary>
public enum CustomerCategory
{
    Core,
    Important,
    General,
}

/// <summary>Income group (收入群体) of the customer's market.</summary>
public enum IncomeGroup
{
    High,
    Middle,
    Low,
}

/// <summary>Location type (地段类型).</summary>
public enum LocationType
{
    Urban,
    Suburban,
    County,
    Township,
    Rural,
}

/// <summary>A contact with the customer (沟通体制): 拜访 visit, 电话 phone, 座谈会 meeting, 高层拜访 executive visit, other.</summary>
public enum VisitKind
{
    Visit,
    Phone,
    Meeting,
    ExecutiveVisit,
    Other,
}

/// <summary>A major incident (重大变故).</summary>
public enum IncidentKind
{
    Theft,
    Accident,
    Fire,
    FamilySplit,
    SeriousIllness,
    LegalDispute,
    Other,
}

/// <summary>A violation (违规记录): 窜货 cross-region selling, 乱价 price violation, 拖欠货款 payment default, 假冒 counterfeit, 违约 contract breach.</summary>
public enum ViolationType
{
    CrossRegionSelling,
    PriceViolation,
    PaymentDefault,
    Counterfeit,
    ContractBreach,
    Other,
}

/// <summary>A development application (客户开发申请表): pending, approved (the customer exists), rejected.</summary>
public enum ApplicationState
{
    Pending,
    Approved,
    Rejected,
}
