namespace Crm.Backup.Tests;

/// <summary>
/// The restore drill: back up a running system, restore the set into a fresh data folder, start the services on the
/// restored files and ask the gateway for the same customers, balances and contracts. And the refusal to restore over the files
/// of a system that is running.
/// </summary>
public sealed class RestoreTests : IAsyncLifetime
{
    private CrmSystem _system = null!;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "crm-backup-tests", Guid.NewGuid().ToString("N"));

    private static readonly string[] Services = ["customers", "credit", "contracts"];

    public async Task InitializeAsync() => _system = await CrmSystem.StartAsync(new CrmSystemOptions { Services = Services });

    public async Task DisposeAsync()
    {
        await _system.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { /* temp folder */ }
    }

    [Fact]
    public async Task A_set_restored_into_a_fresh_folder_starts_the_services_and_serves_the_same_customers_balances_and_contracts()
    {
        using var rep = _system.Gateway("rep-1", "sh", "sales-rep");
        using var clerk = _system.Gateway("clerk-1", "sh", "inside-sales");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var customers = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var id = (await (await rep.Post("/api/customers", new { name = $"恢复演练客户{i}", kind = "agent", region = "华东" })).JsonAsync(HttpStatusCode.Created))
                .GetProperty("id").GetGuid();
            customers.Add(id);
        }
        foreach (var id in customers)
        {
            await Eventually.Until(async () => (await rep.GetAsync($"/api/credit/accounts/{id}")).IsSuccessStatusCode, "credit to know the customer");
            await (await clerk.Post("/api/credit/sales", new { customerId = id, date = today, product = "香皂", quantity = 3, amount = 120.50m, dueDate = today.AddDays(30) }))
                .JsonAsync(HttpStatusCode.Created);
            await (await clerk.Post("/api/credit/payments", new { customerId = id, date = today, amount = 20m })).JsonAsync(HttpStatusCode.Created);
        }
        var contract = await Eventually.Until(
            () => rep.Post("/api/contracts", new
            {
                customerId = customers[0],
                title = "恢复演练经销合同",
                lines = new[] { new { product = "香皂", quantity = 100m, unitPrice = 12.5m } },
                settlement = new { type = "credit", paymentTermDays = 30 },
                ordering = new { returnWindowDays = 7, exchangeWindowDays = 15 },
                signing = new { effectiveOn = today, expiresOn = today.AddYears(1).AddDays(-1) },
            }),
            response => response.StatusCode != HttpStatusCode.NotFound, "the contracts service to know the customer");
        var contractId = (await contract.JsonAsync(HttpStatusCode.Created)).GetProperty("contract").GetProperty("id").GetGuid();

        var expected = new List<string>();
        foreach (var id in customers)
        {
            expected.Add(await (await rep.GetAsync($"/api/customers/{id}")).Content.ReadAsStringAsync());
            expected.Add(await (await rep.GetAsync($"/api/credit/accounts/{id}")).Content.ReadAsStringAsync());
        }
        expected.Add(await (await rep.GetAsync($"/api/contracts/{contractId}")).Content.ReadAsStringAsync());

        var backup = await Cli.RunAsync("backup", "--data", _system.DataDirectory, "--target", Path.Combine(_root, "backups"), "--services", string.Join(',', Services));
        Assert.True(backup.ExitCode == 0, backup.Error);
        var set = BackupSets.List(Path.Combine(_root, "backups"), "crm").Single().Path;

        var fresh = Path.Combine(_root, "restored");
        var restore = await Cli.RunAsync("restore", "--data", fresh, set);
        Assert.True(restore.ExitCode == 0, restore.Error);

        await using var restored = await CrmSystem.StartAsync(new CrmSystemOptions { Services = Services, DataDirectory = fresh });
        using var restoredRep = restored.Gateway("rep-1", "sh", "sales-rep");
        var actual = new List<string>();
        foreach (var id in customers)
        {
            actual.Add(await (await restoredRep.GetAsync($"/api/customers/{id}")).Content.ReadAsStringAsync());
            actual.Add(await (await restoredRep.GetAsync($"/api/credit/accounts/{id}")).Content.ReadAsStringAsync());
        }
        actual.Add(await (await restoredRep.GetAsync($"/api/contracts/{contractId}")).Content.ReadAsStringAsync());
        Assert.Equal(expected, actual);
        Assert.Contains("恢复演练经销合同", actual[^1]);
        Assert.Equal(100.50m, System.Text.Json.JsonDocument.Parse(actual[1]).RootElement.GetProperty("balance").GetDecimal()); // 120.50 sold − 20 paid
    }

    [Fact]
    public async Task Restoring_over_the_files_of_the_running_system_is_refused_and_changes_nothing()
    {
        using var rep = _system.Gateway("rep-1", "sh", "sales-rep");
        var id = (await (await rep.Post("/api/customers", new { name = "运行中客户", kind = "agent", region = "华东" })).JsonAsync(HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        var backup = await Cli.RunAsync("backup", "--data", _system.DataDirectory, "--target", Path.Combine(_root, "backups"), "--services", string.Join(',', Services));
        Assert.True(backup.ExitCode == 0, backup.Error);
        var set = BackupSets.List(Path.Combine(_root, "backups"), "crm")[0].Path;

        var restore = await Cli.RunAsync("restore", "--data", _system.DataDirectory, set);

        Assert.True(restore.ExitCode == 1, $"exit {restore.ExitCode}: {restore.Output}{restore.Error}");
        Assert.Contains("system running", restore.Error, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_system.DataDirectory, "customers.db"), restore.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(_system.DataDirectory, "pre-restore-*"));
        Assert.Equal(HttpStatusCode.OK, (await rep.GetAsync($"/api/customers/{id}")).StatusCode);
    }
}
