namespace Crm.Customers.Model;

/// <summary>An outlet's tier in a distributor's channel (网点层级): 二批 second-tier wholesaler, 零售终端 retail store, other.</summary>
public enum OutletTier
{
    Wholesaler,
    Retail,
    Other,
}

/// <summary>A planned visit (拜访计划): 拜访 a rep's visit, or 高层拜访 an executive visit to a key customer.</summary>
public enum VisitPlanKind
{
    Visit,
    ExecutiveVisit,
}

/// <summary>planned (计划中) → done (已拜访) by a recorded visit, or missed (未拜访) once its day passed without one.</summary>
public enum VisitPlanState
{
    Planned,
    Done,
    Missed,
}
