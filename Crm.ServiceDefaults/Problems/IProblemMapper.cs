using Microsoft.AspNetCore.Mvc;

namespace Crm.ServiceDefaults.Problems;

/// <summary>
/// Turns an exception from a library (EF Core, for instance) into a problem the caller can act on. Registered
/// mappers are asked in order before an exception is answered as a 500.
/// </summary>
public interface IProblemMapper
{
    ProblemDetails? Map(Exception exception);
}
