using Crm.Messaging.Outbox;

namespace Crm.Credit.Services;

/// <summary>Records sales, payments and their reversals, each with its event, and reads a customer's account back.</summary>
public sealed class LedgerService(
    CreditDbContext db, CustomerDirectory customers, GradingModels models, Rebates rebates, ICurrentUser user, TimeProvider clock, BusinessCalendar calendar,
    CreditTelemetry telemetry)
{
    /// <summary>
    /// Records a sale under the contract terms in force on its date (合同约束): without a due date it gets the date plus
    /// the payment term (账期) in force; with no contract in force, or a product outside the contract's product lines,
    /// it is recorded all the same and marked outside the contract.
    /// </summary>
    public async Task<LedgerEntryView> RecordSaleAsync(RecordSaleRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var view = await db.WriteAsync(async ct =>
        {
            var customer = await customers.ForWriteAsync(request.CustomerId!.Value, ct);
            var date = request.Date!.Value;
            var terms = await db.TermsInForceAsync(customer.Id, date, ct);
            var dueDate = request.DueDate
                ?? (terms is not null ? BusinessDates.PlusDays(date, terms.Terms.PaymentTermDays) : (DateOnly?)null)
                ?? throw new RequestValidationException("dueDate",
                    $"缺少到期日：客户 {customer.Code} 在 {date:yyyy-MM-dd} 没有生效的合同，无法按账期计算。dueDate is required: customer {customer.Code} has no contract in force on {date:yyyy-MM-dd} to take the payment term from.");
            var contract = new SaleContract(terms?.Contract, terms is null || !terms.Covers(request.Product!), request.DueDate is null);
            var account = await customers.AccountOfAsync(customer, ct);
            var sale = Sale.Record(account, date, request.Product!, request.Specification, request.Quantity!.Value,
                request.Amount!.Value, dueDate, contract, request.Note, now, user.Id);
            return await SaveAsync(sale, account, ct);
        }, cancellationToken);
        Recorded(view);
        return view;
    }

    public async Task<LedgerEntryView> RecordPaymentAsync(RecordPaymentRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var view = await db.WriteAsync(async ct =>
        {
            var customer = await customers.ForWriteAsync(request.CustomerId!.Value, ct);
            var account = await customers.AccountOfAsync(customer, ct);
            var payment = Payment.Record(account, request.Date!.Value, request.Amount!.Value, request.Reference, request.Note, now, user.Id);
            return await SaveAsync(payment, account, ct);
        }, cancellationToken);
        Recorded(view);
        return view;
    }

    /// <summary>Cancels a sale or a payment with a reversing entry; 404 when the entry is not of the kind the route names.</summary>
    public async Task<LedgerEntryView> ReverseAsync(Guid entryId, LedgerEntryKind kind, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var view = await db.WriteAsync(async ct =>
        {
            LedgerEntry? original = kind == LedgerEntryKind.Sale
                ? await db.Sales.AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId, ct)
                : await db.Payments.AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId, ct);
            if (original is null) throw new NotFoundException(kind == LedgerEntryKind.Sale ? "sale" : "payment", entryId);
            var customer = await customers.ForWriteAsync(original.CustomerId, ct);
            var account = await customers.AccountOfAsync(customer, ct);
            var alreadyReversed = await db.LedgerEntries.AnyAsync(e => e.ReversesEntryId == entryId, ct);
            LedgerEntry reversal = original switch
            {
                Sale sale => sale.Reverse(account, alreadyReversed, reason, now, user.Id),
                Payment payment => payment.Reverse(account, alreadyReversed, reason, now, user.Id),
                _ => throw new InvalidOperationException(),
            };
            return await SaveAsync(reversal, account, ct);
        }, cancellationToken);
        Recorded(view);
        return view;
    }

    private async Task<LedgerEntryView> SaveAsync(LedgerEntry entry, CreditAccount account, CancellationToken cancellationToken)
    {
        db.LedgerEntries.Add(entry);
        await db.SettleAsync(account, cancellationToken);
        db.AddIntegrationEvent(EventOf(entry, account), clock);
        await db.SaveChangesAsync(cancellationToken);
        return LedgerEntryView.From(entry, account.CreditLimit, reversedBy: null);
    }

    private void Recorded(LedgerEntryView view)
    {
        telemetry.EntryRecorded(view.Entry);
        if (view.Entry is Sale sale)
        {
            if (view.OverLimit) telemetry.OverLimitSale();
            telemetry.OutsideContractSale(sale);
        }
    }

    private static IntegrationEvent EventOf(LedgerEntry entry, CreditAccount account) => entry switch
    {
        Sale sale => new SaleRecorded
        {
            EntryId = sale.Id,
            Date = sale.Date,
            Product = sale.Product,
            Specification = sale.Specification,
            Quantity = sale.Quantity,
            Amount = sale.Amount,
            DueDate = sale.DueDate,
            ReversesEntryId = sale.ReversesEntryId,
            BalanceAfter = sale.BalanceAfter,
            CreditLimit = account.CreditLimit,
            Number = sale.Number,
            Contract = sale.Contract,
            OutsideContract = sale.OutsideContract,
        }.About(sale.BranchId, sale.CustomerId, sale.RecordedAt),
        Payment payment => new PaymentReceived
        {
            EntryId = payment.Id,
            Date = payment.Date,
            Amount = payment.Amount,
            ReversesEntryId = payment.ReversesEntryId,
            BalanceAfter = payment.BalanceAfter,
            CreditLimit = account.CreditLimit,
            Number = payment.Number,
            Reference = payment.Reference,
        }.About(payment.BranchId, payment.CustomerId, payment.RecordedAt),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>What the account's read takes from the database, in one query: the customer, its account and snapshot, its latest grade, the current model's version.</summary>
    private sealed record AccountRow(
        Customer Customer, CreditAccount? Account, AccountSettlement? Settlement, Grade? Grade, decimal? Score, string? GradePeriod, int ModelVersion);

    // Read on every account view: compiled once. The branch filter applies to every table it reads.
    private static readonly Func<CreditDbContext, Guid, CancellationToken, Task<AccountRow?>> AccountQuery =
        EF.CompileAsyncQuery((CreditDbContext db, Guid customerId, CancellationToken _) =>
            (from c in db.Customers.AsNoTracking()
             where c.Id == customerId && c.RegisteredAt != null
             join a in db.Accounts.AsNoTracking() on c.Id equals a.CustomerId into accounts
             from a in accounts.DefaultIfEmpty()
             join s in db.Settlements.AsNoTracking() on c.Id equals s.CustomerId into settlements
             from s in settlements.DefaultIfEmpty()
             select new AccountRow(
                 c, a, s,
                 db.Grades.Where(g => g.CustomerId == c.Id).OrderByDescending(g => g.Period).Select(g => (Grade?)g.Grade).FirstOrDefault(),
                 db.Grades.Where(g => g.CustomerId == c.Id).OrderByDescending(g => g.Period).Select(g => (decimal?)g.Score).FirstOrDefault(),
                 db.Grades.Where(g => g.CustomerId == c.Id).OrderByDescending(g => g.Period).Select(g => g.Period).FirstOrDefault(),
                 db.GradingModels.Max(m => m.Version)))
            .FirstOrDefault());

    /// <summary>
    /// The account (客户账户): balance, limit, what is available and overdue, and the live grading inputs. The ledger's
    /// settlement comes from the account's snapshot (<see cref="LedgerSnapshot"/>) when it counts every entry, else from
    /// a replay of the ledger; the figures are the same either way.
    /// </summary>
    public async Task<AccountView> AccountAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var row = await AccountQuery(db, customerId, cancellationToken) ?? throw new NotFoundException("customer", customerId);
        var (customer, account) = (row.Customer, row.Account);
        var snapshot = account is not null ? row.Settlement?.For(account) : null;
        snapshot ??= LedgerSnapshot.Of(await ReplayLinesAsync(customerId, cancellationToken));
        var replay = snapshot.Replay;

        var model = await models.ModelAsync(row.ModelVersion, cancellationToken);
        var today = calendar.Today;
        var window = GradingWindows.Ending(YearMonth.Of(today), model.WindowMonths);
        var onTime = replay.OnTime(window.Current, today);
        var balance = account?.Balance ?? 0;
        var limit = account?.CreditLimit ?? 0;
        var rebate = await rebates.StandingAsync(customerId, today, cancellationToken);
        return new AccountView(
            customer.Id, customer.Code, customer.Name, customer.BranchId, customer.OwnerId, customer.Status,
            balance, limit, CreditAccount.AvailableUnder(limit, balance), CreditAccount.IsOverLimit(balance, limit), replay.OverdueOn(today),
            replay.TotalSales, replay.TotalPayments, replay.TotalCreditNotes, account?.EntryCount ?? 0,
            snapshot.LastSaleOn,
            snapshot.LastPaymentOn,
            row.Grade?.ToString(), row.Score, row.GradePeriod,
            Money.Round(replay.SalesWithin(window.Current) / model.WindowMonths),
            onTime.Rate,
            new OnTimeView(window.Current.From, window.Current.To, onTime.AmountDue, onTime.PaidByDueDate, onTime.SalesDue),
            rebate,
            today);
    }

    private async Task<List<LedgerLine>> ReplayLinesAsync(Guid customerId, CancellationToken cancellationToken) =>
        (await LedgerLines.Of(db.LedgerEntries.Where(e => e.CustomerId == customerId)).ToListAsync(cancellationToken)).Select(l => l.ToLine()).ToList();

    /// <summary>The ledger's lines in the order they were recorded, each with the balance after it (明细与累计).</summary>
    public async Task<Paged<LedgerEntryView>> EntriesAsync(
        Guid customerId, DateOnly? from, DateOnly? to, PageRequest page, CancellationToken cancellationToken)
    {
        await customers.ForReadAsync(customerId, cancellationToken);
        var limit = await db.Accounts.Where(a => a.CustomerId == customerId).Select(a => a.CreditLimit).FirstOrDefaultAsync(cancellationToken);
        var query = db.LedgerEntries.AsNoTracking().Where(e => e.CustomerId == customerId);
        if (from is { } start) query = query.Where(e => e.Date >= start);
        if (to is { } end) query = query.Where(e => e.Date <= end);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query
            .OrderBy(e => e.Number)
            .Skip(page.Skip).Take(page.PageSize)
            .Select(e => new { Entry = e, ReversedBy = db.LedgerEntries.Where(r => r.ReversesEntryId == e.Id).Select(r => (Guid?)r.Id).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return Paged<LedgerEntryView>.Of(rows.Select(r => LedgerEntryView.From(r.Entry, limit, r.ReversedBy)).ToList(), total, page);
    }

    /// <summary>The sales not yet fully paid, oldest first, as the settlement rule allocates the payments (未结清明细).</summary>
    public async Task<OpenItemsView> OpenItemsAsync(Guid customerId, CancellationToken cancellationToken)
    {
        await customers.ForReadAsync(customerId, cancellationToken);
        var lines = await LedgerLines.Of(db.LedgerEntries.Where(e => e.CustomerId == customerId)).ToListAsync(cancellationToken);
        var replay = LedgerReplay.Of(lines.Select(l => l.ToLine()).ToList());
        var today = calendar.Today;
        var items = replay.Sales.Where(s => s.Outstanding > 0)
            .Select(s => new OpenItemView(s.Number, s.Date, s.DueDate, s.Amount, s.Settled, s.Outstanding,
                s.DueDate < today ? today.DayNumber - s.DueDate.DayNumber : 0, s.Credited))
            .ToList();
        return new OpenItemsView(customerId, items, items.Sum(i => i.Outstanding), items.Where(i => i.DaysOverdue > 0).Sum(i => i.Outstanding), replay.Unapplied, today);
    }
}

/// <summary>The columns of a ledger entry that settlement needs, as one query projects them from either kind.</summary>
public sealed record LedgerLineRow(
    Guid CustomerId, string Kind, int Number, DateOnly Date, DateOnly? DueDate, decimal Amount, int? ReversesNumber, int? CreditsNumber)
{
    public LedgerLine ToLine() => new(LedgerLines.KindOf(Kind), Number, Date, DueDate ?? Date, Amount, ReversesNumber, CreditsNumber);
}

public static class LedgerLines
{
    public static IQueryable<LedgerLineRow> Of(IQueryable<LedgerEntry> entries) => entries
        .AsNoTracking()
        .Select(e => new LedgerLineRow(e.CustomerId, EF.Property<string>(e, "Kind"), e.Number, e.Date, (DateOnly?)((Sale)e).DueDate, e.Amount,
            e.ReversesNumber, ((CreditNote)e).CreditsNumber));

    /// <summary>The stored discriminator (<c>Kind</c> column) as the replay's kind.</summary>
    public static LedgerEntryKind KindOf(string kind) => kind switch
    {
        "sale" => LedgerEntryKind.Sale,
        "credit-note" => LedgerEntryKind.CreditNote,
        _ => LedgerEntryKind.Payment,
    };
}
