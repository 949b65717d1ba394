using Crm.ServiceDefaults.Problems;

namespace Crm.Credit.Model;

/// <summary>
/// One line of a customer's ledger (业务记录): a sale or a payment. Entries are never changed or deleted; a mistake is
/// corrected by a reversing entry (same kind, opposite amount, the same business date) that cancels the original
/// entirely, after which the right entry is recorded anew.
/// </summary>
public abstract class LedgerEntry
{
    public const int NoteMaxLength = 500;

    public Guid Id { get; protected set; }
    public string BranchId { get; protected set; } = "";
    public Guid CustomerId { get; protected set; }

    /// <summary>The line number in the customer's ledger (1, 2, 3 …): the order entries were recorded in.</summary>
    public int Number { get; protected set; }

    /// <summary>The business date: when the goods shipped or the money arrived. A reversal keeps the original's date.</summary>
    public DateOnly Date { get; protected set; }

    /// <summary>Positive for an original entry, negative for a reversal.</summary>
    public decimal Amount { get; protected set; }

    public Guid? ReversesEntryId { get; protected set; }
    public int? ReversesNumber { get; protected set; }

    /// <summary>Free text: the reason of a reversal, a remark on an entry.</summary>
    public string? Note { get; protected set; }

    /// <summary>The outstanding balance right after this entry, in line order.</summary>
    public decimal BalanceAfter { get; protected set; }

    public DateTimeOffset RecordedAt { get; protected set; }
    public string RecordedBy { get; protected set; } = "";

    public bool IsReversal => ReversesEntryId is not null;

    /// <summary>What the entry does to the outstanding balance: a sale raises it, a payment lowers it.</summary>
    public abstract decimal BalanceEffect { get; }

    protected void Post(CreditAccount account, Guid id, DateOnly date, decimal amount, string? note, DateTimeOffset now, string by)
    {
        Id = id;
        BranchId = account.BranchId;
        CustomerId = account.CustomerId;
        Date = date;
        Amount = amount;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        RecordedAt = now;
        RecordedBy = by;
        Number = account.Post(BalanceEffect);
        BalanceAfter = account.Balance;
    }

    protected void MarkAsReversalOf(LedgerEntry original)
    {
        ReversesEntryId = original.Id;
        ReversesNumber = original.Number;
    }

    protected static void EnsureReversible(LedgerEntry original, CreditAccount account, bool alreadyReversed)
    {
        if (original.CustomerId != account.CustomerId)
            throw new InvalidOperationException("The account is not the entry's.");
        if (original.IsReversal)
            throw new BusinessRuleException("reversal-not-reversible",
                $"Entry {original.Number} is itself a reversal; record the correct entry anew instead.");
        if (alreadyReversed)
            throw new ConflictException($"Entry {original.Number} has already been reversed.", "Already reversed.");
    }
}

/// <summary>A sale or shipment (销售/发货): product, specification, quantity, amount, and when it must be paid.</summary>
public sealed class Sale : LedgerEntry
{
    public const int ProductMaxLength = 100;

    private Sale() { }

    public string Product { get; private set; } = "";
    public string? Specification { get; private set; }
    public decimal Quantity { get; private set; }
    public DateOnly DueDate { get; private set; }

    public override decimal BalanceEffect => Amount;

    public static Sale Record(
        CreditAccount account, DateOnly date, string product, string? specification, decimal quantity, decimal amount,
        DateOnly dueDate, string? note, DateTimeOffset now, string by)
    {
        if (dueDate < date)
            throw new RequestValidationException("dueDate", "dueDate cannot be before the sale's date.");
        if (amount <= 0 || quantity <= 0)
            throw new InvalidOperationException("A sale has a positive amount and quantity; corrections are reversals.");
        var sale = new Sale
        {
            Product = product.Trim(),
            Specification = string.IsNullOrWhiteSpace(specification) ? null : specification.Trim(),
            Quantity = quantity,
            DueDate = dueDate,
        };
        sale.Post(account, Guid.CreateVersion7(now), date, amount, note, now, by);
        return sale;
    }

    public Sale Reverse(CreditAccount account, bool alreadyReversed, string reason, DateTimeOffset now, string by)
    {
        EnsureReversible(this, account, alreadyReversed);
        var reversal = new Sale
        {
            Product = Product,
            Specification = Specification,
            Quantity = -Quantity,
            DueDate = DueDate,
        };
        reversal.MarkAsReversalOf(this);
        reversal.Post(account, Guid.CreateVersion7(now), Date, -Amount, reason, now, by);
        return reversal;
    }
}

/// <summary>A payment received (回款).</summary>
public sealed class Payment : LedgerEntry
{
    public const int ReferenceMaxLength = 100;

    private Payment() { }

    /// <summary>The bank slip, cheque or voucher number.</summary>
    public string? Reference { get; private set; }

    public override decimal BalanceEffect => -Amount;

    public static Payment Record(CreditAccount account, DateOnly date, decimal amount, string? reference, string? note, DateTimeOffset now, string by)
    {
        if (amount <= 0)
            throw new InvalidOperationException("A payment has a positive amount; corrections are reversals.");
        var payment = new Payment { Reference = string.IsNullOrWhiteSpace(reference) ? null : reference.Trim() };
        payment.Post(account, Guid.CreateVersion7(now), date, amount, note, now, by);
        return payment;
    }

    public Payment Reverse(CreditAccount account, bool alreadyReversed, string reason, DateTimeOffset now, string by)
    {
        EnsureReversible(this, account, alreadyReversed);
        var reversal = new Payment { Reference = Reference };
        reversal.MarkAsReversalOf(this);
        reversal.Post(account, Guid.CreateVersion7(now), Date, -Amount, reason, now, by);
        return reversal;
    }
}
