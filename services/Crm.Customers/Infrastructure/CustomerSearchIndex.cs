using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Crm.Customers.Infrastructure;

/// <summary>
/// One n-gram of a customer's <see cref="Customer.SearchText"/> (name, code, contact names and phone digits, folded):
/// the list's <c>search</c> finds its candidates here instead of reading every row's text, and then checks the text
/// itself, so that the results are exactly those of a plain scan. Branch-owned like its customer (same branch,
/// written in the same transaction), so the branch filter scopes the grams as well as the customers they lead to.
/// It carries its customer's <see cref="Status"/> as well (kept with it on every save), so that the commonest search
/// of all, a fragment among the active customers, is counted in the gram index alone.
/// </summary>
public sealed class CustomerSearchGram : IBranchOwned
{
    private CustomerSearchGram() { }

    public CustomerSearchGram(long gram, string branchId, Guid customerId, CustomerStatus status)
    {
        Gram = gram;
        BranchId = branchId;
        CustomerId = customerId;
        Status = status;
    }

    public long Gram { get; private set; }
    public string BranchId { get; private set; } = "";
    public Guid CustomerId { get; private set; }
    public CustomerStatus Status { get; private set; }

    internal void ChangeStatus(CustomerStatus status) => Status = status;
}

/// <summary>A customer on file before the n-gram index existed (or before its definition changed), whose grams are still to be written.</summary>
public sealed class CustomerSearchBackfill
{
    private CustomerSearchBackfill() { }

    public CustomerSearchBackfill(Guid customerId) => CustomerId = customerId;

    public Guid CustomerId { get; private set; }
}

/// <summary>
/// The grams of a text. Every pair of adjacent characters (a 2-gram, so that a two-character Chinese fragment such as
/// 利民 is found: the stock trigram tokenizers cannot), except pairs with the separator of <see cref="Customer.SearchText"/>
/// (white space, <c>|</c>); and every run of four ASCII letters or digits (a 4-gram), because digit pairs are far too
/// common to find a phone number or a code quickly. A text that contains a term contains each of the term's grams,
/// so the grams of a term find a superset of the matches, never fewer.
/// </summary>
public static class SearchGrams
{
    private const long FourGramMark = 1L << 32;

    /// <summary>The distinct grams of a text (what is indexed).</summary>
    public static HashSet<long> Of(string text)
    {
        var grams = new HashSet<long>();
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (Indexed(text[i]) && Indexed(text[i + 1])) grams.Add(Pair(text[i], text[i + 1]));
            if (i + 3 < text.Length && IsAsciiAlphanumeric(text, i)) grams.Add(Quad(text, i));
        }
        return grams;
    }

    /// <summary>The grams of a search term, four-grams first (the most selective); empty when the term has none (one character, or only separators).</summary>
    public static List<long> OfTerm(string term)
    {
        var quads = new List<long>();
        var pairs = new List<long>();
        for (var i = 0; i + 1 < term.Length; i++)
        {
            if (Indexed(term[i]) && Indexed(term[i + 1]) && !pairs.Contains(Pair(term[i], term[i + 1]))) pairs.Add(Pair(term[i], term[i + 1]));
            if (i + 3 < term.Length && IsAsciiAlphanumeric(term, i) && !quads.Contains(Quad(term, i))) quads.Add(Quad(term, i));
        }
        return [.. quads, .. pairs];
    }

    /// <summary>
    /// True when having the term's one gram is the same as containing the term: a term of two indexed characters.
    /// Its matches are then the gram's rows exactly, with no text to check.
    /// </summary>
    public static bool IsExact(string term) => term.Length == 2 && Indexed(term[0]) && Indexed(term[1]);

    private static bool Indexed(char c) => !char.IsWhiteSpace(c) && c != '|';

    private static long Pair(char a, char b) => (long)a << 16 | b;

    private static bool IsAsciiAlphanumeric(string text, int start) =>
        char.IsAsciiLetterOrDigit(text[start]) && char.IsAsciiLetterOrDigit(text[start + 1])
        && char.IsAsciiLetterOrDigit(text[start + 2]) && char.IsAsciiLetterOrDigit(text[start + 3]);

    private static long Quad(string text, int start) =>
        FourGramMark | (long)text[start] << 24 | (long)text[start + 1] << 16 | (long)text[start + 2] << 8 | text[start + 3];
}

