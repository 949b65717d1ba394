namespace Crm.Customers.Model;

/// <summary>The next customer number of a branch; codes are unique and never reused.</summary>
public sealed class BranchCodeCounter : IBranchOwned
{
    private BranchCodeCounter() { }

    public BranchCodeCounter(string branchId) => BranchId = branchId;

    public string BranchId { get; private set; } = "";
    public long LastNumber { get; private set; }

    /// <summary>Concurrency token: two registrations in one branch cannot take the same number.</summary>
    public long Version { get; private set; }

    public string Next()
    {
        LastNumber++;
        Version++;
        return $"{BranchId.ToUpperInvariant()}-{LastNumber:D6}";
    }
}
