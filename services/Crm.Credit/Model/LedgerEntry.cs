namespace Crm.Credit.Model;

/// <summary>
/// One line of a customer's ledger (业务记录): a sale or a payment. Entries are never changed or deleted; a mistake is
/// corrected by a reversing entry (same kind, opposite amount, the same business date) that cancels the original
/// entirely, after which the right entry is recorded anew.
/// </summary>
public abstract class LedgerEntry : IBranchOwned
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

    /// <summary>True when the due date was not given and came from the payment term (账期) in force on the sale's date.</summary>
    public bool DueDateFromContract { get; private set; }

    /// <summary>The contract version in force on the sale's date (合同约束); null when the customer had none.</summary>
    public Guid? ContractId { get; private set; }
    public string? ContractNumber { get; private set; }
    public int? ContractVersion { get; private set; }

    /// <summary>True when no contract was in force on the sale's date, or the product is outside its product lines.</summary>
    public bool OutsideContract { get; private set; }

    public ContractReference? Contract =>
        ContractId is { } id ? new ContractReference(id, ContractNumber ?? "", ContractVersion ?? 0) : null;

    public override decimal BalanceEffect => Amount;

    public static Sale Record(
        CreditAccount account, DateOnly date, string product, string? specification, decimal quantity, decimal amount,
        DateOnly dueDate, string? note, DateTimeOffset now, string by)
        => Record(account, date, product, specification, quantity, amount, dueDate, SaleContract.None, note, now, by);

    /// <summary>A sale, marked with the contract that was in force on its date (see <see cref="SaleContract"/>).</summary>
    public static Sale Record(
        CreditAccount account, DateOnly date, string product, string? specification, decimal quantity, decimal amount,
        DateOnly dueDate, SaleContract contract, string? note, DateTimeOffset now, string by)
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
            DueDateFromContract = contract.DueDateFromContract,
            ContractId = contract.Reference?.Id,
            ContractNumber = contract.Reference?.Number,
            ContractVersion = contract.Reference?.Version,
            OutsideContract = contract.Outside,
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
            DueDateFromContract = DueDateFromContract,
            ContractId = ContractId,
            ContractNumber = ContractNumber,
            ContractVersion = ContractVersion,
            OutsideContract = OutsideContract,
        };
        reversal.MarkAsReversalOf(this);
        reversal.Post(account, Guid.CreateVersion7(now), Date, -Amount, reason, now, by);
        return reversal;
    }
}

/// <summary>
/// What a sale's contract says about it: the version in force on its date (null when none), whether it lies outside the
/// contract (no contract, or a product outside the contract's product lines), and whether its due date came from the
/// contract's payment term. A reversal copies its original's marking.
/// </summary>
public sealed record SaleContract(ContractReference? Reference, bool Outside, bool DueDateFromContract)
{
    public static SaleContract None { get; } = new(null, true, false);
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

/// <summary>
/// A credit note (红字/退货冲账) for an approved return (from after-sales' <c>crm.return-approved</c>): it lowers the
/// balance, and the amount due of the sale it credits when that sale stands in this ledger. Never reversed: a return is
/// undone by selling again. It keeps the rebate (返利) the returned amount had earned, which it reverses, and the
/// contract and date that place it in a contract year.
/// </summary>
public sealed class CreditNote : LedgerEntry
{
    private CreditNote() { }

    /// <summary>The return (退货) this credits: one credit note per return, however often it is announced.</summary>
    public Guid ReturnId { get; private set; }

    /// <summary>The sale the return names, as after-sales gave it.</summary>
    public Guid? SaleId { get; private set; }

    /// <summary>The sale credited, when it is a sale of this customer's ledger.</summary>
    public Guid? CreditsEntryId { get; private set; }
    public int? CreditsNumber { get; private set; }

    public string Product { get; private set; } = "";
    public decimal Quantity { get; private set; }

    /// <summary>The contract whose rebate the returned amount counted towards, and the date that places it in a contract year.</summary>
    public Guid? RebateContractId { get; private set; }
    public DateOnly? RebateDate { get; private set; }

    /// <summary>The rebate the returned amount had earned and no longer earns.</summary>
    public decimal RebateReversed { get; private set; }

    public override decimal BalanceEffect => -Amount;

    public static CreditNote Record(
        CreditAccount account, ReturnApproved approved, Sale? credited, Guid? rebateContractId, DateOnly? rebateDate, decimal rebateReversed,
        DateTimeOffset now, string by)
    {
        if (approved.Amount <= 0)
            throw new InvalidOperationException("A credit note has a positive amount.");
        if (credited is not null && credited.CustomerId != account.CustomerId)
            throw new InvalidOperationException("The sale credited is not the customer's.");
        var note = new CreditNote
        {
            ReturnId = approved.ReturnId,
            SaleId = approved.SaleId,
            CreditsEntryId = credited?.Id,
            CreditsNumber = credited?.Number,
            Product = Truncate(approved.Product, Sale.ProductMaxLength),
            Quantity = approved.Quantity,
            RebateContractId = rebateContractId,
            RebateDate = rebateDate,
            RebateReversed = rebateReversed,
        };
        var text = $"退货冲账 credit note for return {approved.ReturnId}" + (credited is null ? "" : $" of sale {credited.Number}");
        note.Post(account, Guid.CreateVersion7(now), approved.ApprovedOn, approved.Amount, text, now, by);
        return note;
    }

    private static string Truncate(string value, int length) => value.Length > length ? value[..length] : value.Trim();
}
