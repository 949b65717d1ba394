namespace Crm.Contracts.Infrastructure;

/// <summary>Exclusive-territory checks (and the writes they guard) one at a time across the group.</summary>
public sealed class ExclusiveRightsGate() : SerializedWriteGate("crm.contracts.exclusive-rights",
    "其他总经销合同正在审核, 请稍后重试 (other exclusive rights are being checked at this moment; try again shortly).");
