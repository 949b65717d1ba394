namespace Crm.ServiceDefaults.Problems;

/// <summary>
/// Reads a multipart or url-encoded form, answering a body that is not one (no boundary, a boundary that never comes,
/// a truncated part, a section too long) with a 400 problem instead of the parser's exception as a 500. Every route
/// that takes files reads its form through this.
/// </summary>
public static class FormReading
{
    public static async Task<IFormCollection> ReadFormOrProblemAsync(this HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException || (e is IOException && e is not BadHttpRequestException))
        {
            throw new RequestValidationException("file",
                $"表单无法读取，请以 multipart/form-data 正确发送文件 (the form cannot be read: {e.Message} Send the file as multipart/form-data in the field 'file').");
        }
    }
}
