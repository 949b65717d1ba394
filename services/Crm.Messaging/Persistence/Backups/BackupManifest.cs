using System.Text.Json.Serialization;

namespace Crm.Messaging.Persistence.Backups;

/// <summary>
/// <c>manifest.json</c> of a backup set: what it holds, so that a restore can prove the set whole before it touches
/// anything. One entry per service database.
/// </summary>
public sealed record BackupManifest
{
    public const string FileName = "manifest.json";
    public const string CurrentFormat = "crm-backup/1";

    public required string Format { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary><c>manual</c> (<c>./build.sh backup</c>) or <c>scheduled</c> (a service's own timer).</summary>
    public required string Kind { get; init; }

    public string? Host { get; init; }
    public required IReadOnlyList<BackupManifestEntry> Databases { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a manifest; <see cref="BackupSetException"/> when it is missing, not JSON or lacks a field.</summary>
    public static BackupManifest Read(string setDirectory)
    {
        var path = Path.Combine(setDirectory, FileName);
        if (!File.Exists(path))
            throw new BackupSetException($"备份集不完整 (incomplete set): {setDirectory} has no {FileName}; it is not a finished backup set.");
        BackupManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BackupManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new BackupSetException($"备份清单损坏 (bad manifest): {path} is not a valid manifest ({e.Message}).");
        }
        if (manifest is null || manifest.Databases is null)
            throw new BackupSetException($"备份清单损坏 (bad manifest): {path} lists no databases.");
        if (manifest.Format != CurrentFormat)
            throw new BackupSetException($"备份清单损坏 (bad manifest): {path} has format '{manifest.Format}', this tool reads '{CurrentFormat}'.");
        return manifest;
    }
}

public sealed record BackupManifestEntry
{
    public required string Service { get; init; }

    /// <summary>The file's name inside the set (a plain name, never a path).</summary>
    public required string File { get; init; }

    public required long Size { get; init; }

    /// <summary>SHA-256 of the file, lower-case hex.</summary>
    public required string Sha256 { get; init; }

    /// <summary>The last EF Core migration applied to the database (its schema version); null if none was.</summary>
    public string? SchemaVersion { get; init; }
}

/// <summary>A backup set that cannot be used: missing, incomplete, corrupted. The message says which and why.</summary>
public sealed class BackupSetException(string message) : Exception(message);
