using static Crm.Credit.Infrastructure.ColumnLengths;

namespace Crm.Credit.Infrastructure.EntityConfigurations;

internal sealed class GradingModelVersionEntityTypeConfiguration : IEntityTypeConfiguration<GradingModelVersion>
{
    public void Configure(EntityTypeBuilder<GradingModelVersion> model)
    {
        model.ToTable("GradingModels");
        model.HasAssignedKey(m => m.Version);
        model.Property(m => m.Note).HasMaxLength(GradingModelVersion.NoteMaxLength);
        model.Property(m => m.CreatedBy).HasMaxLength(UserLength);
        model.Ignore(m => m.Name);
        model.Ignore(m => m.Model);
        model.HasData(GradingModelVersion.Initial);
    }
}
