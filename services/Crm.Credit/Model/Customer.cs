using Crm.Events;

namespace Crm.Credit.Model;

/// <summary>
/// What this service knows of a customer, kept from the customers service's events: who it is, where, who owns it,
/// its status and its latest scorecard. Events of different kinds travel on different queues and may arrive out of
/// order, so each part is only replaced by a newer fact (a higher file version, a later instant).
/// </summary>
public sealed class Customer
{
    private Customer() { }

    public Guid Id { get; private set; }
    public string BranchId { get; private set; } = "";
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Region { get; private set; } = "";
    public string? Route { get; private set; }
    public string? Category { get; private set; }
    /// <summary>active, inactive, lost.</summary>
    public string Status { get; private set; } = "active";
    public string OwnerId { get; private set; } = "";
    public string? OwnerName { get; private set; }
    public DateTimeOffset RegisteredAt { get; private set; }

    /// <summary>The customer file's version the profile fields come from.</summary>
    public long ProfileVersion { get; private set; }
    public DateTimeOffset OwnerChangedAt { get; private set; }
    public DateTimeOffset StatusChangedAt { get; private set; }

    /// <summary>The latest scorecard's weighted score (客户评价, 0–100), an input of grading.</summary>
    public decimal? ScorecardScore { get; private set; }
    public DateTimeOffset? ScorecardAt { get; private set; }
    public Guid? ScorecardId { get; private set; }

    public bool IsLost => Status == "lost";

    public static Customer From(CustomerRegistered registered) => new()
    {
        Id = registered.CustomerId,
        BranchId = registered.BranchId,
        Code = registered.Code,
        Name = registered.Name,
        Region = registered.Region,
        Route = registered.Route,
        Category = registered.Category,
        Status = string.IsNullOrEmpty(registered.Status) ? "active" : registered.Status,
        OwnerId = registered.OwnerId,
        OwnerName = registered.OwnerName,
        RegisteredAt = registered.OccurredAt,
        ProfileVersion = 1,
        OwnerChangedAt = registered.OccurredAt,
        StatusChangedAt = registered.OccurredAt,
    };

    public void Apply(CustomerChanged changed)
    {
        if (changed.Version <= ProfileVersion) return;
        ProfileVersion = changed.Version;
        Name = changed.Name;
        Region = changed.Region;
        Route = changed.Route;
        Category = changed.Category;
    }

    public void Apply(CustomerOwnerChanged changed)
    {
        if (changed.OccurredAt < OwnerChangedAt) return;
        OwnerChangedAt = changed.OccurredAt;
        OwnerId = changed.OwnerId;
        OwnerName = changed.OwnerName;
    }

    public void Apply(CustomerStatusChanged changed)
    {
        if (changed.OccurredAt < StatusChangedAt) return;
        StatusChangedAt = changed.OccurredAt;
        Status = changed.Status;
    }

    public void Apply(CustomerEvaluated evaluated)
    {
        if (ScorecardAt is { } latest && evaluated.OccurredAt < latest) return;
        ScorecardAt = evaluated.OccurredAt;
        ScorecardScore = evaluated.WeightedScore;
        ScorecardId = evaluated.EvaluationId;
    }
}

/// <summary>A complaint (客诉) opened against a customer, kept from <c>crm.complaint-opened</c> for grading.</summary>
public sealed class Complaint
{
    private Complaint() { }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public string BranchId { get; private set; } = "";
    public DateTimeOffset OpenedAt { get; private set; }
    public string Subject { get; private set; } = "";

    public static Complaint From(ComplaintOpened opened) => new()
    {
        Id = opened.ComplaintId,
        CustomerId = opened.CustomerId,
        BranchId = opened.BranchId,
        OpenedAt = opened.OccurredAt,
        Subject = opened.Subject.Length > 200 ? opened.Subject[..200] : opened.Subject,
    };
}
