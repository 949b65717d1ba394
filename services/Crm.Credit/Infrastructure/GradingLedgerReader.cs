using System.Data.Common;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Crm.Credit.Infrastructure;

/// <summary>
/// The ledger side of the grading gather (客户等级评估), bounded by the window: what a run needs from a branch's ledger
/// is the net sales of two windows and the on-time figures of sales falling due in the current one. Two passes in
/// customer order over the covering index <c>IX_LedgerEntries_Settlement</c>:
/// <list type="number">
/// <item>the <b>opening</b> of each customer, one SQL aggregate over the rows dated before the cut-off (the window's
/// start minus the longest payment term): standing sales, payments, sales in the previous window
/// (<see cref="SettlementOpening"/>; a reversal and its original cancel in the sums, being of one kind and date with
/// opposite amounts);</item>
/// <item>the rows from the cut-off to the period's end, one by one, settled per customer after its opening in integer
/// arithmetic (<see cref="LedgerSettlement"/>).</item>
/// </list>
/// The opening stands for the rows before the cut-off only when none of them can still matter one by one: a customer
/// with a sale before the cut-off due in the window (a term longer than assumed), a credit note before the cut-off, or
/// a reversal or credit note whose other side lies across the cut-off, is replayed whole from its full ledger (an index
/// seek each). A property test holds the result to <see cref="LedgerReplay"/> over random ledgers.
/// On SQLite the rows are stepped through the native statement (no value boxing, the customer's id compared as bytes
/// rather than made a string per row, dates parsed from their ISO text); on SQL Server through a plain data reader.
/// </summary>
public sealed class GradingLedgerReader(DbConnection connection, DbTransaction? transaction)
{
    /// <summary>The longest ordinary payment term (账期 0–90 days) when no contract of the branch names a longer one.</summary>
    public const int DefaultLongestTermDays = 90;

    private const int NoCustomer = -1;

    /// <summary>What the two passes did, for the run's trace and the benchmark.</summary>
    public sealed record Counts(int Customers, long TailRows, int ReplayedWhole, long ReplayedRows, int Ranges = 1);

    public Counts? Last { get; private set; }

    private bool Sqlite => connection is SqliteConnection;

    /// <summary>A SQLite database another connection can open as well (a file, not a private in-memory one).</summary>
    private bool OnFile => new SqliteConnectionStringBuilder(connection.ConnectionString) is var built
        && built.Mode != SqliteOpenMode.Memory && built.DataSource is { Length: > 0 } source && source != ":memory:";

