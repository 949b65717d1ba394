namespace Crm.Contracts.Infrastructure;

/// <summary>The lengths of the columns that many tables share (a user; the branch column is BranchColumnConvention's).</summary>
internal static class ColumnLengths
{
    public const int UserLength = 100;
}
