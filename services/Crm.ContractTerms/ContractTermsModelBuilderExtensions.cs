namespace Crm.Terms;

public static class ContractTermsModelBuilderExtensions
{
    public const string ContractsTable = "ProjectedContracts";
    public const string VersionsTable = "ProjectedContractVersions";

    /// <summary>
    /// Maps the projected contracts and their versions; call from the service DbContext's <c>OnModelCreating</c>. Both are
    /// branch-owned (<see cref="Crm.Messaging.Persistence.IBranchOwned"/>): the context's branch-filter convention scopes them.
    /// </summary>
    public static ModelBuilder AddContractTermsProjection(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ProjectedContract>(contract =>
        {
            contract.ToTable(ContractsTable);
            contract.HasKey(c => c.Id);
            contract.Property(c => c.Id).ValueGeneratedNever();
            contract.Property(c => c.Number).HasMaxLength(ProjectedContract.NumberMaxLength);
            contract.HasMany(c => c.Versions).WithOne().HasForeignKey(v => v.ContractId).OnDelete(DeleteBehavior.Cascade);
            contract.HasIndex(c => c.CustomerId);
            contract.HasIndex(c => new { c.BranchId, c.ExpiresOn });
        });

        modelBuilder.Entity<ProjectedContractVersion>(version =>
        {
            version.ToTable(VersionsTable);
            version.HasKey(v => new { v.ContractId, v.Version });
            version.Property(v => v.Version).ValueGeneratedNever();
            version.Property(v => v.Reason).HasMaxLength(ProjectedContractVersion.ReasonMaxLength);
            version.Property(v => v.DistributionLevel).HasMaxLength(ProjectedContractVersion.LevelMaxLength);
            version.Property(v => v.TermsJson).IsRequired();
            version.Ignore(v => v.Terms);
            version.HasIndex(v => new { v.DistributionLevel, v.EffectiveOn });
        });
        return modelBuilder;
    }
}
