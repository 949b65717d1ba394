namespace Crm.Credit.Tests;

/// <summary>Inside sales entering a ledger through the gateway, for tests that need business on file.</summary>
public sealed class Clerk(CreditSystem credit, string branch = "sh") : IDisposable
{
    private readonly HttpClient _client = credit.As($"clerk-{branch}", branch, "inside-sales");

    public async Task<Guid> SaleAsync(Guid customer, decimal amount, string date, string due, string product = "洗衣粉", decimal quantity = 1) =>
        (await (await _client.Post("/api/credit/sales", new { customerId = customer, date, product, quantity, amount, dueDate = due }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

    public async Task<Guid> PayAsync(Guid customer, decimal amount, string date) =>
        (await (await _client.Post("/api/credit/payments", new { customerId = customer, date, amount })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

    public async Task ReverseAsync(string kind, Guid entry, string reason) =>
        await (await _client.Post($"/api/credit/{kind}s/{entry}/reverse", new { reason })).JsonAsync(HttpStatusCode.Created);

    public static CustomerEvaluated Scorecard(Guid customer, string branch, decimal score, DateTimeOffset at) => new()
    {
        CustomerId = customer,
        BranchId = branch,
        OccurredAt = at,
        EvaluationId = Guid.NewGuid(),
        Initiative = score,
        Capability = score,
        Reputation = score,
        Relations = score,
        WeightedScore = score,
        EvaluatedBy = "manager-1",
    };

    public void Dispose() => _client.Dispose();
}
