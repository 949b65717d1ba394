namespace Crm.Customers.Infrastructure;

/// <summary>Registrations (and the duplicate checks they guard) one at a time across the group: first registered wins.</summary>
public sealed class RegistrationGate() : SerializedWriteGate("crm.customers.registration",
    "Other customers are being registered or imported at this moment; try again shortly.");
