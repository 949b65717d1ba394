namespace Crm.Customers.Services;

/// <summary>
/// The channel tree (渠道): a distributor's outlets — second-tier wholesalers (二批), retail stores (零售终端) — are
/// customer files of the same branch, each under its parent. The rules of the parent link, and the view of the outlets
/// below a distributor with their counts by tier and region and the outlets opened and lost per month.
/// </summary>
public sealed class ChannelTree(CustomersDbContext db, BusinessCalendar calendar)
{
    public const string SameBranchRule = "channel-parent-same-branch";
    public const string NoCycleRule = "channel-no-cycle";
    public const int MaxMonths = 36;

    /// <summary>
    /// The parent must be a customer file of the customer's own branch, and the customer may not end up below itself.
    /// A parent of another branch reads as one that does not exist, so that nothing of the other branch is told.
    /// </summary>
    public async Task EnsureParentAsync(Guid? customerId, string branchId, Guid? parentId, CancellationToken cancellationToken)
    {
        if (parentId is not { } parent) return;
        if (parent == customerId)
            throw new BusinessRuleException(NoCycleRule, "客户不能是自己的上级 / A customer cannot be its own parent (parentId names the customer itself)");

        var ancestor = await LinkOfAsync(parent, cancellationToken);
        if (ancestor is null || ancestor.Value.BranchId != branchId)
            throw new BusinessRuleException(SameBranchRule,
                $"上级客户必须是本分公司的客户档案 / The parent {parent} is not a customer file of this branch: an outlet hangs under a distributor of its own branch");
        if (customerId is not { } self) return;

        // Walk up from the new parent: meeting the customer on the way would close a loop.
        var seen = new HashSet<Guid> { parent };
        for (var next = ancestor.Value.ParentId; next is { } id; next = (await LinkOfAsync(id, cancellationToken))?.ParentId)
        {
            if (id == self)
                throw new BusinessRuleException(NoCycleRule,
                    $"渠道不能成环 / The parent {parent} is itself below this customer in the channel tree: the change would make a cycle");
            if (!seen.Add(id)) break;
        }
    }

    private async Task<(string BranchId, Guid? ParentId)?> LinkOfAsync(Guid id, CancellationToken cancellationToken)
    {
        // A file opened earlier in this unit of work (a CSV row above) is not in the database yet.
        if (db.Customers.Local.FirstOrDefault(c => c.Id == id) is { } local) return (local.BranchId, local.ParentId);
        var stored = await db.Customers.IgnoreQueryFilters().AsNoTracking().Where(c => c.Id == id)
            .Select(c => new { c.BranchId, c.ParentId }).FirstOrDefaultAsync(cancellationToken);
        return stored is null ? null : (stored.BranchId, stored.ParentId);
    }

    /// <summary>The outlets below a customer (the whole subtree, with each one's depth), their counts, and the months' openings and losses.</summary>
    public async Task<ChannelView> ViewAsync(Guid id, ChannelQuery query, CancellationToken cancellationToken)
    {
        var errors = PageRequest.Check(new ValidationErrors(), query.Page, query.PageSize);
        var today = calendar.Today;
        var to = ParseMonth(query.To, "to", errors) ?? YearMonth.Of(today);
        var from = ParseMonth(query.From, "from", errors) ?? to.AddMonths(-11);
        OutletTier? tier = null;
        if (!string.IsNullOrWhiteSpace(query.Tier))
        {
            if (CustomerLabels.TryParse<OutletTier>(query.Tier, out var parsed)) tier = parsed;
            else errors.Add("tier", $"tier is one of {CustomerLabels.Allowed<OutletTier>()}.");
        }
        errors
            .When(from > to, "from", "from must not be after to.")
            .When(from <= to && to.Year * 12 + to.Month - (from.Year * 12 + from.Month) >= MaxMonths, "from", $"At most {MaxMonths} months at a time.")
            .ThrowIfAny();

        // The branch filter applies: a customer of another branch is a 404, and so are its outlets.
        var root = await db.Customers.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new { c.Id, c.BranchId, c.Code, c.Name, c.Region, c.ParentId, c.OutletTier, c.Status })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("customer", id);

        // One query per level of the tree, by the (BranchId, ParentId) index.
        var outlets = new List<ChannelOutlet>();
        var seen = new HashSet<Guid> { root.Id };
        var level = new List<Guid> { root.Id };
        for (var depth = 1; level.Count > 0; depth++)
        {
            var parents = level;
            var branch = root.BranchId;
            var children = await db.Customers.AsNoTracking()
                // No "ParentId IS NOT NULL" here: SQLite would then range-scan every outlet of the branch instead of seeking each parent.
                .Where(c => c.BranchId == branch && parents.Contains(c.ParentId!.Value))
                .Select(c => new ChannelOutlet(c.Id, c.Code, c.Name, c.ParentId!.Value, depth, c.OutletTier, c.Region, c.Route, c.Status,
                    c.OwnerId, c.OwnerName, c.EntryDate))
                .ToListAsync(cancellationToken);
            level = [];
            foreach (var child in children.Where(c => seen.Add(c.Id)))
            {
                outlets.Add(child);
                level.Add(child.Id);
            }
        }

