using Crm.ServiceDefaults.Identity;

namespace Crm.Customers.Tests;

/// <summary>Every branch-owned row, contacts included, is read through the caller's branch; background work names its branch.</summary>
public sealed class BranchScopeTests(CustomersFixture fixture) : IClassFixture<CustomersFixture>
{
    [Fact]
    public async Task Contacts_are_scoped_to_their_customers_branch_when_read_directly()
    {
        using var rep = fixture.Rep("rep-scope-sh", "sh");
        var customer = await rep.RegisterAsync(new
        {
            name = Api.Unique("联系人分公司客户"), kind = "agent", region = "华东", contacts = new[] { new { name = "钱七", mobile = "13600000000" } },
        });

        Assert.Equal(1, await ContactsOfAsync(customer.Id, "sh"));
        Assert.Equal(0, await ContactsOfAsync(customer.Id, "bj"));
        Assert.Equal("sh", await fixture.System.QueryAsync("customers",
            db => ((CustomersDbContext)db).Contacts.Where(c => c.CustomerId == customer.Id).Select(c => c.BranchId).SingleAsync()));
    }

    [Fact]
    public async Task Outside_a_request_nothing_is_read_for_nobody()
    {
        await using var scope = fixture.System.ServicesOf("customers").CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.Customers.CountAsync());
    }

    private async Task<int> ContactsOfAsync(Guid customerId, string branch)
    {
        await using var scope = fixture.System.ServicesOf("customers").GetRequiredService<IServiceScopeFactory>().CreateBranchScope(branch, "a test reading contacts");
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        return await db.Contacts.CountAsync(c => c.CustomerId == customerId);
    }
}
