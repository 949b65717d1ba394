using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Crm.Messaging.Persistence;

/// <summary>A row that belongs to one branch (分公司): every read is scoped to the caller's branch by <see cref="BranchFilters"/>.</summary>
public interface IBranchOwned
{
    string BranchId { get; }
}

/// <summary>A DbContext whose reads are scoped to its caller's branch: what <see cref="BranchFilters"/> reads per query.</summary>
public interface IBranchScopedDbContext
{
    /// <summary>The caller sees every branch (group-wide roles, or background work that declared it by name).</summary>
    bool SeesAllBranches { get; }

    /// <summary>The caller's branch (canonical form); empty when they have none.</summary>
    string CallerBranch { get; }
}

/// <summary>
/// The one branch-filter convention: every entity that implements <see cref="IBranchOwned"/> gets the query filter
/// <c>SeesAllBranches || e.BranchId == CallerBranch</c>, named <see cref="FilterName"/>, written against the context
/// (EF replaces it by the context of each query, so the cached model serves every caller). Call last in
/// <c>OnModelCreating</c>, after every entity is mapped.
/// </summary>
public static class BranchFilters
{
    public const string FilterName = "branch";

    public static ModelBuilder ApplyBranchFilters(this ModelBuilder modelBuilder, IBranchScopedDbContext context)
    {
        var scope = Expression.Constant(context, typeof(IBranchScopedDbContext));
        var seesAll = Expression.Property(scope, nameof(IBranchScopedDbContext.SeesAllBranches));
        var callerBranch = Expression.Property(scope, nameof(IBranchScopedDbContext.CallerBranch));
        foreach (var entityType in modelBuilder.Model.GetEntityTypes()
                     .Where(e => e.BaseType is null && !e.IsOwned() && typeof(IBranchOwned).IsAssignableFrom(e.ClrType)).ToList())
        {
            var row = Expression.Parameter(entityType.ClrType, "row");
            var branch = Expression.Property(row, nameof(IBranchOwned.BranchId));
            var filter = Expression.Lambda(Expression.OrElse(seesAll, Expression.Equal(branch, callerBranch)), row);
            entityType.SetQueryFilter(FilterName, filter);
        }
        return modelBuilder;
    }

    /// <summary>The entity's branch filter, or null: what the model test checks for every entity with a <c>BranchId</c>.</summary>
    public static IQueryFilter? FindBranchFilter(this IReadOnlyEntityType entityType) =>
        entityType.GetDeclaredQueryFilters().FirstOrDefault(f => f.Key == FilterName);
}
