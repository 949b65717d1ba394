using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Crm.Credit.Model;

/// <summary>
/// A distributor's report of its sales to its own outlets (分销/出货报告, sell-through), by outlet and product. A report is
/// identified by the distributor's own reference (报告编号): sending the same report again changes nothing, and a
/// different report under a reference already used is refused. Reports are never edited; a correction is a new report.
/// </summary>
public sealed class SellThroughReport : IBranchOwned
{
    public const int ReferenceMaxLength = 100;
    public const int MaxLines = 5_000;

    private readonly List<SellThroughLine> _lines = [];

    private SellThroughReport() { }

    public Guid Id { get; private set; }
    public string BranchId { get; private set; } = "";
    public Guid DistributorId { get; private set; }
    public string Reference { get; private set; } = "";
    /// <summary>SHA-256 of the lines in a canonical form: tells a resent report from a different one under the same reference.</summary>
    public string ContentHash { get; private set; } = "";
    /// <summary>json or csv.</summary>
    public string Source { get; private set; } = "";
    public int LineCount { get; private set; }
    public decimal TotalQuantity { get; private set; }
    public decimal TotalAmount { get; private set; }
    public DateTimeOffset ReportedAt { get; private set; }
    public string ReportedBy { get; private set; } = "";

    public IReadOnlyList<SellThroughLine> Lines => _lines;

    public static SellThroughReport Create(
        Customer distributor, string reference, string source, IReadOnlyList<SellThroughLineInput> lines, DateTimeOffset now, string by)
    {
        var report = new SellThroughReport
        {
            Id = Guid.CreateVersion7(now),
            BranchId = distributor.BranchId,
            DistributorId = distributor.Id,
            Reference = reference.Trim(),
            ContentHash = HashOf(lines),
            Source = source,
            LineCount = lines.Count,
            TotalQuantity = lines.Sum(l => l.Quantity),
            TotalAmount = lines.Sum(l => l.Amount),
            ReportedAt = now,
            ReportedBy = by,
        };
        for (var i = 0; i < lines.Count; i++)
            report._lines.Add(SellThroughLine.Of(report, i + 1, lines[i]));
        return report;
    }

    /// <summary>The same lines in the same order give the same hash, whether they came as JSON or as CSV.</summary>
    public static string HashOf(IReadOnlyList<SellThroughLineInput> lines)
    {
        var text = new StringBuilder();
        foreach (var l in lines)
            text.Append(l.OutletId.ToString("N")).Append('|').Append(l.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('|')
                .Append(l.Product).Append('|').Append(l.Quantity.ToString("0.####", CultureInfo.InvariantCulture)).Append('|')
                .Append(l.Amount.ToString("0.00", CultureInfo.InvariantCulture)).Append('\n');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}

/// <summary>One line of a sell-through report: what the distributor sold to one outlet on a day.</summary>
public sealed class SellThroughLine : IBranchOwned
{
    private SellThroughLine() { }

    public Guid ReportId { get; private set; }
    public int Line { get; private set; }
    public string BranchId { get; private set; } = "";
    public Guid DistributorId { get; private set; }
    public Guid OutletId { get; private set; }
    public DateOnly Date { get; private set; }
    /// <summary>yyyy-MM of <see cref="Date"/>.</summary>
    public string Month { get; private set; } = "";
    public string Product { get; private set; } = "";
    public decimal Quantity { get; private set; }
    public decimal Amount { get; private set; }

    internal static SellThroughLine Of(SellThroughReport report, int line, SellThroughLineInput input) => new()
    {
        ReportId = report.Id,
        Line = line,
        BranchId = report.BranchId,
        DistributorId = report.DistributorId,
        OutletId = input.OutletId,
        Date = input.Date,
        Month = YearMonth.Of(input.Date).ToString(),
        Product = input.Product,
        Quantity = input.Quantity,
        Amount = input.Amount,
    };
}

/// <summary>A checked line: the outlet resolved, the product trimmed, the amount to the cent.</summary>
public sealed record SellThroughLineInput(Guid OutletId, DateOnly Date, string Product, decimal Quantity, decimal Amount);

/// <summary>
/// A distributor's distribution target (分销目标) for a month: outlets to open and sell-through to reach. Each save
/// increments <see cref="Version"/>, which the next save must send back.
/// </summary>
public sealed class DistributionTarget : IBranchOwned
{
    public const int NoteMaxLength = 500;

    private DistributionTarget() { }

    public Guid CustomerId { get; private set; }
    public string BranchId { get; private set; } = "";
    public string Month { get; private set; } = "";
    public int OutletsToOpen { get; private set; }
    public decimal SellThroughAmount { get; private set; }
    public string? Note { get; private set; }
    public long Version { get; private set; }
    public DateTimeOffset SetAt { get; private set; }
    public string SetBy { get; private set; } = "";

    public static DistributionTarget Open(Customer distributor, YearMonth month) => new()
    {
        CustomerId = distributor.Id,
        BranchId = distributor.BranchId,
        Month = month.ToString(),
    };

    public void Set(int outletsToOpen, decimal sellThroughAmount, string? note, long expectedVersion, DateTimeOffset now, string by)
    {
        Crm.ServiceDefaults.ExpectedVersion.Check("distribution target", Version, expectedVersion);
        OutletsToOpen = outletsToOpen;
        SellThroughAmount = sellThroughAmount;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        SetAt = now;
        SetBy = by;
        Version++;
    }
}
