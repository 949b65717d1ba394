using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Crm.AfterSales.Services;

/// <summary>
/// Attachments (photos, PDF reports) as files under the data folder, never in a database row. The type is sniffed from
/// the content's first bytes, never taken from the request; the SHA-256 is computed while the file is written.
/// </summary>
public sealed class AttachmentStore(
    IOptions<AfterSalesOptions> options, Complaints complaints, ICurrentUser user, TimeProvider clock)
{
    // Relative to the working directory, like the SQLite file beside it.
    private readonly string _root = Path.GetFullPath(options.Value.DataFolder);

    public long MaxBytes => options.Value.MaxAttachmentBytes;

    public async Task<AttachmentView> AddAsync(Guid complaintId, Stream content, string? fileName, long? version, CancellationToken cancellationToken)
    {
        var complaint = await complaints.ForUpdateAsync(complaintId, version, cancellationToken);
        complaint.EnsureCanAttach(user);
        var now = clock.GetUtcNow();

        var attachmentId = Guid.CreateVersion7(now);
        var storedName = Path.Combine(complaint.BranchId, complaint.Id.ToString("N"), attachmentId.ToString("N"));
        var path = Path.Combine(_root, storedName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".part";
        long size;
        string sha256;
        string contentType;
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var head = new byte[16];
                var headLength = 0;
                var buffer = new byte[81920];
                size = 0;
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > MaxBytes)
                        throw new BadHttpRequestException($"The file is larger than {MaxBytes} bytes (10 MiB).", StatusCodes.Status413PayloadTooLarge);
                    if (headLength < head.Length)
                    {
                        var take = Math.Min(head.Length - headLength, read);
                        Array.Copy(buffer, 0, head, headLength, take);
                        headLength += take;
                    }
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
                if (size == 0) throw new RequestValidationException("file", "The file is empty.");
                contentType = FileSignatures.Sniff(head.AsSpan(0, headLength))
                    ?? throw new RequestValidationException("file",
                        "Only photos (JPEG, PNG, GIF, WebP) and PDF reports may be attached; the content is neither (checked by its first bytes, not its name or header).");
                sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            }
            File.Move(temporary, path);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        try
        {
            var attachment = complaint.Attach(attachmentId, SafeName(fileName, contentType), contentType, size, sha256, storedName, user, now);
            await complaints.SaveAsync(complaint, cancellationToken);
            return new AttachmentView(attachment.Id, attachment.FileName, attachment.ContentType, attachment.Size, attachment.Sha256,
                attachment.UploadedBy, attachment.UploadedAt, $"/api/aftersales/complaints/{complaint.Id}/attachments/{attachment.Id}");
        }
        catch
        {
            File.Delete(path); // never a file without its row
            throw;
        }
    }

    public Stream Open(Attachment attachment)
    {
        var path = Path.GetFullPath(Path.Combine(_root, attachment.StoredName));
        if (!path.StartsWith(_root, StringComparison.Ordinal) || !File.Exists(path))
            throw new NotFoundException("attachment file", attachment.Id);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
    }

    private static string SafeName(string? fileName, string contentType)
    {
        var name = Path.GetFileName(fileName ?? "").Trim();
        // Direction controls are taken out ("invoice\u202Efdp.exe" would show as "invoiceexe.pdf"); a name of invisible characters only is replaced.
        name = new string(name.Where(ch => !char.IsControl(ch) && !TextInput.IsBidiControl(ch) && ch is not ('"' or '\\' or '/')).ToArray());
        if (name.Length == 0 || TextInput.Problem("fileName", name) is not null) name = "attachment" + FileSignatures.Extension(contentType);
        return name.Length > 200 ? name[^200..] : name;
    }
}

/// <summary>Magic bytes of the accepted types.</summary>
public static class FileSignatures
{
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "image/jpeg";
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return "image/gif";
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        if (head.StartsWith("%PDF-"u8)) return "application/pdf";
        return null;
    }

    public static string Extension(string contentType) => contentType switch
    {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "image/gif" => ".gif",
        "image/webp" => ".webp",
        "application/pdf" => ".pdf",
        _ => "",
    };
}
