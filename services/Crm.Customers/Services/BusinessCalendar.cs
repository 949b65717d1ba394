using Microsoft.Extensions.Options;

namespace Crm.Customers.Services;

/// <summary>Today's date where the branches are, not in UTC: a file entered at 07:00 in Shanghai is entered that day.</summary>
public sealed class BusinessCalendar(TimeProvider clock, IOptions<CustomersOptions> options)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateTimeOffset Now => clock.GetUtcNow();

    public DateOnly Today => DateOf(clock.GetUtcNow());

    public DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, _zone).DateTime);
}
