namespace Crm.Contracts.Tests;

/// <summary>总经销: two exclusive rights for the same territory and product line may not overlap in time.</summary>
public sealed class ExclusiveTerritoryTests(ContractsSystem contracts) : IClassFixture<ContractsSystem>
{
    private static string Region() => $"区域-{Guid.NewGuid():N}"[..12];

    [Fact]
    public async Task A_second_overlapping_exclusive_right_is_refused_naming_the_first_and_non_overlapping_ones_pass()
    {
        var region = Region();
        var first = await contracts.RegisterCustomerAsync(region: region);
        var second = await contracts.RegisterCustomerAsync(region: region);
        var firstId = await contracts.ApprovedAsync(ContractsSystem.Draft(first, level: "exclusive", territories: [region, "华南"], productLines: ["洗衣粉", "肥皂"]));
        var number = await contracts.QueryAsync(db => Task.FromResult(db.Contracts.Single(c => c.Id == firstId).Number));

        var overlapping = await contracts.CreateAsync(ContractsSystem.Draft(second, level: "exclusive", territories: [region], productLines: ["肥皂"]));
        using var rep = contracts.Rep();
        var problem = await (await rep.Post($"/api/contracts/{overlapping.String("id")}/submit", new { })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains(number, problem.String("detail"));
        Assert.Equal("exclusive-territory", problem.String("rule"));
        Assert.Equal(number, problem.String("conflictingContract"));
        Assert.Equal("draft", (await contracts.QueryAsync(db => Task.FromResult(db.Contracts.Single(c => c.Id == overlapping.GetProperty("id").GetGuid()).State))).ToString().ToLowerInvariant());

        // Another product line, another territory, a later term, or a plain distribution right: no conflict.
        foreach (var body in new[]
        {
            ContractsSystem.Draft(second, level: "exclusive", territories: [region], productLines: ["洗洁精"]),
            ContractsSystem.Draft(second, level: "exclusive", territories: [Region()], productLines: ["肥皂"]),
            ContractsSystem.Draft(second, level: "exclusive", territories: [region], productLines: ["肥皂"], effectiveOn: ContractsSystem.Today.AddYears(1), expiresOn: ContractsSystem.Today.AddYears(2)),
            ContractsSystem.Draft(second, level: "distribution", territories: [region], productLines: ["肥皂"]),
        })
        {
            var draft = await contracts.CreateAsync(body);
            await (await rep.Post($"/api/contracts/{draft.String("id")}/submit", new { })).JsonAsync(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Of_two_overlapping_exclusive_rights_submitted_at_once_exactly_one_passes()
    {
        var region = Region();
        var a = await contracts.RegisterCustomerAsync(region: region, owner: "rep-a");
        var b = await contracts.RegisterCustomerAsync(region: region, owner: "rep-b");
        var first = await contracts.CreateAsync(ContractsSystem.Draft(a, level: "exclusive", territories: [region], productLines: ["洗衣粉"]), owner: "rep-a");
        var second = await contracts.CreateAsync(ContractsSystem.Draft(b, level: "exclusive", territories: [region], productLines: ["洗衣粉"]), owner: "rep-b");
        using var repA = contracts.Rep("rep-a");
        using var repB = contracts.Rep("rep-b");

        var answers = await Task.WhenAll(
            repA.Post($"/api/contracts/{first.String("id")}/submit", new { }),
            repB.Post($"/api/contracts/{second.String("id")}/submit", new { }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.UnprocessableEntity], answers.Select(r => r.StatusCode).Order());
        var submitted = await contracts.QueryAsync(db => Task.FromResult(db.Contracts.Count(c =>
            (c.Id == first.GetProperty("id").GetGuid() || c.Id == second.GetProperty("id").GetGuid()) && c.State == Model.ContractState.Submitted)));
        Assert.Equal(1, submitted);
    }
}
