namespace Crm.Web.Localization;

/// <summary>The two languages: zh-CN first, en on the user's switch.</summary>
public sealed class UiLanguage
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}
