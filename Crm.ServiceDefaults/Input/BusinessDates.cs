using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Crm.ServiceDefaults;

/// <summary>
/// The calendar dates the CRM takes in at all (业务日期范围): from 1900-01-01 (a contact's birthday, a company's founding)
/// to 2199-12-31. Every date that comes in — JSON bodies (the converter below), query strings, import rows — is held to
/// this range first, so that no later arithmetic (a due date plus a payment term, a month plus one) can overflow the
/// calendar; the business rules of each field (not in the future, not before 2000) come after it.
/// </summary>
public static class BusinessDates
{
    public static readonly DateOnly Earliest = new(1900, 1, 1);
    public static readonly DateOnly Latest = new(2199, 12, 31);

    public static bool InRange(DateOnly date) => date >= Earliest && date <= Latest;

    public static string OutOfRange(string field) =>
        $"{field} 日期超出范围，须在 {Earliest:yyyy-MM-dd} 与 {Latest:yyyy-MM-dd} 之间 ({field} must be a date between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}).";

    /// <summary>A 400 error for a date (query value, import cell) outside <see cref="Earliest"/>..<see cref="Latest"/>.</summary>
    public static ValidationErrors Date(this ValidationErrors errors, string field, DateOnly? value) =>
        errors.When(value is { } date && !InRange(date), field, OutOfRange(field));

    /// <summary>The first day a booked transaction (a sale, payment or expense) may carry.</summary>
    public static readonly DateOnly FirstBookingDay = new(2000, 1, 1);

    /// <summary>A booked transaction's date: given, not after <paramref name="today"/>, not before <see cref="FirstBookingDay"/>.</summary>
    public static ValidationErrors BookingDate(this ValidationErrors errors, string field, DateOnly? value, DateOnly today) =>
        errors.Required(field, value)
            .When(value > today, field, $"{field} cannot be in the future.")
            .When(value < FirstBookingDay, field, $"{field} cannot be before {FirstBookingDay:yyyy-MM-dd}.");

    /// <summary>A period: both ends given, the end not before the start.</summary>
    public static ValidationErrors Period(this ValidationErrors errors, string startField, DateOnly? start, string endField, DateOnly? end) =>
        errors.Required(startField, start).Required(endField, end)
            .When(end < start, endField, $"结束日期不能早于开始日期。{endField} cannot be before {startField}.");

    /// <summary>A month (yyyy-MM) whose days are all in range.</summary>
    public static bool InRange(YearMonth month) => InRange(month.FirstDay) && month.Year <= Latest.Year;

    /// <summary>The date <paramref name="days"/> later, or the calendar's last day instead of an overflow.</summary>
    public static DateOnly PlusDays(DateOnly date, int days)
    {
        var day = (long)date.DayNumber + days;
        return day > DateOnly.MaxValue.DayNumber ? DateOnly.MaxValue
            : day < DateOnly.MinValue.DayNumber ? DateOnly.MinValue
            : DateOnly.FromDayNumber((int)day);
    }

    /// <summary>The date <paramref name="years"/> later, or the calendar's last day instead of an overflow.</summary>
    public static DateOnly PlusYears(DateOnly date, int years)
    {
        var year = (long)date.Year + years;
        return year > DateOnly.MaxValue.Year ? DateOnly.MaxValue
            : year < DateOnly.MinValue.Year ? DateOnly.MinValue
            : date.AddYears(years);
    }
}

/// <summary>
/// Reads <c>yyyy-MM-dd</c> as System.Text.Json does and refuses a date outside <see cref="BusinessDates"/>, so that every
/// JSON body of every service is held to the range before any handler sees it (a 400 naming the field).
/// </summary>
public sealed class BusinessDateJsonConverter : JsonConverter<DateOnly>
{
    private static readonly JsonConverter<DateOnly> Inner = JsonMetadataServices.DateOnlyConverter;

    public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var date = Inner.Read(ref reader, typeToConvert, options);
        return BusinessDates.InRange(date)
            ? date
            : throw new JsonException($"日期超出范围，须在 {BusinessDates.Earliest:yyyy-MM-dd} 与 {BusinessDates.Latest:yyyy-MM-dd} 之间 (the date must be between {BusinessDates.Earliest:yyyy-MM-dd} and {BusinessDates.Latest:yyyy-MM-dd}).");
    }

    public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) => Inner.Write(writer, value, options);
}
