namespace Crm.TestKit;

/// <summary>
/// Debian's Chromium, which Playwright drives by its path: Playwright cannot download its own browsers here.
/// ./build.sh test installs it (with fonts-noto-cjk, or every Chinese character is an empty box).
/// </summary>
public static class Chromium
{
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("CRM_CHROMIUM") is { Length: > 0 } configured ? configured
        : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium"
        : throw new InvalidOperationException("No Chromium at /usr/bin/chromium: 'apt-get install chromium fonts-noto-cjk' (./build.sh test does), or set CRM_CHROMIUM.");

    /// <summary>Headless as root, and nothing that reaches out to the network (the machine's network is closed).</summary>
    public static readonly string[] Arguments =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
}
