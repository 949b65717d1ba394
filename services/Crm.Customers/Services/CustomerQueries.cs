namespace Crm.Customers.Services;

/// <summary>The list's filters (<c>GET /api/customers</c> and the export), as query-string text.</summary>
public sealed record CustomerListQuery(
    string? Search, string? Status, string? Grade, string? Region, string? Route, string? OwnerId, string? Category, string? Kind,
    bool? ContactOverdue, string? Sort, int? Page, int? PageSize);

/// <summary>Reads of customer files, always within the caller's branch (group roles see every branch) and masked as the caller is entitled.</summary>
public sealed class CustomerQueries(
    CustomersDbContext db, CustomerAccess access, ContactDeadline deadline, SearchIndexState searchIndex, GramCounts gramCounts)
{
    private static readonly string[] Sorts = ["name", "code", "entryDate", "registeredAt", "grade", "region"];

    // The card's reads are compiled once (EF then skips translating and looking up the query on every request); the
    // branch filter still applies, with the caller's branch read per execution. The card, its contacts and the owner's
    // first contact (一周内联系) come in one statement; the latest evaluation in a second.
    private sealed record CardRow(Customer Customer, DateOnly? FirstContactByOwner);

    private static readonly Func<CustomersDbContext, Guid, CancellationToken, Task<CardRow?>> CardQuery =
        EF.CompileAsyncQuery((CustomersDbContext db, Guid id, CancellationToken _) =>
            db.Customers.AsNoTracking().Include(c => c.Contacts).Where(c => c.Id == id)
                .Select(c => new CardRow(c, db.Visits
                    .Where(v => v.CustomerId == c.Id && v.ContactedBy == c.OwnerId && v.On >= c.OwnerSinceOn)
                    .OrderBy(v => v.On).Select(v => (DateOnly?)v.On).FirstOrDefault()))
                .FirstOrDefault());

    private static readonly Func<CustomersDbContext, Guid, CancellationToken, Task<ScorecardEvaluation?>> LatestEvaluationQuery =
        EF.CompileAsyncQuery((CustomersDbContext db, Guid customerId, CancellationToken _) =>
            db.Evaluations.AsNoTracking().Where(e => e.CustomerId == customerId).OrderByDescending(e => e.EvaluatedAt).FirstOrDefault());

    public async Task<CustomerCardResponse> CardAsync(Guid id, CancellationToken cancellationToken)
    {
        var row = await CardQuery(db, id, cancellationToken) ?? throw new NotFoundException("customer", id);
        return await CardOfAsync(row.Customer, row.FirstContactByOwner, cancellationToken);
    }

    public async Task<CustomerCardResponse> CardOfAsync(Customer customer, CancellationToken cancellationToken) =>
        await CardOfAsync(customer, await deadline.FirstContactByOwnerAsync(db, customer, cancellationToken), cancellationToken);

    private async Task<CustomerCardResponse> CardOfAsync(Customer customer, DateOnly? firstContact, CancellationToken cancellationToken)
    {
        var latest = await LatestEvaluationQuery(db, customer.Id, cancellationToken);
        return CustomerCardResponse.From(
            customer, access.SeesSensitiveDataOf(customer.OwnerId), latest is null ? null : EvaluationResponse.From(latest),
            deadline.DueOn(customer), firstContact, deadline.IsOverdue(customer, firstContact));
    }

    public async Task<Paged<CustomerListItem>> ListAsync(CustomerListQuery query, CancellationToken cancellationToken)
    {
        var filters = Validate(query, pageErrors: true);
        var page = PageRequest.From(query.Page, query.PageSize);
        var search = filters.Term is null ? null : await PlanSearchAsync(filters, cancellationToken);
        var (total, ids) = search switch
        {
            null => await PageOfAsync(Apply(filters, search: null), query.Sort, page, cancellationToken),
            { Driving: null } => (0, []),
            { Total: { } known } when known < searchIndex.WalkAbove => await AllCandidatesAsync(filters, search, query.Sort, page, cancellationToken),
            { Total: null, DrivingRows: var rows } when rows < searchIndex.WalkAbove => await AllCandidatesAsync(filters, search, query.Sort, page, cancellationToken),
            _ => await ManyCandidatesAsync(filters, search, query.Sort, page, cancellationToken),
        };
        return Paged<CustomerListItem>.Of(await RowsAsync(ids, cancellationToken), total, page);
    }

    /// <summary>
    /// The ids of a page of the filtered customers and their total, in one statement: the page read in the sort order's
    /// index, the total an uncorrelated subquery over the same range (computed once). Counted apart only past the end.
    /// </summary>
    private static async Task<(int Total, List<Guid> Ids)> PageOfAsync(
        IQueryable<Customer> customers, string? sort, PageRequest page, CancellationToken cancellationToken)
    {
        var rows = await Sort(customers, sort).Select(c => new { c.Id, Total = customers.Count() })
            .Skip(page.Skip).Take(page.PageSize).ToListAsync(cancellationToken);
        if (rows.Count > 0) return (rows[0].Total, rows.Select(r => r.Id).ToList());
        return (page.Skip == 0 ? 0 : await customers.CountAsync(cancellationToken), []);
    }

    /// <summary>
    /// Few candidates (the rarest gram has fewer rows than <see cref="SearchIndexState.WalkAbove"/>): every match's id in
    /// the list's order, in one pass over the candidates; the total is how many, the page a slice of them.
    /// </summary>
    private async Task<(int Total, List<Guid> Ids)> AllCandidatesAsync(
        ListFilters filters, SearchPlan search, string? sort, PageRequest page, CancellationToken cancellationToken)
    {
        var ids = await Sort(Apply(filters, search), sort).Select(c => c.Id).ToListAsync(cancellationToken);
        return (ids.Count, ids.Skip(page.Skip).Take(page.PageSize).ToList());
    }

    /// <summary>
    /// Many candidates: the total from the index alone (the gram's rows, or the candidates checked in the narrow
    /// candidates index), the page by walking the name order and probing each row's grams when it is among the first
    /// few pages, by sorting the candidates otherwise.
    /// </summary>
    private async Task<(int Total, List<Guid> Ids)> ManyCandidatesAsync(
        ListFilters filters, SearchPlan search, string? sort, PageRequest page, CancellationToken cancellationToken)
    {
        var total = search.Total ?? await Apply(filters, search).CountAsync(cancellationToken);
        if (total <= page.Skip) return (total, []);
        var walk = (sort is null or "name") && page.Skip + page.PageSize <= searchIndex.WalkRowsAtMost;
        var ids = await Sort(Apply(filters, search with { Walk = walk }), sort).Select(c => c.Id)
            .Skip(page.Skip).Take(page.PageSize).ToListAsync(cancellationToken);
        return (total, ids);
    }

    /// <summary>The list's rows for these ids, in their order, each with its primary contact, in one statement.</summary>
    private async Task<List<CustomerListItem>> RowsAsync(List<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return [];
        var rows = await (
            from c in db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id))
            join p in db.Contacts.AsNoTracking().Where(p => p.IsPrimary) on c.Id equals p.CustomerId into primaries
            from p in primaries.DefaultIfEmpty()
            select new
            {
                Item = new CustomerListItem(
                    c.Id, c.Code, c.Name, c.Kind, c.Region, c.Route, c.Category, c.Status, c.Grade, c.OwnerId, c.OwnerName, c.EntryDate, null, c.Version),
                Primary = p == null ? null : new PrimaryContactSummary(p.Name, p.Mobile, p.Phone),
            }).ToListAsync(cancellationToken);
        var byId = new Dictionary<Guid, CustomerListItem>(rows.Count);
        foreach (var row in rows)
            if (!byId.ContainsKey(row.Item.Id)) byId[row.Item.Id] = row.Primary is null ? row.Item : row.Item with { PrimaryContact = row.Primary };
        return ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
    }

    /// <summary>How a search term is looked up in the n-gram index: null when it cannot be (the text is scanned instead).</summary>
    /// <param name="Driving">The rarest gram: its rows lead the query; null when some gram of the term is in no text at all (nothing matches).</param>
    /// <param name="DrivingRows">The rarest gram's rows in the caller's scope, counted up to <see cref="SearchIndexState.WalkAbove"/>.</param>
    /// <param name="Walk">Walk the sort order and probe the grams per row, rather than read every candidate.</param>
    /// <param name="Probes">The next rarest grams, checked per candidate in the index before its text is read.</param>
    /// <param name="Exact">The term is its one gram: no text to check.</param>
    /// <param name="Total">The list's total when the plan already counted it (a two-character term, with at most a status filter).</param>
    private sealed record SearchPlan(string Term, long? Driving, int DrivingRows, bool Walk, IReadOnlyList<long> Probes, bool Exact, int? Total);

    private async Task<SearchPlan?> PlanSearchAsync(ListFilters filters, CancellationToken cancellationToken)
    {
        var term = filters.Term!;
        var grams = SearchGrams.OfTerm(term);
        if (grams.Count == 0 || !await searchIndex.IsReadyAsync(db, cancellationToken)) return null;
        if (SearchGrams.IsExact(term) && !filters.NarrowsBeyondStatus)
        {
            // The term is its gram and nothing but the status narrows: the gram's rows (of that status) are the matches,
            // counted in the index alone.
            var gram = grams[0];
            var inGram = GramsInScope().Where(g => g.Gram == gram);
            if (filters.Status is { } status) inGram = inGram.Where(g => g.Status == status);
            var total = await inGram.CountAsync(cancellationToken);
            return total == 0
                ? new SearchPlan(term, null, 0, false, [], true, 0)
                : new SearchPlan(term, gram, total, false, [], true, total);
        }
        // Bounded counts of up to six of the term's grams (four-grams first): remembered ones from memory (GramCounts), the
        // others from the index alone, one statement per round. The first round reads at most a few rows of each
        // (SearchFirstLook): a rare gram is then counted exactly and leads. Only when every gram is common does a second
        // round count them up to the walk's threshold, to choose between reading every candidate and walking the order.
        var cap = searchIndex.WalkAbove;
        var firstLook = Math.Min(searchIndex.FirstLook, cap);
        var scope = access.User.SeesAllBranches ? null : access.User.BranchId;
        var counted = new List<(long Gram, int Rows)>();
        var toCount = new List<long>();
        foreach (var gram in grams.Take(6))
            if (gramCounts.TryGet(scope, gram, out var rows)) counted.Add((gram, Math.Min(rows, cap)));
            else toCount.Add(gram);
        if (toCount.Count > 0)
        {
            var first = await CountGramsAsync(toCount, firstLook, cancellationToken);
            if (first.Count < toCount.Count) return new SearchPlan(term, null, 0, false, [], false, 0); // a gram in no text
            var settled = firstLook == cap || first.Values.Any(rows => rows < firstLook) || counted.Any(c => c.Rows < firstLook);
            var fresh = settled ? first : await CountGramsAsync(toCount, cap, cancellationToken);
            var countedToCap = !settled || firstLook == cap;
            foreach (var (gram, rows) in fresh)
            {
                if (countedToCap || rows < firstLook) gramCounts.Remember(scope, gram, rows); // a count cut at the first look is not
                counted.Add((gram, rows));
            }
        }
        counted.Sort((a, b) => a.Rows != b.Rows ? a.Rows.CompareTo(b.Rows) : grams.IndexOf(a.Gram).CompareTo(grams.IndexOf(b.Gram)));
        return new SearchPlan(term, counted[0].Gram, counted[0].Rows, false, counted.Skip(1).Take(2).Select(c => c.Gram).ToList(),
            SearchGrams.IsExact(term), null);
    }

    /// <summary>Each gram's rows in the caller's scope, counted up to <paramref name="cap"/>, from the index alone, in one statement; a gram with no row is missing.</summary>
    private async Task<Dictionary<long, int>> CountGramsAsync(List<long> grams, int cap, CancellationToken cancellationToken)
    {
        IQueryable<long>? bounded = null;
        foreach (var gram in grams)
        {
            var g0 = gram;
            // Ordered as the key is (no sort; EF warns about a Take without an order otherwise).
            var rows = GramsInScope().Where(g => g.Gram == g0).OrderBy(g => g.BranchId).ThenBy(g => g.CustomerId).Select(g => g.Gram).Take(cap);
            bounded = bounded is null ? rows : bounded.Concat(rows);
        }
        return await bounded!.GroupBy(g => g).Select(g => new { Gram = g.Key, Rows = g.Count() })
            .ToDictionaryAsync(g => g.Gram, g => g.Rows, cancellationToken);
    }

    /// <summary>The grams the caller may see, with the branch condition written plainly (for the index) as well as by the filter.</summary>
    private IQueryable<CustomerSearchGram> GramsInScope()
    {
        var grams = db.SearchGrams.AsNoTracking();
        if (access.User.SeesAllBranches) return grams;
        var branch = access.User.BranchId;
        return grams.Where(g => g.BranchId == branch);
    }

    /// <summary>The list's filters, parsed; <see cref="Term"/> is the search text as compared.</summary>
    private sealed record ListFilters(
        string? Term, CustomerStatus? Status, string? Grade, string? RegionKey, string? Route, string? OwnerId,
        CustomerCategory? Category, CustomerKind? Kind, bool? ContactOverdue)
    {
        public bool NarrowsBeyondStatus =>
            !string.IsNullOrEmpty(Grade) || RegionKey is not null || Route is not null || OwnerId is not null
            || Category is not null || Kind is not null || ContactOverdue is not null;
    }

    /// <summary>
    /// The filtered customers, unsorted (the export's rows); a bad filter value is a 400 naming its parameter. The search
    /// text is scanned here, in the narrow (BranchId, SearchText, Id) index; the list looks it up in the n-gram index.
    /// </summary>
    public IQueryable<Customer> Filter(CustomerListQuery query, bool pageErrors = false) => Apply(Validate(query, pageErrors), search: null);

    private ListFilters Validate(CustomerListQuery query, bool pageErrors)
    {
        // Paging is checked with the filters, so that one 400 names every bad parameter.
        var errors = pageErrors ? PageRequest.Check(new ValidationErrors(), query.Page, query.PageSize) : new ValidationErrors();
        var status = Parse<CustomerStatus>(query.Status, "status", errors);
        var category = Parse<CustomerCategory>(query.Category, "category", errors);
        var kind = Parse<CustomerKind>(query.Kind, "kind", errors);
        var grade = query.Grade?.Trim().ToUpperInvariant();
        errors
            .When(grade is not (null or "" or "A" or "B" or "C" or "D" or "E"), "grade", "grade is one of A, B, C, D, E.")
            .When(query.Sort is { } s && !Sorts.Contains(s.TrimStart('-'), StringComparer.Ordinal), "sort",
                $"sort is one of {string.Join(", ", Sorts)}, with a leading '-' for descending order.")
            .MaxLength("search", query.Search, 100)
            .ThrowIfAny();
        return new ListFilters(
            string.IsNullOrWhiteSpace(query.Search) ? null : SearchTerm(query.Search), status, grade,
            string.IsNullOrWhiteSpace(query.Region) ? null : NameKey.ForRegion(query.Region),
            string.IsNullOrWhiteSpace(query.Route) ? null : query.Route.Trim(),
            string.IsNullOrWhiteSpace(query.OwnerId) ? null : query.OwnerId.Trim(),
            category, kind, query.ContactOverdue);
    }

    private IQueryable<Customer> Apply(ListFilters filters, SearchPlan? search)
    {
        var customers = db.Customers.AsNoTracking();
        var inBranch = db.Customers.AsNoTracking();
        if (!access.User.SeesAllBranches)
        {
            // The query filter's condition again, plainly, so that the planner can lead with a branch index.
            var branch = access.User.BranchId;
            inBranch = inBranch.Where(c => c.BranchId == branch);
        }
        if (search is { Driving: null })
        {
            customers = customers.Where(c => false); // a gram of the term is in no text: nothing matches
        }
        else if (search is { Driving: { } driving })
        {
            if (search.Walk)
            {
                // Many candidates, first pages: the sort order's index is walked (in the branch) and each row's grams
                // probed by key, until the page is full.
                customers = inBranch.Where(c => db.SearchGrams.Any(g => g.Gram == driving && g.BranchId == c.BranchId && g.CustomerId == c.Id));
            }
            else
            {
                // The candidates lead: the rarest gram's rows (in the caller's scope), each joined to its customer by key
                // (through the narrow candidates index on SQLite). A cross join, because SQLite keeps its left side as the
                // outer loop: left to itself, the planner would walk a name-ordered index over the whole branch instead.
                var candidates = GramsInScope().Where(g => g.Gram == driving);
                if (filters.Status is { } status) candidates = candidates.Where(g => g.Status == status); // kept on the gram
                customers =
                    from g in candidates
                    from c in db.Customers.AsNoTracking()
                    where c.Id == g.CustomerId && c.BranchId == g.BranchId
                    select c;
            }
            // More grams probed per candidate by key before its text is read, where reading the text costs more: in the
            // walk (the text is in the wide row), and on SQL Server. On SQLite the candidates index holds the text itself.
            var probes = search.Walk || !db.Database.IsSqlite() ? search.Probes : [];
            foreach (var probe in probes)
            {
                var gram = probe;
                customers = customers.Where(c => db.SearchGrams.Any(g => g.Gram == gram && g.BranchId == c.BranchId && g.CustomerId == c.Id));
            }
            if (!search.Exact)
            {
                // The grams find a superset (the term's grams anywhere in the text); the text itself decides.
                var term = search.Term;
                customers = customers.Where(c => c.SearchText.Contains(term));
            }
        }
        else if (filters.Term is { } term)
        {
            // The matching ids come from the narrow (BranchId, SearchText, Id) index alone, and lead the query: the
            // wide rows are read for the matches only. With the branch condition on the outer query as well, SQLite
            // walks the name index in order and reads every row of the branch until a page is full (slow when few match).
            var matching = inBranch.Where(c => c.SearchText.Contains(term)).Select(c => c.Id);
            customers = customers.Where(c => matching.Contains(c.Id));
        }
        else
        {
            customers = inBranch;
        }
        if (filters.Status is { } st) customers = customers.Where(c => c.Status == st);
        if (!string.IsNullOrEmpty(filters.Grade))
        {
            var grade = filters.Grade;
            customers = customers.Where(c => c.Grade == grade);
        }
        if (filters.RegionKey is { } regionKey) customers = customers.Where(c => c.RegionKey == regionKey);
        if (filters.Route is { } route) customers = customers.Where(c => c.Route == route);
        if (filters.OwnerId is { } owner) customers = customers.Where(c => c.OwnerId == owner);
        if (filters.Category is { } cat) customers = customers.Where(c => c.Category == cat);
        if (filters.Kind is { } k) customers = customers.Where(c => c.Kind == k);
        if (filters.ContactOverdue is { } overdue)
        {
            var before = deadline.OverdueWhenOwnerSinceBefore;
            customers = overdue
                ? customers.Where(c => c.OwnerSinceOn < before
                    && !db.Visits.Any(v => v.CustomerId == c.Id && v.ContactedBy == c.OwnerId && v.On >= c.OwnerSinceOn))
                : customers.Where(c => c.OwnerSinceOn >= before
                    || db.Visits.Any(v => v.CustomerId == c.Id && v.ContactedBy == c.OwnerId && v.On >= c.OwnerSinceOn));
        }
        return customers;
    }

    public static IQueryable<Customer> Sort(IQueryable<Customer> customers, string? sort)
    {
        var descending = sort?.StartsWith('-') == true;
        IOrderedQueryable<Customer> sorted = (sort?.TrimStart('-')) switch
        {
            "code" => descending ? customers.OrderByDescending(c => c.Code) : customers.OrderBy(c => c.Code),
            "entryDate" => descending ? customers.OrderByDescending(c => c.EntryDate) : customers.OrderBy(c => c.EntryDate),
            "registeredAt" => descending ? customers.OrderByDescending(c => c.RegisteredAt) : customers.OrderBy(c => c.RegisteredAt),
            "grade" => descending ? customers.OrderByDescending(c => c.Grade) : customers.OrderBy(c => c.Grade),
            "region" => descending ? customers.OrderByDescending(c => c.Region) : customers.OrderBy(c => c.Region),
            _ => descending ? customers.OrderByDescending(c => c.Name) : customers.OrderBy(c => c.Name),
        };
        return sorted.ThenBy(c => c.Id); // a stable order, so that pages neither repeat nor skip rows
    }

    /// <summary>What the search text is compared with: width and case folded; a phone number by its digits.</summary>
    public static string SearchTerm(string search)
    {
        var term = NameKey.ForSearch(search.Trim());
        var looksLikePhone = term.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '+' or '(' or ')') && term.Count(char.IsAsciiDigit) >= 3;
        return looksLikePhone ? Customer.Digits(term)! : term;
    }

    public async Task<Paged<HistoryEntryResponse>> HistoryAsync(Guid id, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var request = PageRequest.From(page, pageSize);
        var ownerId = await OwnerOfAsync(id, cancellationToken);
        var seesSensitive = access.SeesSensitiveDataOf(ownerId);
        var history = db.History.AsNoTracking().Where(h => h.CustomerId == id);
        var total = await history.CountAsync(cancellationToken);
        var entries = await history.OrderBy(h => h.Id).Skip(request.Skip).Take(request.PageSize).ToListAsync(cancellationToken);
        return Paged<HistoryEntryResponse>.Of(entries.Select(e => HistoryEntryResponse.From(e, seesSensitive)).ToList(), total, request);
    }

    public async Task<Paged<VisitResponse>> VisitsAsync(Guid id, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var request = PageRequest.From(page, pageSize);
        await OwnerOfAsync(id, cancellationToken);
        var visits = db.Visits.AsNoTracking().Where(v => v.CustomerId == id);
        var items = await visits.OrderByDescending(v => v.On).ThenByDescending(v => v.Id).Skip(request.Skip).Take(request.PageSize).ToListAsync(cancellationToken);
        return Paged<VisitResponse>.Of(items.Select(VisitResponse.From).ToList(), await visits.CountAsync(cancellationToken), request);
    }

    public async Task<Paged<ViolationResponse>> ViolationsAsync(Guid id, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var request = PageRequest.From(page, pageSize);
        await OwnerOfAsync(id, cancellationToken);
        var violations = db.Violations.AsNoTracking().Where(v => v.CustomerId == id);
        var items = await violations.OrderByDescending(v => v.OccurredOn).ThenByDescending(v => v.Id).Skip(request.Skip).Take(request.PageSize).ToListAsync(cancellationToken);
        return Paged<ViolationResponse>.Of(items.Select(ViolationResponse.From).ToList(), await violations.CountAsync(cancellationToken), request);
    }

    public async Task<Paged<IncidentResponse>> IncidentsAsync(Guid id, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var request = PageRequest.From(page, pageSize);
        await OwnerOfAsync(id, cancellationToken);
        var incidents = db.Incidents.AsNoTracking().Where(i => i.CustomerId == id);
        var items = await incidents.OrderByDescending(i => i.OccurredOn).ThenByDescending(i => i.Id).Skip(request.Skip).Take(request.PageSize).ToListAsync(cancellationToken);
        return Paged<IncidentResponse>.Of(items.Select(IncidentResponse.From).ToList(), await incidents.CountAsync(cancellationToken), request);
    }

    public async Task<Paged<EvaluationResponse>> EvaluationsAsync(Guid id, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var request = PageRequest.From(page, pageSize);
        await OwnerOfAsync(id, cancellationToken);
        var evaluations = db.Evaluations.AsNoTracking().Where(e => e.CustomerId == id);
        var items = await evaluations.OrderByDescending(e => e.EvaluatedAt).ThenByDescending(e => e.Id).Skip(request.Skip).Take(request.PageSize).ToListAsync(cancellationToken);
        return Paged<EvaluationResponse>.Of(items.Select(EvaluationResponse.From).ToList(), await evaluations.CountAsync(cancellationToken), request);
    }

    /// <summary>404 unless the customer is in the caller's branch; its owner otherwise.</summary>
    private async Task<string> OwnerOfAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Customers.Where(c => c.Id == id).Select(c => c.OwnerId).FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("customer", id);

    private static TEnum? Parse<TEnum>(string? text, string field, ValidationErrors errors) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (CustomerLabels.TryParse<TEnum>(text, out var value)) return value;
        errors.Add(field, $"{field} is one of {string.Join(", ", Enum.GetValues<TEnum>().Select(v => ApiNames.Of(v)))}.");
        return null;
    }
}
