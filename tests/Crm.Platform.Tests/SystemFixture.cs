namespace Crm.Platform.Tests;

/// <summary>The whole CRM (five services and the gateway) shared by the tests of one class.</summary>
public sealed class SystemFixture : IAsyncLifetime
{
    public CrmSystem System { get; private set; } = null!;

    public async Task InitializeAsync() => System = await CrmSystem.StartAsync();

    public async Task DisposeAsync() => await System.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "the running CRM";
}
