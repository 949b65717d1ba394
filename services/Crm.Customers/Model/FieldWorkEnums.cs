namespace Crm.Customers.Model;

/// <summary>An outlet's tier in a distributor's channel (网点层级): 二批 second-tier wholesaler, 零售终端 retail store, other.</summary>
public enum OutletTier
{
    Wholesaler,
    Retail,
    Other,
}