        var months = await MonthsAsync(outlets, from, to, cancellationToken);
        var shown = outlets.Where(o => tier is null || o.Tier == tier);
        if (!string.IsNullOrWhiteSpace(query.Region))
        {
            var regionKey = NameKey.ForRegion(query.Region);
            shown = shown.Where(o => NameKey.ForRegion(o.Region) == regionKey);
        }
        var filtered = shown.ToList();
        var page = PageRequest.From(query.Page, query.PageSize);
        var items = filtered.OrderBy(o => o.Depth).ThenBy(o => o.Name, StringComparer.Ordinal).ThenBy(o => o.Id)
            .Skip(page.Skip).Take(page.PageSize).ToList();

        return new ChannelView(
            new ChannelRoot(root.Id, root.Code, root.Name, root.Region, root.ParentId, root.OutletTier),
            outlets.Count,
            outlets.Count(o => o.Status != CustomerStatus.Lost),
            outlets.Count == 0 ? 0 : outlets.Max(o => o.Depth),
            Enum.GetValues<OutletTier>()
                .Select(t => new TierCount(t, CustomerLabels.Chinese(t), outlets.Count(o => o.Tier == t), outlets.Count(o => o.Tier == t && o.Status != CustomerStatus.Lost)))
                .ToList(),
            outlets.GroupBy(o => o.Region, StringComparer.Ordinal)
                .Select(g => new RegionCount(g.Key, g.Count(), g.Count(o => o.Status != CustomerStatus.Lost)))
                .OrderByDescending(r => r.Outlets).ThenBy(r => r.Region, StringComparer.Ordinal)
                .ToList(),
            outlets.GroupBy(o => o.Depth).Select(g => new DepthCount(g.Key, g.Count())).OrderBy(d => d.Depth).ToList(),
            months,
            Paged<ChannelOutlet>.Of(items, filtered.Count, page));
    }

    /// <summary>
    /// Per month from..to: outlets opened (their entry date, 建档日期) and outlets lost (the day their status last turned
    /// lost, 丢失, for outlets that are lost now; one reactivated since is no longer counted as lost).
    /// </summary>
    private async Task<IReadOnlyList<ChannelMonth>> MonthsAsync(
        IReadOnlyList<ChannelOutlet> outlets, YearMonth from, YearMonth to, CancellationToken cancellationToken)
    {
        var lostIds = outlets.Where(o => o.Status == CustomerStatus.Lost).Select(o => o.Id).ToList();
        var lostOn = new Dictionary<Guid, DateOnly>();
        if (lostIds.Count > 0)
        {
            var changes = await db.History.AsNoTracking()
                .Where(h => lostIds.Contains(h.CustomerId) && h.Action == HistoryAction.StatusChanged)
                .Select(h => new { h.CustomerId, h.Id, h.At, h.Changes })
                .ToListAsync(cancellationToken);
            foreach (var change in changes.OrderBy(c => c.Id))
            {
                if (change.Changes.Any(c => c.Field == "status" && c.To == "lost")) lostOn[change.CustomerId] = calendar.DateOf(change.At);
            }
        }

        var result = new List<ChannelMonth>();
        for (var month = from; month <= to; month = month.AddMonths(1))
        {
            var m = month;
            result.Add(new ChannelMonth(
                m.ToString(),
                outlets.Count(o => m.Contains(o.EntryDate)),
                lostOn.Values.Count(d => m.Contains(d))));
        }
        return result;
    }

    private static YearMonth? ParseMonth(string? text, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (YearMonth.TryParse(text.Trim(), out var month)) return month;
        errors.Add(field, $"{field} is a month written yyyy-MM, e.g. 2026-11.");
        return null;
    }
}

public sealed record ChannelQuery(string? Tier, string? Region, string? From, string? To, int? Page, int? PageSize);

/// <summary>The channel view (渠道视图) of a distributor: the outlets below it and their counts.</summary>
public sealed record ChannelView(
    ChannelRoot Customer,
    int TotalOutlets,
    int ActiveOutlets,
    int Depth,
    IReadOnlyList<TierCount> ByTier,
    IReadOnlyList<RegionCount> ByRegion,
    IReadOnlyList<DepthCount> ByDepth,
    IReadOnlyList<ChannelMonth> Months,
    Paged<ChannelOutlet> Outlets);

public sealed record ChannelRoot(Guid Id, string Code, string Name, string Region, Guid? ParentId, OutletTier? OutletTier);

/// <summary>An outlet below the distributor; depth 1 is directly under it.</summary>
public sealed record ChannelOutlet(
    Guid Id, string Code, string Name, Guid ParentId, int Depth, OutletTier? Tier, string Region, string? Route, CustomerStatus Status,
    string OwnerId, string? OwnerName, DateOnly EntryDate);

/// <summary>Outlets of a tier (二批, 零售终端, 其他网点), all and those not lost.</summary>
public sealed record TierCount(OutletTier Tier, string Label, int Outlets, int Active);

public sealed record RegionCount(string Region, int Outlets, int Active);

public sealed record DepthCount(int Depth, int Outlets);

/// <summary>A month's new outlets (新增网点) and lost outlets (流失网点).</summary>
public sealed record ChannelMonth(string Month, int New, int Lost);
