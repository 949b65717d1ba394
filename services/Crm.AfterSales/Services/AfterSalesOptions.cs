namespace Crm.AfterSales.Services;

/// <summary>The <c>AfterSales</c> configuration section.</summary>
public sealed class AfterSalesOptions
{
    public const string SectionName = "AfterSales";

    /// <summary>Where attachments are kept as files (never in a database row); relative paths are against the working directory.</summary>
    public string DataFolder { get; set; } = ".data/aftersales-files";

    /// <summary>Off only where a test drives the sweep itself.</summary>
    public bool ScheduleEnabled { get; set; } = true;

    /// <summary>How often the service-level sweep looks for missed deadlines.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Complaints marked per unit of work in a sweep.</summary>
    public int SweepBatchSize { get; set; } = 200;

    /// <summary>The largest attachment (10 MiB).</summary>
    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;
}
