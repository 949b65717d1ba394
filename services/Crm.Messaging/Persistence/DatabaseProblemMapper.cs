using Crm.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.SqlClient;

namespace Crm.Messaging.Persistence;

/// <summary>
/// Two people editing at once: the loser's SaveChanges fails on the concurrency token or a unique index. Both are
/// 409s the caller can act on, never 500s.
/// </summary>
public sealed class DatabaseProblemMapper : IProblemMapper
{
    public ProblemDetails? Map(Exception exception) => exception switch
    {
        DbUpdateConcurrencyException => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "Stale version.",
            Detail = "Someone else changed this record while you were editing it; read it again and reapply your change.",
        },
        DbUpdateException { InnerException: SqliteException { SqliteExtendedErrorCode: 2067 or 1555 } or SqlException { Number: 2601 or 2627 } } => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "Conflict.",
            Detail = "The change collides with a record saved at the same moment (a duplicate); read again and retry.",
        },
        _ => null,
    };
}
