using System.Collections.Concurrent;
using Crm.Alerts.Model.Rules;

namespace Crm.Alerts.Services;

/// <summary>Loads what the rules look at for one customer, as of now in the branches' calendar: the facts they need, no more.</summary>
public sealed class CustomerFactsLoader(AlertsDbContext db, BusinessCalendar calendar, ExclusiveContractsCache exclusiveContracts)
{
    /// <summary>Enough months for the longest "rising N months running" a branch may set, plus its baseline.</summary>
    private const int ExpenseMonths = 13;

    /// <param name="staged">
    /// A sale the unit of work adds and has not written yet: the facts count it as if it were stored (one save per sale,
    /// and the reads can run before the write).
    /// </param>
    public async Task<CustomerFacts> LoadAsync(
        Customer customer, IntegrationEvent? trigger, DateTimeOffset now, FactNeeds needs, StagedSale? staged, CancellationToken cancellationToken)
    {
        var today = calendar.DateOf(now);
        var month = YearMonth.Of(today);
        var monthStart = month.FirstDay;
        var lastYearStart = monthStart.AddYears(-1);
        var lastYearToday = today.AddYears(-1);
        var monthKey = month.ToString();
        var id = customer.Id;

        decimal monthToDate = 0, lastYear = 0;
        if (needs.HasFlag(FactNeeds.Sales))
        {
            // Both windows in one read; summed here, as exactly as the database sums decimals.
            var amounts = await db.SaleEntries.AsNoTracking()
                .Where(s => s.CustomerId == id
                    && ((s.Date >= monthStart && s.Date <= today) || (s.Date >= lastYearStart && s.Date <= lastYearToday)))
                .Select(s => new { s.Date, s.Amount })
                .ToListAsync(cancellationToken);
            monthToDate = amounts.Where(s => s.Date >= monthStart && s.Date <= today).Sum(s => s.Amount);
            lastYear = amounts.Where(s => s.Date >= lastYearStart && s.Date <= lastYearToday).Sum(s => s.Amount);
            if (staged is { Entry: var entry })
            {
                if (entry.Date >= monthStart && entry.Date <= today) monthToDate += entry.Amount;
                if (entry.Date >= lastYearStart && entry.Date <= lastYearToday) lastYear += entry.Amount;
            }
        }
        var plan = needs.HasFlag(FactNeeds.Plan)
            ? await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.CustomerId == id && p.Month == monthKey, cancellationToken)
            : null;
        var expenses = needs.HasFlag(FactNeeds.Expenses)
            ? await db.ExpenseMonths.AsNoTracking()
                .Where(e => e.CustomerId == id)
                .OrderByDescending(e => e.Month)
                .Take(ExpenseMonths)
                .ToListAsync(cancellationToken)
            : [];

        var contracts = needs.HasFlag(FactNeeds.Contracts)
            ? await db.Contracts.AsNoTracking().Include(c => c.Versions).Where(c => c.CustomerId == id).ToListAsync(cancellationToken)
            : [];
        var reminders = needs.HasFlag(FactNeeds.Contracts)
            ? await db.ContractReminders.AsNoTracking().Where(r => r.CustomerId == id).ToListAsync(cancellationToken)
            : [];
        var flagged = needs.HasFlag(FactNeeds.FlaggedSales)
            ? StandingWith(staged, await Standing(id).Where(s => s.NoContract || s.OutsideContract).ToListAsync(cancellationToken),
                s => s.NoContract || s.OutsideContract)
            : [];
        var complaints = needs.HasFlag(FactNeeds.Complaints)
            ? await db.Complaints.AsNoTracking()
                .Where(c => c.CustomerId == id && c.ResolvedEventId == null
                    && (c.FirstResponseBreachEventId != null || c.ResolutionBreachEventId != null))
                .ToListAsync(cancellationToken)
            : [];
        var yearAgo = today.AddDays(-366);
        var missedVisits = needs.HasFlag(FactNeeds.MissedVisits)
            ? await db.MissedVisits.AsNoTracking()
                .Where(m => m.CustomerId == id && m.MissedEventId != null && m.PlannedOn >= yearAgo)
                .ToListAsync(cancellationToken)
            : [];
        var (rivals, territorySales) = needs.HasFlag(FactNeeds.Territories)
            ? await TerritoryFactsAsync(customer, staged, cancellationToken)
            : ([], []);

