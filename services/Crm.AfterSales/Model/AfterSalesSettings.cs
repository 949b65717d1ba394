namespace Crm.AfterSales.Model;

/// <summary>One service level: for a category and severity, first response and resolution within so many hours.</summary>
public sealed class ServiceLevel
{
    private ServiceLevel() { }

    public ServiceLevel(ComplaintCategory category, Severity severity, int firstResponseHours, int resolutionHours)
    {
        Category = category;
        Severity = severity;
        FirstResponseHours = firstResponseHours;
        ResolutionHours = resolutionHours;
    }

    public ComplaintCategory Category { get; private set; }
    public Severity Severity { get; private set; }
    public int FirstResponseHours { get; private set; }
    public int ResolutionHours { get; private set; }

    internal void Change(int firstResponseHours, int resolutionHours)
    {
        FirstResponseHours = firstResponseHours;
        ResolutionHours = resolutionHours;
    }

    public ServiceLevelTarget Target => new(TimeSpan.FromHours(FirstResponseHours), TimeSpan.FromHours(ResolutionHours));
}

/// <summary>
/// A branch's after-sales settings: service levels per category and severity, and the default return and exchange
/// windows that apply when no contract is in force on the sale's date. A branch that never saved any has the defaults.
/// </summary>
public sealed class AfterSalesSettings : IBranchOwned
{
    public const int DefaultFirstResponseHours = 24;
    public const int DefaultQualityResolutionHours = 7 * 24;
    public const int DefaultNonQualityResolutionHours = 3 * 24;
    public const int DefaultReturnWindowDays = 7;
    public const int DefaultExchangeWindowDays = 15;
    public const int MaxHours = 24 * 365;
    public const int MaxWindowDays = 3650;

    private readonly List<ServiceLevel> _serviceLevels = [];

    private AfterSalesSettings() { }

    public string BranchId { get; private set; } = "";
    public int ReturnWindowDays { get; private set; }
    public int ExchangeWindowDays { get; private set; }
    public string? UpdatedBy { get; private set; }
    public DateTimeOffset? UpdatedAt { get; private set; }
    /// <summary>0 while the branch has only the defaults (nothing saved yet).</summary>
    public long Version { get; private set; }

    public IReadOnlyList<ServiceLevel> ServiceLevels => _serviceLevels;

    public static AfterSalesSettings Defaults(string branchId)
    {
        var settings = new AfterSalesSettings
        {
            BranchId = branchId,
            ReturnWindowDays = DefaultReturnWindowDays,
            ExchangeWindowDays = DefaultExchangeWindowDays,
        };
        foreach (var severity in Enum.GetValues<Severity>())
        {
            settings._serviceLevels.Add(new ServiceLevel(ComplaintCategory.Quality, severity, DefaultFirstResponseHours, DefaultQualityResolutionHours));
            settings._serviceLevels.Add(new ServiceLevel(ComplaintCategory.NonQuality, severity, DefaultFirstResponseHours, DefaultNonQualityResolutionHours));
        }
        return settings;
    }

    /// <summary>The target for an assessed complaint; a pair the branch did not set keeps the default.</summary>
    public ServiceLevelTarget TargetFor(ComplaintCategory category, Severity severity) =>
        _serviceLevels.FirstOrDefault(l => l.Category == category && l.Severity == severity)?.Target
        ?? Defaults(BranchId)._serviceLevels.First(l => l.Category == category && l.Severity == severity).Target;

    /// <summary>
    /// Before the assessment the category is unknown: the stricter of the two categories applies (the earlier first
    /// response and the earlier resolution); the assessment recomputes the resolution deadline.
    /// </summary>
    public ServiceLevelTarget TargetForUnassessed(Severity severity)
    {
        var quality = TargetFor(ComplaintCategory.Quality, severity);
        var other = TargetFor(ComplaintCategory.NonQuality, severity);
        return new ServiceLevelTarget(Min(quality.FirstResponse, other.FirstResponse), Min(quality.Resolution, other.Resolution));
    }

    /// <summary>Replaces the settings; pairs not named keep their current values.</summary>
    public void Update(int? returnWindowDays, int? exchangeWindowDays, IEnumerable<ServiceLevel> levels, string by, DateTimeOffset now)
    {
        if (returnWindowDays is { } r) ReturnWindowDays = r;
        if (exchangeWindowDays is { } e) ExchangeWindowDays = e;
        foreach (var level in levels)
        {
            var existing = _serviceLevels.FirstOrDefault(l => l.Category == level.Category && l.Severity == level.Severity);
            if (existing is null) _serviceLevels.Add(level);
            else existing.Change(level.FirstResponseHours, level.ResolutionHours);
        }
        UpdatedBy = by;
        UpdatedAt = now;
        Version++;
    }

    public static void Validate(ValidationErrors errors, int index, int? firstResponseHours, int? resolutionHours)
    {
        errors
            .When(firstResponseHours is null or < 1 or > MaxHours, $"serviceLevels[{index}].firstResponseHours", $"firstResponseHours is between 1 and {MaxHours}.")
            .When(resolutionHours is null or < 1 or > MaxHours, $"serviceLevels[{index}].resolutionHours", $"resolutionHours is between 1 and {MaxHours}.")
            .When(firstResponseHours > resolutionHours, $"serviceLevels[{index}].resolutionHours", "The resolution may not come before the first response.");
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
