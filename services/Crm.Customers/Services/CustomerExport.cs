using System.Globalization;
using System.Text;
using CsvHelper;

namespace Crm.Customers.Services;

/// <summary>
/// The filtered list as CSV (UTF-8 with a byte-order mark, so that Excel shows Chinese correctly), in the columns the
/// import reads, so that an exported file can be corrected and imported again. Sensitive fields are masked for a
/// caller not entitled to them. Cells that a spreadsheet would run as formulas are neutralised (<see cref="CsvCells"/>);
/// the import takes the mark off again.
/// </summary>
public sealed class CustomerExport(CustomersDbContext db, CustomerAccess access, CustomerQueries queries)
{
    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    /// <summary>Validates the filters now (a 400 before anything is written) and returns the writer of the file.</summary>
    public Func<Stream, Task> Prepare(CustomerListQuery query, bool chineseHeaders, CancellationToken cancellationToken)
    {
        var customers = CustomerQueries.Sort(queries.Filter(query), query.Sort);
        // One streaming query, joined to each customer's primary contact by the contacts' index.
        var rows =
            from customer in customers
            join contact in db.Contacts.Where(c => c.IsPrimary) on customer.Id equals contact.CustomerId into primary
            from contact in primary.DefaultIfEmpty()
            join parent in db.Customers on customer.ParentId equals (Guid?)parent.Id into parents
            from parent in parents.DefaultIfEmpty()
            select new { Customer = customer, Contact = contact, ParentCode = parent == null ? null : parent.Code };

        return async stream =>
        {
            await stream.WriteAsync(ByteOrderMark, cancellationToken);
            await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
            await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
            foreach (var column in CustomerCsv.ExportColumns) csv.WriteField(chineseHeaders ? column.Chinese : column.Key);
            await csv.NextRecordAsync();
            await foreach (var row in rows.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                var exported = new ExportRow(
                    row.Customer, row.Customer.Profile, row.Contact, access.SeesSensitiveDataOf(row.Customer.OwnerId), chineseHeaders, row.ParentCode);
                foreach (var column in CustomerCsv.ExportColumns) csv.WriteField(CsvCells.Neutralise(column.Export(exported)));
                await csv.NextRecordAsync();
            }
            await csv.FlushAsync();
        };
    }
}