/// <summary>
/// Keeps the grams with the customers: called by the DbContext on every save, so every write path (register, edit,
/// import, contacts added, edited or removed, development applications approved) writes the grams that changed in
/// the same transaction as the card. Only the difference between the text as loaded and as saved is written.
/// </summary>
public static class CustomerSearchIndex
{
    public static void Stage(DbContext db)
    {
        var grams = db.Set<CustomerSearchGram>();
        foreach (var entry in db.ChangeTracker.Entries<Customer>().ToList())
        {
            var customer = entry.Entity;
            switch (entry.State)
            {
                case EntityState.Added:
                    grams.AddRange(SearchGrams.Of(customer.SearchText).Select(g => new CustomerSearchGram(g, customer.BranchId, customer.Id, customer.Status)));
                    break;
                case EntityState.Modified:
                    var text = entry.Property(c => c.SearchText);
                    var branch = entry.Property(c => c.BranchId);
                    var status = entry.Property(c => c.Status);
                    var statusChanged = status.IsModified && status.OriginalValue != status.CurrentValue;
                    if (!text.IsModified && !branch.IsModified && !statusChanged) break;
                    var before = SearchGrams.Of(text.OriginalValue);
                    var after = SearchGrams.Of(text.CurrentValue);
                    var (oldBranch, newBranch) = (branch.OriginalValue, branch.CurrentValue);
                    var sameBranch = oldBranch == newBranch;
                    foreach (var gram in before.Where(g => !sameBranch || !after.Contains(g)))
                        Remove(db, new CustomerSearchGram(gram, oldBranch, customer.Id, status.OriginalValue));
                    grams.AddRange(after.Where(g => !sameBranch || !before.Contains(g)).Select(g => new CustomerSearchGram(g, newBranch, customer.Id, status.CurrentValue)));
                    if (statusChanged && sameBranch)
                        foreach (var gram in after.Where(before.Contains))
                            ChangeStatus(db, new CustomerSearchGram(gram, newBranch, customer.Id, status.CurrentValue));
                    break;
                case EntityState.Deleted:
                    foreach (var gram in SearchGrams.Of(entry.Property(c => c.SearchText).OriginalValue))
                        Remove(db, new CustomerSearchGram(gram, entry.Property(c => c.BranchId).OriginalValue, customer.Id, entry.Property(c => c.Status).OriginalValue));
                    break;
            }
        }
    }

    /// <summary>Grams saved are not needed again by this context: forgotten, so that a later save of the same unit of work starts clean.</summary>
    public static void Forget(DbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries<CustomerSearchGram>().ToList()) entry.State = EntityState.Detached;
    }

    /// <summary>A gram kept through a status change: its status updated in place (an UPDATE of that one column).</summary>
    private static void ChangeStatus(DbContext db, CustomerSearchGram gram)
    {
        var tracked = db.Set<CustomerSearchGram>().Local.FindEntryUntyped(new object?[] { gram.Gram, gram.BranchId, gram.CustomerId });
        if (tracked is null)
        {
            db.Set<CustomerSearchGram>().Attach(gram).Property(g => g.Status).IsModified = true;
            return;
        }
        ((CustomerSearchGram)tracked.Entity).ChangeStatus(gram.Status);
        if (tracked.State == EntityState.Unchanged) tracked.State = EntityState.Modified;
    }

    private static void Remove(DbContext db, CustomerSearchGram gram)
    {
        var tracked = db.Set<CustomerSearchGram>().Local.FindEntryUntyped(new object?[] { gram.Gram, gram.BranchId, gram.CustomerId });
        if (tracked is null) db.Set<CustomerSearchGram>().Remove(gram);
        else if (tracked.State == EntityState.Added) tracked.State = EntityState.Detached;
        else tracked.State = EntityState.Deleted;
    }

    /// <summary>
    /// Writes the grams of the customers queued in <see cref="CustomerSearchBackfill"/> (every customer on file when
    /// the index was created), a batch per transaction; returns how many. Until the queue is empty, search scans.
    /// </summary>
    public static async Task<int> BackfillAsync(CustomersDbContext db, int batchSize, CancellationToken cancellationToken)
    {
        var done = 0;
        while (true)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var queued = await db.SearchBackfill.OrderBy(q => q.CustomerId).Take(batchSize).ToListAsync(cancellationToken);
            if (queued.Count == 0) return done;
            var ids = queued.Select(q => q.CustomerId).ToList();
            var customers = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id))
                .Select(c => new { c.Id, c.BranchId, c.SearchText, c.Status }).ToListAsync(cancellationToken);
            foreach (var customer in customers)
                db.SearchGrams.AddRange(SearchGrams.Of(customer.SearchText).Select(g => new CustomerSearchGram(g, customer.BranchId, customer.Id, customer.Status)));
            db.SearchBackfill.RemoveRange(queued);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            done += customers.Count;
        }
    }
}

