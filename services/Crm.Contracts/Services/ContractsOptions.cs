namespace Crm.Contracts.Services;

/// <summary>The <c>Contracts</c> configuration section.</summary>
public sealed class ContractsOptions
{
    public const string SectionName = "Contracts";

    /// <summary>Off only where a test drives the expiry job itself.</summary>
    public bool ScheduleEnabled { get; set; } = true;

    /// <summary>How often the expiry job runs (it also runs once at start).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Contracts handled per unit of work in a sweep.</summary>
    public int SweepBatchSize { get; set; } = 200;
}
