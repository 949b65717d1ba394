using Crm.Messaging.Outbox;

namespace Crm.AfterSales.Services;

public sealed record ApproveReturnRequest(
    Guid? CustomerId, ReturnKind? Kind, string? Product, decimal? Quantity, decimal? Amount, DateOnly? SoldOn, Guid? SaleId, string? Reason,
    Guid? ComplaintId, bool? Override, string? OverrideReason);

public sealed record ReturnView(
    Guid Id, Guid CustomerId, ReturnKind Kind, string Product, decimal Quantity, decimal Amount, DateOnly SoldOn, Guid? SaleId, string Reason,
    Guid? ComplaintId, ContractReference? Contract, int WindowDays, string WindowSource, bool Override, string? OverrideReason,
    string ApprovedBy, string ApprovedByName, DateTimeOffset ApprovedAt, DateOnly ApprovedOn)
{
    public static ReturnView From(ProductReturn r) => new(
        r.Id, r.CustomerId, r.Kind, r.Product, r.Quantity, r.Amount, r.SoldOn, r.SaleId, r.Reason, r.ComplaintId, r.Contract, r.WindowDays,
        r.Contract is null ? "branch-default" : "contract", r.Override, r.OverrideReason, r.ApprovedBy, r.ApprovedByName, r.ApprovedAt, r.ApprovedOn);
}

