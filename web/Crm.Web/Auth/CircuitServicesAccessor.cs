using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Crm.Web.Auth;

/// <summary>
/// The services of the circuit whose work is running, for what the HTTP client factory builds in a scope of its own
/// (the bearer handler): Blazor's documented way to reach the signed-in user from a delegating handler.
/// </summary>
public sealed class CircuitServicesAccessor
{
    private static readonly AsyncLocal<IServiceProvider?> Current = new();

    public IServiceProvider? Services
    {
        get => Current.Value;
        set => Current.Value = value;
    }
}

public sealed class ServicesAccessorCircuitHandler(IServiceProvider services, CircuitServicesAccessor accessor) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            accessor.Services = services;
            await next(context);
            accessor.Services = null;
        };
}
