using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Crm.Messaging.Persistence;

/// <summary>
/// Store conventions that make both providers keep the same values. SQLite has no decimal and no DateTimeOffset
/// type, so it cannot compare, order or sum them in SQL; we store decimals as fixed-point integers (six places)
/// and instants as UTC ticks there, which are exact, orderable and summed natively.
/// </summary>
public static class ProviderConventions
{
    public const int DecimalScale = 6;

    public static void ForSqlite(ModelConfigurationBuilder configuration)
    {
        configuration.Properties<decimal>().HaveConversion<FixedPointDecimalConverter>();
        configuration.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    public static void ForSqlServer(ModelConfigurationBuilder configuration)
    {
        configuration.Properties<decimal>().HavePrecision(19, DecimalScale);
    }
}

/// <summary>decimal ↔ integer millionths. Values beyond six decimal places are rounded half away from zero.</summary>
public sealed class FixedPointDecimalConverter() : ValueConverter<decimal, long>(
    value => (long)decimal.Round(value * Factor, MidpointRounding.AwayFromZero),
    stored => stored / Factor)
{
    private const decimal Factor = 1_000_000m;
}

/// <summary>An instant ↔ its UTC ticks. The offset is not kept: every instant the services write is UTC.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    stored => new DateTimeOffset(stored, TimeSpan.Zero));