/// <summary>
/// Returns and exchanges (退换货): granted within the window of the contract in force on the sale date (else the
/// branch default) or by a manager's override; a return of a recorded sale never exceeds what is left of it.
/// </summary>
public sealed class Returns(
    AfterSalesDbContext db, SettingsReader settings, BusinessCalendar calendar, ICurrentUser user, TimeProvider clock, AfterSalesTelemetry telemetry)
{
    private const int Attempts = 5;

    public async Task<ReturnView> ApproveAsync(ApproveReturnRequest request, CancellationToken cancellationToken)
    {
        Validate(request);
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == request.CustomerId, cancellationToken)
            ?? throw new NotFoundException("customer", request.CustomerId!.Value);
        var kind = request.Kind!.Value;
        var today = calendar.Today;

        for (var attempt = 1; ; attempt++)
        {
            // On SQLite the transaction takes the write lock up front (BEGIN IMMEDIATE): returns of one sale run one after
            // the other. On SQL Server the sale's version is the guard: the loser's save fails and it runs again from a
            // clean context, on what the winner left.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                var approved = await ApproveOnceAsync(request, customer, kind, today, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                telemetry.ReturnApproved(approved.Kind, approved.Override, approved.Amount);
                return ReturnView.From(approved);
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<ProductReturn> ApproveOnceAsync(
        ApproveReturnRequest request, CustomerReference customer, ReturnKind kind, DateOnly today, CancellationToken cancellationToken)
    {
        SoldSale? sale = null;
        if (request.SaleId is { } saleId)
        {
            sale = await db.Sales.FirstOrDefaultAsync(s => s.EntryId == saleId, cancellationToken)
                ?? throw new NotFoundException("sale", saleId);
            sale.EnsureNamedBy(customer.Id, request.SoldOn);
        }
        var soldOnDate = request.SoldOn ?? sale!.Date;
        if (soldOnDate > today) throw new RequestValidationException("soldOn", $"soldOn ({soldOnDate:yyyy-MM-dd}) is after today ({today:yyyy-MM-dd}).");
        var product = request.Product?.Trim() is { Length: > 0 } named ? named : sale!.Product;

        Complaint? complaint = null;
        if (request.ComplaintId is { } complaintId)
        {
            complaint = await db.Complaints.Include(c => c.Timeline).AsSplitQuery().FirstOrDefaultAsync(c => c.Id == complaintId, cancellationToken)
                ?? throw new NotFoundException("complaint", complaintId);
            if (complaint.CustomerId != customer.Id)
                throw new RequestValidationException("complaintId", "The complaint is another customer's.");
        }

        var window = await WindowAsync(customer, kind, soldOnDate, cancellationToken);
        var quantity = request.Quantity!.Value;
        var amount = kind == ReturnKind.Return ? request.Amount ?? sale?.AmountFor(Math.Min(quantity, sale.QuantityLeft)) ?? 0m : 0m;
        var now = clock.GetUtcNow();
        var approved = ProductReturn.Approve(customer.Id, customer.BranchId, kind, product, quantity, amount, soldOnDate, sale?.EntryId,
            request.Reason!, complaint?.Id, window, request.Override ?? false, request.OverrideReason, user.IsInAnyRole(CrmRoles.Managers),
            user.Id, user.Name, now, today);

        sale?.Take(kind, quantity, amount);

        db.Returns.Add(approved);
        complaint?.Note("return-approved",
            $"退换货已批准 {ApiNames.Of(kind)} approved: {product} × {quantity:0.######}, {amount:0.00}; {window.Source}, {window.Days} 天 days"
            + (approved.Override ? $"; 经理越权 override: {approved.OverrideReason}" : ""), user, now);
        db.AddIntegrationEvent(new ReturnApproved
        {
            ReturnId = approved.Id,
            Kind = ApiNames.Of(kind),
            Product = approved.Product,
            Quantity = approved.Quantity,
            Amount = approved.Amount,
            SaleId = approved.SaleId,
            SoldOn = approved.SoldOn,
            ApprovedOn = approved.ApprovedOn,
            ComplaintId = approved.ComplaintId,
            Contract = approved.Contract,
            WindowDays = approved.WindowDays,
            Override = approved.Override,
            OverrideReason = approved.OverrideReason,
        }.About(approved.BranchId, approved.CustomerId, now), clock);
        await db.SaveChangesAsync(cancellationToken);
        return approved;
    }

    /// <summary>The contract's window in force on the sale date; without a contract then, the branch default.</summary>
    private async Task<ReturnWindow> WindowAsync(CustomerReference customer, ReturnKind kind, DateOnly soldOn, CancellationToken cancellationToken)
    {
        var terms = await db.TermsInForceAsync(customer.Id, soldOn, cancellationToken);
        if (terms is not null)
            return new ReturnWindow(kind == ReturnKind.Return ? terms.Terms.ReturnWindowDays : terms.Terms.ExchangeWindowDays, terms.Contract);
        var branch = await settings.ForBranchAsync(customer.BranchId, cancellationToken);
        return new ReturnWindow(kind == ReturnKind.Return ? branch.ReturnWindowDays : branch.ExchangeWindowDays, null);
    }

    public async Task<ReturnView> GetAsync(Guid id, CancellationToken cancellationToken) =>
        ReturnView.From(await db.Returns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw new NotFoundException("return", id));

    public async Task<Paged<ReturnView>> ListAsync(Guid? customerId, Guid? saleId, PageRequest page, CancellationToken cancellationToken)
    {
        var returns = db.Returns.AsNoTracking();
        if (customerId is { } customer) returns = returns.Where(r => r.CustomerId == customer);
        if (saleId is { } sale) returns = returns.Where(r => r.SaleId == sale);
        var total = await returns.CountAsync(cancellationToken);
        var items = await returns.OrderByDescending(r => r.ApprovedAt).ThenBy(r => r.Id).Skip(page.Skip).Take(page.PageSize).ToListAsync(cancellationToken);
        return Paged<ReturnView>.Of(items.Select(ReturnView.From).ToList(), total, page);
    }

    private static void Validate(ApproveReturnRequest request) => new ValidationErrors()
        .Required("customerId", request.CustomerId)
        .Required("kind", request.Kind, "return, exchange, repair or repackage")
        .When(request.SaleId is null && string.IsNullOrWhiteSpace(request.Product), "product", "product is required (or the saleId of a recorded sale).")
        .MaxLength("product", request.Product, 200)
        .Required("quantity", request.Quantity)
        .When(request.Quantity is <= 0, "quantity", "quantity must be more than 0.")
        .When(request.Amount is < 0, "amount", "amount may not be negative.")
        .When(request.Amount is > 0 && request.Kind is not null and not ReturnKind.Return, "amount",
            "Only a return credits an amount; an exchange, a repair or a repackaging has none.")
        .When(request.Kind == ReturnKind.Return && request.SaleId is null && request.Amount is null, "amount",
            "A return of goods not recorded as a sale (no saleId) names the amount to credit.")
        .When(request.SaleId is null && request.SoldOn is null, "soldOn", "soldOn is required (or the saleId of a recorded sale).")
        .Required("reason", request.Reason, ProductReturn.ReasonMaxLength)
        .When(request.Override is true && string.IsNullOrWhiteSpace(request.OverrideReason), "overrideReason",
            "An override needs its written reason (越权批准须写明理由).")
        .MaxLength("overrideReason", request.OverrideReason, ProductReturn.ReasonMaxLength)
        .ThrowIfAny();
}
