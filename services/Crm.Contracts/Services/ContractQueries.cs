namespace Crm.Contracts.Services;

/// <summary>
/// Reads: the list (no contents), the card and the printable document (contents, for the entitled only; each read
/// writes its access-log row before the contents are returned), the access log, and the terms in force for a
/// customer on a date.
/// </summary>
public sealed class ContractQueries(
    ContractsDbContext db, ContractAccess access, ICurrentUser user, BusinessCalendar calendar, TimeProvider clock, ContractsMetrics metrics, SettingsReader settings)
{
    public const string ReadCard = "card";
    public const string ReadDocument = "document";

    public async Task<ContractView> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var (contract, customer) = await ReadContentsAsync(id, ReadCard, cancellationToken);
        var versions = await db.ContractVersions.AsNoTracking().Where(v => v.ContractId == id).ToListAsync(cancellationToken);
        return ContractView.From(contract, customer, versions);
    }

    public async Task<string> DocumentAsync(Guid id, CancellationToken cancellationToken)
    {
        var (contract, customer) = await ReadContentsAsync(id, ReadDocument, cancellationToken);
        var branchSettings = await settings.ForBranchAsync(contract.BranchId, cancellationToken);
        return ContractDocument.Render(contract, customer, branchSettings);
    }

    /// <summary>404 outside the branch, 403 for the unentitled (nothing logged either way); otherwise logs the read.</summary>
    private async Task<(Contract Contract, CustomerReference Customer)> ReadContentsAsync(Guid id, string what, CancellationToken cancellationToken)
    {
        var contract = await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw new NotFoundException("contract", id);
        var customer = await db.Customers.IgnoreQueryFilters().AsNoTracking().FirstAsync(c => c.Id == contract.CustomerId, cancellationToken);
        access.EnsureReadsContents(contract, customer.OwnerId);
        db.AccessLog.Add(AccessLogEntry.Of(contract, user, what, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        metrics.Read(what);
        return (contract, customer);
    }

    public async Task<Paged<AccessLogView>> AccessLogAsync(Guid id, PageRequest page, CancellationToken cancellationToken)
    {
        if (!await db.Contracts.AnyAsync(c => c.Id == id, cancellationToken)) throw new NotFoundException("contract", id);
        var query = db.AccessLog.AsNoTracking().Where(e => e.ContractId == id);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Skip(page.Skip).Take(page.PageSize)
            .Select(e => new AccessLogView(e.At, e.UserId, e.UserName, e.Roles, e.What)).ToListAsync(cancellationToken);
        return Paged<AccessLogView>.Of(rows, total, page);
    }

    /// <summary>
    /// The list (合同台账): rows carry no contents. A sales rep sees the contracts of the customers they own; the
    /// custodian, inside sales and managers every contract of the branch.
    /// </summary>
    public async Task<Paged<ContractSummary>> ListAsync(
        Guid? customerId, ContractState? state, int? expiringWithinDays, string? category, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.Contracts.AsNoTracking().AsQueryable();
        if (IsRepOnly)
        {
            var me = user.Id;
            query = query.Where(c => db.Customers.Any(cu => cu.Id == c.CustomerId && cu.OwnerId == me));
        }
        if (customerId is { } customer) query = query.Where(c => c.CustomerId == customer);
        if (state is { } only) query = query.Where(c => c.State == only);
        if (expiringWithinDays is { } days)
        {
            var today = calendar.Today;
            var until = today.AddDays(days);
            query = query.Where(c => (c.State == ContractState.Signed || c.State == ContractState.Active) && c.ExpiresOn >= today && c.ExpiresOn <= until);
        }
        if (!string.IsNullOrWhiteSpace(category)) query = query.Where(c => c.Category == category);
        var total = await query.CountAsync(cancellationToken);
        var contracts = await query.OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id).Skip(page.Skip).Take(page.PageSize).ToListAsync(cancellationToken);
        var ids = contracts.Select(c => c.CustomerId).Distinct().ToList();
        var customers = await db.Customers.AsNoTracking().IgnoreQueryFilters().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        return Paged<ContractSummary>.Of(contracts.Select(c => ContractSummary.From(c, customers.GetValueOrDefault(c.CustomerId))).ToList(), total, page);
    }

    private bool IsRepOnly => user.IsInRole(CrmRoles.SalesRep) && !user.IsInAnyRole([CrmRoles.ContractCustodian, CrmRoles.InsideSales, .. CrmRoles.Managers]);

    /// <summary>
    /// The terms in force (合同约束) for a customer on a date: the contract in force that day (signed, effective on or
    /// before it, not yet expired or terminated), and of it the version with the latest effective date on or before it.
    /// </summary>
    public async Task<TermsView> TermsAsync(Guid customerId, DateOnly on, CancellationToken cancellationToken)
    {
        var contract = await db.Contracts.AsNoTracking()
            .Where(c => c.CustomerId == customerId && Contract.InForceStates.Contains(c.State)
                && c.EffectiveOn <= on && c.ExpiresOn >= on && (c.TerminatedOn == null || c.TerminatedOn > on))
            .OrderByDescending(c => c.EffectiveOn)
            .Select(c => new { c.Id, c.Number, c.EffectiveOn, c.ExpiresOn })
            .FirstOrDefaultAsync(cancellationToken);
        if (contract is null) return new TermsView(null, null, null, null, null, [], [], null, on, null, null);
        var version = await db.ContractVersions.AsNoTracking()
            .Where(v => v.ContractId == contract.Id && v.EffectiveOn <= on)
            .OrderByDescending(v => v.Number)
            .Select(v => new { v.Number, v.Terms })
            .FirstAsync(cancellationToken);
        var terms = version.Terms;
        return new TermsView(new ContractRef(contract.Id, contract.Number, version.Number), terms.ReturnWindowDays, terms.ExchangeWindowDays,
            terms.PaymentTermDays, terms.SettlementType, terms.ProductLines, terms.Territories, terms.DistributionLevel, on, contract.EffectiveOn, contract.ExpiresOn);
    }
}
