namespace Crm.Customers.Services;

/// <summary>The <c>Customers</c> configuration section.</summary>
public sealed class CustomersOptions
{
    public const string SectionName = "Customers";

    /// <summary>A new customer must be contacted by its rep within this many days (一周内联系).</summary>
    public int ContactWithinDays { get; set; } = 7;

    /// <summary>The scorecard weights (percent) of a branch whose managers have not set their own.</summary>
    public int InitiativeWeight { get; set; } = 25;
    public int CapabilityWeight { get; set; } = 35;
    public int ReputationWeight { get; set; } = 25;
    public int RelationsWeight { get; set; } = 15;

    /// <summary>
    /// The most rows one CSV import may hold (the body limit is 20 MiB as well). An import writes in one transaction,
    /// during which the service's other registrations wait: keep it to minutes at most.
    /// </summary>
    public int ImportMaxRows { get; set; } = 20_000;

    /// <summary>Whether the field-work sweep (missed visits, overdue meeting actions) runs in this instance.</summary>
    public bool FieldWorkSweepEnabled { get; set; } = true;

    /// <summary>How often the field-work sweep looks for days that passed (the events go out once whatever the interval).</summary>
    public TimeSpan FieldWorkSweepInterval { get; set; } = TimeSpan.FromHours(1);
}
