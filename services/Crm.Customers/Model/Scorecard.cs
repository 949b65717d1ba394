namespace Crm.Customers.Model;

/// <summary>The four parts of the evaluation scorecard (客户评价), each scored 0–100.</summary>
public sealed record ScorecardScores(decimal Initiative, decimal Capability, decimal Reputation, decimal Relations);

/// <summary>
/// How much each part counts, in percent, summing to 100: enthusiasm/initiative (积极性), operating capability
/// (经营能力), reputation (信誉), social relations (社会关系). One set per branch, changed by its managers.
/// </summary>
public sealed class ScorecardWeights : IBranchOwned
{
    private ScorecardWeights() { }

    public string BranchId { get; private set; } = "";
    public int Initiative { get; private set; }
    public int Capability { get; private set; }
    public int Reputation { get; private set; }
    public int Relations { get; private set; }
    public long Version { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }

    public static ScorecardWeights Create(string branchId, int initiative, int capability, int reputation, int relations, string by, DateTimeOffset now)
    {
        Validate(initiative, capability, reputation, relations);
        return new ScorecardWeights
        {
            BranchId = branchId, Initiative = initiative, Capability = capability, Reputation = reputation, Relations = relations,
            Version = 1, UpdatedBy = by, UpdatedAt = now,
        };
    }

    public void Change(int initiative, int capability, int reputation, int relations, long expectedVersion, string by, DateTimeOffset now)
    {
        ExpectedVersion.Check("scorecard weights", Version, expectedVersion);
        Validate(initiative, capability, reputation, relations);
        (Initiative, Capability, Reputation, Relations) = (initiative, capability, reputation, relations);
        Version++;
        UpdatedBy = by;
        UpdatedAt = now;
    }

    /// <summary>The weighted score, 0–100, to two places.</summary>
    public decimal Weigh(ScorecardScores scores) => decimal.Round(
        (scores.Initiative * Initiative + scores.Capability * Capability + scores.Reputation * Reputation + scores.Relations * Relations) / 100m,
        2, MidpointRounding.AwayFromZero);

    private static void Validate(int initiative, int capability, int reputation, int relations)
    {
        var errors = new ValidationErrors()
            .Range("initiative", initiative, 0, 100)
            .Range("capability", capability, 0, 100)
            .Range("reputation", reputation, 0, 100)
            .Range("relations", relations, 0, 100);
        errors.ThrowIfAny();
        var sum = initiative + capability + reputation + relations;
        if (sum != 100)
            throw new RequestValidationException("weights", $"The four weights are percentages and must add up to 100 (they add up to {sum}).");
    }
}

/// <summary>A scorecard evaluation: the scores, the weights in force, the weighted score, and the evaluator's comment.</summary>
public sealed class ScorecardEvaluation : IBranchOwned
{
    public const int CommentMaxLength = 2000;

    private ScorecardEvaluation() { }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public string BranchId { get; private set; } = "";
    public decimal Initiative { get; private set; }
    public decimal Capability { get; private set; }
    public decimal Reputation { get; private set; }
    public decimal Relations { get; private set; }
    public int InitiativeWeight { get; private set; }
    public int CapabilityWeight { get; private set; }
    public int ReputationWeight { get; private set; }
    public int RelationsWeight { get; private set; }
    public decimal WeightedScore { get; private set; }
    public string? Comment { get; private set; }
    public string EvaluatedBy { get; private set; } = "";
    public string EvaluatedByName { get; private set; } = "";
    public DateTimeOffset EvaluatedAt { get; private set; }

    /// <summary>Each part required, 0–100; the comment bounded.</summary>
    public static ValidationErrors Validate(
        ValidationErrors errors, decimal? initiative, decimal? capability, decimal? reputation, decimal? relations, string? comment) => errors
        .Required("initiative", initiative).Range("initiative", initiative, 0, 100)
        .Required("capability", capability).Range("capability", capability, 0, 100)
        .Required("reputation", reputation).Range("reputation", reputation, 0, 100)
        .Required("relations", relations).Range("relations", relations, 0, 100)
        .MaxLength("comment", comment, CommentMaxLength);

    public static ScorecardEvaluation Record(Customer customer, ScorecardScores scores, ScorecardWeights weights, string? comment, Actor by, DateTimeOffset now)
    {
        Validate(new ValidationErrors(), scores.Initiative, scores.Capability, scores.Reputation, scores.Relations, comment).ThrowIfAny();
        return new ScorecardEvaluation
        {
            Id = Guid.CreateVersion7(now), CustomerId = customer.Id, BranchId = customer.BranchId,
            Initiative = scores.Initiative, Capability = scores.Capability, Reputation = scores.Reputation, Relations = scores.Relations,
            InitiativeWeight = weights.Initiative, CapabilityWeight = weights.Capability,
            ReputationWeight = weights.Reputation, RelationsWeight = weights.Relations,
            WeightedScore = weights.Weigh(scores), Comment = comment, EvaluatedBy = by.Id, EvaluatedByName = by.Name, EvaluatedAt = now,
        };
    }
}
