namespace Crm.AfterSales.Model;

/// <summary>
/// A sale as the credit service recorded it (<c>crm.sale-recorded</c>), with what has been returned of it: a return
/// of a recorded sale may not exceed what was sold and not yet returned. Its version serialises returns of the sale.
/// </summary>
public sealed class SoldSale : IBranchOwned
{
    private SoldSale() { }

    public Guid EntryId { get; private set; }
    public string BranchId { get; private set; } = "";
    public Guid CustomerId { get; private set; }
    public string Product { get; private set; } = "";
    public DateOnly Date { get; private set; }
    public decimal Quantity { get; private set; }
    public decimal Amount { get; private set; }
    public decimal ReturnedQuantity { get; private set; }
    public decimal ReturnedAmount { get; private set; }
    /// <summary>The credit service reversed (cancelled) the entry: nothing of it can be returned.</summary>
    public bool Reversed { get; private set; }
    public long Version { get; private set; }

    public decimal QuantityLeft => Reversed ? 0 : Quantity - ReturnedQuantity;
    public decimal AmountLeft => Reversed ? 0 : Amount - ReturnedAmount;

    public static SoldSale From(SaleRecorded sale) => new()
    {
        EntryId = sale.EntryId,
        BranchId = sale.BranchId,
        CustomerId = sale.CustomerId,
        Product = sale.Product,
        Date = sale.Date,
        Quantity = sale.Quantity,
        Amount = sale.Amount,
        Version = 1,
    };

    /// <summary>
    /// A reversal that arrived before the sale it reverses (a redelivery can overtake): the sale is kept as reversed, so
    /// that when it arrives it is already known and nothing of it can be returned.
    /// </summary>
    public static SoldSale ReversedBeforeSeen(SaleRecorded reversal) => new()
    {
        EntryId = reversal.ReversesEntryId!.Value,
        BranchId = reversal.BranchId,
        CustomerId = reversal.CustomerId,
        Product = reversal.Product,
        Date = reversal.Date,
        Quantity = Math.Abs(reversal.Quantity),
        Amount = Math.Abs(reversal.Amount),
        Reversed = true,
        Version = 1,
    };

    public void MarkReversed()
    {
        Reversed = true;
        Version++;
    }

    /// <summary>
    /// A return or exchange names this sale: it must be the same customer's, and a sale date it gives must be the sale's
    /// (400 naming the field otherwise).
    /// </summary>
    public void EnsureNamedBy(Guid customerId, DateOnly? soldOn)
    {
        if (CustomerId != customerId)
            throw new RequestValidationException("saleId", "The sale was made to another customer.");
        if (soldOn is { } date && date != Date)
            throw new RequestValidationException("soldOn", $"The sale {EntryId} was recorded on {Date:yyyy-MM-dd}; soldOn must be that date.");
    }

    /// <summary>
    /// What a granted return or exchange takes from the sale: a return its quantity and amount (<see cref="TakeReturn"/>);
    /// an exchange, repair or repackaging nothing, but never more than is left of the sale (422 <c>over-return</c>).
    /// </summary>
    public void Take(ReturnKind kind, decimal quantity, decimal amount)
    {
        if (kind == ReturnKind.Return) TakeReturn(quantity, amount);
        else if (quantity > QuantityLeft)
            throw new BusinessRuleException("over-return",
                $"超出可换数量 The {ApiNames.Of(kind)} of {quantity:0.######} exceeds what was sold and not yet returned ({QuantityLeft:0.######})");
    }

    /// <summary>Takes a return's quantity and amount off what is left; 422 when it would exceed it.</summary>
    public void TakeReturn(decimal quantity, decimal amount)
    {
        if (Reversed)
            throw new BusinessRuleException("sale-reversed", $"The sale {EntryId} was reversed in the ledger; nothing of it can be returned");
        if (quantity > QuantityLeft || amount > AmountLeft)
            throw new BusinessRuleException("over-return",
                $"超出可退数量 The return exceeds what was sold and not yet returned: sold {Quantity:0.######} for {Amount:0.00}, "
                + $"already returned {ReturnedQuantity:0.######} for {ReturnedAmount:0.00}, left {QuantityLeft:0.######} for {AmountLeft:0.00}; "
                + $"asked {quantity:0.######} for {amount:0.00}");
        ReturnedQuantity += quantity;
        ReturnedAmount += amount;
        Version++;
    }

