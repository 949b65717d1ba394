namespace Crm.Credit.Infrastructure.EntityConfigurations;

internal sealed class GradingModelVersionEntityTypeConfiguration : IEntityTypeConfiguration<GradingModelVersion>
{
    public void Configure(EntityTypeBuilder<GradingModelVersion> model)
    {
        model.ToTable("GradingModels");
        model.HasAssignedKey(m => m.Version);
        model.Property(m => m.Note).HasMaxLength(GradingModelVersion.NoteMaxLength);
        model.Ignore(m => m.Name);
        model.Ignore(m => m.Model);
        model.HasData(GradingModelVersion.Initial);
    }
}
