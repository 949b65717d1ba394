using Microsoft.EntityFrameworkCore;

namespace Crm.Credit.Tests;

/// <summary>
/// The account's read takes the ledger's settlement from the snapshot kept with every entry (<see cref="AccountSettlement"/>):
/// its answer must be the one a full replay of the ledger gives, whatever entries were recorded and in whatever order.
/// </summary>
public sealed class AccountSnapshotTests(CreditSystem credit) : IClassFixture<CreditSystem>
{
    private readonly HttpClient _clerk = credit.As("clerk-1", "sh", "inside-sales");

    [Theory]
    [InlineData(7)]
    [InlineData(41)]
    public async Task The_account_from_its_snapshot_is_the_account_from_a_full_replay(int seed)
    {
        var random = new Random(seed);
        var customer = await credit.RegisterCustomerAsync();
        var reversible = new List<(Guid Id, string Kind)>();
        var sales = new List<Guid>();
        for (var step = 0; step < 40; step++)
        {
            // Back-dated and current sales, payments short and over, reversals: the settlement moves with each.
            var date = CreditSystem.Today.AddDays(-random.Next(0, 365));
            var amount = random.Next(1, 2_000_000) / 100m;
            var roll = random.Next(10);
            HttpResponseMessage response;
            if (roll < 5)
                response = await _clerk.Post("/api/credit/sales", new
                {
                    customerId = customer, date = date.ToString("yyyy-MM-dd"), product = "洗衣粉", quantity = 10, amount,
                    dueDate = date.AddDays(random.Next(0, 91)).ToString("yyyy-MM-dd"),
                });
            else if (roll < 8 || reversible.Count == 0)
                response = await _clerk.Post("/api/credit/payments", new { customerId = customer, date = date.ToString("yyyy-MM-dd"), amount });
            else
            {
                var victim = reversible[random.Next(reversible.Count)];
                reversible.Remove(victim);
                response = await _clerk.Post($"/api/credit/{victim.Kind}s/{victim.Id}/reverse", new { reason = $"step {step}" });
            }
            var entry = await response.JsonAsync(HttpStatusCode.Created);
            if (entry.GetProperty("reversesEntryId").ValueKind == JsonValueKind.Null)
            {
                var kind = entry.String("kind")!;
                reversible.Add((entry.GetProperty("id").GetGuid(), kind));
                if (kind == "sale") sales.Add(entry.GetProperty("id").GetGuid());
            }
        }
        // A credit note through the inbox (退货冲账) keeps the snapshot too.
        await credit.PublishAndWaitAsync(new ReturnApproved
        {
            BranchId = "sh", CustomerId = customer, OccurredAt = CreditSystem.Now.AddHours(-1), ReturnId = Guid.NewGuid(), Kind = "return",
            Product = "洗衣粉", Quantity = 1, Amount = 150m, SaleId = sales[0], SoldOn = CreditSystem.Today.AddDays(-30),
            ApprovedOn = CreditSystem.Today.AddDays(-1), WindowDays = 30,
        });

        var (entries, snapshotEntries) = await credit.QueryAsync(async db => (
            await db.Accounts.Where(a => a.CustomerId == customer).Select(a => a.EntryCount).SingleAsync(),
            await db.Settlements.Where(s => s.CustomerId == customer).Select(s => s.EntryCount).SingleAsync()));
        Assert.Equal(41, entries);
        Assert.Equal(entries, snapshotEntries);
        var fromSnapshot = await (await _clerk.GetAsync($"/api/credit/accounts/{customer}")).Content.ReadAsStringAsync();

        await credit.QueryAsync(db => db.Settlements.Where(s => s.CustomerId == customer).ExecuteDeleteAsync());
        var fromReplay = await (await _clerk.GetAsync($"/api/credit/accounts/{customer}")).Content.ReadAsStringAsync();

        Assert.Equal(fromReplay, fromSnapshot);
        var account = JsonDocument.Parse(fromReplay).RootElement;
        Assert.True(account.Decimal("totalCreditNotes") == 150m && account.Decimal("overdue") > 0, fromReplay);
    }

    [Fact]
    public async Task A_snapshot_that_does_not_count_every_entry_is_not_read()
    {
        var customer = await credit.RegisterCustomerAsync();
        await (await _clerk.Post("/api/credit/sales", new { customerId = customer, date = "2026-09-01", product = "洗衣粉", quantity = 1, amount = 300m, dueDate = "2026-10-01" }))
            .JsonAsync(HttpStatusCode.Created);
        var stale = await credit.QueryAsync(db => db.Settlements.AsNoTracking().SingleAsync(s => s.CustomerId == customer));
        await (await _clerk.Post("/api/credit/payments", new { customerId = customer, date = "2026-10-15", amount = 100m })).JsonAsync(HttpStatusCode.Created);
        // The snapshot of one entry put back, as an entry written without one would leave it.
        await credit.QueryAsync(db => db.Settlements.Where(s => s.CustomerId == customer)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EntryCount, stale.EntryCount).SetProperty(x => x.Data, stale.Data)));

        var account = await (await _clerk.GetAsync($"/api/credit/accounts/{customer}")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal((200m, 100m, 2), (account.Decimal("overdue"), account.Decimal("totalPayments"), account.GetProperty("entryCount").GetInt32()));
    }
}
