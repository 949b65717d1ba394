namespace Crm.Credit.Apis;

public static class LedgerApi
{
    public static RouteGroupBuilder MapLedgerApi(this RouteGroupBuilder api)
    {
        var ledger = api.MapGroup("").WithTags("Business records 业务记录");

        ledger.Post("/sales", RecordSale, "Record a sale or shipment (销售/发货记录) under the contract in force on its date: without dueDate it gets the payment term (账期); outside the contract it is marked; answers with the sale as recorded and the balance after it", 400, 404, 409, 422).ForRoles(CrmRoles.InsideSales);

        ledger.Post("/sales/{id:guid}/reverse", ReverseSale, "Cancel a sale with a reversing entry (冲销); entries are never edited", 400, 404, 409, 422).ForRoles(CrmRoles.InsideSales, CrmRoles.SalesAdminManager);

        ledger.Post("/payments", RecordPayment, "Record a payment received (回款); it settles the oldest open sales first", 400, 404, 409, 422).ForRoles(CrmRoles.InsideSales);

        ledger.Post("/payments/{id:guid}/reverse", ReversePayment, "Cancel a payment with a reversing entry (冲销)", 400, 404, 409, 422).ForRoles(CrmRoles.InsideSales, CrmRoles.SalesAdminManager);

        ledger.Get("/accounts/{customerId:guid}", GetAccount, "The credit account (信用账户): balance (欠款), limit (信用额度), available, overdue, grade, monthly average sales, on-time rate, and the contract year's rebate (返利)", 404, 409);

        ledger.Get("/accounts/{customerId:guid}/entries", GetEntries, "The ledger's lines with the balance after each (明细与累计), paged", 400, 404);

        ledger.Get("/accounts/{customerId:guid}/open-items", GetOpenItems, "Sales not yet fully paid, as payments settle them (未结清明细)", 404);

        return api;
    }

    public static async Task<Created<LedgerEntryView>> RecordSale(
        RecordSaleRequest request, LedgerService ledger, BusinessCalendar calendar, CancellationToken cancellationToken)
    {
        new ValidationErrors()
            .Required("customerId", request.CustomerId)
            .BookingDate("date", request.Date, calendar.Today)
            .Required("product", request.Product, Sale.ProductMaxLength)
            .MaxLength("specification", request.Specification, Sale.ProductMaxLength)
            .Quantity("quantity", request.Quantity)
            .Amount("amount", request.Amount)
            .When(request.DueDate < request.Date, "dueDate", "dueDate cannot be before date.")
            .When(request.Date is { } date && request.DueDate > BusinessDates.PlusYears(date, 5), "dueDate", "dueDate must be within five years of date.")
            .MaxLength("note", request.Note, LedgerEntry.NoteMaxLength)
            .ThrowIfAny();
        var view = await ledger.RecordSaleAsync(request, cancellationToken);
        return TypedResults.Created($"/api/credit/accounts/{view.CustomerId}/entries", view);
    }

    public static async Task<Created<LedgerEntryView>> RecordPayment(
        RecordPaymentRequest request, LedgerService ledger, BusinessCalendar calendar, CancellationToken cancellationToken)
    {
        new ValidationErrors()
            .Required("customerId", request.CustomerId)
            .BookingDate("date", request.Date, calendar.Today)
            .Amount("amount", request.Amount)
            .MaxLength("reference", request.Reference, Payment.ReferenceMaxLength)
            .MaxLength("note", request.Note, LedgerEntry.NoteMaxLength)
            .ThrowIfAny();
        var view = await ledger.RecordPaymentAsync(request, cancellationToken);
        return TypedResults.Created($"/api/credit/accounts/{view.CustomerId}/entries", view);
    }

    public static Task<Created<LedgerEntryView>> ReverseSale(Guid id, ReverseEntryRequest request, LedgerService ledger, CancellationToken cancellationToken) =>
        Reverse(id, LedgerEntryKind.Sale, request, ledger, cancellationToken);

    public static Task<Created<LedgerEntryView>> ReversePayment(Guid id, ReverseEntryRequest request, LedgerService ledger, CancellationToken cancellationToken) =>
        Reverse(id, LedgerEntryKind.Payment, request, ledger, cancellationToken);

    private static async Task<Created<LedgerEntryView>> Reverse(
        Guid id, LedgerEntryKind kind, ReverseEntryRequest request, LedgerService ledger, CancellationToken cancellationToken)
    {
        new ValidationErrors().Required("reason", request.Reason, LedgerEntry.NoteMaxLength).ThrowIfAny();
        var view = await ledger.ReverseAsync(id, kind, request.Reason!, cancellationToken);
        return TypedResults.Created($"/api/credit/accounts/{view.CustomerId}/entries", view);
    }

    public static async Task<Ok<AccountView>> GetAccount(Guid customerId, LedgerService ledger, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ledger.AccountAsync(customerId, cancellationToken));

