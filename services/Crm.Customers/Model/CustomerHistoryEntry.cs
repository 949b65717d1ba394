namespace Crm.Customers.Model;

/// <summary>What a history entry records.</summary>
public enum HistoryAction
{
    Registered,
    Updated,
    StatusChanged,
    OwnerChanged,
    ContactAdded,
    ContactUpdated,
    ContactRemoved,
    Graded,
}

/// <summary>Who did something: the user id (<c>sub</c>) and the name they go by.</summary>
public sealed record Actor(string Id, string Name);

/// <summary>
/// One change of a customer file (动态管理): who, when, which fields old → new, and why. Append-only: nothing in the
/// service edits or deletes an entry (the DbContext refuses to), and no route offers to.
/// </summary>
public sealed class CustomerHistoryEntry : IBranchOwned
{
    /// <summary>The longest reason (修改原因) a change may give.</summary>
    public const int ReasonMaxLength = 2000;

    private CustomerHistoryEntry() { }

    internal CustomerHistoryEntry(
        Customer customer, HistoryAction action, Actor by, string? reason, IReadOnlyList<ChangedField> changes, DateTimeOffset at)
    {
        CustomerId = customer.Id;
        BranchId = customer.BranchId;
        Action = action;
        By = by.Id;
        ByName = by.Name;
        Reason = reason;
        Changes = changes;
        At = at;
        Version = customer.Version;
    }

    /// <summary>Database-generated and increasing: the order of the changes.</summary>
    public long Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public string BranchId { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
    public string By { get; private set; } = "";
    public string ByName { get; private set; } = "";
    public HistoryAction Action { get; private set; }
    public string? Reason { get; private set; }
    public IReadOnlyList<ChangedField> Changes { get; private set; } = [];
    /// <summary>The customer's version after the change.</summary>
    public long Version { get; private set; }
}
