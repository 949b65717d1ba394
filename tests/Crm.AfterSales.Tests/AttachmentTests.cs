using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Crm.AfterSales.Tests;

/// <summary>Attachments through the gateway: type by content, size limit, hash, stored as files, downloaded by the entitled.</summary>
public sealed class AttachmentTests(AfterSalesFixture fixture) : IClassFixture<AfterSalesFixture>
{
    private static readonly byte[] PngHeader = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static byte[] Png(int size)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        PngHeader.CopyTo(bytes, 0);
        return bytes;
    }

    private static MultipartFormDataContent Form(byte[] bytes, string fileName, string declaredType)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    private async Task<JsonElement> ComplaintAsync()
    {
        var customer = await fixture.CustomerAsync();
        using var afterSales = fixture.AfterSales();
        return await Api.OpenAsync(afterSales, customer);
    }

    [Fact]
    public async Task A_photo_is_typed_by_its_content_hashed_stored_as_a_file_and_downloaded_by_staff_of_the_branch_only()
    {
        var complaint = await ComplaintAsync();
        using var rep = fixture.Rep();
        var bytes = Png(300_000);

        var response = await rep.PostAsync($"/api/aftersales/complaints/{complaint.Id()}/attachments", Form(bytes, "破损照片.png", "application/octet-stream"));
        var attachment = await HttpAssertions.JsonAsync(response, HttpStatusCode.Created);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Equal("image/png", attachment.GetProperty("contentType").GetString());
        Assert.Equal(sha, attachment.GetProperty("sha256").GetString());
        Assert.Equal(bytes.Length, attachment.GetProperty("size").GetInt64());
        Assert.Equal("破损照片.png", attachment.GetProperty("fileName").GetString());

        var stored = Directory.EnumerateFiles(fixture.FilesFolder, "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(stored, f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))) == sha);

        var href = attachment.GetProperty("href").GetString()!;
        var download = await rep.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/png", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());

        using var beijing = fixture.AfterSales("as-bj", AfterSalesFixture.OtherBranch);
        Assert.Equal(HttpStatusCode.NotFound, (await beijing.GetAsync(href)).StatusCode);

        var after = await Api.GetAsync(rep, complaint.Id());
        var listed = Assert.Single(after.GetProperty("attachments").EnumerateArray());
        Assert.Equal(sha, listed.GetProperty("sha256").GetString());
        Assert.Contains(sha, after.GetProperty("timeline").EnumerateArray().Last().GetProperty("detail").GetString());
        Assert.Equal(complaint.Version() + 1, after.Version());
    }

    [Fact]
    public async Task A_pdf_report_can_be_sent_as_the_raw_body()
    {
        var complaint = await ComplaintAsync();
        using var afterSales = fixture.AfterSales();
        var pdf = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();
        var body = new ByteArrayContent(pdf);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var attachment = await HttpAssertions.JsonAsync(
            await afterSales.PostAsync($"/api/aftersales/complaints/{complaint.Id()}/attachments?fileName=检验报告.pdf", body), HttpStatusCode.Created);
        Assert.Equal("application/pdf", attachment.GetProperty("contentType").GetString());
        Assert.Equal("检验报告.pdf", attachment.GetProperty("fileName").GetString());
    }

    [Fact]
    public async Task A_file_name_that_turns_its_own_text_around_or_shows_nothing_is_cleaned_and_a_form_that_is_not_one_is_a_400()
    {
        var complaint = await ComplaintAsync();
        using var afterSales = fixture.AfterSales();
        var url = $"/api/aftersales/complaints/{complaint.Id()}/attachments";
        // "报告\u202Egnp.exe" displays as "报告exe.png": the override goes, the name stays what it really is.
        var turned = await HttpAssertions.JsonAsync(await afterSales.PostAsync(url, Form(Png(64), "报告\u202Egnp.exe", "image/png")), HttpStatusCode.Created);
        Assert.Equal("报告gnp.exe", turned.GetProperty("fileName").GetString());
        var blank = await HttpAssertions.JsonAsync(await afterSales.PostAsync(url, Form(Png(64), "\u200B\u200D", "image/png")), HttpStatusCode.Created);
        Assert.Equal("attachment.png", blank.GetProperty("fileName").GetString());

        var truncated = new StringContent("--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\n");
        truncated.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=XYZ");
        Assert.Equal(HttpStatusCode.BadRequest, (await afterSales.PostAsync(url, truncated)).StatusCode);
    }

    [Fact]
    public async Task A_file_that_is_not_a_photo_or_a_pdf_is_refused_whatever_its_name_and_declared_type_and_nothing_is_kept()
    {
        var complaint = await ComplaintAsync();
        using var afterSales = fixture.AfterSales();
        var script = "<script>alert(1)</script>"u8.ToArray();
        var problem = await HttpAssertions.JsonAsync(
            await afterSales.PostAsync($"/api/aftersales/complaints/{complaint.Id()}/attachments", Form(script, "photo.png", "image/png")), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("file", out _));
        var after = await Api.GetAsync(afterSales, complaint.Id());
        Assert.Empty(after.GetProperty("attachments").EnumerateArray());
        var folder = Path.Combine(fixture.FilesFolder, AfterSalesFixture.Branch, complaint.Id().ToString("N"));
        Assert.True(!Directory.Exists(folder) || !Directory.EnumerateFiles(folder).Any());
    }

    [Fact]
    public async Task A_file_over_10_MiB_is_413_at_the_service_and_at_the_gateway()
    {
        var complaint = await ComplaintAsync();
        using var afterSales = fixture.AfterSales();
        // Wait for the answer before sending the body, as a browser's upload would be cut off anyway: a refusal
        // before the body is read must not turn into a broken pipe on this side.
        afterSales.DefaultRequestHeaders.ExpectContinue = true;
        var justOver = await afterSales.PostAsync($"/api/aftersales/complaints/{complaint.Id()}/attachments",
            Form(Png(10 * 1024 * 1024 + 1), "big.png", "image/png"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, justOver.StatusCode);
        var farOver = await afterSales.PostAsync($"/api/aftersales/complaints/{complaint.Id()}/attachments",
            Form(Png(12 * 1024 * 1024), "bigger.png", "image/png"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, farOver.StatusCode);
        var exactly = await afterSales.PostAsync($"/api/aftersales/complaints/{complaint.Id()}/attachments",
            Form(Png(10 * 1024 * 1024), "limit.png", "image/png"));
        Assert.Equal(HttpStatusCode.Created, exactly.StatusCode);
        Assert.Single((await Api.GetAsync(afterSales, complaint.Id())).GetProperty("attachments").EnumerateArray());
    }
}
