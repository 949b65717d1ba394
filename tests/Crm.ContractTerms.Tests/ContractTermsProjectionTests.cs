using Crm.Events;
using Crm.Terms;
using Microsoft.EntityFrameworkCore;

namespace Crm.Terms.Tests;

public sealed class ContractTermsProjectionTests
{
    private static readonly Guid Customer = Guid.NewGuid();
    private const string Branch = "SH";

    private static ContractTerms Terms(int paymentTermDays, params string[] productLines) => new()
    {
        PaymentTermDays = paymentTermDays,
        ReturnWindowDays = 30,
        ExchangeWindowDays = 60,
        ProductLines = productLines,
        RebateTiers = [new RebateTier(100_000m, 1m), new RebateTier(500_000m, 2m)],
    };

    private static ContractSigned Signed(Guid contractId, Guid customerId, DateOnly from, DateOnly to, ContractTerms terms, string branch = Branch) => new()
    {
        BranchId = branch,
        CustomerId = customerId,
        ContractId = contractId,
        Number = "SH-2026-0001",
        ContractVersion = 1,
        SignedOn = from.AddDays(-3),
        EffectiveOn = from,
        ExpiresOn = to,
        Terms = terms,
    };

    private static ContractAmended Amended(Guid contractId, Guid customerId, int version, DateOnly from, DateOnly expires, ContractTerms terms, string reason = "amendment") => new()
    {
        BranchId = Branch,
        CustomerId = customerId,
        ContractId = contractId,
        Number = "SH-2026-0001",
        ContractVersion = version,
        EffectiveOn = from,
        ExpiresOn = expires,
        Reason = reason,
        Terms = terms,
    };

    private static Task<TermsInForce?> On(TermsDb db, Guid customerId, DateOnly date, string? branch = null) =>
        db.ReadAsync(c => c.TermsInForceAsync(customerId, date, CancellationToken.None), branch);

    [Fact]
    public async Task An_amendment_applies_from_its_date_and_earlier_dates_keep_the_old_terms()
    {
        await using var db = await TermsDb.CreateAsync();
        var contract = Guid.NewGuid();
        await db.ApplyAsync((c, ct) => ContractTermsProjector.ApplyAsync(c, Signed(contract, Customer, new(2026, 1, 1), new(2026, 12, 31), Terms(30)), ct));
        await db.ApplyAsync((c, ct) => ContractTermsProjector.ApplyAsync(c, Amended(contract, Customer, 2, new(2026, 7, 1), new(2026, 12, 31), Terms(60)), ct));

        Assert.Null(await On(db, Customer, new(2025, 12, 31)));
        var before = await On(db, Customer, new(2026, 6, 30));
        Assert.Equal((30, 1), (before!.Terms.PaymentTermDays, before.Contract.Version));
        var on = await On(db, Customer, new(2026, 7, 1));
        Assert.Equal((60, 2), (on!.Terms.PaymentTermDays, on.Contract.Version));
        Assert.Equal(new DateOnly(2026, 1, 1), on.ContractEffectiveOn);
        Assert.Equal(new DateOnly(2026, 7, 1), on.VersionEffectiveOn);
        Assert.Equal("SH-2026-0001", on.Contract.Number);
        Assert.Equal(contract, on.Contract.Id);
        Assert.Equal([100_000m, 500_000m], on.Terms.RebateTiers.Select(t => t.Threshold));
        Assert.Equal(60, (await On(db, Customer, new(2026, 12, 31)))!.Terms.PaymentTermDays);
        Assert.Null(await On(db, Customer, new(2027, 1, 1)));
    }

    [Fact]
    public async Task Expiry_ends_the_terms_after_its_day_and_a_replayed_expiry_changes_nothing()
    {
        await using var db = await TermsDb.CreateAsync();
        var contract = Guid.NewGuid();
        await db.ApplyAsync((c, ct) => ContractTermsProjector.ApplyAsync(c, Signed(contract, Customer, new(2026, 1, 1), new(2027, 12, 31), Terms(30)), ct));
        var expired = new ContractExpired { BranchId = Branch, CustomerId = Customer, ContractId = contract, Number = "SH-2026-0001", ExpiredOn = new(2026, 9, 30) };
        await db.ApplyAsync((c, ct) => ContractTermsProjector.ApplyAsync(c, expired, ct));
        await db.ApplyAsync((c, ct) => ContractTermsProjector.ApplyAsync(c, expired, ct));

        Assert.NotNull(await On(db, Customer, new(2026, 9, 30)));
        Assert.Null(await On(db, Customer, new(2026, 10, 1)));
    }

    [Fact]
    public async Task Termination_ends_the_terms_from_its_date()
    {
        await using var db = await TermsDb.CreateAsync();
        var contract = Guid.NewGuid();
        await db.ApplyAsync((c, ct) => ContractTermsProjector.ApplyAsync(c, Signed(contract, Customer, new(2026, 1, 1), new(2026, 12, 31), Terms(30)), ct));
        await db.ApplyAsync((c, ct) => ContractTermsProjector.ApplyAsync(c, new ContractTerminated
        {
            BranchId = Branch, CustomerId = Customer, ContractId = contract, Number = "SH-2026-0001", TerminatedOn = new(2026, 5, 15), Reason = "breach",
        }, ct));

        Assert.NotNull(await On(db, Customer, new(2026, 5, 14)));
        Assert.Null(await On(db, Customer, new(2026, 5, 15)));
        Assert.Null(await On(db, Customer, new(2026, 8, 1)));
    }

