namespace Crm.Credit.Model;

/// <summary>
/// What the account's read needs of a customer's ledger (客户账户), kept so that the read does not replay the ledger:
/// the <see cref="LedgerReplay"/> of every entry (settlements, payments by date, totals) and the dates of the last
/// standing sale and payment. Recomputed in full from every entry in the transaction that records each new one
/// (<see cref="AccountSettlement"/>), so a back-dated entry or a reversal re-settles everything, as a replay would; the
/// figures that depend on the day (overdue, on time, the window's sales) are still computed from it on every read.
/// </summary>
public sealed class LedgerSnapshot
{
    private const byte Format = 1;
    private const int NoDate = -1;

    private LedgerSnapshot(LedgerReplay replay, DateOnly? lastSaleOn, DateOnly? lastPaymentOn)
    {
        Replay = replay;
        LastSaleOn = lastSaleOn;
        LastPaymentOn = lastPaymentOn;
    }

    public LedgerReplay Replay { get; }

    /// <summary>The latest date of a sale that stands (neither reversed nor a reversal).</summary>
    public DateOnly? LastSaleOn { get; }

    /// <summary>The latest date of a payment that stands.</summary>
    public DateOnly? LastPaymentOn { get; }

    public static LedgerSnapshot Of(IReadOnlyCollection<LedgerLine> lines) =>
        new(LedgerReplay.Of(lines), LastDate(lines, LedgerEntryKind.Sale), LastDate(lines, LedgerEntryKind.Payment));

    /// <summary>The latest date of an entry of the kind that stands (neither reversed nor a reversal).</summary>
    public static DateOnly? LastDate(IReadOnlyCollection<LedgerLine> lines, LedgerEntryKind kind)
    {
        var reversed = new HashSet<int>();
        foreach (var line in lines)
            if (line.ReversesNumber is { } number) reversed.Add(number);
        DateOnly? last = null;
        foreach (var line in lines)
            if (line.Kind == kind && line.ReversesNumber is null && !reversed.Contains(line.Number) && (last is null || line.Date > last))
                last = line.Date;
        return last;
    }

    /// <summary>The snapshot as stored: a format byte, then the totals, dates, settlements and payments, every amount exact.</summary>
    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(Format);
            writer.Write(Replay.TotalSales);
            writer.Write(Replay.TotalPayments);
            writer.Write(Replay.TotalCreditNotes);
            writer.Write(Replay.Unapplied);
            writer.Write(LastSaleOn?.DayNumber ?? NoDate);
            writer.Write(LastPaymentOn?.DayNumber ?? NoDate);
            writer.Write(Replay.Sales.Count);
            foreach (var sale in Replay.Sales)
            {
                writer.Write(sale.Number);
                writer.Write(sale.Date.DayNumber);
                writer.Write(sale.DueDate.DayNumber);
                writer.Write(sale.Amount);
                writer.Write(sale.SettledByDueDate);
                writer.Write(sale.Settled);
                writer.Write(sale.PaidOffOn?.DayNumber ?? NoDate);
                writer.Write(sale.Credited);
            }
            var dates = Replay.PaymentDates;
            var cumulative = Replay.PaymentsCumulative;
            writer.Write(dates.Length);
            for (var i = 0; i < dates.Length; i++)
            {
                writer.Write(dates[i].DayNumber);
                writer.Write(cumulative[i]);
            }
        }
        return stream.ToArray();
    }

    public static LedgerSnapshot FromBytes(byte[] data)
    {
        using var reader = new BinaryReader(new MemoryStream(data, writable: false));
        if (reader.ReadByte() != Format) throw new InvalidDataException("The ledger snapshot is in a format this version does not read.");
        var totalSales = reader.ReadDecimal();
        var totalPayments = reader.ReadDecimal();
        var totalCreditNotes = reader.ReadDecimal();
        var unapplied = reader.ReadDecimal();
        var lastSaleOn = Date(reader.ReadInt32());
        var lastPaymentOn = Date(reader.ReadInt32());
        var sales = new List<SaleSettlement>(reader.ReadInt32());
        for (var i = sales.Capacity; i > 0; i--)
        {
            var number = reader.ReadInt32();
            var date = DateOnly.FromDayNumber(reader.ReadInt32());
            var dueDate = DateOnly.FromDayNumber(reader.ReadInt32());
            var amount = reader.ReadDecimal();
            var settledByDueDate = reader.ReadDecimal();
            var settled = reader.ReadDecimal();
            var paidOffOn = Date(reader.ReadInt32());
            var credited = reader.ReadDecimal();
            sales.Add(new SaleSettlement(number, date, dueDate, amount, settledByDueDate, settled, paidOffOn) { Credited = credited });
        }
        var payments = reader.ReadInt32();
        var dates = new DateOnly[payments];
        var cumulative = new decimal[payments];
        for (var i = 0; i < payments; i++)
        {
            dates[i] = DateOnly.FromDayNumber(reader.ReadInt32());
            cumulative[i] = reader.ReadDecimal();
        }
        var replay = LedgerReplay.Restore(sales, dates, cumulative, totalSales, totalPayments, totalCreditNotes, unapplied);
        return new LedgerSnapshot(replay, lastSaleOn, lastPaymentOn);
    }

    private static DateOnly? Date(int dayNumber) => dayNumber == NoDate ? null : DateOnly.FromDayNumber(dayNumber);
}

/// <summary>
/// The stored <see cref="LedgerSnapshot"/> of a customer's ledger, as of its <see cref="EntryCount"/>-th entry. The
/// account's read uses it only while the account counts the same number of entries; otherwise (an account whose
/// ledger was written before snapshots existed) it replays the ledger, as it always did.
/// </summary>
public sealed class AccountSettlement : IBranchOwned
{
    private AccountSettlement() { }

    public Guid CustomerId { get; private set; }
    public string BranchId { get; private set; } = "";

    /// <summary>The number of ledger entries the snapshot was computed from.</summary>
    public int EntryCount { get; private set; }

    /// <summary><see cref="LedgerSnapshot.ToBytes"/>.</summary>
    public byte[] Data { get; private set; } = [];

    public static AccountSettlement Of(CreditAccount account, LedgerSnapshot snapshot) => new()
    {
        CustomerId = account.CustomerId,
        BranchId = account.BranchId,
        EntryCount = account.EntryCount,
        Data = snapshot.ToBytes(),
    };

    public void Update(CreditAccount account, LedgerSnapshot snapshot)
    {
        EntryCount = account.EntryCount;
        Data = snapshot.ToBytes();
    }

    /// <summary>The snapshot, when it counts the entries the account counts; null when the ledger must be replayed.</summary>
    public LedgerSnapshot? For(CreditAccount account) => EntryCount == account.EntryCount ? LedgerSnapshot.FromBytes(Data) : null;
}
