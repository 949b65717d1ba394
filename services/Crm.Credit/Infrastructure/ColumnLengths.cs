namespace Crm.Credit.Infrastructure;

/// <summary>The lengths of the columns that many tables share (a branch, a user, a month as yyyy-MM).</summary>
internal static class ColumnLengths
{
    public const int BranchLength = 50;
    public const int UserLength = 100;
    public const int MonthLength = 7;
}
