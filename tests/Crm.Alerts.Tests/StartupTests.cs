namespace Crm.Alerts.Tests;

/// <summary>Settings the service cannot work with stop it at start, with a message that says which.</summary>
public sealed class StartupTests
{
    [Fact]
    public void An_unknown_time_zone_stops_the_service_at_start()
    {
        var file = Path.Combine(Path.GetTempPath(), $"crm-alerts-startup-{Guid.NewGuid():N}.db");
        try
        {
            using var host = new CrmHost<AlertsDbContext>(TestTokens.HostSettings().Concat(
            [
                new("ConnectionStrings:alertsdb", $"Data Source={file}"),
                new("ConnectionStrings:messaging", "amqp://guest:guest@localhost:5672"),
                new("BusinessCalendar:TimeZone", "Mars/Olympus_Mons"),
            ]));

            var failure = Assert.ThrowsAny<Exception>(() => host.Address);
            Assert.Contains("BusinessCalendar:TimeZone", failure.ToString());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}
