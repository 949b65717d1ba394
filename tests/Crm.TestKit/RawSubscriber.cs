using System.Threading.Channels;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Crm.TestKit;

/// <summary>
/// A subscriber that is not MassTransit: plain RabbitMQ.Client, its own exclusive queue bound to a CRM exchange,
/// exactly as another corporate system would subscribe.
/// </summary>
public sealed class RawSubscriber : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly Channel<RawMessage> _received = Channel.CreateUnbounded<RawMessage>();

    private RawSubscriber(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public static async Task<RawSubscriber> BindAsync(string amqpUri, string exchange)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(amqpUri) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var subscriber = new RawSubscriber(connection, channel);
        // Declared as MassTransit declares it (durable fanout), so whichever side comes first, both agree.
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true);
        await channel.QueueBindAsync(queue.QueueName, exchange, "");
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            var headers = delivery.BasicProperties.Headers?.ToDictionary(
                h => h.Key, h => h.Value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : h.Value?.ToString()) ?? [];
            subscriber._received.Writer.TryWrite(new RawMessage(
                Encoding.UTF8.GetString(delivery.Body.Span), delivery.BasicProperties.ContentType, headers));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer);
        return subscriber;
    }

    /// <summary>Messages received so far, without waiting.</summary>
    public List<RawMessage> Drain()
    {
        var messages = new List<RawMessage>();
        while (_received.Reader.TryRead(out var message)) messages.Add(message);
        return messages;
    }

    /// <summary>The next message whose <c>message</c> matches, waiting up to the timeout.</summary>
    public async Task<RawMessage> NextAsync(Func<JsonElement, bool> match, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? Eventually.DefaultTimeout);
        while (true)
        {
            var message = await _received.Reader.ReadAsync(cancel.Token);
            if (match(message.Message)) return message;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}

/// <summary>A delivery as a non-.NET subscriber sees it: the MassTransit envelope, its content type and headers.</summary>
public sealed record RawMessage(string Body, string? ContentType, IReadOnlyDictionary<string, string?> Headers)
{
    public JsonElement Envelope { get; } = JsonDocument.Parse(Body).RootElement;

    public JsonElement Message => Envelope.GetProperty("message");
}
