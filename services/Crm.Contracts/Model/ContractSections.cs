namespace Crm.Contracts.Model;

/// <summary>经营权限 level: exclusive (总经销), distribution (分销), retail (零售).</summary>
public enum DistributionLevel
{
    Exclusive,
    Distribution,
    Retail,
}

/// <summary>结账方式: prepay (预付), cash on delivery (现付), credit (赊销).</summary>
public enum SettlementType
{
    Prepay,
    Cash,
    Credit,
}

/// <summary>Who pays the freight (运费承担).</summary>
public enum FreightPayer
{
    Buyer,
    Seller,
}

/// <summary>(1) 标的: one subject line. <see cref="Amount"/> is quantity × unit price, computed when absent, checked when sent.</summary>
public sealed record ContractLine
{
    public string? Product { get; init; }
    public string? Brand { get; init; }
    public string? Specification { get; init; }
    public string? Unit { get; init; }
    public decimal? Quantity { get; init; }
    public decimal? UnitPrice { get; init; }
    public decimal? Amount { get; init; }
}

/// <summary>(2) 质量要求.</summary>
public sealed record QualitySection
{
    public string? Standard { get; init; }
    public int? WarrantyMonths { get; init; }
}

/// <summary>(3) 发送: delivery time, place, transport, who pays freight.</summary>
public sealed record DeliverySection
{
    public string? Time { get; init; }
    public string? Place { get; init; }
    public string? Transport { get; init; }
    public FreightPayer? FreightPaidBy { get; init; }
}

/// <summary>(4) 验收: method, inspection days, objection period.</summary>
public sealed record AcceptanceSection
{
    public string? Method { get; init; }
    public int? InspectionDays { get; init; }
    public int? ObjectionDays { get; init; }
}

/// <summary>(5) 经营权限: level, territories (regions), product lines, term of the right.</summary>
public sealed record DistributionRightsSection
{
    public DistributionLevel? Level { get; init; }
    public IReadOnlyList<string>? Territories { get; init; }
    public IReadOnlyList<string>? ProductLines { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
}

/// <summary>(6) 结账方式.</summary>
public sealed record SettlementSection
{
    public SettlementType? Type { get; init; }
    public int? PaymentTermDays { get; init; }
}

/// <summary>One rebate tier (返利): purchases in the contract year ≥ threshold earn percent.</summary>
public sealed record RebateTierLine
{
    public decimal? Threshold { get; init; }
    public decimal? Percent { get; init; }
}

/// <summary>(7) 经销政策: rebate tiers, annual bonus, promotion, advertising, staff and vehicle support.</summary>
public sealed record PoliciesSection
{
    public IReadOnlyList<RebateTierLine>? RebateTiers { get; init; }
    public decimal? AnnualBonusPercent { get; init; }
    public string? Promotion { get; init; }
    public string? Advertising { get; init; }
    public string? StaffSupport { get; init; }
    public string? VehicleSupport { get; init; }
}

/// <summary>(8) 订、退货规定.</summary>
public sealed record OrderingSection
{
    public decimal? MinimumOrder { get; init; }
    public int? ReturnWindowDays { get; init; }
    public int? ExchangeWindowDays { get; init; }
}

/// <summary>(9) 违约责任及纠纷处理.</summary>
public sealed record BreachSection
{
    public string? Penalty { get; init; }
    public decimal? PenaltyPercent { get; init; }
    public string? Venue { get; init; }
}

/// <summary>(10) 签约: place and dates, auto-renewal and its notice days.</summary>
public sealed record SigningSection
{
    public string? Place { get; init; }
    public DateOnly? SignedOn { get; init; }
    public DateOnly? EffectiveOn { get; init; }
    public DateOnly? ExpiresOn { get; init; }
    public bool AutoRenew { get; init; }
    public int? NoticeDays { get; init; }
}

/// <summary>One party (甲方/乙方).</summary>
public sealed record Party
{
    public string? LegalName { get; init; }
    public string? Address { get; init; }
    public string? Contact { get; init; }
    public string? Phone { get; init; }
    public string? LegalRepresentative { get; init; }
    public string? SigningRepresentative { get; init; }
    public string? Bank { get; init; }
    public string? Account { get; init; }
    public string? TaxNumber { get; init; }
}

/// <summary>(11) 甲乙双方: our company (甲方, from the branch's settings) and the customer (乙方).</summary>
public sealed record PartiesSection
{
    public Party? Company { get; init; }
    public Party? Customer { get; init; }
}

/// <summary>
/// The eleven sections of the standard contract (标准合同文本). A draft may leave sections out; submitting needs the
/// ones the business runs on (<see cref="EnsureComplete"/>). Every section present is validated by its own rules.
/// </summary>
public sealed record ContractSections
{
    public const int TextMaxLength = 500;
    public const int MaxLines = 200;
    public const int MaxDays = 730;
    public const int MaxPaymentTermDays = 365;

