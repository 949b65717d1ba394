using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace Crm.Messaging.Persistence;

/// <summary>
/// The columns that name who did something (<c>By</c>, <c>OpenedBy</c>, <c>RecordedBy</c>, <c>UpdatedBy</c>…): the user's id,
/// a text of <see cref="Length"/> characters in every table of every service. <see cref="ServiceDbContext"/> adds it, so
/// that an entity configuration never sizes such a column again; one that holds something else under such a name (a
/// complaint's <c>ClosedBy</c>, a code) sizes it itself, which wins over the convention. A value inside a JSON column
/// (a contract's steps) is no column of its own and is left as it is.
/// </summary>
public sealed class UserColumnConvention : IModelFinalizingConvention
{
    public const int Length = 100;

    public void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context)
    {
        var userColumns = modelBuilder.Metadata.GetEntityTypes()
            .Where(e => !e.IsMappedToJson())
            .SelectMany(e => e.GetDeclaredProperties())
            .Where(p => p.ClrType == typeof(string) && p.Name.EndsWith("By", StringComparison.Ordinal));
        foreach (var property in userColumns.ToList())
            property.Builder.HasMaxLength(Length);
    }
}
