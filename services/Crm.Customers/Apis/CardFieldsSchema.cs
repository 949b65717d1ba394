using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;

namespace Crm.Customers.Apis;

/// <summary>
/// How a request carries the card: the JSON the card's fields are read with (the API's own: camelCase, names matched
/// ignoring case, numbers also as strings, enumerations as kebab-case strings, dates in the accepted range), and the
/// OpenAPI description of the fields, one property per field of <see cref="CustomerCard.Fields"/> on every request that
/// carries the card.
/// </summary>
public static class CardFieldsSchema
{
    public static JsonSerializerOptions Json { get; } = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var options = ServiceDefaultsExtensions.ConfigureJson(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        options.Converters.Add(new BusinessDateJsonConverter());
        return options;
    }

    /// <summary>Lists the card's fields, typed, on the schema of a request that carries the card.</summary>
    public static async Task DescribeAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (!typeof(CustomerCardFields).IsAssignableFrom(context.JsonTypeInfo.Type)) return;
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        foreach (var field in CustomerCard.Fields)
            schema.Properties[field.Name] = OrNull(field, await context.GetOrCreateSchemaAsync(field.ValueType, null, cancellationToken));
    }

    // Every field may be sent as null (as left out): an enumeration (a shared component) becomes "null or it", a type gains null.
    private static IOpenApiSchema OrNull(CardField field, OpenApiSchema schema)
    {
        if (field.Value == CardValue.Enum) return new OpenApiSchema { OneOf = [new OpenApiSchema { Type = JsonSchemaType.Null }, schema] };
        if (schema is { Type: { } type } && !type.HasFlag(JsonSchemaType.Null)) schema.Type = type | JsonSchemaType.Null;
        return schema;
    }
}
