using Crm.Messaging.Outbox;
using Microsoft.Extensions.Options;

namespace Crm.Customers.Services;

/// <summary>Scorecard evaluations (客户评价) by the owner rep or a manager, weighted with the branch's weights (评价权重).</summary>
public sealed class CustomerEvaluations(
    CustomersDbContext db, CustomerAccess access, TimeProvider clock, CustomersMetrics metrics, IOptions<CustomersOptions> options)
{
    public async Task<ScorecardEvaluation> EvaluateAsync(Guid id, EvaluationRequest request, CancellationToken cancellationToken)
    {
        var customer = await db.LoadCustomerAsync(id, cancellationToken);
        access.EnsureCanEvaluate(customer);
        ScorecardEvaluation.Validate(
            new ValidationErrors(), request.Initiative, request.Capability, request.Reputation, request.Relations, request.Comment).ThrowIfAny();

        var weights = await WeightsOfAsync(customer.BranchId, cancellationToken);
        var now = clock.GetUtcNow();
        var evaluation = ScorecardEvaluation.Record(
            customer, new ScorecardScores(request.Initiative!.Value, request.Capability!.Value, request.Reputation!.Value, request.Relations!.Value),
            weights, CustomerProfile.Clean(request.Comment), access.Actor, now);
        db.Evaluations.Add(evaluation);
        db.AddIntegrationEvent(CustomerIntegrationEvents.Evaluated(customer, evaluation, now), clock);
        await db.SaveChangesAsync(cancellationToken);
        metrics.Evaluation();
        return evaluation;
    }

    /// <summary>The branch's weights, or the configured defaults (not saved) when its managers have set none.</summary>
    public async Task<ScorecardWeights> WeightsOfAsync(string branchId, CancellationToken cancellationToken) =>
        await db.ScorecardWeights.FirstOrDefaultAsync(w => w.BranchId == branchId, cancellationToken) ?? DefaultWeights(branchId);

    public ScorecardWeights DefaultWeights(string branchId) => ScorecardWeights.Create(
        branchId, options.Value.InitiativeWeight, options.Value.CapabilityWeight, options.Value.ReputationWeight,
        options.Value.RelationsWeight, "configuration", DateTimeOffset.MinValue);

    public async Task<ScorecardWeights> SetWeightsAsync(ScorecardWeightsRequest request, CancellationToken cancellationToken)
    {
        new ValidationErrors()
            .Required("initiative", request.Initiative)
            .Required("capability", request.Capability)
            .Required("reputation", request.Reputation)
            .Required("relations", request.Relations)
            .Required("version", request.Version, "0 while the branch uses the default weights")
            .ThrowIfAny();
        var branch = access.User.BranchId;
        var weights = await db.ScorecardWeights.FirstOrDefaultAsync(w => w.BranchId == branch, cancellationToken);
        if (weights is null)
        {
            ExpectedVersion.Check("scorecard weights", 0, request.Version!.Value);
            weights = ScorecardWeights.Create(
                branch, request.Initiative!.Value, request.Capability!.Value, request.Reputation!.Value, request.Relations!.Value, access.Actor.Id, clock.GetUtcNow());
            db.ScorecardWeights.Add(weights);
        }
        else
        {
            weights.Change(request.Initiative!.Value, request.Capability!.Value, request.Reputation!.Value, request.Relations!.Value,
                request.Version!.Value, access.Actor.Id, clock.GetUtcNow());
        }
        await db.SaveChangesAsync(cancellationToken);
        return weights;
    }
}