    [Fact]
    public async Task An_automatic_renewal_extends_the_contract_with_its_version()
    {
        await using var db = await TermsDb.CreateAsync();
        var contract = Guid.NewGuid();
        await db.ApplyAsync((c, ct) => ContractTermsProjector.ApplyAsync(c, Signed(contract, Customer, new(2026, 1, 1), new(2026, 12, 31), Terms(30)), ct));
        Assert.Null(await On(db, Customer, new(2027, 3, 1)));

        await db.ApplyAsync((c, ct) => ContractTermsProjector.ApplyAsync(c, Amended(contract, Customer, 2, new(2027, 1, 1), new(2027, 12, 31), Terms(45), "auto-renewal"), ct));

        var renewed = await On(db, Customer, new(2027, 3, 1));
        Assert.Equal((45, 2), (renewed!.Terms.PaymentTermDays, renewed.Contract.Version));
        Assert.Equal(new DateOnly(2027, 12, 31), renewed.ContractExpiresOn);
        Assert.Equal(30, (await On(db, Customer, new(2026, 12, 31)))!.Terms.PaymentTermDays);
        Assert.Null(await On(db, Customer, new(2028, 1, 1)));
    }

    [Fact]
    public async Task Events_out_of_order_give_the_same_projection_as_in_order()
    {
        await using var db = await TermsDb.CreateAsync();
        var contract = Guid.NewGuid();
        var customer = Guid.NewGuid();
        // The renewal and an amendment overtake the signing; the older amendment arrives last.
        await db.ApplyAsync((c, ct) => ContractTermsProjector.ApplyAsync(c, Amended(contract, customer, 3, new(2027, 1, 1), new(2027, 12, 31), Terms(45), "auto-renewal"), ct));
        Assert.Null(await On(db, customer, new(2026, 3, 1))); // version 1 not known yet: no terms to apply
        await db.ApplyAsync((c, ct) => ContractTermsProjector.ApplyAsync(c, Signed(contract, customer, new(2026, 1, 1), new(2026, 12, 31), Terms(30)), ct));
        await db.ApplyAsync((c, ct) => ContractTermsProjector.ApplyAsync(c, Amended(contract, customer, 2, new(2026, 7, 1), new(2026, 12, 31), Terms(60)), ct));

        Assert.Equal(30, (await On(db, customer, new(2026, 3, 1)))!.Terms.PaymentTermDays);
        Assert.Equal(60, (await On(db, customer, new(2026, 8, 1)))!.Terms.PaymentTermDays);
        var renewed = await On(db, customer, new(2027, 8, 1));
        Assert.Equal((45, 3), (renewed!.Terms.PaymentTermDays, renewed.Contract.Version));
        Assert.Equal(new DateOnly(2027, 12, 31), renewed.ContractExpiresOn); // the older versions' expiry does not pull it back

        var row = await db.ReadAsync(c => c.Set<ProjectedContract>().SingleAsync(x => x.Id == contract));
        Assert.True(row.Signed);
        Assert.Equal((3, new DateOnly(2026, 1, 1)), (row.LatestVersion, row.EffectiveOn!.Value));
    }

    [Fact]
    public async Task An_expiry_before_its_signing_still_ends_the_contract()
    {
        await using var db = await TermsDb.CreateAsync();
        var contract = Guid.NewGuid();
        var customer = Guid.NewGuid();
        await db.ApplyAsync((c, ct) => ContractTermsProjector.ApplyAsync(c, new ContractExpired
        {
            BranchId = Branch, CustomerId = customer, ContractId = contract, Number = "SH-2026-0001", ExpiredOn = new(2026, 6, 30),
        }, ct));
        await db.ApplyAsync((c, ct) => ContractTermsProjector.ApplyAsync(c, Signed(contract, customer, new(2026, 1, 1), new(2026, 12, 31), Terms(30)), ct));

        Assert.NotNull(await On(db, customer, new(2026, 6, 30)));
        Assert.Null(await On(db, customer, new(2026, 7, 1)));
    }