/// <summary>Whether the n-gram index is complete (no customer still queued for its grams); once it is, it stays so in this process.</summary>
public sealed class SearchIndexState(IConfiguration configuration)
{
    private volatile bool _ready;

    /// <summary>
    /// Above this many rows of a term's rarest gram (counted no further), a search walks the sort order and probes each
    /// row's grams instead of reading every candidate (<c>Customers:SearchWalkAbove</c>).
    /// </summary>
    public int WalkAbove { get; } = configuration.GetValue("Customers:SearchWalkAbove", 2_000);

    /// <summary>
    /// How deep into the name order such a walk goes (offset plus page size; <c>Customers:SearchWalkRowsAtMost</c>):
    /// a later page sorts the candidates instead, whose cost does not grow with the page number.
    /// </summary>
    public int WalkRowsAtMost { get; } = configuration.GetValue("Customers:SearchWalkRowsAtMost", 200);

    /// <summary>
    /// How many rows of each gram a plan reads first (<c>Customers:SearchFirstLook</c>): a gram with fewer is counted
    /// exactly and leads; only when every gram of the term has this many are they counted up to <see cref="WalkAbove"/>.
    /// </summary>
    public int FirstLook { get; } = configuration.GetValue("Customers:SearchFirstLook", 200);

    public async ValueTask<bool> IsReadyAsync(CustomersDbContext db, CancellationToken cancellationToken)
    {
        if (_ready) return true;
        if (await db.SearchBackfill.AnyAsync(cancellationToken)) return false;
        return _ready = true;
    }
}

/// <summary>
/// How many rows each gram has in a scope (a branch, or the group), as last counted (bounded, as the plan counts them),
/// remembered for a short while (<c>Customers:SearchGramCountsFor</c>, 60 s by default) so that a search plans from
/// memory instead of reading up to <see cref="SearchIndexState.WalkAbove"/> index rows of each of its grams: people
/// search the same few thousand character pairs all day. The counts only choose which gram leads and whether the page
/// is walked; the results come from the index and the texts whatever they say, so a count gone stale (customers
/// registered or renamed since) makes a search slower, never different. A gram counted at zero is not remembered (the
/// plan answers "nothing matches" from a zero, which must be current). At most <see cref="Capacity"/> counts are held;
/// past that the memory starts again empty.
/// </summary>
public sealed class GramCounts(TimeProvider clock, IConfiguration configuration)
{
    public const int Capacity = 100_000;

    private readonly ConcurrentDictionary<(string? Scope, long Gram), (int Rows, long CountedAt)> _counts = new();
    private readonly TimeSpan _keepFor = configuration.GetValue("Customers:SearchGramCountsFor", TimeSpan.FromSeconds(60));

    /// <summary>The gram's rows in the scope (null: every branch) when counted recently.</summary>
    public bool TryGet(string? scope, long gram, out int rows)
    {
        rows = 0;
        if (_keepFor <= TimeSpan.Zero || !_counts.TryGetValue((scope, gram), out var counted)) return false;
        if (clock.GetElapsedTime(counted.CountedAt) > _keepFor)
        {
            _counts.TryRemove(new KeyValuePair<(string?, long), (int, long)>((scope, gram), counted));
            return false;
        }
        rows = counted.Rows;
        return true;
    }

    public void Remember(string? scope, long gram, int rows)
    {
        if (rows <= 0 || _keepFor <= TimeSpan.Zero) return;
        if (_counts.Count >= Capacity) _counts.Clear();
        _counts[(scope, gram)] = (rows, clock.GetTimestamp());
    }
}

/// <summary>Writes the grams of customers on file before the index, at start, before the service answers (hosted services start in order, after the migrations).</summary>
public sealed class SearchIndexBackfiller(IServiceScopeFactory scopes, ILogger<SearchIndexBackfiller> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateSystemScope("the customer search index backfill");
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        var count = await CustomerSearchIndex.BackfillAsync(db, 500, cancellationToken);
        if (count > 0) logger.LogInformation("Customer search index: grams written for {Count} customers on file", count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
