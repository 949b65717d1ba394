using Crm.Credit.Infrastructure;

namespace Crm.Credit.Tests;

/// <summary>The credit service's own view of each customer, kept from the customers and after-sales events.</summary>
public sealed class ProjectionTests(CreditSystem credit) : IClassFixture<CreditSystem>
{
    private Task<Crm.Credit.Model.Customer> CustomerAsync(Guid id) =>
        credit.QueryAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == id));

    [Fact]
    public async Task A_registered_customer_gets_a_profile_and_an_empty_account()
    {
        var id = await credit.RegisterCustomerAsync("sh", "杭州利民", owner: "rep-5", region: "华东", code: "SH-000777");

        var customer = await CustomerAsync(id);
        Assert.Equal(("杭州利民", "SH-000777", "华东", "rep-5", "active"), (customer.Name, customer.Code, customer.Region, customer.OwnerId, customer.Status));
        var account = await credit.QueryAsync(db => db.Accounts.AsNoTracking().SingleAsync(a => a.CustomerId == id));
        Assert.Equal((0m, 0m, "sh"), (account.Balance, account.CreditLimit, account.BranchId));
    }

    [Fact]
    public async Task Changes_apply_only_when_newer_than_what_is_kept()
    {
        var id = await credit.RegisterCustomerAsync();
        var at = CreditSystem.Now;

        await credit.PublishAndWaitAsync(Changed(id, version: 3, name: "新名称", region: "华南"));
        await credit.PublishAndWaitAsync(Changed(id, version: 2, name: "旧名称", region: "华北")); // overtaken: ignored
        await credit.PublishAndWaitAsync(new CustomerOwnerChanged { CustomerId = id, BranchId = "sh", OccurredAt = at, PreviousOwnerId = "rep-1", OwnerId = "rep-9", OwnerName = "赵九", Reason = "r", ChangedBy = "m" });
        await credit.PublishAndWaitAsync(new CustomerOwnerChanged { CustomerId = id, BranchId = "sh", OccurredAt = at.AddHours(-1), PreviousOwnerId = "rep-1", OwnerId = "rep-8", Reason = "r", ChangedBy = "m" });
        await credit.PublishAndWaitAsync(new CustomerStatusChanged { CustomerId = id, BranchId = "sh", OccurredAt = at, PreviousStatus = "active", Status = "inactive", Reason = "r", ChangedBy = "m" });
        await credit.PublishAndWaitAsync(Clerk.Scorecard(id, "sh", 72.5m, at));
        await credit.PublishAndWaitAsync(Clerk.Scorecard(id, "sh", 99m, at.AddDays(-30))); // an older scorecard arriving late

        var customer = await CustomerAsync(id);
        Assert.Equal(("新名称", "华南", "rep-9", "赵九", "inactive", 72.5m), (customer.Name, customer.Region, customer.OwnerId, customer.OwnerName, customer.Status, customer.ScorecardScore));
    }

    [Fact]
    public async Task A_change_that_overtakes_the_registration_is_applied_once_the_registration_arrives()
    {
        var id = Guid.NewGuid();
        var change = Changed(id, version: 2, name: "后到的注册", region: "西南");
        await TestKit.RawPublisher.PublishAsync(credit.System.Broker.AmqpUri(), change);
        await TestKit.RawPublisher.PublishAsync(credit.System.Broker.AmqpUri(), new CustomerRegistered
        {
            CustomerId = id, BranchId = "sh", OccurredAt = CreditSystem.Now, Code = "SH-000888", Name = "先到的名字", Kind = "agent",
            Region = "华东", OwnerId = "rep-1", RegisteredBy = "rep-1", EntryDate = CreditSystem.Today,
        });

        await TestKit.Eventually.Until(() => credit.QueryAsync(db => db.InboxMessages.AnyAsync(m => m.MessageId == change.EventId)), "the change to be handled");
        var customer = await CustomerAsync(id);
        Assert.Equal(("后到的注册", "西南"), (customer.Name, customer.Region));
    }

    [Fact]
    public async Task Events_that_come_before_the_registration_are_kept_on_a_placeholder_that_the_registration_completes()
    {
        var id = Guid.NewGuid();
        var at = CreditSystem.Now;
        // As after a big import: the change, the status and the scorecard overtake the registration. They are handled
        // (in the inbox) at once, instead of failing until their retries run out and landing in the error queue.
        await credit.PublishAndWaitAsync(Changed(id, version: 3, name: "导入后改名", region: "华中"));
        await credit.PublishAndWaitAsync(new CustomerStatusChanged { CustomerId = id, BranchId = "sh", OccurredAt = at, PreviousStatus = "active", Status = "inactive", Reason = "r", ChangedBy = "m" });
        await credit.PublishAndWaitAsync(Clerk.Scorecard(id, "sh", 81m, at));

        // Until it is registered here, the customer takes no entries and has no account to read.
        using var clerk = credit.As("clerk-1", "sh", "inside-sales");
        var refused = await (await clerk.Post("/api/credit/payments", new { customerId = id, date = CreditSystem.Today, amount = 10m })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("customer-unknown", refused.String("rule"));
        await (await clerk.GetAsync($"/api/credit/accounts/{id}")).ProblemAsync(HttpStatusCode.NotFound);

        await credit.PublishAndWaitAsync(new CustomerRegistered
        {
            CustomerId = id, BranchId = "sh", OccurredAt = at.AddDays(-1), Code = "SH-000999", Name = "导入时的名字", Kind = "agent",
            Region = "华东", Status = "active", OwnerId = "rep-2", OwnerName = "钱二", RegisteredBy = "is-1", EntryDate = CreditSystem.Today.AddDays(-1),
        });

        var customer = await CustomerAsync(id);
        Assert.Equal(("SH-000999", "导入后改名", "华中", "rep-2", "inactive", 81m, true),
            (customer.Code, customer.Name, customer.Region, customer.OwnerId, customer.Status, customer.ScorecardScore, customer.IsRegistered));
        await (await clerk.Post("/api/credit/payments", new { customerId = id, date = CreditSystem.Today, amount = 10m })).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Two_events_about_one_customer_committing_at_once_do_not_both_win()
    {
        var id = await credit.RegisterCustomerAsync();
        var services = credit.System.ServicesOf("credit");
        using var first = services.CreateScope();
        using var second = services.CreateScope();
        var firstDb = first.ServiceProvider.GetRequiredService<CreditDbContext>();
        var secondDb = second.ServiceProvider.GetRequiredService<CreditDbContext>();
        var seenByFirst = await firstDb.Customers.IgnoreQueryFilters().SingleAsync(c => c.Id == id);
        var seenBySecond = await secondDb.Customers.IgnoreQueryFilters().SingleAsync(c => c.Id == id);

        seenByFirst.Apply(new CustomerOwnerChanged { CustomerId = id, BranchId = "sh", OccurredAt = CreditSystem.Now, PreviousOwnerId = "rep-1", OwnerId = "rep-7", Reason = "r", ChangedBy = "m" });
        seenBySecond.Apply(Clerk.Scorecard(id, "sh", 66m, CreditSystem.Now));
        await firstDb.SaveChangesAsync();

        // The second read the row before the first committed: its save must fail (and its event be retried), not overwrite the owner.
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => secondDb.SaveChangesAsync());
        Assert.Equal("rep-7", (await CustomerAsync(id)).OwnerId);
    }

    [Fact]
    public async Task Complaints_after_the_latest_scorecard_count_when_a_model_weighs_them()
    {
        var id = await credit.RegisterCustomerAsync("cp");
        await credit.PublishAndWaitAsync(Complaint(id, CreditSystem.Now.AddDays(-40))); // before the scorecard: already reflected in it
        await credit.PublishAndWaitAsync(Clerk.Scorecard(id, "cp", 80m, CreditSystem.Now.AddDays(-30)));
        var later = Complaint(id, CreditSystem.Now.AddDays(-25));
        await credit.PublishAndWaitAsync(later);
        await credit.PublishAndWaitAsync(later with { EventId = Guid.NewGuid() }); // the same complaint (same id) announced twice
        await credit.PublishAndWaitAsync(Complaint(id, CreditSystem.Now.AddDays(-18)));
        await credit.PublishAndWaitAsync(Complaint(id, CreditSystem.Now.AddDays(-10))); // after the period graded (2026-10)

        using var groupGm = credit.As("ggm", "hq", "group-gm");
        var version = (await (await groupGm.GetAsync("/api/credit/grading/model")).JsonAsync(HttpStatusCode.OK)).GetProperty("version").GetInt32();
        await (await groupGm.Put("/api/credit/grading/model", new
        {
            version,
            model = new { complaints = new { enabled = true, pointsPerComplaint = 4, maxDeduction = 20 } },
        })).JsonAsync(HttpStatusCode.OK);
        using var manager = credit.As("sam-cp", "cp", "sales-admin-manager");
        await manager.RunGrading("2026-10");

        var grade = (await (await manager.GetAsync($"/api/credit/grades/{id}")).JsonAsync(HttpStatusCode.OK)).GetProperty("current");
        var complaints = grade.GetProperty("explanation").EnumerateArray().Single(i => i.String("input") == "complaints");
        Assert.Equal(2m, complaints.Decimal("value"));
        Assert.Equal(-8m, complaints.Decimal("points"));
        Assert.Equal(grade.Decimal("score"), grade.GetProperty("explanation").EnumerateArray().Sum(i => i.Decimal("points")));
    }

    private static CustomerChanged Changed(Guid id, long version, string name, string region) => new()
    {
        CustomerId = id, BranchId = "sh", OccurredAt = CreditSystem.Now, Version = version, Name = name, Region = region,
        Reason = "更正", ChangedBy = "rep-1", Changes = [new FieldChange("name", null, name)],
    };

    private static ComplaintOpened Complaint(Guid customer, DateTimeOffset at) => new()
    {
        CustomerId = customer, BranchId = "cp", OccurredAt = at, ComplaintId = Guid.NewGuid(), Subject = "包装破损", OpenedBy = "as-1",
    };
}
