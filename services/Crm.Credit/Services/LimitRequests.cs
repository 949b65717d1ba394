using Crm.Messaging.Outbox;

namespace Crm.Credit.Services;

/// <summary>Credit limit change requests (客户信用额度变更申请表) and their four-step approval.</summary>
public sealed class LimitRequests(CreditDbContext db, CustomerDirectory customers, ICurrentUser user, TimeProvider clock, CreditTelemetry telemetry)
{
    public async Task<LimitRequestView> OpenAsync(OpenLimitRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var opened = await db.WriteAsync(async ct =>
        {
            var customer = await customers.ForWriteAsync(request.CustomerId!.Value, ct);
            customers.EnsureOwnerIfRep(customer);
            var account = await customers.AccountOfAsync(customer, ct);
            var open = await db.LimitRequests.AsNoTracking().FirstOrDefaultAsync(r => r.OpenForCustomerId == customer.Id, ct);
            if (open is not null)
                throw new ConflictException(
                    $"Customer {customer.Code} already has an open limit request ({open.Id}, {open.ProposedLimit:N2}, awaiting {open.AwaitingRole}); one open request per customer.",
                    "An open request exists.");
            var grade = await db.Grades.Where(g => g.CustomerId == customer.Id).OrderByDescending(g => g.Period).Select(g => (Grade?)g.Grade).FirstOrDefaultAsync(ct);
            var limitRequest = LimitRequest.Open(customer.Id, customer.BranchId, account.CreditLimit, request.ProposedLimit!.Value, request.Reason!,
                LimitRequestSource.Manual, null, grade, user.Id, user.Name, now);
            db.LimitRequests.Add(limitRequest);
            await db.SaveChangesAsync(ct); // a request opened at the same moment fails on the unique open-request index: 409
            return limitRequest;
        }, cancellationToken);
        telemetry.LimitRequestOpened(LimitRequestSource.Manual);
        return await ViewAsync(opened, cancellationToken);
    }

    /// <summary>Approves or rejects the current step; the last approval applies the limit and publishes <c>crm.credit-limit-changed</c>.</summary>
    public async Task<LimitRequestView> DecideAsync(Guid id, StepDecision decision, string? comment, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (request, role, applied) = await db.WriteAsync(async ct =>
        {
            var limitRequest = await db.LimitRequests.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("limit request", id);
            var role = limitRequest.CurrentStep?.Role;
            var last = limitRequest.Decide(decision, user, comment, now);
            if (last)
            {
                var customer = await db.Customers.IgnoreQueryFilters().FirstAsync(c => c.Id == limitRequest.CustomerId, ct);
                var account = await customers.AccountOfAsync(customer, ct);
                var previous = account.CreditLimit;
                account.ChangeLimit(limitRequest.ProposedLimit, now);
                var grade = await db.Grades.IgnoreQueryFilters().Where(g => g.CustomerId == customer.Id).OrderByDescending(g => g.Period)
                    .Select(g => (Grade?)g.Grade).FirstOrDefaultAsync(ct);
                db.AddIntegrationEvent(new CreditLimitChanged
                {
                    RequestId = limitRequest.Id,
                    PreviousLimit = previous,
                    CreditLimit = account.CreditLimit,
                    Balance = account.Balance,
                    Reason = limitRequest.Reason,
                    ApprovedBy = user.Id,
                    Source = limitRequest.Source == LimitRequestSource.Grading ? "grading" : "manual",
                    Grade = grade?.ToString(),
                }.About(account.BranchId, account.CustomerId, now), clock);
            }
            await db.SaveChangesAsync(ct);
            return (limitRequest, role!, last);
        }, cancellationToken);
        telemetry.LimitDecision(role, decision);
        if (applied) telemetry.LimitChanged();
        return await ViewAsync(request, cancellationToken);
    }

    public async Task<LimitRequestView> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var request = await db.LimitRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new NotFoundException("limit request", id);
        return await ViewAsync(request, cancellationToken);
    }

    public async Task<Paged<LimitRequestView>> ListAsync(
        Guid? customerId, LimitRequestState? state, bool awaitingMe, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.LimitRequests.AsNoTracking().AsQueryable();
        if (customerId is { } customer) query = query.Where(r => r.CustomerId == customer);
        if (state is { } only) query = query.Where(r => r.State == only);
        if (awaitingMe)
        {
            var roles = user.Roles.ToList();
            query = query.Where(r => r.AwaitingRole != null && roles.Contains(r.AwaitingRole));
        }
        var total = await query.CountAsync(cancellationToken);
        var requests = await query.OrderByDescending(r => r.RequestedAt).ThenBy(r => r.Id).Skip(page.Skip).Take(page.PageSize).ToListAsync(cancellationToken);
        var ids = requests.Select(r => r.CustomerId).Distinct().ToList();
        var names = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Code, c.Name, c.OwnerId }).ToDictionaryAsync(c => c.Id, cancellationToken);
        return Paged<LimitRequestView>.Of(requests.Select(r =>
        {
            var c = names.GetValueOrDefault(r.CustomerId);
            return LimitRequestView.From(r, c?.Code ?? "", c?.Name ?? "", c?.OwnerId ?? "");
        }).ToList(), total, page);
    }

    private async Task<LimitRequestView> ViewAsync(LimitRequest request, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().IgnoreQueryFilters().FirstAsync(c => c.Id == request.CustomerId, cancellationToken);
        return LimitRequestView.From(request, customer.Code, customer.Name, customer.OwnerId);
    }
}
