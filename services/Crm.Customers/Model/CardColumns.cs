using System.Linq.Expressions;

namespace Crm.Customers.Model;

/// <summary>
/// The card's columns on <see cref="Customer"/>: one property per field of <see cref="CustomerCard.Fields"/>, named as
/// on <see cref="CustomerProfile"/> (<see cref="CardField.Property"/>), which the entity configuration maps by the same
/// list. Copying the card in and out of the entity reads the list too, through two delegates compiled once, so that a
/// new field needs no line here, in <see cref="Customer"/>'s copies or in the configuration. A field without its
/// property on either type fails when the service starts (and every test with it).
/// </summary>
internal static class CardColumns
{
    /// <summary>The entity's card as a profile (one object, no intermediate copies).</summary>
    public static Func<Customer, CustomerProfile> Read { get; } = CompileRead();

    /// <summary>Sets every card column of the entity from the profile.</summary>
    public static Action<Customer, CustomerProfile> Write { get; } = CompileWrite();

    private static Func<Customer, CustomerProfile> CompileRead()
    {
        var customer = Expression.Parameter(typeof(Customer), "customer");
        var profile = Expression.MemberInit(
            Expression.New(typeof(CustomerProfile)),
            CustomerCard.Fields.Select(f => Expression.Bind(typeof(CustomerProfile).GetProperty(f.Property)!, Expression.Property(customer, f.Property))));
        return Expression.Lambda<Func<Customer, CustomerProfile>>(profile, customer).Compile();
    }

    private static Action<Customer, CustomerProfile> CompileWrite()
    {
        var customer = Expression.Parameter(typeof(Customer), "customer");
        var profile = Expression.Parameter(typeof(CustomerProfile), "profile");
        var assignments = CustomerCard.Fields.Select(f => Expression.Assign(Expression.Property(customer, f.Property), Expression.Property(profile, f.Property)));
        return Expression.Lambda<Action<Customer, CustomerProfile>>(Expression.Block(assignments), customer, profile).Compile();
    }
}