    public IReadOnlyList<ContractLine>? Lines { get; init; }
    public QualitySection? Quality { get; init; }
    public DeliverySection? Delivery { get; init; }
    public AcceptanceSection? Acceptance { get; init; }
    public DistributionRightsSection? DistributionRights { get; init; }
    public SettlementSection? Settlement { get; init; }
    public PoliciesSection? Policies { get; init; }
    public OrderingSection? Ordering { get; init; }
    public BreachSection? Breach { get; init; }
    public SigningSection? Signing { get; init; }
    public PartiesSection? Parties { get; init; }

    /// <summary>合计: the sum of the lines' amounts.</summary>
    public decimal TotalAmount => Lines?.Sum(l => l.Amount ?? 0m) ?? 0m;

    public decimal TotalQuantity => Lines?.Sum(l => l.Quantity ?? 0m) ?? 0m;

    /// <summary>Each section present replaces this one's (an amendment, a template's pre-fill under a draft's own).</summary>
    public ContractSections Overlay(ContractSections changes) => new()
    {
        Lines = changes.Lines ?? Lines,
        Quality = changes.Quality ?? Quality,
        Delivery = changes.Delivery ?? Delivery,
        Acceptance = changes.Acceptance ?? Acceptance,
        DistributionRights = changes.DistributionRights ?? DistributionRights,
        Settlement = changes.Settlement ?? Settlement,
        Policies = changes.Policies ?? Policies,
        Ordering = changes.Ordering ?? Ordering,
        Breach = changes.Breach ?? Breach,
        Signing = changes.Signing ?? Signing,
        Parties = changes.Parties ?? Parties,
    };

    /// <summary>The names of the sections present in <paramref name="changes"/>.</summary>
    public static IReadOnlyList<string> Named(ContractSections changes) =>
    [
        .. changes.Lines is null ? Array.Empty<string>() : ["lines"],
        .. changes.Quality is null ? Array.Empty<string>() : ["quality"],
        .. changes.Delivery is null ? Array.Empty<string>() : ["delivery"],
        .. changes.Acceptance is null ? Array.Empty<string>() : ["acceptance"],
        .. changes.DistributionRights is null ? Array.Empty<string>() : ["distributionRights"],
        .. changes.Settlement is null ? Array.Empty<string>() : ["settlement"],
        .. changes.Policies is null ? Array.Empty<string>() : ["policies"],
        .. changes.Ordering is null ? Array.Empty<string>() : ["ordering"],
        .. changes.Breach is null ? Array.Empty<string>() : ["breach"],
        .. changes.Signing is null ? Array.Empty<string>() : ["signing"],
        .. changes.Parties is null ? Array.Empty<string>() : ["parties"],
    ];

    /// <summary>Computes each line's amount where it is absent, rounded to the cent.</summary>
    public ContractSections Normalized() => this with
    {
        Lines = Lines?.Select(l => l with
        {
            Product = l.Product?.Trim(),
            Amount = l.Amount ?? (l.Quantity is { } q && l.UnitPrice is { } p ? decimal.Round(q * p, 2, MidpointRounding.AwayFromZero) : null),
        }).ToList(),
        DistributionRights = DistributionRights is null ? null : DistributionRights with
        {
            Territories = Clean(DistributionRights.Territories),
            ProductLines = Clean(DistributionRights.ProductLines),
        },
    };

