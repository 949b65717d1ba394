using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Crm.Messaging.Persistence;

/// <summary>Values replaced whole (a contract's sections, a list of competitors, the fields of a change) kept as JSON text in one column.</summary>
public static class JsonColumn
{
    // The API's own conventions (camelCase, kebab-case enumerations), with Chinese kept readable in the column.
    private static readonly JsonSerializerOptions Options = ServiceDefaultsExtensions.ConfigureJson(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property) where T : class =>
        property.HasConversion(
            value => Serialize(value),
            json => JsonSerializer.Deserialize<T>(json, Options)!,
            // The values are replaced whole: compare them by their JSON.
            new ValueComparer<T>(
                (a, b) => Serialize(a) == Serialize(b),
                value => Serialize(value).GetHashCode(StringComparison.Ordinal),
                value => JsonSerializer.Deserialize<T>(Serialize(value), Options)!));

    private static string Serialize<T>(T? value) => JsonSerializer.Serialize(value, Options);
}
