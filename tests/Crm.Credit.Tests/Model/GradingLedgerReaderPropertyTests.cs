using Crm.Credit.Infrastructure;
using Crm.Credit.Model.Grading;
using Crm.Messaging.Persistence;
using Crm.ServiceDefaults;
using Crm.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;

namespace Crm.Credit.Tests.Model;

/// <summary>
/// The grading gather as it runs: the opening balances aggregated in SQL before the cut-off, the rows after it stepped
/// through the covering index and settled in integer arithmetic, the customers whose references cross the cut-off
/// replayed whole; held to the rule's statement, <see cref="LedgerReplay"/>, over the random ledgers of
/// <see cref="LedgerSettlementPropertyTests"/> (reversals and credit notes dated away from their originals, back-dated
/// entries, prepayments, overpayments, terms 0–90 days), written into a real SQLite file with the service's migrations.
/// Cut-offs of 0, 30 and 90 days before the window put many references across the boundary. Read in one range on the
/// caller's connection, or in two ranges of customers at once (the second on a connection of its own), as a run reads it.
/// </summary>
public sealed class GradingLedgerReaderPropertyTests : IAsyncLifetime
{
    private const string Branch = "prop";
    private static readonly YearMonth Period = new(2026, 10);
    private static readonly GradingWindows Windows = GradingWindows.Ending(Period, 12);
    private static readonly DateTimeOffset Now = new(2026, 11, 16, 2, 0, 0, TimeSpan.Zero);

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"crm-grading-reader-{Guid.NewGuid():N}.db");
    private ServiceProvider _services = null!;
    private readonly Dictionary<Guid, List<LedgerLine>> _ledgers = [];

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IHttpContextAccessor, HttpContextAccessor>();
        services.AddScoped<BackgroundIdentity>();
        services.AddScoped<ICurrentUser, CurrentUser>();
        services.AddServiceDbContext<CreditDbContext, SqliteCreditDbContext>((_, o) => o.UseSqlite($"Data Source={_file}"));
        _services = services.BuildServiceProvider();
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<CreditDbContext>().Database.MigrateAsync();

        // 400 seeds × 5 customers, each a random ledger in number order.
        await using var connection = new SqliteConnection($"Data Source={_file}");
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText =
            "INSERT INTO LedgerEntries (Id, BranchId, CustomerId, Number, Date, Amount, BalanceAfter, RecordedAt, RecordedBy, Kind, Product, Quantity, DueDate, " +
            "DueDateFromContract, OutsideContract, ReversesNumber, ReversesEntryId, CreditsNumber, ReturnId, RebateReversed) " +
            "VALUES ($id, $branch, $customer, $number, $date, $amount, 0, 0, 'test', $kind, $product, $quantity, $due, 0, 0, $reverses, $reversesId, $credits, $return, $rebate)";
        foreach (var name in new[] { "$id", "$branch", "$customer", "$number", "$date", "$amount", "$kind", "$product", "$quantity", "$due", "$reverses", "$reversesId", "$credits", "$return", "$rebate" })
            insert.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        // The branch's customers: a parallel read cuts them into ranges.
        await using var customerInsert = connection.CreateCommand();
        customerInsert.Transaction = transaction;
        customerInsert.CommandText =
            "INSERT INTO Customers (Id, BranchId, Code, Name, Region, Status, OwnerId, RegisteredAt, ProfileVersion, OwnerChangedAt, StatusChangedAt, Version) " +
            "VALUES ($id, $branch, $code, $code, '华东', 'active', 'rep', 0, 1, 0, 0, 1)";
        foreach (var name in new[] { "$id", "$branch", "$code" })
            customerInsert.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        for (var seed = 1; seed <= 400; seed++)
        {
            var random = new Random(seed);
            for (var i = 0; i < 5; i++)
            {
                var customer = Guid.NewGuid();
                var lines = LedgerSettlementPropertyTests.RandomLedger(random);
                _ledgers[customer] = lines;
                Set(customerInsert, "$id", Text(customer));
                Set(customerInsert, "$branch", Branch);
                Set(customerInsert, "$code", $"P-{_ledgers.Count:D5}");
                await customerInsert.ExecuteNonQueryAsync();
                foreach (var line in lines)
                {
                    var kind = line.Kind switch { LedgerEntryKind.Sale => "sale", LedgerEntryKind.Payment => "payment", _ => "credit-note" };
                    Set(insert, "$id", Text(Guid.NewGuid()));
                    Set(insert, "$branch", Branch);
                    Set(insert, "$customer", Text(customer));
                    Set(insert, "$number", line.Number);
                    Set(insert, "$date", Iso(line.Date));
                    Set(insert, "$amount", (long)(line.Amount * 1_000_000m));
                    Set(insert, "$kind", kind);
                    Set(insert, "$product", line.Kind == LedgerEntryKind.Payment ? null : "洗衣粉");
                    Set(insert, "$quantity", line.Kind == LedgerEntryKind.Payment ? null : 1_000_000L);
                    Set(insert, "$due", line.Kind == LedgerEntryKind.Sale ? Iso(line.DueDate) : null);
                    Set(insert, "$reverses", line.ReversesNumber);
                    Set(insert, "$reversesId", line.ReversesNumber is null ? null : Text(Guid.NewGuid()));
                    Set(insert, "$credits", line.CreditsNumber);
                    Set(insert, "$return", line.Kind == LedgerEntryKind.CreditNote ? Text(Guid.NewGuid()) : null);
                    Set(insert, "$rebate", line.Kind == LedgerEntryKind.CreditNote ? 0L : null);
                    await insert.ExecuteNonQueryAsync();
                }
            }
        }
        await transaction.CommitAsync();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { _file, _file + "-wal", _file + "-shm" }) File.Delete(path);
    }

    [Theory]
    [InlineData(0, 0, 1)]
    [InlineData(30, 0, 1)]
    [InlineData(90, 0, 1)]
    [InlineData(90, 45, 1)]
    [InlineData(0, 0, 2)]
    [InlineData(90, 0, 2)]
    [InlineData(90, 45, 3)]
    public async Task The_bounded_gather_gives_the_figures_of_the_replay(int longestTermDays, int daysBeforeToday, int parallel)
    {
        var asOf = DateOnly.FromDateTime(Now.UtcDateTime).AddDays(-daysBeforeToday);
        Dictionary<Guid, SettlementFigures> figures;
        GradingLedgerReader.Counts counts;
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CreditDbContext>();
            await db.Database.OpenConnectionAsync();
            var reader = new GradingLedgerReader(db.Database.GetDbConnection(), null);
            figures = await reader.ReadAsync(Branch, Windows, asOf, longestTermDays, CancellationToken.None, parallel);
            counts = reader.Last!;
        }

        var compared = 0;
        foreach (var (customer, lines) in _ledgers)
        {
            // The gather reads up to the period's end, as a run does.
            var upToEnd = lines.Where(l => l.Date <= Windows.Current.To).ToList();
            var replay = LedgerReplay.Of(upToEnd);
            var onTime = replay.OnTime(Windows.Current, asOf);
            var found = figures.GetValueOrDefault(customer);
            Assert.True(upToEnd.Count == 0 || figures.ContainsKey(customer), $"customer {customer}: no figures");
            Assert.True(replay.SalesWithin(Windows.Current) == SettlementFigures.Yuan(found.WindowSales), $"customer {customer}: window sales");
            Assert.True(replay.SalesWithin(Windows.Previous) == SettlementFigures.Yuan(found.PreviousWindowSales), $"customer {customer}: previous window sales");
            Assert.True(onTime.AmountDue == found.OnTime.AmountDue, $"customer {customer}: amount due");
            Assert.True(onTime.PaidByDueDate == found.OnTime.PaidByDueDate, $"customer {customer}: paid by the due date");
            Assert.Equal(onTime.SalesDue, found.SalesDue);
            compared++;
        }
        Assert.Equal(2000, compared);
        Assert.Equal(_ledgers.Count(l => l.Value.Any(line => line.Date <= Windows.Current.To)), figures.Count);
        Assert.Equal(parallel, counts.Ranges);
        // Both paths are exercised: most customers settle after an opening, some are replayed whole.
        Assert.True(counts.ReplayedWhole > 20, $"replayed whole: {counts.ReplayedWhole}");
        Assert.True(counts.Customers - counts.ReplayedWhole > 100, $"settled after an opening: {counts.Customers - counts.ReplayedWhole}");
    }

    private static void Set(SqliteCommand command, string name, object? value) => command.Parameters[name].Value = value ?? DBNull.Value;

    private static string Text(Guid id) => id.ToString().ToUpperInvariant();

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
