namespace Crm.Credit.Infrastructure;

/// <summary>The lengths of the columns that many tables share under names of their own (a user id that is not a "…By" column, a month that is not a "Month" column: sized like those by SharedColumnsConvention; the branch column is BranchColumnConvention's).</summary>
internal static class ColumnLengths
{
    public const int UserLength = SharedColumnsConvention.UserLength;
    public const int MonthLength = SharedColumnsConvention.MonthLength;
}