    private static List<string>? Clean(IReadOnlyList<string>? values) =>
        values?.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Each section's own rules (400 with every field error at once).</summary>
    public ValidationErrors Validate(ValidationErrors errors, string prefix = "")
    {
        if (Lines is { } lines)
        {
            errors.When(lines.Count > MaxLines, $"{prefix}lines", $"At most {MaxLines} lines (标的最多 {MaxLines} 行).");
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                var f = $"{prefix}lines[{i}]";
                if (line is null) { errors.Add(f, "A line is required (标的行不能为空)."); continue; }
                errors.Required($"{f}.product", line.Product, 200)
                    .MaxLength($"{f}.brand", line.Brand, 100)
                    .MaxLength($"{f}.specification", line.Specification, 200)
                    .MaxLength($"{f}.unit", line.Unit, 20)
                    .Required($"{f}.quantity", line.Quantity)
                    .Required($"{f}.unitPrice", line.UnitPrice)
                    .When(line.Quantity is <= 0, $"{f}.quantity", "数量必须大于 0 (quantity must be positive).")
                    .When(line.UnitPrice is < 0, $"{f}.unitPrice", "单价不能为负 (unitPrice must not be negative).");
                if (line is { Quantity: { } q, UnitPrice: { } p, Amount: { } amount }
                    && decimal.Round(q * p, 2, MidpointRounding.AwayFromZero) != decimal.Round(amount, 2, MidpointRounding.AwayFromZero))
                    errors.Add($"{f}.amount", $"金额应为 数量 × 单价 = {q * p:0.##} (amount must equal quantity × unitPrice).");
            }
        }
        if (Quality is { } quality)
            errors.MaxLength($"{prefix}quality.standard", quality.Standard, TextMaxLength)
                .Range($"{prefix}quality.warrantyMonths", quality.WarrantyMonths, 0, 120);
        if (Delivery is { } delivery)
            errors.MaxLength($"{prefix}delivery.time", delivery.Time, 200)
                .MaxLength($"{prefix}delivery.place", delivery.Place, 200)
                .MaxLength($"{prefix}delivery.transport", delivery.Transport, 100);
        if (Acceptance is { } acceptance)
            errors.MaxLength($"{prefix}acceptance.method", acceptance.Method, TextMaxLength)
                .Range($"{prefix}acceptance.inspectionDays", acceptance.InspectionDays, 0, MaxDays)
                .Range($"{prefix}acceptance.objectionDays", acceptance.ObjectionDays, 0, MaxDays);
        if (DistributionRights is { } rights)
        {
            errors.When(rights.Territories?.Any(t => t is null || t.Length > 100) == true, $"{prefix}distributionRights.territories", "Each territory (地区) is at most 100 characters.")
                .When(rights.ProductLines?.Any(t => t is null || t.Length > 100) == true, $"{prefix}distributionRights.productLines", "Each product line is at most 100 characters.")
                .When(rights.From > rights.To, $"{prefix}distributionRights.to", "经营权限的结束日不能早于开始日 (to must not be before from).");
            if (rights.Level == DistributionLevel.Exclusive)
                errors.When(rights.Territories is not { Count: > 0 }, $"{prefix}distributionRights.territories", "总经销须写明地区 (an exclusive right names its territories).")
                    .When(rights.ProductLines is not { Count: > 0 }, $"{prefix}distributionRights.productLines", "总经销须写明产品线 (an exclusive right names its product lines).");
        }
        if (Settlement is { } settlement)
            errors.Range($"{prefix}settlement.paymentTermDays", settlement.PaymentTermDays, 0, MaxPaymentTermDays);
        if (Policies is { } policies)
        {
            errors.Range($"{prefix}policies.annualBonusPercent", policies.AnnualBonusPercent, 0, 100)
                .MaxLength($"{prefix}policies.promotion", policies.Promotion, TextMaxLength)
                .MaxLength($"{prefix}policies.advertising", policies.Advertising, TextMaxLength)
                .MaxLength($"{prefix}policies.staffSupport", policies.StaffSupport, TextMaxLength)
                .MaxLength($"{prefix}policies.vehicleSupport", policies.VehicleSupport, TextMaxLength);
            var tiers = policies.RebateTiers ?? [];
            for (var i = 0; i < tiers.Count; i++)
            {
                var f = $"{prefix}policies.rebateTiers[{i}]";
                errors.Required($"{f}.threshold", tiers[i]?.Threshold)
                    .Required($"{f}.percent", tiers[i]?.Percent)
                    .Range($"{f}.percent", tiers[i]?.Percent, 0, 100)
                    .When(tiers[i]?.Threshold < 0, $"{f}.threshold", "门槛不能为负 (threshold must not be negative).")
                    .When(i > 0 && tiers[i]?.Threshold <= tiers[i - 1]?.Threshold, $"{f}.threshold", "返利档次须按门槛递增 (tiers must ascend by threshold).");
            }
        }
        if (Ordering is { } ordering)
            errors.When(ordering.MinimumOrder < 0, $"{prefix}ordering.minimumOrder", "最低订货额不能为负 (minimumOrder must not be negative).")
                .Range($"{prefix}ordering.returnWindowDays", ordering.ReturnWindowDays, 0, MaxDays)
                .Range($"{prefix}ordering.exchangeWindowDays", ordering.ExchangeWindowDays, 0, MaxDays);
        if (Breach is { } breach)
            errors.MaxLength($"{prefix}breach.penalty", breach.Penalty, TextMaxLength)
                .Range($"{prefix}breach.penaltyPercent", breach.PenaltyPercent, 0, 100)
                .MaxLength($"{prefix}breach.venue", breach.Venue, 200);
        if (Signing is { } signing)
            errors.MaxLength($"{prefix}signing.place", signing.Place, 200)
                .Range($"{prefix}signing.noticeDays", signing.NoticeDays, 0, MaxDays)
                .When(signing.EffectiveOn > signing.ExpiresOn, $"{prefix}signing.expiresOn", "到期日不能早于生效日 (expiresOn must not be before effectiveOn).");
        if (Parties is { } parties)
        {
            ValidateParty(errors, $"{prefix}parties.company", parties.Company);
            ValidateParty(errors, $"{prefix}parties.customer", parties.Customer);
        }
        return errors;
    }

