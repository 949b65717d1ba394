namespace Crm.ServiceDefaults;

/// <summary><c>?page=1&amp;pageSize=50</c>, pageSize at most 200 (API.md).</summary>
public readonly record struct PageRequest(int Page, int PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public int Skip => (Page - 1) * PageSize;

    /// <summary>Validates the query values; a bad one is a 400 naming the field.</summary>
    public static PageRequest From(int? page, int? pageSize)
    {
        Check(new ValidationErrors(), page, pageSize).ThrowIfAny();
        return new PageRequest(page ?? 1, pageSize ?? DefaultPageSize);
    }

    /// <summary>Adds the paging errors to others, so that one 400 can name every bad parameter of a list.</summary>
    public static ValidationErrors Check(ValidationErrors errors, int? page, int? pageSize) => errors
        .When(page is < 1, "page", "page starts at 1.")
        .When(page is > 1 && (long)(page.Value - 1) * (pageSize is >= 1 and <= MaxPageSize ? pageSize.Value : DefaultPageSize) > int.MaxValue,
            "page", "page is beyond the end of any list: the rows before it would number more than 2,147,483,647.")
        .When(pageSize is < 1 or > MaxPageSize, "pageSize", $"pageSize must be between 1 and {MaxPageSize}.");
}

/// <summary>A page of a list: <c>{ items, total, page, pageSize }</c>.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public static Paged<T> Of(IReadOnlyList<T> items, int total, PageRequest request) => new(items, total, request.Page, request.PageSize);
}