    /// <summary>The amount of a part of the sale, pro rata to its quantity.</summary>
    public decimal AmountFor(decimal quantity) =>
        quantity == Quantity - ReturnedQuantity ? AmountLeft : Math.Round(Amount * quantity / Quantity, 2, MidpointRounding.AwayFromZero);
}

/// <summary>The window that applies to a return: the contract's in force on the sale date, else the branch default.</summary>
public sealed record ReturnWindow(int Days, ContractReference? Contract)
{
    public string Source => Contract is { } c ? $"合同 contract {c.Number} v{c.Version}" : "分公司默认 the branch default";
}

/// <summary>A granted return, exchange, repair or repackaging (退换货), as approved; never changed afterwards.</summary>
public sealed class ProductReturn : IBranchOwned
{
    public const int ReasonMaxLength = 1000;

    private ProductReturn() { }

    public Guid Id { get; private set; }
    public string BranchId { get; private set; } = "";
    public Guid CustomerId { get; private set; }
    public ReturnKind Kind { get; private set; }
    public string Product { get; private set; } = "";
    public decimal Quantity { get; private set; }
    public decimal Amount { get; private set; }
    public DateOnly SoldOn { get; private set; }
    public Guid? SaleId { get; private set; }
    public string Reason { get; private set; } = "";
    public Guid? ComplaintId { get; private set; }
    public Guid? ContractId { get; private set; }
    public string? ContractNumber { get; private set; }
    public int? ContractVersion { get; private set; }
    public int WindowDays { get; private set; }
    public bool Override { get; private set; }
    public string? OverrideReason { get; private set; }
    public string ApprovedBy { get; private set; } = "";
    public string ApprovedByName { get; private set; } = "";
    public DateTimeOffset ApprovedAt { get; private set; }
    public DateOnly ApprovedOn { get; private set; }

    public ContractReference? Contract => ContractId is { } id ? new ContractReference(id, ContractNumber!, ContractVersion!.Value) : null;

    /// <summary>
    /// Grants it inside the window, or outside it by a manager's override with a reason; otherwise 422 naming the rule,
    /// the window and the contract.
    /// </summary>
    public static ProductReturn Approve(
        Guid customerId, string branchId, ReturnKind kind, string product, decimal quantity, decimal amount, DateOnly soldOn, Guid? saleId,
        string reason, Guid? complaintId, ReturnWindow window, bool overrideWindow, string? overrideReason, bool mayOverride,
        string by, string byName, DateTimeOffset now, DateOnly today)
    {
        var lastDay = soldOn.AddDays(window.Days);
        var inside = today <= lastDay;
        if (!inside && !overrideWindow)
            throw new BusinessRuleException(WindowRules.RuleOf(kind),
                $"超出{WindowRules.Describe(kind)}: sold on {soldOn:yyyy-MM-dd}, the window of {window.Days} days ({window.Source}) ended on {lastDay:yyyy-MM-dd}, "
                + $"today is {today:yyyy-MM-dd}. A manager may override with override: true and an overrideReason");
        if (!inside && !mayOverride)
            throw new ForbiddenException("Only managers may override the return and exchange windows (只有经理可以越权批准).");
        return new ProductReturn
        {
            Id = Guid.CreateVersion7(now),
            BranchId = branchId,
            CustomerId = customerId,
            Kind = kind,
            Product = product.Trim(),
            Quantity = quantity,
            Amount = amount,
            SoldOn = soldOn,
            SaleId = saleId,
            Reason = reason.Trim(),
            ComplaintId = complaintId,
            ContractId = window.Contract?.Id,
            ContractNumber = window.Contract?.Number,
            ContractVersion = window.Contract?.Version,
            WindowDays = window.Days,
            Override = overrideWindow && !inside,
            OverrideReason = overrideWindow && !inside ? overrideReason!.Trim() : null,
            ApprovedBy = by,
            ApprovedByName = byName,
            ApprovedAt = now,
            ApprovedOn = today,
        };
    }

    public string KindName => ApiNames.Of(Kind);
}

/// <summary>The rule a return or exchange outside its window breaks, and how a refusal names the window.</summary>
public static class WindowRules
{
    public static string RuleOf(ReturnKind kind) => kind == ReturnKind.Return ? "return-window" : "exchange-window";

    public static string Describe(ReturnKind kind) => kind switch
    {
        ReturnKind.Return => "退货期限 return window",
        _ => $"换货期限 exchange window ({ApiNames.Of(kind)})",
    };
}
