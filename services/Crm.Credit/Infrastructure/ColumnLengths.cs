namespace Crm.Credit.Infrastructure;

/// <summary>The lengths of the columns that many tables share (a user id that is not a "…By" column, sized like those by UserColumnConvention; a month as yyyy-MM; the branch column is BranchColumnConvention's).</summary>
internal static class ColumnLengths
{
    public const int UserLength = UserColumnConvention.Length;
    public const int MonthLength = 7;
}
