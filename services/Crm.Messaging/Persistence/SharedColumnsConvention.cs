using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace Crm.Messaging.Persistence;

/// <summary>
/// The columns that mean the same in every table of every service, sized by their name so that an entity configuration
/// never sizes them again: who did something (<c>By</c>, <c>OpenedBy</c>, <c>RecordedBy</c>, <c>UpdatedBy</c>…), the
/// user's id in <see cref="UserLength"/> characters; a <c>Month</c>, yyyy-MM in <see cref="MonthLength"/>.
/// <see cref="ServiceDbContext"/> adds it. A column that holds something else under such a name (a complaint's
/// <c>ClosedBy</c>, a code) is sized by its configuration, which wins over the convention; a value inside a JSON column
/// (a contract's steps) and a key the model does not declare (an owned row's link to its owner) are left as they are.
/// </summary>
public sealed class SharedColumnsConvention : IModelFinalizingConvention
{
    public const int UserLength = 100;
    public const int MonthLength = 7;

    public void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context)
    {
        var columns = modelBuilder.Metadata.GetEntityTypes()
            .Where(e => !e.IsMappedToJson())
            .SelectMany(e => e.GetDeclaredProperties())
            .Where(p => p.ClrType == typeof(string) && !p.IsShadowProperty());
        foreach (var property in columns.ToList())
        {
            if (LengthOf(property.Name) is { } length) property.Builder.HasMaxLength(length);
        }
    }

    private static int? LengthOf(string name) =>
        name.EndsWith("By", StringComparison.Ordinal) ? UserLength
        : name == "Month" ? MonthLength
        : null;
}