    public static async Task<Ok<Paged<LedgerEntryView>>> GetEntries(
        Guid customerId, DateOnly? from, DateOnly? to, int? page, int? pageSize, LedgerService ledger, CancellationToken cancellationToken)
    {
        new ValidationErrors().Date("from", from).Date("to", to).When(from > to, "from", "from cannot be after to.").ThrowIfAny();
        return TypedResults.Ok(await ledger.EntriesAsync(customerId, from, to, PageRequest.From(page, pageSize), cancellationToken));
    }

    public static async Task<Ok<OpenItemsView>> GetOpenItems(Guid customerId, LedgerService ledger, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ledger.OpenItemsAsync(customerId, cancellationToken));

}

public sealed record RecordSaleRequest(
    Guid? CustomerId, DateOnly? Date, string? Product, string? Specification, decimal? Quantity, decimal? Amount, DateOnly? DueDate, string? Note);

public sealed record RecordPaymentRequest(Guid? CustomerId, DateOnly? Date, decimal? Amount, string? Reference, string? Note);

public sealed record ReverseEntryRequest(string? Reason);

/// <summary>A ledger line as the API shows it; the response to recording one adds the account's position after it.</summary>
public sealed record LedgerEntryView(
    Guid Id, Guid CustomerId, int Number, LedgerEntryKind Kind, DateOnly Date, string? Product, string? Specification,
    decimal? Quantity, decimal Amount, DateOnly? DueDate, string? Reference, Guid? ReversesEntryId, Guid? ReversedByEntryId,
    string? Note, decimal BalanceAfter, decimal CreditLimit, decimal Available, bool OverLimit, DateTimeOffset RecordedAt, string RecordedBy)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public LedgerEntry Entry { get; private init; } = null!;

    /// <summary>A sale's contract version in force on its date (合同), null when none; absent on payments and credit notes.</summary>
    public ContractReference? Contract { get; private init; }

    /// <summary>A sale outside its contract (no contract in force, or a product outside its product lines); null for other kinds.</summary>
    public bool? OutsideContract { get; private init; }

    /// <summary>A sale whose due date came from the contract's payment term (账期).</summary>
    public bool? DueDateFromContract { get; private init; }

    /// <summary>A credit note's return (退货) and the sale it credits, and the rebate (返利) it took back.</summary>
    public Guid? ReturnId { get; private init; }
    public Guid? CreditsEntryId { get; private init; }
    public decimal? RebateReversed { get; private init; }

    public static LedgerEntryView From(LedgerEntry entry, decimal creditLimit, Guid? reversedBy)
    {
        var sale = entry as Sale;
        var note = entry as CreditNote;
        var kind = entry switch { Sale => LedgerEntryKind.Sale, CreditNote => LedgerEntryKind.CreditNote, _ => LedgerEntryKind.Payment };
        return new LedgerEntryView(
            entry.Id, entry.CustomerId, entry.Number, kind, entry.Date,
            sale?.Product ?? note?.Product, sale?.Specification, sale?.Quantity ?? note?.Quantity, entry.Amount, sale?.DueDate, (entry as Payment)?.Reference,
            entry.ReversesEntryId, reversedBy, entry.Note, entry.BalanceAfter, creditLimit, CreditAccount.AvailableUnder(creditLimit, entry.BalanceAfter),
            CreditAccount.IsOverLimit(entry.BalanceAfter, creditLimit), entry.RecordedAt, entry.RecordedBy)
        {
            Entry = entry,
            Contract = sale?.Contract,
            OutsideContract = sale?.OutsideContract,
            DueDateFromContract = sale?.DueDateFromContract,
            ReturnId = note?.ReturnId,
            CreditsEntryId = note?.CreditsEntryId,
            RebateReversed = note?.RebateReversed,
        };
    }
}

public sealed record OnTimeView(DateOnly From, DateOnly To, decimal AmountDue, decimal PaidByDueDate, int SalesDue);

public sealed record AccountView(
    Guid CustomerId, string Code, string Name, string BranchId, string OwnerId, string Status,
    decimal Balance, decimal CreditLimit, decimal Available, bool OverLimit, decimal Overdue,
    decimal TotalSales, decimal TotalPayments, decimal TotalCreditNotes, int EntryCount, DateOnly? LastSaleOn, DateOnly? LastPaymentOn,
    string? Grade, decimal? Score, string? GradePeriod,
    decimal MonthlyAverageSales, decimal? OnTimeRate, OnTimeView OnTime, RebateView? Rebate, DateOnly AsOf);

/// <summary>An open sale: <c>amount</c> is what remains due after credit notes (<c>credited</c>).</summary>
public sealed record OpenItemView(int Number, DateOnly Date, DateOnly DueDate, decimal Amount, decimal Settled, decimal Outstanding, int DaysOverdue, decimal Credited);

public sealed record OpenItemsView(Guid CustomerId, IReadOnlyList<OpenItemView> Items, decimal Outstanding, decimal Overdue, decimal UnappliedPayments, DateOnly AsOf);
