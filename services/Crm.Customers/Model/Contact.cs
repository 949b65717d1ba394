namespace Crm.Customers.Model;

/// <summary>What a contact (联系人) holds. Birthday and personal notes are personal data, shown only to those entitled.</summary>
public sealed record ContactDetails
{
    public const int NameMaxLength = 50;

    public required string Name { get; init; }
    public string? Department { get; init; }
    public string? Title { get; init; }
    public string? Phone { get; init; }
    public string? Fax { get; init; }
    public string? Mobile { get; init; }
    public string? Email { get; init; }
    /// <summary>Relationship care (客情维护). Personal data.</summary>
    public DateOnly? Birthday { get; init; }
    /// <summary>Interests and other notes for relationship care. Personal data.</summary>
    public string? PersonalNotes { get; init; }

    public void Validate(ValidationErrors errors, DateOnly today, string prefix = "")
    {
        string F(string field) => prefix + field;
        errors
            .Required(F("name"), Name, NameMaxLength)
            .MaxLength(F("department"), Department, 100)
            .MaxLength(F("title"), Title, 100)
            .MaxLength(F("personalNotes"), PersonalNotes, CustomerProfile.MediumTextMaxLength)
            .When(Phone is not null && !Formats.IsPhone(Phone), F("phone"), "phone " + Formats.PhoneHint)
            .When(Fax is not null && !Formats.IsPhone(Fax), F("fax"), "fax " + Formats.PhoneHint)
            .When(Mobile is not null && !Formats.IsPhone(Mobile), F("mobile"), "mobile " + Formats.PhoneHint)
            .When(Email is not null && !Formats.IsEmail(Email), F("email"), "email must be an address such as name@example.com.")
            .When(Birthday > today, F("birthday"), "birthday cannot be in the future.");
    }

    /// <summary>The details as someone not entitled to personal data sees them: no birthday, the notes masked.</summary>
    public ContactDetails Masked() => this with { Birthday = null, PersonalNotes = MaskedNotes(PersonalNotes) };

    public static string? MaskedNotes(string? personalNotes) => Masking.Mask("personalNotes", personalNotes);

    public static IReadOnlyList<ContactField> Fields { get; } =
    [
        new("name", c => c.Name),
        new("department", c => c.Department),
        new("title", c => c.Title),
        new("phone", c => c.Phone),
        new("fax", c => c.Fax),
        new("mobile", c => c.Mobile),
        new("email", c => c.Email),
        new("birthday", c => CustomerProfile.Text(c.Birthday), Sensitive: true),
        new("personalNotes", c => c.PersonalNotes, Sensitive: true),
    ];
}

public sealed record ContactField(string Name, Func<ContactDetails, string?> Render, bool Sensitive = false);

/// <summary>
/// A contact person of a customer: primary (主要) or secondary. A customer with contacts has exactly one primary. It
/// carries its customer's branch, so the branch filter scopes it like every other branch-owned row (a customer's branch
/// never changes).
/// </summary>
public sealed class Contact : IBranchOwned
{
    private Contact() { }

    internal Contact(Guid customerId, string branchId, ContactDetails details, bool isPrimary, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        CustomerId = customerId;
        BranchId = branchId;
        IsPrimary = isPrimary;
        Version = 1;
        Apply(details);
    }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public string BranchId { get; private set; } = "";
    public bool IsPrimary { get; private set; }
    public string Name { get; private set; } = "";
    public string? Department { get; private set; }
    public string? Title { get; private set; }
    public string? Phone { get; private set; }
    public string? Fax { get; private set; }
    public string? Mobile { get; private set; }
    public string? Email { get; private set; }
    public DateOnly? Birthday { get; private set; }
    public string? PersonalNotes { get; private set; }
    public long Version { get; private set; }

    public ContactDetails Details => new()
    {
        Name = Name, Department = Department, Title = Title, Phone = Phone, Fax = Fax, Mobile = Mobile, Email = Email,
        Birthday = Birthday, PersonalNotes = PersonalNotes,
    };

    /// <summary>The history's name for a field of this contact: <c>contacts[{id}].mobile</c>.</summary>
    public string FieldName(string field) => $"contacts[{Id}].{field}";

    internal IReadOnlyList<ChangedField> Update(ContactDetails details, bool isPrimary)
    {
        var before = Details;
        var changes = ContactDetails.Fields
            .Select(f => new ChangedField(FieldName(f.Name), f.Render(before), f.Render(details)))
            .Where(c => !string.Equals(c.From, c.To, StringComparison.Ordinal))
            .ToList();
        if (isPrimary != IsPrimary) changes.Add(new ChangedField(FieldName("isPrimary"), Bool(IsPrimary), Bool(isPrimary)));
        if (changes.Count == 0) return changes;
        Apply(details);
        IsPrimary = isPrimary;
        Version++;
        return changes;
    }

    internal ChangedField? SetPrimary(bool isPrimary)
    {
        if (isPrimary == IsPrimary) return null;
        var change = new ChangedField(FieldName("isPrimary"), Bool(IsPrimary), Bool(isPrimary));
        IsPrimary = isPrimary;
        Version++;
        return change;
    }

    internal static string Bool(bool value) => value ? "true" : "false";

    private void Apply(ContactDetails details)
    {
        Name = details.Name;
        Department = details.Department;
        Title = details.Title;
        Phone = details.Phone;
        Fax = details.Fax;
        Mobile = details.Mobile;
        Email = details.Email;
        Birthday = details.Birthday;
        PersonalNotes = details.PersonalNotes;
    }
}
