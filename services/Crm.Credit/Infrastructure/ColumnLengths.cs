namespace Crm.Credit.Infrastructure;

/// <summary>The lengths of the columns that many tables share (a user, a month as yyyy-MM; the branch column is BranchColumnConvention's).</summary>
internal static class ColumnLengths
{
    public const int UserLength = 100;
    public const int MonthLength = 7;
}
