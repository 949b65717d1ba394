using System.Net.Http;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace Crm.ServiceDefaults.Problems;

/// <summary>Endpoint metadata: the problem statuses a route can answer beyond those its shape implies.</summary>
public sealed record ProblemResponsesMetadata(IReadOnlyList<int> Statuses);

/// <summary>
/// The error contract in the API description, written once. Every operation of a service's OpenAPI document lists the
/// RFC 9457 problems it can answer (<c>application/problem+json</c>, schema <c>ProblemDetails</c>, or
/// <c>HttpValidationProblemDetails</c> for 400): those its shape implies — 401 for a route that needs a token, 403 for
/// one limited to roles, 400 and 413 for one that takes a body, 400 for query values, 404 for an id in the path — and
/// those the route declares with <see cref="ProducesProblems{TBuilder}"/> (what its handler and the model beneath it
/// throw: 400 field errors, 403 a rule such as separation of duties, 404 an id in the body, 409 a stale version or the
/// wrong state, 422 a business rule).
/// </summary>
public static class ProblemResponses
{
    public const string ContentType = "application/problem+json";

    /// <summary>Declares problem statuses this route (or every route of a group) can answer.</summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProblemResponsesMetadata(statuses));

    /// <summary>The statuses an endpoint can answer as a problem: implied by its shape, plus those it declares.</summary>
    public static SortedSet<int> StatusesOf(Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription description)
    {
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var statuses = new SortedSet<int>();
        if (metadata.OfType<IAllowAnonymous>().Any()) return statuses;
        var policies = metadata.OfType<AuthorizationPolicy>().ToList();
        if (policies.Count > 0 || metadata.OfType<IAuthorizeData>().Any()) statuses.Add(StatusCodes.Status401Unauthorized);
        if (policies.Any(p => p.Requirements.OfType<RolesAuthorizationRequirement>().Any())
            || metadata.OfType<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Roles)))
            statuses.Add(StatusCodes.Status403Forbidden);
        var sources = description.ParameterDescriptions.Select(p => p.Source).ToList();
        if (sources.Any(s => s == BindingSource.Body || s == BindingSource.Form || s == BindingSource.FormFile))
        {
            statuses.Add(StatusCodes.Status400BadRequest);
            statuses.Add(StatusCodes.Status413PayloadTooLarge);
        }
        if (sources.Contains(BindingSource.Query)) statuses.Add(StatusCodes.Status400BadRequest);
        if (sources.Contains(BindingSource.Path)) statuses.Add(StatusCodes.Status404NotFound);
        foreach (var declared in metadata.OfType<ProblemResponsesMetadata>()) statuses.UnionWith(declared.Statuses);
        return statuses;
    }

    // The document's key of a route: "/" + its template without constraints, defaults or a trailing slash.
    private static string PathOf(Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription description) =>
        "/" + Regex.Replace(description.RelativePath ?? "", @"\{\*{0,2}([^}:=?]+)[^}]*\}", "{$1}").Trim('/');

    /// <summary>Adds every operation's problem responses to the document (registered by <c>AddCrmOpenApi</c>).</summary>
    public static OpenApiOptions AddProblemResponses(this OpenApiOptions options) => options.AddDocumentTransformer(async (document, context, cancellationToken) =>
    {
        var problem = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
        var validation = await context.GetOrCreateSchemaAsync(typeof(HttpValidationProblemDetails), null, cancellationToken);
        document.AddComponent(nameof(ProblemDetails), problem);
        document.AddComponent(nameof(HttpValidationProblemDetails), validation);
        foreach (var description in context.DescriptionGroups.SelectMany(g => g.Items))
        {
            if (description.HttpMethod is null || document.Paths is null
                || !document.Paths.TryGetValue(PathOf(description), out var path)
                || path.Operations is null
                || !path.Operations.TryGetValue(new HttpMethod(description.HttpMethod), out var operation))
                continue;
            operation.Responses ??= new OpenApiResponses();
            foreach (var status in StatusesOf(description))
            {
                var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (operation.Responses.ContainsKey(key)) continue;
                var schema = status == StatusCodes.Status400BadRequest ? nameof(HttpValidationProblemDetails) : nameof(ProblemDetails);
                operation.Responses[key] = new OpenApiResponse
                {
                    Description = ReasonPhrases.GetReasonPhrase(status),
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        [ContentType] = new() { Schema = new OpenApiSchemaReference(schema, document) },
                    },
                };
            }
        }
    });
}
