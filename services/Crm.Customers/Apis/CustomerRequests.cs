using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crm.Customers.Apis;

/// <summary>
/// The archive card's fields (客户档案表) as a client sends them: the members named by <see cref="CustomerCard.Fields"/>,
/// each read as its field's type when the body is bound (a value of the wrong type is a 400 naming the field). Every
/// value is optional in the JSON; the rules say which are required. The OpenAPI document lists the fields
/// (<see cref="CardFieldsSchema"/>).
/// </summary>
public record CustomerCardFields : IJsonOnDeserialized
{
    private (CustomerProfile Draft, bool KindGiven) _card = (CustomerProfile.Empty, false);

    /// <summary>The members of the body that the request does not declare: the card's fields among them.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement> Sent { get; init; } = [];

    void IJsonOnDeserialized.OnDeserialized() => _card = CustomerCard.Draft(Sent, CardFieldsSchema.Json);

    /// <summary>The card gives its kind (the one required field without a text value).</summary>
    [JsonIgnore]
    public bool KindGiven => _card.KindGiven;

    /// <summary>
    /// The card as the model keeps it (trimmed, blanks as null, the tax number normalised), with every field error
    /// collected under <paramref name="prefix"/>. Null when anything is wrong.
    /// </summary>
    public CustomerProfile? ToProfile(ValidationErrors errors, DateOnly today, string prefix = "") =>
        CustomerProfile.Complete(ToDraft(), KindGiven, errors, today, prefix);

    /// <summary>The card as sent, texts trimmed (blanks null), not yet normalised or checked (<see cref="CustomerProfile.Complete"/> does).</summary>
    public CustomerProfile ToDraft() => _card.Draft;

    /// <summary>Trimmed; blank is null.</summary>
    public static string? Clean(string? value) => CustomerProfile.Clean(value);
}

/// <summary>A contact (联系人) as a client sends it.</summary>
public record ContactInput
{
    public string? Name { get; init; }
    public string? Department { get; init; }
    public string? Title { get; init; }
    public string? Phone { get; init; }
    public string? Fax { get; init; }
    public string? Mobile { get; init; }
    public string? Email { get; init; }
    /// <summary>Personal data: shown only to those entitled.</summary>
    public DateOnly? Birthday { get; init; }
    /// <summary>Interests and other notes for relationship care. Personal data.</summary>
    public string? PersonalNotes { get; init; }
    /// <summary>The primary contact (主要联系人); a customer with contacts has exactly one.</summary>
    public bool IsPrimary { get; init; }

    public ContactDetails ToDetails(ValidationErrors errors, DateOnly today, string prefix = "")
    {
        var details = new ContactDetails
        {
            Name = Name?.Trim() ?? "",
            Department = CustomerCardFields.Clean(Department),
            Title = CustomerCardFields.Clean(Title),
            Phone = CustomerCardFields.Clean(Phone),
            Fax = CustomerCardFields.Clean(Fax),
            Mobile = CustomerCardFields.Clean(Mobile),
            Email = CustomerCardFields.Clean(Email),
            Birthday = Birthday,
            PersonalNotes = CustomerCardFields.Clean(PersonalNotes),
        };
        details.Validate(errors, today, prefix);
        return details;
    }

    public static IReadOnlyList<NewContact> ToNewContacts(IReadOnlyList<ContactInput>? contacts, ValidationErrors errors, DateOnly today)
    {
        contacts ??= [];
        errors
            .When(contacts.Count > Customer.MaxContacts, "contacts", $"At most {Customer.MaxContacts} contacts.")
            .When(contacts.Count(c => c.IsPrimary) > 1, "contacts", "Only one contact can be the primary contact.");
        return contacts.Select((c, i) => new NewContact(c.ToDetails(errors, today, $"contacts[{i}]."), c.IsPrimary)).ToList();
    }
}

/// <summary>Register a customer file (登记客户档案).</summary>
public sealed record RegisterCustomerRequest : CustomerCardFields
{
    /// <summary>The owner rep (专人负责); defaults to the caller. A sales rep registers for themselves only.</summary>
    public string? OwnerId { get; init; }
    public string? OwnerName { get; init; }
    public IReadOnlyList<ContactInput>? Contacts { get; init; }
    /// <summary>Register although a possible duplicate exists; needs <see cref="Reason"/>, which the history keeps.</summary>
    public bool ConfirmNotDuplicate { get; init; }
    public string? Reason { get; init; }
}

/// <summary>Replace the card's fields. Fields left out are cleared; send back the card you read, changed.</summary>
public sealed record UpdateCustomerRequest : CustomerCardFields
{
    /// <summary>The version you read (or send If-Match).</summary>
    public long? Version { get; init; }
    /// <summary>Why (修改原因): required, kept in the history.</summary>
    public string? ChangeReason { get; init; }
    /// <summary>Keep a name, region or tax number that matches another file; the change reason says why.</summary>
    public bool ConfirmNotDuplicate { get; init; }
}

public sealed record ChangeStatusRequest(CustomerStatus? Status, string? Reason, long? Version);

public sealed record ReassignOwnerRequest(string? OwnerId, string? OwnerName, string? Reason, long? Version);

/// <summary>Add or change a contact; a change sends the contact's version (or If-Match).</summary>
public sealed record ContactRequest : ContactInput
{
    public long? Version { get; init; }
    public string? ChangeReason { get; init; }
}

public sealed record EvaluationRequest(decimal? Initiative, decimal? Capability, decimal? Reputation, decimal? Relations, string? Comment);

public sealed record ViolationRequest(DateOnly? OccurredOn, ViolationType? Type, string? Description);

public sealed record VisitRequest(DateOnly? On, VisitKind? Kind, string? Summary);

public sealed record IncidentRequest(IncidentKind? Kind, string? Description, DateOnly? OccurredOn);

public sealed record ScorecardWeightsRequest(int? Initiative, int? Capability, int? Reputation, int? Relations, long? Version);

/// <summary>A development application (客户开发申请表): the prospect's card, its contacts, and why to develop it.</summary>
public sealed record DevelopmentApplicationRequest : CustomerCardFields
{
    public IReadOnlyList<ContactInput>? Contacts { get; init; }
    /// <summary>Why develop this prospect (申请理由): required.</summary>
    public string? Reason { get; init; }
    /// <summary>File although a possible duplicate exists; <see cref="Reason"/> must say why it is a different customer.</summary>
    public bool ConfirmNotDuplicate { get; init; }
}

public sealed record ApproveApplicationRequest(string? Comment, long? Version, bool ConfirmNotDuplicate = false);

public sealed record RejectApplicationRequest(string? Reason, long? Version);
