namespace Crm.Alerts.Model;

/// <summary>
/// A row kept about one customer (a sale, a plan, an alert, a reminder…): writing it can change what the rules read for
/// that customer, and nothing for the others.
/// </summary>
public interface IAboutCustomer
{
    Guid CustomerId { get; }
}