    [Fact]
    public async Task Redelivered_events_leave_one_row_per_version()
    {
        await using var db = await TermsDb.CreateAsync();
        var contract = Guid.NewGuid();
        var customer = Guid.NewGuid();
        var signed = Signed(contract, customer, new(2026, 1, 1), new(2026, 12, 31), Terms(30));
        var amended = Amended(contract, customer, 2, new(2026, 7, 1), new(2026, 12, 31), Terms(60));
        foreach (var _ in Enumerable.Range(0, 2))
        {
            await db.ApplyAsync((c, ct) => ContractTermsProjector.ApplyAsync(c, signed, ct));
            await db.ApplyAsync((c, ct) => ContractTermsProjector.ApplyAsync(c, amended, ct));
        }
        // Both in one unit of work too, as a handler retried within one scope would stage them.
        await db.ApplyAsync(async (c, ct) =>
        {
            await ContractTermsProjector.ApplyAsync(c, signed, ct);
            await ContractTermsProjector.ApplyAsync(c, signed, ct);
        });

        var versions = await db.ReadAsync(c => c.Set<ProjectedContractVersion>().Where(v => v.ContractId == contract).Select(v => v.Version).OrderBy(v => v).ToListAsync());
        Assert.Equal([1, 2], versions);
        Assert.Equal(60, (await On(db, customer, new(2026, 8, 1)))!.Terms.PaymentTermDays);
    }

    [Fact]
    public async Task A_renewal_takes_over_from_its_predecessor_and_another_branch_sees_neither()
    {
        await using var db = await TermsDb.CreateAsync();
        var customer = Guid.NewGuid();
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        await db.ApplyAsync((c, ct) => ContractTermsProjector.ApplyAsync(c, Signed(first, customer, new(2026, 1, 1), new(2026, 12, 31), Terms(30)), ct));
        await db.ApplyAsync((c, ct) => ContractTermsProjector.ApplyAsync(c, Signed(second, customer, new(2026, 12, 1), new(2027, 12, 31), Terms(90)) with { RenewsContractId = first }, ct));

        Assert.Equal(first, (await On(db, customer, new(2026, 11, 30)))!.Contract.Id);
        Assert.Equal(second, (await On(db, customer, new(2026, 12, 1)))!.Contract.Id);
        Assert.Equal(second, (await On(db, customer, new(2026, 12, 1), Branch))!.Contract.Id);
        Assert.Null(await On(db, customer, new(2026, 12, 1), "BJ"));
    }

    [Fact]
    public async Task Product_lines_named_by_the_contract_are_covered_and_no_lines_means_no_restriction()
    {
        await using var db = await TermsDb.CreateAsync();
        var customer = Guid.NewGuid();
        var other = Guid.NewGuid();
        await db.ApplyAsync((c, ct) => ContractTermsProjector.ApplyAsync(c, Signed(Guid.NewGuid(), customer, new(2026, 1, 1), new(2026, 12, 31), Terms(30, "Paint", "Primer")), ct));
        await db.ApplyAsync((c, ct) => ContractTermsProjector.ApplyAsync(c, Signed(Guid.NewGuid(), other, new(2026, 1, 1), new(2026, 12, 31), Terms(30)), ct));

        var terms = await On(db, customer, new(2026, 3, 1));
        Assert.True(terms!.Covers(" paint "));
        Assert.False(terms.Covers("Varnish"));
        Assert.True((await On(db, other, new(2026, 3, 1)))!.Covers("Varnish"));
    }

    [Fact]
    public async Task Exclusive_rights_are_found_by_territory_product_line_and_rights_period()
    {
        await using var db = await TermsDb.CreateAsync();
        var holder = Guid.NewGuid();
        var contract = Guid.NewGuid();
        var exclusive = Terms(30, "Paint") with
        {
            DistributionLevel = "exclusive",
            Territories = ["Pudong", "Minhang"],
            RightsFrom = new DateOnly(2026, 3, 1),
        };
        await db.ApplyAsync((c, ct) => ContractTermsProjector.ApplyAsync(c, Signed(contract, holder, new(2026, 1, 1), new(2026, 12, 31), exclusive), ct));
        // A distributor elsewhere in the same territory holds no exclusive right.
        await db.ApplyAsync((c, ct) => ContractTermsProjector.ApplyAsync(c, Signed(Guid.NewGuid(), Guid.NewGuid(), new(2026, 1, 1), new(2026, 12, 31),
            Terms(30, "Paint") with { Territories = ["Pudong"] }), ct));
        // From September the amendment gives the exclusive right up.
        await db.ApplyAsync((c, ct) => ContractTermsProjector.ApplyAsync(c, Amended(contract, holder, 2, new(2026, 9, 1), new(2026, 12, 31), exclusive with { DistributionLevel = "distribution" }), ct));

        Task<IReadOnlyList<ExclusiveRight>> Rights(DateOnly on, string territory, string line) =>
            db.ReadAsync(c => c.ExclusiveRightsInForceAsync(on, territory, line, CancellationToken.None));

        var rights = await Rights(new(2026, 4, 1), "pudong", "Paint");
        var right = Assert.Single(rights);
        Assert.Equal((holder, contract, 1), (right.CustomerId, right.Contract.Id, right.Contract.Version));
        Assert.Empty(await Rights(new(2026, 2, 1), "Pudong", "Paint"));   // before the rights period
        Assert.Empty(await Rights(new(2026, 4, 1), "Pudong", "Primer"));  // another product line
        Assert.Empty(await Rights(new(2026, 4, 1), "Jingan", "Paint"));   // another territory
        Assert.Empty(await Rights(new(2026, 9, 1), "Pudong", "Paint"));   // the amendment ended it
    }
}
