namespace Crm.Credit.Model;

/// <summary>
/// A customer's credit position: the outstanding balance (欠款) the ledger has built up and the credit limit (信用额度)
/// the last approved request set. The balance changes only through ledger entries and the limit only through an
/// approved request, so neither has a setter. Every change increments <see cref="Version"/>, the concurrency token
/// that keeps two entries recorded at once from both starting from the same balance.
/// </summary>
public sealed class CreditAccount : IBranchOwned
{
    private CreditAccount() { }

    public Guid CustomerId { get; private set; }
    public string BranchId { get; private set; } = "";
    public decimal Balance { get; private set; }
    public decimal CreditLimit { get; private set; }
    public DateTimeOffset? LimitChangedAt { get; private set; }

    /// <summary>How many entries the customer's ledger holds; the next entry's line number is one more.</summary>
    public int EntryCount { get; private set; }

    public long Version { get; private set; }

    /// <summary>Limit minus exposure; negative when the customer is over the limit.</summary>
    public decimal Available => AvailableUnder(CreditLimit, Balance);

    /// <summary>Limit minus exposure (可用额度), for a balance at any point of the ledger.</summary>
    public static decimal AvailableUnder(decimal creditLimit, decimal balance) => creditLimit - balance;

    /// <summary>Over the credit limit (超信用额度): the balance exceeds the limit.</summary>
    public static bool IsOverLimit(decimal balance, decimal creditLimit) => balance > creditLimit;

    public static CreditAccount Open(Guid customerId, string branchId) => new()
    {
        CustomerId = customerId,
        BranchId = branchId,
        Version = 1,
    };

    /// <summary>Posts an entry's effect on the balance and hands out its line number.</summary>
    internal int Post(decimal balanceEffect)
    {
        Balance += balanceEffect;
        EntryCount++;
        Version++;
        return EntryCount;
    }

    internal void ChangeLimit(decimal newLimit, DateTimeOffset now)
    {
        CreditLimit = newLimit;
        LimitChangedAt = now;
        Version++;
    }
}
