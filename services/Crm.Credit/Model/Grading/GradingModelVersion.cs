namespace Crm.Credit.Model.Grading;

/// <summary>
/// One saved version of the group's scoring model. Versions are never changed: a new model is a new version, and
/// every grade keeps the version that gave it, so an old grade can always be explained by the model of its day.
/// Version 1 is the built-in default, seeded by the migration.
/// </summary>
public sealed class GradingModelVersion
{
    public const int NoteMaxLength = 500;

    private GradingModelVersion() { }

    public int Version { get; private set; }
    public string Definition { get; private set; } = "";
    public string? Note { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    public string Name => NameOf(Version);

    public GradingModel Model => GradingModel.FromJson(Definition);

    public static string NameOf(int version) => $"v{version}";

    public static GradingModelVersion Initial { get; } = new()
    {
        Version = 1,
        Definition = GradingModel.Default.ToJson(),
        Note = "The built-in default: sales trend 30, on-time rate 40, scorecard 30; complaints not counted; limits proposed when they would move by more than 10 %.",
        CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        CreatedBy = "system",
    };

    public GradingModelVersion Next(GradingModel model, string? note, DateTimeOffset now, string by) => new()
    {
        Version = Version + 1,
        Definition = model.ToJson(),
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        CreatedAt = now,
        CreatedBy = by,
    };
}
