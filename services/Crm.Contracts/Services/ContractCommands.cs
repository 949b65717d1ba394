using Crm.Messaging.Outbox;

namespace Crm.Contracts.Services;

/// <summary>
/// The contract's lifecycle: drafts, submission with the steps the amount calls for, approval, signing, amendments,
/// renewal, notice, termination and custody. Each action is one transaction with the events it publishes.
/// </summary>
public sealed class ContractCommands(
    ContractsDbContext db, ContractAccess access, BusinessCalendar calendar, TimeProvider clock, SettingsReader settings, ContractsMetrics metrics)
{
    public async Task<ContractStatusView> CreateAsync(CreateContractRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (contract, customer) = await db.WriteAsync(async ct =>
        {
            var customer = await CustomerAsync(request.CustomerId!.Value, ct);
            access.EnsureCanCreateFor(customer);
            var sections = request.ToSections();
            if (request.TemplateId is { } templateId)
            {
                var template = await db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == templateId, ct)
                    ?? throw new NotFoundException("contract template", templateId);
                sections = template.Sections.Overlay(sections);
            }
            var branchSettings = await settings.ForBranchAsync(customer.BranchId, ct);
            sections = WithParties(sections.Normalized(), branchSettings, customer);
            sections.Validate(new ValidationErrors()).ThrowIfAny();
            var number = await NextNumberAsync(customer.BranchId, ct);
            var contract = Contract.Draft(customer.BranchId, customer.Id, number, request.Title!, request.TemplateId, sections, access.Actor, now);
            db.Contracts.Add(contract);
            await db.SaveChangesAsync(ct);
            return (contract, customer);
        }, cancellationToken, WriteConflicts.ConcurrencyAndUniqueKeys);
        metrics.Transition("created");
        return ContractStatusView.From(contract, customer);
    }

    public Task<ContractStatusView> UpdateAsync(Guid id, UpdateContractRequest request, long expectedVersion, CancellationToken cancellationToken) =>
        ChangeAsync(id, "updated", async (contract, customer, now, ct) =>
        {
            access.EnsureCanEdit(contract);
            ExpectedVersion.Check("contract", contract.Version, expectedVersion);
            var branchSettings = await settings.ForBranchAsync(contract.BranchId, ct);
            // Each section sent replaces the draft's; a section left out stays as it was.
            var sections = WithParties(contract.Sections.Overlay(request.ToSections()).Normalized(), branchSettings, customer);
            sections.Validate(new ValidationErrors()).ThrowIfAny();
            contract.Update(request.Title, sections, access.Actor, now);
        }, cancellationToken);

    /// <summary>
    /// One change to a contract in one write (retried on a write conflict): loads it with its customer, lets
    /// <paramref name="change"/> act, saves; counts <paramref name="transition"/> once committed.
    /// </summary>
    private async Task<ContractStatusView> ChangeAsync(
        Guid id, string transition, Func<Contract, CustomerReference, DateTimeOffset, CancellationToken, Task> change, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (contract, customer) = await db.WriteAsync(async ct =>
        {
            var contract = await ContractAsync(id, ct);
            var customer = await db.Customers.IgnoreQueryFilters().FirstAsync(c => c.Id == contract.CustomerId, ct);
            await change(contract, customer, now, ct);
            await db.SaveChangesAsync(ct);
            return (contract, customer);
        }, cancellationToken, WriteConflicts.ConcurrencyAndUniqueKeys);
        metrics.Transition(transition);
        return ContractStatusView.From(contract, customer);
    }

    /// <summary>
    /// Submits a draft: the steps come from the branch's thresholds at the contract's total; an exclusive right that
    /// overlaps another one claimed is refused (422), under the exclusive-rights lock so that two at once cannot both pass.
    /// </summary>
    public async Task<ContractStatusView> SubmitAsync(Guid id, long? expectedVersion, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.BeginExclusiveRightsTransactionAsync(cancellationToken);
        var contract = await ContractAsync(id, cancellationToken);
        var customer = await db.Customers.IgnoreQueryFilters().FirstAsync(c => c.Id == contract.CustomerId, cancellationToken);
        access.EnsureCanSubmit(contract, customer.OwnerId);
        if (expectedVersion is { } expected) ExpectedVersion.Check("contract", contract.Version, expected);
        var branchSettings = await settings.ForBranchAsync(contract.BranchId, cancellationToken);
        contract.UseCompanyParty(branchSettings.Company);
        contract.Submit(branchSettings.StepsFor(contract.TotalAmount), access.Actor, now);
        await EnsureNoExclusiveOverlapAsync(contract, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.Transition("submitted");
        return ContractStatusView.From(contract, customer);
    }

    public async Task<ContractStatusView> DecideAsync(Guid id, StepDecision decision, string? comment, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.BeginExclusiveRightsTransactionAsync(cancellationToken);
        var contract = await ContractAsync(id, cancellationToken);
        var customer = await db.Customers.IgnoreQueryFilters().FirstAsync(c => c.Id == contract.CustomerId, cancellationToken);
        var role = contract.CurrentStep?.Role;
        var approved = contract.Decide(decision, access.User, comment, now);
        if (decision == StepDecision.Approved) await EnsureNoExclusiveOverlapAsync(contract, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.Decision(role!, decision);
        if (decision == StepDecision.Rejected) metrics.Transition("rejected");
        if (approved) metrics.Transition("approved");
        return ContractStatusView.From(contract, customer);
    }

    /// <summary>Signs an approved contract: version 1 and <c>crm.contract-signed</c> with its terms.</summary>
    public async Task<ContractStatusView> SignAsync(Guid id, DateOnly signedOn, string? place, CancellationToken cancellationToken)
    {
        var active = false;
        var view = await ChangeAsync(id, "signed", (contract, customer, now, _) =>
        {
            var version = contract.Sign(signedOn, place, access.Actor, calendar.DateOf(now), now);
            db.ContractVersions.Add(version);
            db.AddIntegrationEvent(ContractIntegrationEvents.Signed(contract, version, customer.OwnerId, now), clock);
            active = contract.State == ContractState.Active;
            return Task.CompletedTask;
        }, cancellationToken);
        if (active) metrics.Transition("activated");
        return view;
    }

    /// <summary>An amendment (补充协议): a new version from its effective date; <c>crm.contract-amended</c>.</summary>
    public async Task<ContractStatusView> AmendAsync(Guid id, AmendContractRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var changes = request.ToSections();
        // A changed distribution right is checked against the others' like a new one, under the same lock.
        await using var transaction = await db.BeginExclusiveRightsTransactionAsync(cancellationToken);
        var contract = await ContractAsync(id, cancellationToken);
        var customer = await db.Customers.IgnoreQueryFilters().FirstAsync(c => c.Id == contract.CustomerId, cancellationToken);
        var latest = await db.ContractVersions.Where(v => v.ContractId == contract.Id).MaxAsync(v => (DateOnly?)v.EffectiveOn, cancellationToken)
            ?? contract.EffectiveOn!.Value;
        var version = contract.Amend(changes, request.EffectiveOn!.Value, latest, request.Reason, access.Actor, now);
        if (changes.DistributionRights is not null) await EnsureNoExclusiveOverlapAsync(contract, cancellationToken);
        db.ContractVersions.Add(version);
        db.AddIntegrationEvent(ContractIntegrationEvents.Amended(contract, version, now), clock);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.Transition("amended");
        return ContractStatusView.From(contract, customer);
    }

    /// <summary>Renewal (续签): the successor draft for the next term, from the latest version's sections, linked both ways.</summary>
    public async Task<ContractStatusView> RenewAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (successor, customer) = await db.WriteAsync(async ct =>
        {
            var contract = await ContractAsync(id, ct);
            var customer = await db.Customers.IgnoreQueryFilters().FirstAsync(c => c.Id == contract.CustomerId, ct);
            access.EnsureCanManage(contract, customer.OwnerId);
            var start = contract.ExpiresOn!.Value.AddDays(1);
            var end = Contract.NextTermEnd(contract.TermStartOn ?? contract.EffectiveOn!.Value, contract.ExpiresOn.Value);
            var branchSettings = await settings.ForBranchAsync(contract.BranchId, ct);
            var sections = WithParties(contract.Sections with
            {
                Signing = (contract.Sections.Signing ?? new SigningSection()) with { SignedOn = null, EffectiveOn = start, ExpiresOn = end },
                DistributionRights = contract.Sections.DistributionRights is { } rights ? rights with { From = null, To = null } : null,
            }, branchSettings, customer);
            var number = await NextNumberAsync(contract.BranchId, ct);
            var successor = Contract.Draft(contract.BranchId, contract.CustomerId, number, contract.Title, contract.TemplateId, sections, access.Actor, now, renews: contract.Id);
            contract.LinkSuccessor(successor, access.Actor, now);
            db.Contracts.Add(successor);
            await db.SaveChangesAsync(ct);
            return (successor, customer);
        }, cancellationToken, WriteConflicts.ConcurrencyAndUniqueKeys);
        metrics.Transition("renewed");
        return ContractStatusView.From(successor, customer);
    }

    public Task<ContractStatusView> GiveNoticeAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, "notice-given", (contract, customer, now, _) =>
        {
            access.EnsureCanManage(contract, customer.OwnerId);
            contract.GiveNotice(calendar.DateOf(now), access.Actor, now);
            return Task.CompletedTask;
        }, cancellationToken);

    public Task<ContractStatusView> TerminateAsync(Guid id, string reason, DateOnly? terminatedOn, CancellationToken cancellationToken) =>
        ChangeAsync(id, "terminated", (contract, _, now, _) =>
        {
            contract.Terminate(terminatedOn ?? calendar.DateOf(now), reason, access.Actor, now);
            db.AddIntegrationEvent(ContractIntegrationEvents.Terminated(contract, now), clock);
            return Task.CompletedTask;
        }, cancellationToken);

    public Task<ContractStatusView> ArchiveAsync(Guid id, CustodyRequest request, long expectedVersion, CancellationToken cancellationToken) =>
        ChangeAsync(id, "archived", (contract, _, now, _) =>
        {
            ExpectedVersion.Check("contract", contract.Version, expectedVersion);
            contract.Archive(request.ArchiveNumber!, request.Location!, request.Category!, access.Actor, now);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>Gathers the group's competing exclusive rights for <see cref="ExclusiveTerritoryRule"/>.</summary>
    private async Task EnsureNoExclusiveOverlapAsync(Contract contract, CancellationToken cancellationToken)
    {
        if (!ExclusiveTerritoryRule.Applies(contract)) return;
        // Territories are the group's market: rights are checked across every branch.
        var claiming = await db.Contracts.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.Level == DistributionLevel.Exclusive && Contract.ClaimingStates.Contains(c.State) && c.Id != contract.Id)
            // A renewal takes over its predecessor's right: the two never compete.
            .Where(c => c.Id != contract.RenewsContractId && c.RenewedByContractId != contract.Id)
            .ToListAsync(cancellationToken);
        ExclusiveTerritoryRule.Check(contract, claiming);
    }

    private async Task<Contract> ContractAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Contracts.FirstOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw new NotFoundException("contract", id);

    private async Task<CustomerReference> CustomerAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Customers.FirstOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw new NotFoundException("customer", id);

    /// <summary>Our party always from the branch's settings; the customer's legal name defaults to its file's name.</summary>
    private static ContractSections WithParties(ContractSections sections, BranchSettings branchSettings, CustomerReference customer)
    {
        var theirs = sections.Parties?.Customer ?? new Party();
        if (string.IsNullOrWhiteSpace(theirs.LegalName)) theirs = theirs with { LegalName = customer.Name };
        return sections with { Parties = new PartiesSection { Company = branchSettings.Company, Customer = theirs } };
    }

    /// <summary>The branch's next number for this year (SH-2026-0042); the counter row's version makes it race-free.</summary>
    private async Task<string> NextNumberAsync(string branchId, CancellationToken cancellationToken)
    {
        var year = calendar.Today.Year;
        var counter = db.NumberCounters.Local.FirstOrDefault(c => c.BranchId == branchId && c.Year == year)
            ?? await db.NumberCounters.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.BranchId == branchId && c.Year == year, cancellationToken);
        if (counter is null) db.NumberCounters.Add(counter = new ContractNumberCounter(branchId, year));
        return counter.Next();
    }
}
