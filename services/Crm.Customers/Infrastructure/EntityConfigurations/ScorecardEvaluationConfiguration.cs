namespace Crm.Customers.Infrastructure.EntityConfigurations;

/// <summary>Scorecard evaluations (客户评价).</summary>
public sealed class ScorecardEvaluationConfiguration : IEntityTypeConfiguration<ScorecardEvaluation>
{
    public void Configure(EntityTypeBuilder<ScorecardEvaluation> evaluation)
    {
        evaluation.HasKey(e => e.Id);
        evaluation.Property(e => e.Comment).HasMaxLength(ScorecardEvaluation.CommentMaxLength);
        evaluation.Property(e => e.EvaluatedByName).HasMaxLength(100);
        evaluation.HasIndex(e => new { e.CustomerId, e.EvaluatedAt });
    }
}
