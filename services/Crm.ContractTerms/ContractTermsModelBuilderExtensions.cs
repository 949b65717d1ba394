using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Crm.Terms;

public static class ContractTermsModelBuilderExtensions
{
    public const string ContractsTable = "ProjectedContracts";
    public const string VersionsTable = "ProjectedContractVersions";

    /// <summary>
    /// Maps the projected contracts and their versions; call from the service DbContext's <c>OnModelCreating</c>.
    /// <paramref name="branchVisible"/> is the service's branch filter, written like its other filters against members of
    /// the context (not captured locals), for example <c>branch =&gt; SeesAllBranches || branch == CallerBranch</c>;
    /// it becomes the query filter of both entities on their <c>BranchId</c>.
    /// </summary>
    public static ModelBuilder AddContractTermsProjection(this ModelBuilder modelBuilder, Expression<Func<string, bool>> branchVisible)
    {
        modelBuilder.Entity<ProjectedContract>(contract =>
        {
            contract.ToTable(ContractsTable);
            contract.HasKey(c => c.Id);
            contract.Property(c => c.Id).ValueGeneratedNever();
            contract.Property(c => c.BranchId).HasMaxLength(50);
            contract.Property(c => c.Number).HasMaxLength(ProjectedContract.NumberMaxLength);
            contract.HasMany(c => c.Versions).WithOne().HasForeignKey(v => v.ContractId).OnDelete(DeleteBehavior.Cascade);
            contract.HasIndex(c => c.CustomerId);
            contract.HasIndex(c => new { c.BranchId, c.ExpiresOn });
            contract.HasQueryFilter(OnBranch<ProjectedContract>(branchVisible, c => c.BranchId));
        });

        modelBuilder.Entity<ProjectedContractVersion>(version =>
        {
            version.ToTable(VersionsTable);
            version.HasKey(v => new { v.ContractId, v.Version });
            version.Property(v => v.Version).ValueGeneratedNever();
            version.Property(v => v.BranchId).HasMaxLength(50);
            version.Property(v => v.Reason).HasMaxLength(ProjectedContractVersion.ReasonMaxLength);
            version.Property(v => v.DistributionLevel).HasMaxLength(ProjectedContractVersion.LevelMaxLength);
            version.Property(v => v.TermsJson).IsRequired();
            version.Ignore(v => v.Terms);
            version.HasIndex(v => new { v.DistributionLevel, v.EffectiveOn });
            version.HasQueryFilter(OnBranch<ProjectedContractVersion>(branchVisible, v => v.BranchId));
        });
        return modelBuilder;
    }

    /// <summary><c>e =&gt; branchVisible(e.BranchId)</c>, inlined so that EF sees the context's members as in any other filter.</summary>
    private static LambdaExpression OnBranch<TEntity>(Expression<Func<string, bool>> branchVisible, Expression<Func<TEntity, string>> branchOf)
    {
        var entity = branchOf.Parameters[0];
        var body = new Replace(branchVisible.Parameters[0], branchOf.Body).Visit(branchVisible.Body);
        return Expression.Lambda<Func<TEntity, bool>>(body, entity);
    }

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
