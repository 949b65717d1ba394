using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace Crm.Bench;

/// <summary>
/// The request benchmark's anchors, mapped only in hosts the bench starts (<see cref="BenchEndpoints"/>): the same rows
/// as the real routes read, each with one plain SQLite command on a pooled connection, read into plain dictionaries and
/// written with the host's own JSON options (TypedResults.Ok), behind the same authentication and branch. What a
/// request costs when nothing but reading the rows and writing them runs.
/// </summary>
public static class RequestAnchors
{
    public static void MapCustomers(IEndpointRouteBuilder routes)
    {
        MapAllocated(routes);
        routes.MapGet("/bench/anchor/customers/{id:guid}", async (Guid id, ICurrentUser user, IConfiguration configuration, CancellationToken ct) =>
        {
            await using var connection = Open(configuration, "customersdb");
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT * FROM Customers WHERE Id = $id AND BranchId = $branch;
                SELECT * FROM Contacts WHERE CustomerId = $id AND BranchId = $branch ORDER BY IsPrimary DESC, Id;
                """;
            command.Parameters.AddWithValue("$id", Text(id));
            command.Parameters.AddWithValue("$branch", user.BranchId);
            await connection.OpenAsync(ct);
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct)) return Results.NotFound();
            var card = Row(reader);
            await reader.NextResultAsync(ct);
            card["contacts"] = await RowsAsync(reader, ct);
            return TypedResults.Ok(card);
        }).RequireAuthorization();

        routes.MapGet("/bench/anchor/customers", async (ICurrentUser user, IConfiguration configuration, CancellationToken ct) =>
        {
            await using var connection = Open(configuration, "customersdb");
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT COUNT(*) FROM Customers WHERE BranchId = $branch;
                SELECT Id, Code, Name, Kind, Region, Route, Category, Status, Grade, OwnerId, OwnerName, EntryDate, Version
                FROM Customers WHERE BranchId = $branch ORDER BY Name, Id LIMIT 50;
                SELECT CustomerId, Name, Mobile, Phone FROM Contacts WHERE IsPrimary AND CustomerId IN
                    (SELECT Id FROM Customers WHERE BranchId = $branch ORDER BY Name, Id LIMIT 50);
                """;
            command.Parameters.AddWithValue("$branch", user.BranchId);
            await connection.OpenAsync(ct);
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            var total = reader.GetInt64(0);
            await reader.NextResultAsync(ct);
            var items = await RowsAsync(reader, ct);
            await reader.NextResultAsync(ct);
            var primaries = new Dictionary<string, Dictionary<string, object?>>();
            while (await reader.ReadAsync(ct)) primaries[reader.GetString(0)] = Row(reader);
            foreach (var item in items)
                item["primaryContact"] = primaries.GetValueOrDefault((string)item["Id"]!);
            return TypedResults.Ok(new { items, total, page = 1, pageSize = 50 });
        }).RequireAuthorization();
    }

    public static void MapCredit(IEndpointRouteBuilder routes)
    {
        MapAllocated(routes);
        routes.MapGet("/bench/anchor/credit/accounts/{id:guid}", async (Guid id, ICurrentUser user, IConfiguration configuration, CancellationToken ct) =>
        {
            await using var connection = Open(configuration, "creditdb");
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT * FROM Customers WHERE Id = $id AND BranchId = $branch;
                SELECT * FROM CreditAccounts WHERE CustomerId = $id AND BranchId = $branch;
                """;
            command.Parameters.AddWithValue("$id", Text(id));
            command.Parameters.AddWithValue("$branch", user.BranchId);
            await connection.OpenAsync(ct);
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct)) return Results.NotFound();
            var account = Row(reader);
            await reader.NextResultAsync(ct);
            account["account"] = await reader.ReadAsync(ct) ? Row(reader) : null;
            return TypedResults.Ok(account);
        }).RequireAuthorization();
    }

    /// <summary>The bytes the host has allocated so far (every thread): the bench divides the difference by the requests.</summary>
    private static void MapAllocated(IEndpointRouteBuilder routes) =>
        routes.MapGet("/bench/allocated", () => GC.GetTotalAllocatedBytes(precise: true)).AllowAnonymous();

    private static SqliteConnection Open(IConfiguration configuration, string name) =>
        new(new SqliteConnectionStringBuilder(configuration.GetConnectionString(name)) { Pooling = true }.ToString());

    private static string Text(Guid id) => id.ToString().ToUpperInvariant();

    private static Dictionary<string, object?> Row(SqliteDataReader reader)
    {
        var row = new Dictionary<string, object?>(reader.FieldCount);
        for (var i = 0; i < reader.FieldCount; i++) row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        return row;
    }

    private static async Task<List<Dictionary<string, object?>>> RowsAsync(SqliteDataReader reader, CancellationToken ct)
    {
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync(ct)) rows.Add(Row(reader));
        return rows;
    }
}
