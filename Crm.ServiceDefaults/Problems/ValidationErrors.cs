namespace Crm.ServiceDefaults.Problems;

/// <summary>
/// Collects field-level errors (field names as the client sends them, camelCase) and throws one 400 problem with
/// all of them, so that a form can show every mistake at once.
/// </summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public ValidationErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages)) _errors[field] = messages = [];
        messages.Add(message);
        return this;
    }

    public ValidationErrors When(bool invalid, string field, string message) => invalid ? Add(field, message) : this;

    /// <summary>Present, not blank, and at most <paramref name="maxLength"/> characters.</summary>
    public ValidationErrors Required(string field, string? value, int maxLength) =>
        string.IsNullOrWhiteSpace(value) ? Add(field, $"{field} is required.") : MaxLength(field, value, maxLength);

    /// <summary>At most <paramref name="maxLength"/> characters, and text a person can read (<see cref="TextInput"/>).</summary>
    public ValidationErrors MaxLength(string field, string? value, int maxLength) =>
        When(value is not null && value.Length > maxLength, field, $"{field} must be at most {maxLength} characters.")
            .Text(field, value);

    /// <summary>Text a person can read: not only invisible characters, no direction overrides, no control characters.</summary>
    public ValidationErrors Text(string field, string? value) => TextInput.Problem(field, value) is { } problem ? Add(field, problem) : this;

    public ValidationErrors Required<T>(string field, T? value, string? hint = null) where T : struct =>
        When(value is null, field, hint is null ? $"{field} is required." : $"{field} is required: {hint}.");

    public ValidationErrors Range(string field, decimal? value, decimal min, decimal max) =>
        When(value is { } v && (v < min || v > max), field, $"{field} must be between {min} and {max}.");

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public void ThrowIfAny()
    {
        if (!IsEmpty) throw new RequestValidationException(ToDictionary());
    }
}