    private static void ValidateParty(ValidationErrors errors, string field, Party? party)
    {
        if (party is null) return;
        errors.MaxLength($"{field}.legalName", party.LegalName, 200)
            .MaxLength($"{field}.address", party.Address, 300)
            .MaxLength($"{field}.contact", party.Contact, 100)
            .MaxLength($"{field}.phone", party.Phone, 50)
            .MaxLength($"{field}.legalRepresentative", party.LegalRepresentative, 100)
            .MaxLength($"{field}.signingRepresentative", party.SigningRepresentative, 100)
            .MaxLength($"{field}.bank", party.Bank, 200)
            .MaxLength($"{field}.account", party.Account, 50)
            .MaxLength($"{field}.taxNumber", party.TaxNumber, 30);
    }

    /// <summary>What a contract needs before it can be submitted: subject lines, settlement, ordering, dates and both parties.</summary>
    public void EnsureComplete()
    {
        var errors = new ValidationErrors()
            .When(Lines is not { Count: > 0 }, "lines", "提交前须有标的 (a contract needs at least one line before it is submitted).")
            .When(Settlement?.Type is null, "settlement.type", "提交前须写明结账方式 (settlement.type is required to submit).")
            .When(Settlement?.PaymentTermDays is null, "settlement.paymentTermDays", "提交前须写明账期 (settlement.paymentTermDays is required to submit).")
            .When(Ordering?.ReturnWindowDays is null, "ordering.returnWindowDays", "提交前须写明退货期限 (ordering.returnWindowDays is required to submit).")
            .When(Ordering?.ExchangeWindowDays is null, "ordering.exchangeWindowDays", "提交前须写明换货期限 (ordering.exchangeWindowDays is required to submit).")
            .When(Signing?.EffectiveOn is null, "signing.effectiveOn", "提交前须写明生效日 (signing.effectiveOn is required to submit).")
            .When(Signing?.ExpiresOn is null, "signing.expiresOn", "提交前须写明到期日 (signing.expiresOn is required to submit).")
            .When(string.IsNullOrWhiteSpace(Parties?.Customer?.LegalName), "parties.customer.legalName", "提交前须写明乙方名称 (the customer's legal name is required to submit).")
            .When(string.IsNullOrWhiteSpace(Parties?.Company?.LegalName), "parties.company.legalName",
                "甲方名称来自分公司设置, 请先在 /api/contracts/settings 填写 (set the company's party data in the branch settings first).");
        Validate(errors);
        if (!errors.IsEmpty) throw new RequestValidationException(errors.ToDictionary(), "The contract is not complete enough to submit (合同内容不完整): correct the fields listed in 'errors'.");
    }

    public DistributionLevel Level => DistributionRights?.Level ?? DistributionLevel.Distribution;

    /// <summary>The clauses others enforce (合同约束), for the events and the terms route.</summary>
    public ContractTerms Terms() => new()
    {
        ReturnWindowDays = Ordering?.ReturnWindowDays ?? 0,
        ExchangeWindowDays = Ordering?.ExchangeWindowDays ?? 0,
        PaymentTermDays = Settlement?.PaymentTermDays ?? 0,
        SettlementType = ApiNames.Of(Settlement?.Type ?? SettlementType.Credit),
        DistributionLevel = ApiNames.Of(Level),
        ProductLines = DistributionRights?.ProductLines?.ToList() ?? [],
        Territories = DistributionRights?.Territories?.ToList() ?? [],
        RightsFrom = DistributionRights?.From,
        RightsTo = DistributionRights?.To,
        RebateTiers = Policies?.RebateTiers?.Where(t => t.Threshold is not null && t.Percent is not null)
            .Select(t => new RebateTier(t.Threshold!.Value, t.Percent!.Value)).OrderBy(t => t.Threshold).ToList() ?? [],
    };
}
