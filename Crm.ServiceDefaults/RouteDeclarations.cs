using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Routing;

namespace Crm.ServiceDefaults;

/// <summary>
/// A route declared in one call: <c>api.Post("/{id:guid}/approve", Approve, "Approve (批准) …", 409, 422).ForRoles(Approvers)</c>.
/// Its operation name (<c>operationId</c>) is its handler's method name, its summary is what the API reference shows,
/// and the problem statuses are those it declares beyond what its shape implies (see <see cref="ProblemResponses"/>).
/// A group (<c>MapGroup(…).ForRoles(…)</c>) or a route limits who may call it with <see cref="ForRoles{TBuilder}"/>.
/// </summary>
public static class RouteDeclarations
{
    public static RouteHandlerBuilder Get(this IEndpointRouteBuilder routes, [StringSyntax("Route")] string pattern, Delegate handler, string summary, params int[] problems) =>
        routes.MapGet(pattern, handler).Declare(handler, summary, problems);

    public static RouteHandlerBuilder Post(this IEndpointRouteBuilder routes, [StringSyntax("Route")] string pattern, Delegate handler, string summary, params int[] problems) =>
        routes.MapPost(pattern, handler).Declare(handler, summary, problems);

    public static RouteHandlerBuilder Put(this IEndpointRouteBuilder routes, [StringSyntax("Route")] string pattern, Delegate handler, string summary, params int[] problems) =>
        routes.MapPut(pattern, handler).Declare(handler, summary, problems);

    public static RouteHandlerBuilder Delete(this IEndpointRouteBuilder routes, [StringSyntax("Route")] string pattern, Delegate handler, string summary, params int[] problems) =>
        routes.MapDelete(pattern, handler).Declare(handler, summary, problems);

    /// <summary>Only a user with one of these roles may call the route (or every route of the group); anyone else gets 403.</summary>
    public static TBuilder ForRoles<TBuilder>(this TBuilder builder, params IEnumerable<string> roles) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy => policy.RequireRole(roles));

    private static RouteHandlerBuilder Declare(this RouteHandlerBuilder route, Delegate handler, string summary, int[] problems)
    {
        route.WithName(handler.Method.Name).WithSummary(summary);
        return problems.Length == 0 ? route : route.ProducesProblems(problems);
    }
}
