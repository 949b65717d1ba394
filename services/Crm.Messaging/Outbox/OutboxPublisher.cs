using System.Buffers;
using System.Collections.Concurrent;
using MassTransit.Metadata;
using RabbitMQ.Client;

namespace Crm.Messaging.Outbox;

/// <summary>
/// Puts outbox rows on the broker with plain RabbitMQ.Client, on a connection and a channel of the dispatcher's own with
/// publisher confirms, instead of through MassTransit's send pipeline (docs/decisions/outbox-raw-publish.md). What the
/// subscribers receive is what MassTransit would have sent: its envelope (<c>application/vnd.masstransit+json</c>,
/// messageId, conversationId, source and destination addresses, message types, sentTime, headers, host), persistent,
/// on the event's durable fanout exchange, with the span in <c>MT-Activity-Id</c> so that a MassTransit consumer
/// continues the trace. The row's body is already the event's JSON in the bus's serializer settings
/// (<see cref="IntegrationEventJson"/>), so it goes into the envelope as it is: no per-message serializer, send context,
/// observers or pipe. One instance per service (a singleton); the dispatcher opens it at the start of each pass.
/// </summary>
public sealed class OutboxPublisher(BrokerAddress broker, IBus bus, TimeProvider clock, string connectionName) : IAsyncDisposable
{
    public const string ContentType = "application/vnd.masstransit+json";
    public const string ActivityIdHeader = "MT-Activity-Id";

    private static readonly JsonEncodedText MessageIdName = JsonEncodedText.Encode("messageId");
    private static readonly JsonEncodedText CorrelationIdName = JsonEncodedText.Encode("correlationId");
    private static readonly JsonEncodedText ConversationIdName = JsonEncodedText.Encode("conversationId");
    private static readonly JsonEncodedText SourceAddressName = JsonEncodedText.Encode("sourceAddress");
    private static readonly JsonEncodedText DestinationAddressName = JsonEncodedText.Encode("destinationAddress");
    private static readonly JsonEncodedText MessageTypeName = JsonEncodedText.Encode("messageType");
    private static readonly JsonEncodedText MessageName = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText SentTimeName = JsonEncodedText.Encode("sentTime");
    private static readonly JsonEncodedText HeadersName = JsonEncodedText.Encode("headers");
    private static readonly JsonEncodedText ActivityIdName = JsonEncodedText.Encode(ActivityIdHeader);
    private static readonly JsonEncodedText HostName = JsonEncodedText.Encode("host");
    private static readonly byte[] Host = JsonSerializer.SerializeToUtf8Bytes(HostMetadataCache.Host, typeof(HostInfo), new JsonSerializerOptions(JsonSerializerDefaults.Web));

    private readonly ConcurrentDictionary<Type, Destination> _destinations = new();
    private readonly SemaphoreSlim _opening = new(1, 1);
    private Link? _link;
    private string? _sourceAddress;

