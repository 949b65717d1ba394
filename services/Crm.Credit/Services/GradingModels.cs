using System.Collections.Concurrent;

namespace Crm.Credit.Services;

/// <summary>
/// The scoring models parsed so far, by version. A saved version is never changed (a change saves the next one), so
/// each is read and parsed once per process; which version is current is still read from the database.
/// </summary>
public sealed class GradingModelCache
{
    private readonly ConcurrentDictionary<int, GradingModel> _models = new();

    public GradingModel? Find(int version) => _models.GetValueOrDefault(version);

    public GradingModel Add(GradingModelVersion version) => _models.GetOrAdd(version.Version, _ => version.Model);
}

/// <summary>The versions of the group's scoring model: the current one grades, every one explains the grades it gave.</summary>
public sealed class GradingModels(CreditDbContext db, ICurrentUser user, TimeProvider clock, GradingModelCache cache)
{
    /// <summary>The model of <paramref name="version"/> (the current one's number read with other figures), parsed once.</summary>
    public async Task<GradingModel> ModelAsync(int version, CancellationToken cancellationToken) =>
        cache.Find(version) ?? cache.Add(await VersionAsync(version, cancellationToken));

    public async Task<GradingModelVersion> CurrentAsync(CancellationToken cancellationToken) =>
        await db.GradingModels.AsNoTracking().OrderByDescending(m => m.Version).FirstAsync(cancellationToken);

    public async Task<GradingModelVersion> VersionAsync(int version, CancellationToken cancellationToken) =>
        await db.GradingModels.AsNoTracking().FirstOrDefaultAsync(m => m.Version == version, cancellationToken)
        ?? throw new NotFoundException("grading model version", GradingModelVersion.NameOf(version));

    public async Task<IReadOnlyList<GradingModelVersion>> AllAsync(CancellationToken cancellationToken) =>
        await db.GradingModels.AsNoTracking().OrderByDescending(m => m.Version).ToListAsync(cancellationToken);

    /// <summary>Saves <paramref name="model"/> as the next version; 409 when <paramref name="expectedVersion"/> is not the current one.</summary>
    public async Task<GradingModelVersion> SaveAsync(GradingModel model, string? note, long expectedVersion, CancellationToken cancellationToken)
    {
        model.Validate().ThrowIfAny();
        var current = await CurrentAsync(cancellationToken);
        ExpectedVersion.Check("grading model", current.Version, expectedVersion);
        var next = current.Next(model, note, clock.GetUtcNow(), user.Id);
        db.GradingModels.Add(next);
        await db.SaveChangesAsync(cancellationToken); // a concurrent save of the same next version fails on the key: 409
        return next;
    }
}
