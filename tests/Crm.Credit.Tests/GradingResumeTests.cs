using Crm.Credit.Services;

namespace Crm.Credit.Tests;

/// <summary>
/// A grading run cut short between its chunks (here: the database refuses the third grade, as a crash would cut the
/// run after two committed chunks) leaves whole chunks behind; running it again finishes the branch without doubling
/// anything: one grade, one event and one limit request per customer.
/// </summary>
public sealed class GradingResumeTests : IAsyncLifetime
{
    private const string Branch = "rs";

    // One customer per transaction, so the run commits chunk by chunk even with four customers.
    private readonly CreditSystem _credit = new() { Configure = services => services.Configure<GradingOptions>(o => o.WriteChunk = 1) };
    private RawSubscriber _graded = null!;
    private readonly List<Guid> _customers = [];

    public async Task InitializeAsync()
    {
        await _credit.InitializeAsync();
        _graded = await _credit.SubscribeAsync("crm.customer-graded");
        using var clerk = new Clerk(_credit, Branch);
        for (var i = 1; i <= 4; i++)
        {
            var customer = await _credit.RegisterCustomerAsync(Branch, $"续跑客户{i}", code: $"RS-000{i}");
            await clerk.SaleAsync(customer, 10_000m * i, "2026-03-10", "2026-04-10");
            await clerk.PayAsync(customer, 10_000m * i, "2026-04-01");
            _customers.Add(customer);
        }
    }

    public async Task DisposeAsync()
    {
        await _graded.DisposeAsync();
        await _credit.DisposeAsync();
    }

    [Fact]
    public async Task A_run_cut_short_is_finished_by_running_it_again_without_doubling_anything()
    {
        await _credit.QueryAsync(db => db.Database.ExecuteSqlRawAsync(
            "CREATE TRIGGER grading_cut_short BEFORE INSERT ON CustomerGrades " +
            "WHEN (SELECT COUNT(*) FROM CustomerGrades WHERE Period = '2026-10') >= 2 BEGIN SELECT RAISE(ABORT, 'cut short'); END;"));
        using var manager = _credit.As("sam-rs", Branch, "sales-admin-manager");

        var cut = await manager.FollowGradingRun("2026-10");

        Assert.Equal("failed", cut.String("state"));
        Assert.Equal(2, await _credit.QueryAsync(db => db.Grades.IgnoreQueryFilters().CountAsync(g => g.BranchId == Branch)));
        Assert.Equal(2, await _credit.QueryAsync(db => db.LimitRequests.IgnoreQueryFilters().CountAsync(r => r.BranchId == Branch)));

        await _credit.QueryAsync(db => db.Database.ExecuteSqlRawAsync("DROP TRIGGER grading_cut_short;"));
        var summary = await manager.RunGrading("2026-10");

        Assert.Equal(2, summary.GetProperty("changed").GetInt32());
        Assert.Equal(2, summary.GetProperty("unchanged").GetInt32());
        Assert.Equal(2, summary.GetProperty("gradesPublished").GetInt32());
        Assert.Equal(2, summary.GetProperty("limitRequestsFiled").GetInt32());
        var grades = await _credit.QueryAsync(db => db.Grades.IgnoreQueryFilters().Where(g => g.BranchId == Branch).Select(g => g.CustomerId).ToListAsync());
        Assert.Equal(_customers.Order(), grades.Order());
        var requests = await _credit.QueryAsync(db => db.LimitRequests.IgnoreQueryFilters().Where(r => r.BranchId == Branch).Select(r => r.CustomerId).ToListAsync());
        Assert.Equal(_customers.Order(), requests.Order());

        // Events leave the outbox in order: once a later branch's grade arrives, every event of both runs has come.
        var sentinel = await _credit.RegisterCustomerAsync("rz");
        using (var other = _credit.As("sam-rz", "rz", "sales-admin-manager"))
            await other.RunGrading("2026-10");
        var received = new List<JsonElement>();
        while (true)
        {
            var message = (await _graded.NextAsync(_ => true)).Message;
            if (message.GetProperty("customerId").GetGuid() == sentinel) break;
            received.Add(message);
        }
        Assert.Equal(_customers.Order(), received.Select(m => m.GetProperty("customerId").GetGuid()).Order());
    }
}
