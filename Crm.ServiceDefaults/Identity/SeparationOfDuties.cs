namespace Crm.ServiceDefaults.Identity;

/// <summary>
/// Separation of duties (职责分离): whoever filed something that needs approval (a credit-limit request, a contract, a
/// development application) decides no step of it, whatever roles they hold. One rule for every service, answered as a
/// 403 problem whose <c>rule</c> is <see cref="Rule"/>.
/// </summary>
public static class SeparationOfDuties
{
    public const string Rule = "separation-of-duties";

    /// <summary>
    /// Refuses a decision by <paramref name="deciderId"/> on <paramref name="what"/> when they are one of its
    /// <paramref name="filers"/> (its author, submitter, requester or applicant).
    /// </summary>
    public static void EnsureNotFiler(string deciderId, string what, params string?[] filers)
    {
        if (string.IsNullOrEmpty(deciderId) || !filers.Any(f => f == deciderId)) return;
        throw new ForbiddenException(
            $"提交或起草{what}的人不能审批它的任何一步 (separation of duties: whoever filed {what} decides no step of it, whatever roles they hold).",
            Rule);
    }
}
