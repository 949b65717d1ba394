namespace Crm.ServiceDefaults.Problems;

/// <summary>
/// An error that the caller can act on, answered as an RFC 9457 problem with its status.
/// Model rules throw these; the exception handler writes them.
/// </summary>
public abstract class CrmProblemException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public string Detail => Message;
    public virtual IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();
}

/// <summary>400 with field-level errors, for rules that can only be checked deep in the model.</summary>
public sealed class RequestValidationException(IDictionary<string, string[]> errors, string? detail = null)
    : CrmProblemException(StatusCodes.Status400BadRequest, "One or more fields are invalid.",
        detail ?? "Correct the fields listed in 'errors' and send the request again.")
{
    public IDictionary<string, string[]> Errors { get; } = errors;

    public RequestValidationException(string field, string message) : this(new Dictionary<string, string[]> { [field] = [message] }) { }
}

/// <summary>404: unknown, or outside the caller's branch (the two are not told apart).</summary>
public sealed class NotFoundException(string what, object id)
    : CrmProblemException(StatusCodes.Status404NotFound, "Not found.", $"No {what} '{id}' exists in your branch.");

/// <summary>403: the caller's role or branch may not do this.</summary>
public sealed class ForbiddenException(string detail)
    : CrmProblemException(StatusCodes.Status403Forbidden, "Not allowed.", detail)
{
    /// <summary>403 because of a named rule (e.g. separation of duties), which the problem names in <c>rule</c>.</summary>
    public ForbiddenException(string detail, string rule) : this(detail) => Extensions["rule"] = rule;
}

/// <summary>409: a duplicate, a stale version, or the wrong state for the action.</summary>
public sealed class ConflictException(string detail, string title = "Conflict.")
    : CrmProblemException(StatusCodes.Status409Conflict, title, detail);

/// <summary>422: a business rule refuses the request; the rule is named in <c>rule</c> and in the detail.</summary>
public sealed class BusinessRuleException : CrmProblemException
{
    public BusinessRuleException(string rule, string detail)
        : base(StatusCodes.Status422UnprocessableEntity, "A business rule refused the request.", $"{detail} (rule: {rule})")
    {
        Rule = rule;
        Extensions["rule"] = rule;
    }

    public string Rule { get; }
}