        return new CustomerFacts
        {
            Contracts = contracts,
            ContractReminders = reminders,
            FlaggedSales = flagged,
            BreachedComplaints = complaints,
            MissedVisits = missedVisits,
            RivalExclusiveContracts = rivals,
            TerritorySales = territorySales,
            Customer = customer,
            Now = now,
            Today = today,
            Trigger = trigger,
            MonthToDateSales = monthToDate,
            SamePeriodLastYearSales = lastYear,
            Plan = plan,
            RecentExpenses = expenses,
        };
    }

    /// <summary>The customer's sales that stand: positive entries that no other entry reverses.</summary>
    private IQueryable<SaleEntry> Standing(Guid customerId) => db.SaleEntries.AsNoTracking()
        .Where(s => s.CustomerId == customerId && s.Amount > 0 && !db.SaleEntries.Any(r => r.ReversesEntryId == s.EntryId));

    /// <summary>
    /// Standing sales as stored, with the staged sale counted: it stands itself (if no stored entry reverses it and it
    /// matches), and the entry it reverses, if any, no longer does.
    /// </summary>
    private static List<SaleEntry> StandingWith(StagedSale? staged, List<SaleEntry> stored, Func<SaleEntry, bool> matches)
    {
        if (staged is not { Entry: var entry }) return stored;
        if (entry.ReversesEntryId is { } reversed) stored.RemoveAll(s => s.EntryId == reversed);
        if (entry.Amount > 0 && !staged.Reversed && matches(entry)) stored.Add(entry);
        return stored;
    }

    /// <summary>
    /// Other customers' contracts of the branch that grant, in some version, an exclusive right (总经销) over this
    /// customer's region; and this customer's standing sales within the time those contracts span.
    /// </summary>
    private async Task<(List<ProjectedContract> Rivals, List<SaleEntry> Sales)> TerritoryFactsAsync(
        Customer customer, StagedSale? staged, CancellationToken cancellationToken)
    {
        if (customer.Region.Length == 0) return ([], []);
        var candidates = await exclusiveContracts.OfBranchAsync(db, customer.BranchId, cancellationToken);
        var rivals = candidates
            .Where(c => c.CustomerId != customer.Id)
            .Where(c => c.Versions.Any(v => v.DistributionLevel == ContractTermsRules.Exclusive
                && ContractTermsRules.Covers(v.Terms.Territories, customer.Region) && v.Terms.Territories.Count > 0))
            .ToList();
        var from = rivals.SelectMany(c => c.Versions).Select(v => (DateOnly?)v.EffectiveOn).Min();
        if (from is null) return (rivals, []);
        var to = rivals.All(c => c.LastDayInForce() is not null) ? rivals.Max(c => c.LastDayInForce()) : null;
        var sales = await Standing(customer.Id)
            .Where(s => s.Date >= from && (to == null || s.Date <= to))
            .ToListAsync(cancellationToken);
        return (rivals, StandingWith(staged, sales, s => s.Date >= from && (to == null || s.Date <= to)));
    }
}

/// <summary>A sale entry the unit of work adds and has not written; <see cref="Reversed"/>: a stored entry reverses it already.</summary>
public sealed record StagedSale(SaleEntry Entry, bool Reversed);

/// <summary>
/// The contracts of each branch that grant, in some version, an exclusive right (总经销): every sale's territory check
/// reads them, and they change only with contract events. On SQLite (one process per database file) they are kept
/// until the <see cref="FactChangeLog"/> sees a write to contracts (or to anything that is not one customer's); on SQL
/// Server, where other replicas write too, they are read each time.
/// </summary>
public sealed class ExclusiveContractsCache(FactChangeLog changes)
{
    private sealed record Entry(long Epoch, IReadOnlyList<ProjectedContract> Contracts);

    private readonly ConcurrentDictionary<string, Entry> _branches = new(StringComparer.Ordinal);

    /// <summary>Shared and not tracked: read them, never change them.</summary>
    public async Task<IReadOnlyList<ProjectedContract>> OfBranchAsync(AlertsDbContext db, string branchId, CancellationToken cancellationToken)
    {
        var cached = db.Database.IsSqlite();
        if (cached && _branches.TryGetValue(branchId, out var entry) && !changes.AnyGlobalChangeSince(entry.Epoch)) return entry.Contracts;
        var epoch = changes.Epoch;
        var contracts = await db.Contracts.AsNoTracking()
            .Include(c => c.Versions)
            .Where(c => c.BranchId == branchId && c.Versions.Any(v => v.DistributionLevel == ContractTermsRules.Exclusive))
            .ToListAsync(cancellationToken);
        // Read inside a unit of work that writes contracts, or while one does: not kept (it may see what never commits).
        if (cached && !changes.AnyGlobalChangeSince(epoch)) _branches[branchId] = new Entry(epoch, contracts);
        return contracts;
    }
}