    /// <summary>Settlement figures per customer with any ledger row up to the window's end.</summary>
    /// <param name="parallel">
    /// On SQLite, how many ranges of customers are read at once, each on a connection of its own (the caller's and
    /// fresh ones to the same file): readers never block each other or a writer in WAL mode, and every customer's rows
    /// lie in one range. 1 (or SQL Server) reads on the caller's connection alone.
    /// </param>
    public async Task<Dictionary<Guid, SettlementFigures>> ReadAsync(
        string branchId, GradingWindows windows, DateOnly asOf, int longestTermDays, CancellationToken cancellationToken, int parallel = 1)
    {
        var cutoff = windows.Current.From.AddDays(-Math.Max(0, longestTermDays));
        var splits = Sqlite && parallel > 1 && OnFile ? SqliteSplits(branchId, parallel) : [];
        var ranges = new CustomerRange[splits.Count + 1];
        for (var i = 0; i < ranges.Length; i++) ranges[i] = new CustomerRange(i == 0 ? null : splits[i - 1], i == splits.Count ? null : splits[i]);

        CustomerRange[] read;
        if (ranges.Length == 1) read = [await ReadRangeAsync(connection, transaction, ranges[0], branchId, windows, cutoff, asOf, cancellationToken)];
        else
        {
            // The first range on the caller's connection, the others each on a connection of its own, all at once.
            var others = ranges.Skip(1).Select(range => Task.Run(async () =>
            {
                await using var own = new SqliteConnection(connection.ConnectionString);
                await own.OpenAsync(cancellationToken);
                return await ReadRangeAsync(own, null, range, branchId, windows, cutoff, asOf, cancellationToken);
            }, cancellationToken)).ToList();
            var first = await ReadRangeAsync(connection, transaction, ranges[0], branchId, windows, cutoff, asOf, cancellationToken);
            read = [first, .. await Task.WhenAll(others)];
        }

        var figures = new Dictionary<Guid, SettlementFigures>(read.Sum(r => r.Figures!.Count + r.Replay!.Count));
        foreach (var range in read)
            foreach (var (customer, found) in range.Figures!)
                figures.Add(customer, found);

        // Customers whose older rows cannot be summed: replayed whole from their full ledger, an index seek each.
        var settlement = new LedgerSettlement();
        var rows = new List<SettlementRow>(64);
        long replayedRows = 0;
        var replayed = 0;
        var whole = "WHERE BranchId = @branch AND CustomerId = @customer AND Date >= @from AND Date <= @end ORDER BY CustomerId, Date";
        foreach (var range in read)
            foreach (var customer in range.Replay!)
            {
                void Settle(Guid id)
                {
                    if (id == Guid.Empty) return;
                    figures[id] = settlement.Settle(CollectionsMarshal.AsSpan(rows), windows.Current, windows.Previous, asOf);
                    rows.Clear();
                }
                replayed++;
                replayedRows += Sqlite
                    ? StepSqlite(connection, whole, branchId, DateOnly.MinValue, windows.Current.To, customer, null, rows, Settle)
                    : await ReadSqlServerAsync(whole, branchId, DateOnly.MinValue, windows.Current.To, customer, rows, Settle, cancellationToken);
            }
        Last = new Counts(figures.Count, read.Sum(r => r.TailRows), replayed, replayedRows, ranges.Length);
        return figures;
    }

    /// <summary>
    /// Customers from <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive), null meaning unbounded, compared as
    /// the store orders the ids; once read, the figures of its customers and those to replay whole.
    /// </summary>
    private sealed record CustomerRange(string? From, string? To)
    {
        public Dictionary<Guid, SettlementFigures>? Figures { get; init; }
        public List<Guid>? Replay { get; init; }
        public long TailRows { get; init; }

        public string Where => (From is null ? "" : " AND CustomerId >= @low") + (To is null ? "" : " AND CustomerId < @high");
    }

