using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Crm.Messaging.Persistence;

/// <summary>
/// The entries a context tracks, as they stand, without <c>DetectChanges</c>. <c>ChangeTracker.Entries()</c> scans every
/// tracked entity for changes first; an interceptor that only looks for rows added explicitly (outbox rows, inbox
/// records) or for changes an entity records itself would pay that scan on every save, on top of the save's own.
/// </summary>
public static class TrackedEntries
{
    public static IEnumerable<EntityEntry<T>> TrackedEntriesOf<T>(this ChangeTracker tracker) where T : class
    {
        var detecting = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return [.. tracker.Entries<T>()];
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detecting;
        }
    }
}