    /// <summary>
    /// The channel to publish on for one pass: the open one, or a new connection and channel when there is none or it
    /// closed (a lost connection is not recovered in place; the next pass opens a new one).
    /// </summary>
    public async ValueTask<Link> OpenAsync(CancellationToken cancellationToken)
    {
        if (_link is { IsOpen: true } open) return open;
        await _opening.WaitAsync(cancellationToken);
        try
        {
            if (_link is { IsOpen: true } opened) return opened;
            if (_link is not null) await _link.DisposeAsync();
            _link = null;
            var factory = new ConnectionFactory
            {
                HostName = broker.Host, Port = broker.Port, VirtualHost = broker.VirtualHost,
                UserName = broker.Username, Password = broker.Password,
                AutomaticRecoveryEnabled = false, TopologyRecoveryEnabled = false,
                ClientProvidedName = connectionName,
            };
            if (broker.UseTls) factory.Ssl = new SslOption { Enabled = true, ServerName = broker.Host };
            var connection = await factory.CreateConnectionAsync(cancellationToken);
            try
            {
                var channel = await connection.CreateChannelAsync(
                    new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
                _sourceAddress ??= bus.Address.ToString();
                return _link = new Link(connection, channel);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }
        finally
        {
            _opening.Release();
        }
    }

    /// <summary>
    /// Publishes the row as an event of <paramref name="eventType"/> and completes when the broker confirmed it; throws
    /// when the broker refused it or the channel closed, and honours <paramref name="cancellationToken"/> (the timeout).
    /// </summary>
    public Task PublishAsync(Link link, OutboxMessage row, Type eventType, string? activityId, CancellationToken cancellationToken)
    {
        var destination = _destinations.GetOrAdd(eventType, Describe);
        var body = Envelope(row, destination, activityId);
        var id = row.MessageId.ToString();
        var properties = new BasicProperties
        {
            ContentType = ContentType,
            DeliveryMode = DeliveryModes.Persistent,
            MessageId = id,
            CorrelationId = id,
            Headers = activityId is null ? null : new Dictionary<string, object?> { [ActivityIdHeader] = activityId },
        };
        var declared = link.Declare(destination.Exchange);
        return declared.IsCompletedSuccessfully
            ? link.Channel.BasicPublishAsync(destination.Exchange, "", mandatory: false, properties, body, cancellationToken).AsTask()
            : PublishAfterDeclareAsync(declared, link, destination.Exchange, properties, body, cancellationToken);
    }

    private static async Task PublishAfterDeclareAsync(
        Task declared, Link link, string exchange, BasicProperties properties, byte[] body, CancellationToken cancellationToken)
    {
        await declared.WaitAsync(cancellationToken);
        await link.Channel.BasicPublishAsync(exchange, "", mandatory: false, properties, body, cancellationToken);
    }

    private Destination Describe(Type eventType)
    {
        var exchange = IntegrationEventTypes.ExchangeOf(eventType);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var urn in MessageTypeCache.GetMessageTypeNames(eventType)) writer.WriteStringValue(urn);
            writer.WriteEndArray();
        }
        var address = bus.Topology.TryGetPublishAddress(eventType, out var publishAddress) ? publishAddress.ToString() : null;
        return new Destination(exchange, address, buffer.WrittenSpan.ToArray());
    }

    // MassTransit's envelope, as its System.Text.Json serializer writes it for a publish.
    private byte[] Envelope(OutboxMessage row, Destination destination, string? activityId)
    {
        var buffer = new ArrayBufferWriter<byte>(row.Body.Length + 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(MessageIdName, row.MessageId);
            writer.WriteString(CorrelationIdName, row.MessageId); // MassTransit takes an event's EventId as its CorrelationId
            writer.WriteString(ConversationIdName, NewId.NextGuid());
            if (_sourceAddress is not null) writer.WriteString(SourceAddressName, _sourceAddress);
            if (destination.Address is not null) writer.WriteString(DestinationAddressName, destination.Address);
            writer.WritePropertyName(MessageTypeName);
            writer.WriteRawValue(destination.MessageTypes, skipInputValidation: true);
            writer.WritePropertyName(MessageName);
            writer.WriteRawValue(row.Body); // validated: a body that is not JSON fails here, before anything is sent
            writer.WriteString(SentTimeName, clock.GetUtcNow().UtcDateTime);
            writer.WriteStartObject(HeadersName);
            if (activityId is not null) writer.WriteString(ActivityIdName, activityId);
            writer.WriteEndObject();
            writer.WritePropertyName(HostName);
            writer.WriteRawValue(Host, skipInputValidation: true);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        if (_link is not null) await _link.DisposeAsync();
        _link = null;
        _opening.Dispose();
    }

    private sealed record Destination(string Exchange, string? Address, byte[] MessageTypes);

    /// <summary>One connection and its confirming channel, with the exchanges declared on it.</summary>
    public sealed class Link(IConnection connection, IChannel channel) : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<string, Task> _declared = new(StringComparer.Ordinal);

        public IChannel Channel { get; } = channel;

        public bool IsOpen => connection.IsOpen && Channel.IsOpen;

        // Durable fanout, as MassTransit's publish topology declares it (docs/decisions/0004-exchanges-and-queues.md);
        // once per exchange and channel.
        internal Task Declare(string exchange) =>
            _declared.GetOrAdd(exchange, name => Channel.ExchangeDeclareAsync(name, ExchangeType.Fanout, durable: true, autoDelete: false,
                cancellationToken: CancellationToken.None));

        public async ValueTask DisposeAsync()
        {
            try
            {
                await Channel.DisposeAsync();
                await connection.DisposeAsync();
            }
            catch (Exception)
            {
                // Closing a connection the broker already dropped: nothing left to release.
            }
        }
    }
}
