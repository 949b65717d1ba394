using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Crm.ServiceDefaults.Problems;

/// <summary>
/// Turns every exception into an RFC 9457 problem: the caller's own mistakes with their status and a detail they
/// can act on; anything else as a 500 without internals outside Development.
/// </summary>
public sealed partial class ProblemExceptionHandler(
    IProblemDetailsService problems, IEnumerable<IProblemMapper> mappers, IHostEnvironment environment, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            RequestValidationException v => new HttpValidationProblemDetails(v.Errors) { Status = v.Status, Title = v.Title, Detail = v.Detail },
            CrmProblemException p => new ProblemDetails { Status = p.Status, Title = p.Title, Detail = p.Detail },
            BadHttpRequestException b => FromBadRequest(b),
            _ => mappers.Select(m => m.Map(exception)).FirstOrDefault(p => p is not null),
        };

        if (problem is null)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "The server failed to handle the request.",
                Detail = environment.IsDevelopment() ? exception.ToString() : "The error was logged; quote the traceId when you report it.",
            };
        }
        else if (exception is CrmProblemException { Extensions.Count: > 0 } withExtensions)
        {
            foreach (var (key, value) in withExtensions.Extensions) problem.Extensions[key] = value;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException exception) => exception.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => new ProblemDetails
        {
            Status = StatusCodes.Status413PayloadTooLarge,
            Title = "The request body is too large.",
            Detail = "Send a smaller body; the limit for this route is in the API reference.",
        },
        _ when exception.InnerException is JsonException { Path: { Length: > 2 } path } json => new HttpValidationProblemDetails(
            new Dictionary<string, string[]> { [path[2..]] = [DescribeJsonError(path[2..], json)] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are invalid.",
            Detail = "Correct the fields listed in 'errors' and send the request again.",
        },
        _ when BindingFailure().Match(exception.Message) is { Success: true } failure => new HttpValidationProblemDetails(
            new Dictionary<string, string[]> { [JsonNamingPolicy.CamelCase.ConvertName(failure.Groups["name"].Value)] = [DescribeBindingError(failure)] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are invalid.",
            Detail = "Correct the fields listed in 'errors' and send the request again.",
        },
        _ => new ProblemDetails
        {
            Status = exception.StatusCode,
            Title = "The request could not be read.",
            Detail = exception.InnerException is JsonException json
                ? $"The body is not valid JSON: {json.Message}"
                : exception.Message,
        },
    };

    // Route, query and header values that do not parse: ASP.NET Core says which parameter in its message.
    [GeneratedRegex("""^(?:Failed to bind parameter "(?<type>[^ "]+) (?<name>[^ "]+)" from "(?<value>.*)"|Required parameter "(?<type>[^ "]+) (?<name>[^ "]+)" was not provided)""")]
    private static partial Regex BindingFailure();

    [GeneratedRegex("^Nullable<(.+)>$")]
    private static partial Regex NullableOf();

    private static string DescribeBindingError(Match failure)
    {
        var name = JsonNamingPolicy.CamelCase.ConvertName(failure.Groups["name"].Value);
        var type = NullableOf().Replace(failure.Groups["type"].Value, "$1").TrimEnd('?') switch
        {
            "Guid" => "an id (a GUID)",
            "DateOnly" => "a date (yyyy-MM-dd)",
            "DateTimeOffset" or "DateTime" => "an instant (ISO 8601)",
            "Int32" or "int" or "Int64" or "long" => "a whole number",
            "Decimal" or "decimal" => "a number",
            "Boolean" or "bool" => "true or false",
            var other => $"a valid {other}",
        };
        return failure.Groups["value"].Success
            ? $"{name} must be {type}; '{failure.Groups["value"].Value}' is not."
            : $"{name} is required and must be {type}.";
    }

    // System.Text.Json names our CLR types when a value has the wrong type; the caller needs the field instead.
    private static string DescribeJsonError(string field, JsonException json) =>
        json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            ? $"{field} has a value of the wrong type, or one that is not among its allowed values."
            : $"{field}: {json.Message}";

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