    /// <summary>
    /// Ids that cut the branch's customers into <paramref name="parts"/> ranges of about equal size, in the order of the
    /// ledger's index (ids as upper-case text, compared byte by byte): taken from the customers of the branch, so a range
    /// holds about as many ledgers as the next. Empty when there are too few customers to be worth splitting.
    /// </summary>
    private List<string> SqliteSplits(string branchId, int parts)
    {
        var ids = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT Id FROM Customers WHERE BranchId = @branch";
            Parameter(command, "@branch", branchId);
            using var reader = command.ExecuteReader();
            while (reader.Read()) ids.Add(reader.GetString(0));
        }
        if (ids.Count < 500 * parts) return [];
        ids.Sort(StringComparer.Ordinal);
        return Enumerable.Range(1, parts - 1).Select(i => ids[ids.Count * i / parts]).Distinct().ToList();
    }

    /// <summary>
    /// The two passes over one range of customers, on <paramref name="on"/>. On SQLite the connection maps the file into
    /// memory for the passes (<c>PRAGMA mmap_size</c>, put back afterwards): the passes read a large part of the ledger's
    /// index once, and a mapped page is read where it lies instead of being copied by a system call per page.
    /// </summary>
    private async Task<CustomerRange> ReadRangeAsync(
        DbConnection on, DbTransaction? onTransaction, CustomerRange range, string branchId, GradingWindows windows, DateOnly cutoff, DateOnly asOf,
        CancellationToken cancellationToken)
    {
        if (!Sqlite) return await ReadRangePassesAsync(on, onTransaction, range, branchId, windows, cutoff, asOf, cancellationToken);
        var mapped = Pragma(on, onTransaction, "mmap_size");
        Pragma(on, onTransaction, $"mmap_size = {MemoryMapBytes}");
        try
        {
            return await ReadRangePassesAsync(on, onTransaction, range, branchId, windows, cutoff, asOf, cancellationToken);
        }
        finally
        {
            Pragma(on, onTransaction, $"mmap_size = {mapped}");
        }
    }

    /// <summary>How much of the file a pass may map (SQLite caps it at its own compile-time limit).</summary>
    private const long MemoryMapBytes = 4L << 30;

    private static long Pragma(DbConnection on, DbTransaction? onTransaction, string pragma)
    {
        using var command = on.CreateCommand();
        command.Transaction = onTransaction;
        command.CommandText = $"PRAGMA {pragma};";
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture);
    }

    private async Task<CustomerRange> ReadRangePassesAsync(
        DbConnection on, DbTransaction? onTransaction, CustomerRange range, string branchId, GradingWindows windows, DateOnly cutoff, DateOnly asOf,
        CancellationToken cancellationToken)
    {
        var openings = await OpeningsAsync(on, onTransaction, range, branchId, windows, cutoff, cancellationToken);
        var figures = new Dictionary<Guid, SettlementFigures>(openings.Count + 16);
        var settlement = new LedgerSettlement();
        var replay = new List<Guid>();
        var rows = new List<SettlementRow>(64);

        void Close(Guid customer)
        {
            if (customer == Guid.Empty) return;
            var opening = openings.Remove(customer, out var found) ? found : default;
            if (opening.ReplayWhole || CrossesCutoff(rows)) replay.Add(customer);
            else figures[customer] = settlement.Settle(opening.Sums, CollectionsMarshal.AsSpan(rows), windows.Current, windows.Previous, asOf);
            rows.Clear();
        }

        // On SQLite the date bounds are kept off the index (the unary +): the planner would otherwise skip-scan every
        // customer's date range and sort the rows it finds again, where one pass in index order is already sorted.
        var tail = Sqlite
            ? $"WHERE BranchId = @branch{range.Where} AND +Date >= @from AND +Date <= @end ORDER BY CustomerId, Date"
            : $"WHERE BranchId = @branch{range.Where} AND Date >= @from AND Date <= @end ORDER BY CustomerId, Date";
        var tailRows = Sqlite
            ? StepSqlite(on, tail, branchId, cutoff, windows.Current.To, null, range, rows, Close)
            : await ReadSqlServerAsync(tail, branchId, cutoff, windows.Current.To, null, rows, Close, cancellationToken);

        // Customers with no row from the cut-off on: their opening is all there is.
        foreach (var (customer, opening) in openings)
        {
            if (opening.ReplayWhole) replay.Add(customer);
            else figures[customer] = settlement.Settle(opening.Sums, [], windows.Current, windows.Previous, asOf);
        }
        return range with { Figures = figures, Replay = replay, TailRows = tailRows };
    }

    /// <summary>A reversal or credit note among the rows naming a number that is not among them: its other side is before the cut-off.</summary>
    private static bool CrossesCutoff(List<SettlementRow> rows)
    {
        var span = CollectionsMarshal.AsSpan(rows);
        foreach (ref readonly var row in span)
        {
            var named = row.ReversesNumber != LedgerSettlement.None ? row.ReversesNumber : row.CreditsNumber;
            if (named == LedgerSettlement.None) continue;
            var found = false;
            foreach (ref readonly var other in span)
                if (other.Number == named) { found = true; break; }
            if (!found) return true;
        }
        return false;
    }

    private readonly record struct Opening(SettlementOpening Sums, bool ReplayWhole);

    /// <summary>
    /// The first pass: one aggregate per customer over its rows before the cut-off, with the flag that says its opening
    /// cannot stand for them: a sale still due in the window, a credit note, or a reversal that does not cancel its
    /// original in every sum (an original of the same kind, date and opposite amount, as <see cref="LedgerEntry"/>
    /// records every reversal; anything else, such as a reversal whose original lies after the cut-off, is replayed).
    /// </summary>
    private async Task<Dictionary<Guid, Opening>> OpeningsAsync(
        DbConnection on, DbTransaction? onTransaction, CustomerRange range, string branchId, GradingWindows windows, DateOnly cutoff, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT e.CustomerId,
                SUM(CASE WHEN e.Kind = 'sale' THEN e.Amount ELSE 0 END),
                SUM(CASE WHEN e.Kind = 'payment' THEN e.Amount ELSE 0 END),
                SUM(CASE WHEN e.Kind = 'sale' AND e.Date >= @previousFrom AND e.Date <= @previousTo THEN e.Amount ELSE 0 END),
                MAX(CASE WHEN e.Kind = 'credit-note' OR (e.Kind = 'sale' AND e.DueDate >= @windowFrom)
                    OR (e.ReversesNumber IS NOT NULL AND NOT EXISTS (SELECT 1 FROM LedgerEntries o
                        WHERE o.CustomerId = e.CustomerId AND o.Number = e.ReversesNumber AND o.Date = e.Date AND o.Kind = e.Kind AND o.Amount = -e.Amount)) THEN 1 ELSE 0 END)
            FROM LedgerEntries e {Indexed}
            WHERE e.BranchId = @branch{range.Where.Replace("CustomerId", "e.CustomerId")} AND e.Date < @from
            GROUP BY e.CustomerId
            """;
        var openings = new Dictionary<Guid, Opening>();
        await using var command = on.CreateCommand();
        command.Transaction = onTransaction;
        command.CommandText = sql;
        Parameter(command, "@branch", branchId);
        if (range.From is { } low) Parameter(command, "@low", low);
        if (range.To is { } high) Parameter(command, "@high", high);
        Parameter(command, "@from", Date(cutoff));
        Parameter(command, "@previousFrom", Date(windows.Previous.From));
        Parameter(command, "@previousTo", Date(windows.Previous.To));
        Parameter(command, "@windowFrom", Date(windows.Current.From));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var customer = Sqlite ? Guid.Parse(reader.GetString(0)) : reader.GetGuid(0);
            openings[customer] = new Opening(
                new SettlementOpening(Millionths(reader, 1), Millionths(reader, 2), Millionths(reader, 3)),
                reader.GetInt32(4) != 0);
        }
        return openings;
    }

    private long Millionths(DbDataReader reader, int ordinal) => Sqlite ? reader.GetInt64(ordinal) : (long)(reader.GetDecimal(ordinal) * 1_000_000m);

    private object Date(DateOnly date) => Sqlite ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : date;

    /// <summary>On SQLite the passes name their index, so the planner never trades it for the (BranchId, Date) one and a sort.</summary>
    private string Indexed => Sqlite ? "INDEXED BY IX_LedgerEntries_Settlement" : "";

    /// <summary>The columns stepped on SQLite; absent references and due dates filled in by SQLite, so a row needs no null checks.</summary>
    private static readonly string Columns = string.Create(CultureInfo.InvariantCulture,
        $"SELECT CustomerId, Kind, Number, Date, Amount, COALESCE(DueDate, Date), IFNULL(ReversesNumber, {LedgerSettlement.None}), IFNULL(CreditsNumber, {LedgerSettlement.None}) FROM LedgerEntries INDEXED BY IX_LedgerEntries_Settlement ");

    /// <summary>
    /// Steps the rows through SQLite's own statement on the connection EF opened: values read as integers and bytes,
    /// the customer's id compared with the previous row's bytes and parsed only when it changes. Returns the rows read.
    /// </summary>
    private long StepSqlite(
        DbConnection on, string where, string branchId, DateOnly from, DateOnly end, Guid? customer, CustomerRange? range, List<SettlementRow> rows, Action<Guid> customerDone)
    {
        var handle = ((SqliteConnection)on).Handle!;
        var sql = Columns + where.Replace("@branch", "?1").Replace("@from", "?2").Replace("@end", "?3").Replace("@customer", "?4")
            .Replace("@low", "?5").Replace("@high", "?6");
        Check(handle, raw.sqlite3_prepare_v2(handle, sql, out var statement));
        using (statement)
        {
            raw.sqlite3_bind_text(statement, 1, branchId);
            raw.sqlite3_bind_text(statement, 2, from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            raw.sqlite3_bind_text(statement, 3, end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            if (customer is { } id) raw.sqlite3_bind_text(statement, 4, id.ToString().ToUpperInvariant());
            if (range?.From is { } low) raw.sqlite3_bind_text(statement, 5, low);
            if (range?.To is { } high) raw.sqlite3_bind_text(statement, 6, high);
            Span<byte> previous = stackalloc byte[64];
            var previousLength = NoCustomer;
            var current = Guid.Empty;
            long count = 0;
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                count++;
                var idBytes = raw.sqlite3_column_blob(statement, 0);
                if (previousLength == NoCustomer || !idBytes.SequenceEqual(previous[..previousLength]))
                {
                    customerDone(current);
                    current = Guid.Parse(System.Text.Encoding.ASCII.GetString(idBytes));
                    idBytes.CopyTo(previous);
                    previousLength = idBytes.Length;
                }
                var kind = raw.sqlite3_column_blob(statement, 1);
                var day = DayNumber(raw.sqlite3_column_blob(statement, 3));
                rows.Add(new SettlementRow(
                    kind[0] == (byte)'s' ? LedgerEntryKind.Sale : kind[0] == (byte)'p' ? LedgerEntryKind.Payment : LedgerEntryKind.CreditNote,
                    raw.sqlite3_column_int(statement, 2),
                    day,
                    DayNumber(raw.sqlite3_column_blob(statement, 5)),
                    raw.sqlite3_column_int64(statement, 4),
                    raw.sqlite3_column_int(statement, 6),
                    raw.sqlite3_column_int(statement, 7)));
            }
            if (rc != raw.SQLITE_DONE) Check(handle, rc);
            customerDone(current);
            return count;
        }
    }

    private static void Check(sqlite3 handle, int rc)
    {
        if (rc != raw.SQLITE_OK) throw new SqliteException($"SQLite error {rc}: {raw.sqlite3_errmsg(handle).utf8_to_string()}", rc);
    }

    /// <summary>An ISO date (yyyy-MM-dd) as <see cref="DateOnly.DayNumber"/>, without a string.</summary>
    private static int DayNumber(ReadOnlySpan<byte> iso)
    {
        var year = (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 + (iso[2] - '0') * 10 + (iso[3] - '0');
        var month = (iso[5] - '0') * 10 + (iso[6] - '0');
        var day = (iso[8] - '0') * 10 + (iso[9] - '0');
        return new DateOnly(year, month, day).DayNumber;
    }

    private async Task<long> ReadSqlServerAsync(
        string where, string branchId, DateOnly from, DateOnly end, Guid? customer, List<SettlementRow> rows, Action<Guid> customerDone, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "SELECT CustomerId, CASE Kind WHEN 'sale' THEN 0 WHEN 'payment' THEN 1 ELSE 2 END, Number, DATEDIFF(day, '0001-01-01', Date), " +
            $"Amount, DATEDIFF(day, '0001-01-01', COALESCE(DueDate, Date)), COALESCE(ReversesNumber, {LedgerSettlement.None}), " +
            $"COALESCE(CreditsNumber, {LedgerSettlement.None}) FROM LedgerEntries " + where;
        Parameter(command, "@branch", branchId);
        Parameter(command, "@from", from);
        Parameter(command, "@end", end);
        if (customer is { } id) Parameter(command, "@customer", id);
        var current = Guid.Empty;
        long count = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            count++;
            var next = reader.GetGuid(0);
            if (next != current)
            {
                customerDone(current);
                current = next;
            }
            rows.Add(new SettlementRow((LedgerEntryKind)reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(5),
                (long)(reader.GetDecimal(4) * 1_000_000m), reader.GetInt32(6), reader.GetInt32(7)));
        }
        customerDone(current);
        return count;
    }

    private static void Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
