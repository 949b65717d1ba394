using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crm.Events;

/// <summary>
/// How the events are written as JSON: camelCase, and decimals as strings so that no subscriber
/// (JavaScript, BI tools) rounds money through a binary double. Readers accept a string or a number.
/// </summary>
public static class IntegrationEventJson
{
    /// <summary>Adds the event conventions to existing options (for example MassTransit's serializer options).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        if (!options.Converters.OfType<DecimalAsStringConverter>().Any())
            options.Converters.Add(new DecimalAsStringConverter());
        return options;
    }

    /// <summary>Options for reading and writing a bare event (without the MassTransit envelope).</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
}

/// <summary>Writes a decimal as an invariant-culture string; reads either a string or a JSON number.</summary>
public sealed class DecimalAsStringConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number => reader.GetDecimal(),
            JsonTokenType.String when decimal.TryParse(reader.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) => value,
            _ => throw new JsonException($"Expected a decimal as a string or a number, got {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
}
