using System.Text;

namespace Crm.Web.Tests;

/// <summary>What the component tests put behind <see cref="Api.GatewayApi"/>: answers by route, and a record of what was sent.</summary>
public sealed class FakeGateway : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, HttpResponseMessage>> _answers = new();
    public List<(HttpMethod Method, string Path, string? Body)> Sent { get; } = [];

    /// <summary>Holds every answer until released: a request in flight while the user clicks again.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public FakeGateway Answer(HttpStatusCode status, object body, string contentType = "application/json")
    {
        _answers.Enqueue(_ => new HttpResponseMessage(status)
        {
            Content = new StringContent(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, contentType),
        });
        return this;
    }

    public FakeGateway Problem(HttpStatusCode status, string title, string? detail = null, object? errors = null, object? duplicates = null) =>
        Answer(status, new { type = "about:blank", title, status = (int)status, detail, errors, duplicates }, "application/problem+json");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Sent.Add((request.Method, request.RequestUri!.PathAndQuery, body));
        if (Gate is { } gate) await gate.Task;
        return _answers.Count > 0 ? _answers.Dequeue()(request) : new HttpResponseMessage(HttpStatusCode.NotFound);
    }
}
