using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace Crm.Messaging.Persistence;

/// <summary>
/// The branch column, the same in every table of every service: a <c>BranchId</c> text of <see cref="Length"/>
/// characters (<see cref="IBranchOwned"/>'s, and a group-wide row's that names a branch). <see cref="ServiceDbContext"/>
/// adds it, so that an entity configuration never sizes its branch column again.
/// </summary>
public sealed class BranchColumnConvention : IPropertyAddedConvention
{
    public const int Length = 50;

    public void ProcessPropertyAdded(IConventionPropertyBuilder propertyBuilder, IConventionContext<IConventionPropertyBuilder> context)
    {
        if (propertyBuilder.Metadata.Name == nameof(IBranchOwned.BranchId) && propertyBuilder.Metadata.ClrType == typeof(string))
            propertyBuilder.HasMaxLength(Length);
    }
}
