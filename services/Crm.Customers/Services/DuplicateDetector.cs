using System.Text.Json.Serialization;

namespace Crm.Customers.Services;

/// <summary>
/// A file that may be the same customer: an existing customer or a pending development application. A file of a
/// branch the caller may not see is disclosed only as "such a file exists, in that branch, matched on this"
/// (ARCHITECTURE.md, "Identity, branches"): its id, name, code, region, owner and date are null.
/// </summary>
public sealed record DuplicateCandidate(
    Guid? Id, string Type, string? Name, string? Code, string? Region, string BranchId, string? OwnerId, string? OwnerName,
    DateTimeOffset? RegisteredAt, IReadOnlyList<string> MatchedOn)
{
    /// <summary>The file's id whether disclosed or not: kept with a confirmed non-duplicate, never sent.</summary>
    [JsonIgnore]
    public Guid FileId { get; init; }

    /// <summary>When the file was registered (or filed), disclosed or not: orders the candidates, never sent.</summary>
    [JsonIgnore]
    public DateTimeOffset Since { get; init; }

    /// <summary>False for another branch's file: the caller learns only that it exists and where.</summary>
    [JsonIgnore]
    public bool Disclosed => Id is not null;
}

/// <summary>
/// Duplicate detection (查重): the same tax number anywhere in the group, or a near-identical name (<see cref="NameKey"/>)
/// in the same region, in any branch. Flagged with 409 before a second file is created, unless the caller confirms
/// it is a different customer and says why.
/// </summary>
public sealed class DuplicateDetector(CustomersDbContext db, ICurrentUser user, CustomersMetrics metrics)
{
    public const string TypeCustomer = "customer";
    public const string TypeApplication = "development-application";
    public const string MatchedOnTaxNumber = "tax-number";
    public const string MatchedOnName = "name-in-region";

