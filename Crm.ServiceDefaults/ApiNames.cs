namespace Crm.ServiceDefaults;

/// <summary>How the API and the events spell an enumeration value: kebab-case (<c>JointVenture</c> → <c>joint-venture</c>).</summary>
public static class ApiNames
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
