using Crm.Messaging.Persistence;
using Crm.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Crm.Customers.Tests;

/// <summary>Every write path keeps the search grams with the card, and a fragment never finds another branch's customer.</summary>
public sealed class SearchIndexMaintenanceTests(CustomersFixture fixture) : IClassFixture<CustomersFixture>
{
    [Fact]
    public async Task Register_edit_contacts_and_import_keep_the_grams_and_a_fragment_stays_in_its_branch()
    {
        using var xiamen = fixture.Rep("rep-xm", "xm");
        using var fuzhou = fixture.Rep("rep-fz", "fz");
        using var groupGm = fixture.As("gm-search", "hq", "group-gm");
        var ours = await xiamen.RegisterAsync("厦门鑫鹭商行", "华东");
        var theirs = await fuzhou.RegisterAsync("福州鑫鹭贸易", "华东");

        await FindsAsync(xiamen, "鑫鹭", ours.Id);
        await FindsAsync(fuzhou, "鑫鹭", theirs.Id);
        Assert.Equal(2, (await SearchAsync(groupGm, "鑫鹭")).Total);
        await FindsAsync(xiamen, "福州");

        // Renamed: the old fragment no longer finds it, the new one does.
        var renamed = await xiamen.PutAsJsonAsync($"/api/customers/{ours.Id}", new { name = "厦门银鹭商行", kind = "agent", region = "华东", version = 1, changeReason = "更名" });
        await renamed.JsonAsync(HttpStatusCode.OK);
        await FindsAsync(xiamen, "鑫鹭");
        await FindsAsync(xiamen, "银鹭", ours.Id);
        await FindsAsync(groupGm, "鑫鹭", theirs.Id);

        // Contacts: added, changed, removed.
        var added = await (await xiamen.PostAsJsonAsync($"/api/customers/{ours.Id}/contacts", new { name = "欧阳锋", mobile = "137-0000-1111", version = 2 }))
            .JsonAsync(HttpStatusCode.Created);
        var contactId = added.GetProperty("contact").GetProperty("id").GetGuid();
        await FindsAsync(xiamen, "欧阳", ours.Id);
        await FindsAsync(xiamen, "0000 111", ours.Id);
        await (await xiamen.PutAsJsonAsync($"/api/customers/{ours.Id}/contacts/{contactId}", new { name = "黄药师", phone = "0592-8888777", version = 1, isPrimary = true }))
            .JsonAsync(HttpStatusCode.OK);
        await FindsAsync(xiamen, "欧阳");
        await FindsAsync(xiamen, "00001111");
        await FindsAsync(xiamen, "药师", ours.Id);
        await FindsAsync(xiamen, "8888777", ours.Id);
        await (await xiamen.DeleteAsync($"/api/customers/{ours.Id}/contacts/{contactId}?version=2")).JsonAsync(HttpStatusCode.OK);
        await FindsAsync(xiamen, "药师");
        await FindsAsync(xiamen, "8888777");

        // Imported files are found too, in the importer's branch only.
        using var insideSales = fixture.As("is-xm", "xm", "inside-sales");
        var csv = "客户名称,客户类型,地区,联系人,手机\n鹭岛导入客户,代理商,华东,郑成功,13955556666\n";
        await (await insideSales.PostAsync("/api/customers/import", new StringContent(csv, Encoding.UTF8, "text/csv"))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, (await SearchAsync(xiamen, "鹭岛")).Total);
        Assert.Equal(1, (await SearchAsync(xiamen, "成功")).Total);
        Assert.Equal(1, (await SearchAsync(xiamen, "55556666")).Total);
        await FindsAsync(fuzhou, "鹭岛");
        Assert.Equal(3, (await SearchAsync(xiamen, "鹭")).Total + (await SearchAsync(fuzhou, "鹭")).Total); // one character: scanned, same answer
    }

    /// <summary>The search finds exactly these customers, and its total says so.</summary>
    private static async Task FindsAsync(HttpClient client, string term, params Guid[] expected)
    {
        var (total, ids) = await SearchAsync(client, term);
        Assert.True(total == expected.Length && ids.SequenceEqual(expected), $"'{term}': total {total}, found {string.Join(", ", ids)}");
    }

    private static async Task<(int Total, List<Guid> Ids)> SearchAsync(HttpClient client, string term)
    {
        var page = await (await client.GetAsync($"/api/customers?search={Uri.EscapeDataString(term)}")).JsonAsync(HttpStatusCode.OK);
        return (page.GetProperty("total").GetInt32(), page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList());
    }
}

/// <summary>Customers on file before the n-gram index get their grams at start: the migration queues them, the backfill writes them.</summary>
public sealed class SearchIndexBackfillTests
{
    [Fact]
    public async Task The_migration_queues_every_customer_on_file_and_the_backfill_writes_their_grams()
    {
        var file = Path.Combine(Path.GetTempPath(), $"crm-search-backfill-{Guid.NewGuid():N}.db");
        try
        {
            await using (var db = new SqliteCustomersDesignTimeFactory().CreateDbContext([file]))
            {
                var migrations = db.Database.GetMigrations().ToList();
                var before = migrations[migrations.FindIndex(m => m.EndsWith("_SearchGrams", StringComparison.Ordinal)) - 1];
                await db.GetService<IMigrator>().MigrateAsync(before);
            }

            var onFile = new (Guid Id, string Branch, string Text)[]
            {
                (Guid.NewGuid(), "sh", "sh-000001 | 杭州利民日化有限公司 | 王经理 | 13912345678"),
                (Guid.NewGuid(), "sh", "sh-000002 | 利民超市"),
                (Guid.NewGuid(), "bj", "bj-000001 | 北京利民商贸 | 李四"),
            };
            await using (var connection = new SqliteConnection($"Data Source={file};Pooling=false"))
            {
                await connection.OpenAsync();
                foreach (var (id, branch, text) in onFile)
                    await ContactBranchMigrationTests.InsertAsync(connection, "Customers", new() { ["Id"] = id, ["BranchId"] = branch, ["Code"] = text[..9], ["SearchText"] = text, ["Status"] = branch == "bj" ? "Lost" : "Active" });
            }

            var identity = new BackgroundIdentity();
            identity.ActForAllBranches("the backfill test");
            await using (var db = new SqliteCustomersDbContext(DesignTimeOptions.Sqlite<SqliteCustomersDbContext>(file)))
            {
                db.Serve(new CurrentUser(new HttpContextAccessor(), identity));
                await db.Database.MigrateAsync();
                var state = new SearchIndexState(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
                Assert.False(await state.IsReadyAsync(db, CancellationToken.None));
                Assert.Equal(3, await CustomerSearchIndex.BackfillAsync(db, batchSize: 2, CancellationToken.None));

                var grams = (await db.SearchGrams.Select(g => new { g.Gram, g.BranchId, g.CustomerId, g.Status }).ToListAsync())
                    .Select(g => (g.Gram, g.BranchId, g.CustomerId, g.Status)).ToHashSet();
                var expected = onFile.SelectMany(c => SearchGrams.Of(c.Text)
                    .Select(g => (g, c.Branch, c.Id, c.Branch == "bj" ? CustomerStatus.Lost : CustomerStatus.Active))).ToHashSet();
                Assert.True(expected.SetEquals(grams), $"{grams.Count} grams written, {expected.Count} expected");
                Assert.True(await state.IsReadyAsync(db, CancellationToken.None));
                Assert.Equal(0, await CustomerSearchIndex.BackfillAsync(db, batchSize: 2, CancellationToken.None));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}
