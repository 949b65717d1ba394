namespace Crm.Contracts.Tests;

/// <summary>draft → submitted → approved / rejected → signed → active → terminated, with wrong roles and wrong states.</summary>
public sealed class LifecycleTests(ContractsSystem contracts) : IClassFixture<ContractsSystem>
{
    private static string[] Actions(JsonElement view) => view.GetProperty("timeline").EnumerateArray().Select(t => t.String("action")!).ToArray();

    [Fact]
    public async Task A_draft_gets_a_number_of_its_branch_and_year_and_its_computed_line_amounts()
    {
        var customer = await contracts.RegisterCustomerAsync();
        var first = await contracts.CreateAsync(ContractsSystem.Draft(customer, total: 12_345m));
        var second = await contracts.CreateAsync(ContractsSystem.Draft(customer));

        Assert.Matches(@"^SH-2026-\d{4}$", first.String("number"));
        var n1 = int.Parse(first.String("number")![^4..]);
        var n2 = int.Parse(second.String("number")![^4..]);
        Assert.True(n2 > n1, $"{second.String("number")} should follow {first.String("number")}");
        Assert.Equal("draft", first.String("state"));
        Assert.Equal(1, first.GetProperty("version").GetInt64());
        Assert.False(first.TryGetProperty("sections", out _)); // the answer carries no contents

        var id = first.GetProperty("id").GetGuid();
        var stored = await contracts.QueryAsync(db => db.Contracts.AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal(12_345m, stored.TotalAmount);
        Assert.Equal(12_345m, stored.Sections.Lines![0].Amount);
        Assert.Equal("华美日化集团SH分公司", stored.Sections.Parties!.Company!.LegalName); // our party from the branch's settings
    }

    [Fact]
    public async Task Numbers_drawn_at_the_same_moment_are_all_different()
    {
        var customer = await contracts.RegisterCustomerAsync();
        var created = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => contracts.CreateAsync(ContractsSystem.Draft(customer))));
        Assert.Equal(8, created.Select(c => c.String("number")).Distinct().Count());
    }

    [Fact]
    public async Task Each_section_is_validated_by_its_own_rules_all_at_once()
    {
        var customer = await contracts.RegisterCustomerAsync();
        using var rep = contracts.Rep();
        var problem = await (await rep.Post("/api/contracts", new
        {
            customerId = customer,
            title = "坏合同",
            lines = new[] { new { product = "洗衣粉", quantity = 10m, unitPrice = 3m, amount = 31m } },
            distributionRights = new { level = "exclusive", territories = Array.Empty<string>(), productLines = new[] { "洗衣粉" } },
            settlement = new { type = "credit", paymentTermDays = 366 },
            policies = new { rebateTiers = new[] { new { threshold = 500m, percent = 2m }, new { threshold = 100m, percent = 101m } } },
            ordering = new { returnWindowDays = 731, exchangeWindowDays = -1 },
            signing = new { effectiveOn = "2027-01-01", expiresOn = "2026-12-31", noticeDays = 800 },
        })).ProblemAsync(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "lines[0].amount", "distributionRights.territories", "settlement.paymentTermDays", "policies.rebateTiers[1].threshold",
            "policies.rebateTiers[1].percent", "ordering.returnWindowDays", "ordering.exchangeWindowDays", "signing.expiresOn", "signing.noticeDays",
        }, errors);
        Assert.Equal(0, await contracts.QueryAsync(db => db.Contracts.CountAsync(c => c.CustomerId == customer))); // nothing written
    }

    [Fact]
    public async Task Only_the_owner_rep_or_the_custodian_drafts_and_only_the_author_or_custodian_edits_a_draft_with_its_version()
    {
        var customer = await contracts.RegisterCustomerAsync(owner: "rep-1");
        using (var stranger = contracts.Rep("rep-2"))
            await (await stranger.Post("/api/contracts", ContractsSystem.Draft(customer))).ProblemAsync(HttpStatusCode.Forbidden);
        using (var otherBranch = contracts.Rep("rep-1", "bj"))
            await (await otherBranch.Post("/api/contracts", ContractsSystem.Draft(customer))).ProblemAsync(HttpStatusCode.NotFound);
        using (var clerk = contracts.As("clerk-1", "sh", "inside-sales"))
            await (await clerk.Post("/api/contracts", ContractsSystem.Draft(customer))).ProblemAsync(HttpStatusCode.Forbidden);

        var draft = await contracts.CreateAsync(ContractsSystem.Draft(customer));
        var id = draft.GetProperty("id").GetGuid();
        using var rep = contracts.Rep();
        await (await rep.Put($"/api/contracts/{id}", new { title = "改标题" })).ProblemAsync(HttpStatusCode.BadRequest); // no version
        var edited = await (await rep.Put($"/api/contracts/{id}", new { title = "改标题", version = 1, lines = new[] { new { product = "肥皂", quantity = 2m, unitPrice = 5m } } })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, edited.GetProperty("contract").GetProperty("version").GetInt64());
        await (await rep.Put($"/api/contracts/{id}", new { title = "再改", version = 1 })).ProblemAsync(HttpStatusCode.Conflict); // stale
        using (var notAuthor = contracts.As("rep-1b", "sh", "sales-rep"))
            await (await notAuthor.Put($"/api/contracts/{id}", new { title = "别人改", version = 2 })).ProblemAsync(HttpStatusCode.Forbidden);
        using (var custodian = contracts.Custodian())
            await (await custodian.Put($"/api/contracts/{id}", With(ContractsSystem.Draft(customer), 2))).JsonAsync(HttpStatusCode.OK);

        await (await rep.Post($"/api/contracts/{id}/submit", new { })).JsonAsync(HttpStatusCode.OK);
        await (await rep.Put($"/api/contracts/{id}", new { title = "提交后改", version = 4 })).ProblemAsync(HttpStatusCode.Conflict); // drafts only
    }

    private static Dictionary<string, object?> With(object body, long version)
    {
        var map = JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(body))!;
        map["version"] = version;
        return map;
    }

    [Fact]
    public async Task An_incomplete_draft_cannot_be_submitted()
    {
        var customer = await contracts.RegisterCustomerAsync();
        var draft = await contracts.CreateAsync(new { customerId = customer, title = "空白合同" });
        using var rep = contracts.Rep();
        var problem = await (await rep.Post($"/api/contracts/{draft.String("id")}/submit", new { })).ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Contains("lines", errors);
        Assert.Contains("signing.effectiveOn", errors);
        Assert.Contains("settlement.paymentTermDays", errors);
    }

    [Fact]
    public async Task The_whole_path_from_draft_to_active_to_terminated_is_on_the_timeline_and_publishes_signed_and_terminated()
    {
        var customer = await contracts.RegisterCustomerAsync();
        await using var signed = await contracts.SubscribeAsync("crm.contract-signed");
        await using var terminated = await contracts.SubscribeAsync("crm.contract-terminated");
        var id = (await contracts.CreateAsync(ContractsSystem.Draft(customer, total: 80_000m, returnWindowDays: 10))).GetProperty("id").GetGuid();
        using var rep = contracts.Rep();
        using var sam = contracts.Approver("sales-admin-manager");
        using var custodian = contracts.Custodian();

        await (await custodian.Post($"/api/contracts/{id}/sign", new { signedOn = ContractsSystem.Today })).ProblemAsync(HttpStatusCode.Conflict); // not approved
        await (await sam.Post($"/api/contracts/{id}/approve", new { })).ProblemAsync(HttpStatusCode.Conflict); // not submitted
        var submitted = await (await rep.Post($"/api/contracts/{id}/submit", new { })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("submitted", submitted.GetProperty("contract").String("state"));
        Assert.Equal("sales-admin-manager", submitted.GetProperty("contract").String("awaitingRole"));
        await (await rep.Post($"/api/contracts/{id}/submit", new { })).ProblemAsync(HttpStatusCode.Conflict); // submitted already

        var approved = await (await sam.Post($"/api/contracts/{id}/approve", new { comment = "条款齐全" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("approved", approved.GetProperty("contract").String("state"));
        var step = approved.GetProperty("steps")[0];
        Assert.Equal("sales-admin-manager-sh", step.String("decidedBy"));
        Assert.Equal("条款齐全", step.String("comment"));
        Assert.NotEqual(JsonValueKind.Null, step.GetProperty("decidedAt").ValueKind);
        await (await sam.Post($"/api/contracts/{id}/approve", new { })).ProblemAsync(HttpStatusCode.Conflict); // decided already

        using (var repSigning = contracts.Rep())
            await (await repSigning.Post($"/api/contracts/{id}/sign", new { signedOn = ContractsSystem.Today })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await custodian.Post($"/api/contracts/{id}/sign", new { })).ProblemAsync(HttpStatusCode.BadRequest);
        var active = await (await custodian.Post($"/api/contracts/{id}/sign", new { signedOn = ContractsSystem.Today, signedAt = "上海" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("active", active.GetProperty("contract").String("state")); // effective today
        Assert.Equal(1, active.GetProperty("contract").GetProperty("contractVersion").GetInt32());

        var message = (await signed.NextAsync(m => m.GetProperty("contractId").GetGuid() == id)).Message;
        Assert.Equal(customer, message.GetProperty("customerId").GetGuid());
        Assert.Equal("sh", message.String("branchId"));
        Assert.Equal(1, message.GetProperty("contractVersion").GetInt32());
        Assert.Equal(ContractsSystem.Today.ToString("yyyy-MM-dd"), message.String("effectiveOn"));
        Assert.Equal(80_000m, message.Money("totalAmount"));
        Assert.Equal("rep-1", message.String("ownerId"));
        var terms = message.GetProperty("terms");
        Assert.Equal(10, terms.GetProperty("returnWindowDays").GetInt32());
        Assert.Equal(15, terms.GetProperty("exchangeWindowDays").GetInt32());
        Assert.Equal(30, terms.GetProperty("paymentTermDays").GetInt32());
        Assert.Equal("credit", terms.String("settlementType"));
        Assert.Equal("distribution", terms.String("distributionLevel"));
        Assert.Equal(["洗衣粉"], terms.GetProperty("productLines").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["华东"], terms.GetProperty("territories").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal([100_000m, 500_000m], terms.GetProperty("rebateTiers").EnumerateArray().Select(t => t.Money("threshold")));

        using (var repTerminating = contracts.Rep())
            await (await repTerminating.Post($"/api/contracts/{id}/terminate", new { reason = "客户停业" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await sam.Post($"/api/contracts/{id}/terminate", new { })).ProblemAsync(HttpStatusCode.BadRequest); // a reason is needed
        var ended = await (await sam.Post($"/api/contracts/{id}/terminate", new { reason = "客户停业 closed down", terminatedOn = ContractsSystem.Today.AddDays(10) })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("terminated", ended.GetProperty("contract").String("state"));
        await (await sam.Post($"/api/contracts/{id}/terminate", new { reason = "again" })).ProblemAsync(HttpStatusCode.Conflict);
        var end = (await terminated.NextAsync(m => m.GetProperty("contractId").GetGuid() == id)).Message;
        Assert.Equal(ContractsSystem.Today.AddDays(10).ToString("yyyy-MM-dd"), end.String("terminatedOn"));
        Assert.Equal("客户停业 closed down", end.String("reason"));

        Assert.Equal(["created", "submitted", "step-approved", "approved", "signed", "activated", "terminated"], Actions(ended));
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_returns_the_contract_to_draft_with_it_and_a_resubmission_starts_a_new_round()
    {
        var customer = await contracts.RegisterCustomerAsync();
        var id = (await contracts.CreateAsync(ContractsSystem.Draft(customer))).GetProperty("id").GetGuid();
        using var rep = contracts.Rep();
        using var sam = contracts.Approver("sales-admin-manager");
        await (await rep.Post($"/api/contracts/{id}/submit", new { })).JsonAsync(HttpStatusCode.OK);

        await (await sam.Post($"/api/contracts/{id}/reject", new { })).ProblemAsync(HttpStatusCode.BadRequest);
        var rejected = await (await sam.Post($"/api/contracts/{id}/reject", new { reason = "账期过长 payment term too long" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("draft", rejected.GetProperty("contract").String("state"));
        Assert.Equal("账期过长 payment term too long", rejected.GetProperty("contract").String("rejectionReason"));
        Assert.Equal("rejected", rejected.GetProperty("steps")[0].String("decision"));
        await (await sam.Post($"/api/contracts/{id}/reject", new { reason = "again" })).ProblemAsync(HttpStatusCode.Conflict);

        var version = rejected.GetProperty("contract").GetProperty("version").GetInt64();
        await (await rep.Put($"/api/contracts/{id}", new { version, settlement = new { type = "credit", paymentTermDays = 15 } })).JsonAsync(HttpStatusCode.OK);
        var again = await (await rep.Post($"/api/contracts/{id}/submit", new { })).JsonAsync(HttpStatusCode.OK);
        var steps = again.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal([1, 2], steps.Select(s => s.GetProperty("round").GetInt32()));
        Assert.Equal(JsonValueKind.Null, steps[1].GetProperty("decision").ValueKind);
        Assert.Equal(JsonValueKind.Null, again.GetProperty("contract").GetProperty("rejectionReason").ValueKind);
        Assert.Contains("rejected", Actions(again));
    }

    [Fact]
    public async Task Whoever_filed_or_submitted_a_contract_cannot_approve_any_step_of_it()
    {
        var customer = await contracts.RegisterCustomerAsync(owner: "boss-1");
        // One person with both roles: files as the owner rep, and would approve as the sales administration manager.
        using var both = contracts.As("boss-1", "sh", "sales-rep", "sales-admin-manager");
        var draft = await (await both.Post("/api/contracts", ContractsSystem.Draft(customer))).JsonAsync(HttpStatusCode.Created);
        var id = draft.GetProperty("contract").GetProperty("id").GetGuid();
        await (await both.Post($"/api/contracts/{id}/submit", new { })).JsonAsync(HttpStatusCode.OK);
        var problem = await (await both.Post($"/api/contracts/{id}/approve", new { })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("separation of duties", problem.String("detail"));
        Assert.Equal("separation-of-duties", problem.String("rule"));

        // The custodian drafts, the owner rep submits: the owner may not approve either.
        var custodianDraft = await (await contracts.Custodian().Post("/api/contracts", ContractsSystem.Draft(customer))).JsonAsync(HttpStatusCode.Created);
        var second = custodianDraft.GetProperty("contract").GetProperty("id").GetGuid();
        await (await both.Post($"/api/contracts/{second}/submit", new { })).JsonAsync(HttpStatusCode.OK);
        await (await both.Post($"/api/contracts/{second}/approve", new { })).ProblemAsync(HttpStatusCode.Forbidden);
        using var other = contracts.Approver("sales-admin-manager");
        await (await other.Post($"/api/contracts/{second}/approve", new { })).JsonAsync(HttpStatusCode.OK);
        var state = await contracts.QueryAsync(db => db.Contracts.Where(c => c.Id == second).Select(c => c.State).SingleAsync());
        Assert.Equal(ContractState.Approved, state);
    }

    [Fact]
    public async Task A_contract_signed_before_its_effective_date_is_signed_not_active()
    {
        var customer = await contracts.RegisterCustomerAsync();
        var id = await contracts.SignedAsync(ContractsSystem.Draft(customer, effectiveOn: ContractsSystem.Today.AddDays(20)));
        Assert.Equal(ContractState.Signed, await contracts.QueryAsync(db => db.Contracts.Where(c => c.Id == id).Select(c => c.State).SingleAsync()));
        using var sam = contracts.Approver("sales-admin-manager");
        await (await sam.Post($"/api/contracts/{id}/sign", new { signedOn = ContractsSystem.Today })).ProblemAsync(HttpStatusCode.Conflict);
        using var custodian = contracts.Custodian();
        var list = await (await custodian.GetAsync($"/api/contracts?customerId={customer}&status=signed")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Templates_pre_fill_a_draft_under_its_own_sections_and_settings_keep_their_version()
    {
        var customer = await contracts.RegisterCustomerAsync();
        using var manager = contracts.Approver("sales-admin-manager");
        var templateId = Guid.NewGuid();
        await (await manager.Put($"/api/contracts/templates/{templateId}", new
        {
            name = "标准经销合同",
            quality = new { standard = "企业标准 Q/HM 001", warrantyMonths = 12 },
            ordering = new { minimumOrder = 1000m, returnWindowDays = 5, exchangeWindowDays = 10 },
            breach = new { penalty = "按合同总额 5% 计", venue = "上海仲裁委员会" },
        })).JsonAsync(HttpStatusCode.Created);
        await (await manager.Put($"/api/contracts/templates/{templateId}", new { name = "标准经销合同 v2", version = 7 })).ProblemAsync(HttpStatusCode.Conflict);
        using (var rep = contracts.Rep())
            await (await rep.GetAsync("/api/contracts/templates")).ProblemAsync(HttpStatusCode.Forbidden);

        var draft = await contracts.CreateAsync(new
        {
            customerId = customer,
            title = "按模板",
            templateId,
            ordering = new { minimumOrder = 2000m, returnWindowDays = 9, exchangeWindowDays = 9 },
        });
        var id = draft.GetProperty("id").GetGuid();
        var sections = await contracts.QueryAsync(db => db.Contracts.Where(c => c.Id == id).Select(c => c.Sections).SingleAsync());
        Assert.Equal("企业标准 Q/HM 001", sections.Quality!.Standard);   // from the template
        Assert.Equal(9, sections.Ordering!.ReturnWindowDays);            // the draft's own wins
        Assert.Equal("上海仲裁委员会", sections.Breach!.Venue);

        var settings = await (await manager.GetAsync("/api/contracts/settings")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(ContractsSystem.Threshold1, settings.GetProperty("approvalThreshold1").GetDecimal());
        Assert.Equal([30, 15, 7], settings.GetProperty("reminderDays").EnumerateArray().Select(d => d.GetInt32()));
        await (await manager.Put("/api/contracts/settings", new { approvalThreshold1 = 5m, approvalThreshold2 = 1m, reminderDays = new[] { 0 } })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await manager.Put("/api/contracts/settings", new
        {
            approvalThreshold1 = ContractsSystem.Threshold1, approvalThreshold2 = ContractsSystem.Threshold2, reminderDays = new[] { 30, 15, 7 },
            company = settings.GetProperty("company"), version = 99,
        })).ProblemAsync(HttpStatusCode.Conflict);
    }
}