    public async Task<IReadOnlyList<DuplicateCandidate>> FindCustomersAsync(
        string name, string region, string? taxNumber, Guid? except, CancellationToken cancellationToken)
    {
        var nameKey = NameKey.ForName(name);
        var regionKey = NameKey.ForRegion(region);
        // Two indexed lookups rather than one OR, which SQLite would answer with a scan.
        var byName = await db.Customers.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.RegionKey == regionKey && c.NameKey == nameKey && c.Id != except)
            .OrderBy(c => c.RegisteredAt).Take(20).ToListAsync(cancellationToken);
        var byTaxNumber = taxNumber is null ? [] : await db.Customers.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.TaxNumber == taxNumber && c.Id != except)
            .OrderBy(c => c.RegisteredAt).Take(20).ToListAsync(cancellationToken);

        return byTaxNumber.Concat(byName).DistinctBy(c => c.Id)
            .Select(c => Candidate(c, Matches(c.TaxNumber == taxNumber && taxNumber is not null, c.RegionKey == regionKey && c.NameKey == nameKey)))
            .OrderBy(c => c.Since)
            .ToList();
    }

    /// <summary>
    /// The candidates of many prospective files at once (an import), by index: a few indexed lookups per 500 files
    /// instead of two per file.
    /// </summary>
    public async Task<IReadOnlyList<DuplicateCandidate>[]> FindCustomersAsync(
        IReadOnlyList<CustomerProfile> profiles, CancellationToken cancellationToken)
    {
        var keys = profiles.Select(p => (Name: NameKey.ForName(p.Name), Region: NameKey.ForRegion(p.Region), p.TaxNumber)).ToList();
        var found = new List<Customer>();
        foreach (var chunk in keys.Chunk(500))
        {
            var names = chunk.Select(k => k.Name).Distinct().ToList();
            var taxNumbers = chunk.Where(k => k.TaxNumber is not null).Select(k => k.TaxNumber!).Distinct().ToList();
            found.AddRange(await db.Customers.IgnoreQueryFilters().AsNoTracking().Where(c => names.Contains(c.NameKey)).ToListAsync(cancellationToken));
            found.AddRange(await db.Customers.IgnoreQueryFilters().AsNoTracking().Where(c => taxNumbers.Contains(c.TaxNumber!)).ToListAsync(cancellationToken));
        }
        var byName = found.ToLookup(c => (c.NameKey, c.RegionKey));
        var byTaxNumber = found.Where(c => c.TaxNumber is not null).ToLookup(c => c.TaxNumber!);
        return keys.Select(k => (IReadOnlyList<DuplicateCandidate>)(k.TaxNumber is null ? [] : byTaxNumber[k.TaxNumber]).Concat(byName[(k.Name, k.Region)])
                .DistinctBy(c => c.Id)
                .OrderBy(c => c.RegisteredAt)
                .Select(c => Candidate(c, Matches(c.TaxNumber == k.TaxNumber && k.TaxNumber is not null, c.RegionKey == k.Region && c.NameKey == k.Name)))
                .ToList())
            .ToArray();
    }

    public async Task<IReadOnlyList<DuplicateCandidate>> FindPendingApplicationsAsync(
        string name, string region, string? taxNumber, CancellationToken cancellationToken)
    {
        var nameKey = NameKey.ForName(name);
        var regionKey = NameKey.ForRegion(region);
        var byName = await db.DevelopmentApplications.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.State == ApplicationState.Pending && a.RegionKey == regionKey && a.NameKey == nameKey)
            .OrderBy(a => a.FiledAt).Take(20).ToListAsync(cancellationToken);
        var byTaxNumber = taxNumber is null ? [] : await db.DevelopmentApplications.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.State == ApplicationState.Pending && a.TaxNumber == taxNumber)
            .OrderBy(a => a.FiledAt).Take(20).ToListAsync(cancellationToken);

        return byTaxNumber.Concat(byName).DistinctBy(a => a.Id)
            .Select(a => Disclose(
                a.Id, TypeApplication, a.Name, null, a.Region, a.BranchId, a.FiledBy, a.FiledByName, a.FiledAt,
                Matches(a.TaxNumber == taxNumber && taxNumber is not null, a.RegionKey == regionKey && a.NameKey == nameKey)))
            .OrderBy(a => a.Since)
            .ToList();
    }

    /// <summary>
    /// 409 with the candidates, unless the caller confirmed (with a reason) that this is a different customer.
    /// Returns the candidates the caller confirmed against, for the history.
    /// </summary>
    public IReadOnlyList<DuplicateCandidate> Settle(IReadOnlyList<DuplicateCandidate> candidates, bool confirmNotDuplicate, string? reason)
    {
        if (candidates.Count == 0) return candidates;
        foreach (var matched in candidates.SelectMany(c => c.MatchedOn).Distinct()) metrics.DuplicateFlagged(matched);
        if (confirmNotDuplicate && !string.IsNullOrWhiteSpace(reason))
        {
            metrics.DuplicateConfirmed();
            return candidates;
        }
        if (confirmNotDuplicate)
            throw new RequestValidationException("reason", "reason is required with confirmNotDuplicate: say why this is a different customer.");
        throw Conflict(candidates);
    }

    public static ConflictException Conflict(IReadOnlyList<DuplicateCandidate> candidates)
    {
        var first = candidates[0];
        var conflict = new ConflictException(
            $"This looks like a customer that is already on file: {Describe(first)}" +
            (candidates.Count > 1 ? $" and {candidates.Count - 1} more (see 'duplicates')" : "") +
            ". The file registered first stays with its owner; if this is a different customer, send confirmNotDuplicate: true " +
            "with a reason, otherwise ask a sales administration manager to reassign the existing file.",
            "Possible duplicate.");
        conflict.Extensions["duplicates"] = candidates;
        return conflict;
    }

    private DuplicateCandidate Candidate(Customer c, IReadOnlyList<string> matchedOn) =>
        Disclose(c.Id, TypeCustomer, c.Name, c.Code, c.Region, c.BranchId, c.OwnerId, c.OwnerName, c.RegisteredAt, matchedOn);

    /// <summary>
    /// The candidate as the caller may see it: in full for a branch they may see, otherwise only its type, branch and
    /// what matched; the group rule (the file registered first wins) still holds, and the 409 still says where it is.
    /// </summary>
    private DuplicateCandidate Disclose(
        Guid id, string type, string name, string? code, string region, string branchId, string ownerId, string? ownerName,
        DateTimeOffset since, IReadOnlyList<string> matchedOn) =>
        user.CanAccessBranch(branchId)
            ? new DuplicateCandidate(id, type, name, code, region, branchId, ownerId, ownerName, since, matchedOn) { FileId = id, Since = since }
            : new DuplicateCandidate(null, type, null, null, null, branchId, null, null, null, matchedOn) { FileId = id, Since = since };

    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The note the history keeps of a confirmed non-duplicate.</summary>
    public static string ConfirmationNote(IReadOnlyList<DuplicateCandidate> candidates, string reason) =>
        $"Confirmed not a duplicate of {string.Join(", ", candidates.Select(Reference))}: {reason}";

    private static string Reference(DuplicateCandidate candidate) =>
        candidate.Disclosed ? candidate.Code ?? candidate.Id.ToString()! : $"{Kind(candidate)} of branch {candidate.BranchId}";

    private static string Describe(DuplicateCandidate candidate) => candidate.Disclosed
        ? $"{candidate.Code ?? "application " + candidate.Id} {candidate.Name} ({candidate.Region}, branch {candidate.BranchId}, " +
          $"owner {candidate.OwnerName ?? candidate.OwnerId}, since {candidate.RegisteredAt:yyyy-MM-dd}; matched on {string.Join(" and ", candidate.MatchedOn)})"
        : $"{Kind(candidate)} of branch {candidate.BranchId} (matched on {string.Join(" and ", candidate.MatchedOn)})";

    private static string Kind(DuplicateCandidate candidate) =>
        candidate.Type == TypeApplication ? "a pending development application" : "a customer";

    private static IReadOnlyList<string> Matches(bool taxNumber, bool name)
    {
        var matched = new List<string>(2);
        if (taxNumber) matched.Add(MatchedOnTaxNumber);
        if (name) matched.Add(MatchedOnName);
        return matched;
    }
}
