using Crm.Events;
using RabbitMQ.Client;

namespace Crm.TestKit;

/// <summary>Publishes a MassTransit envelope with plain RabbitMQ.Client, as a redelivery or a foreign publisher would.</summary>
public static class RawPublisher
{
    public static async Task PublishAsync(string amqpUri, IntegrationEvent integrationEvent, Guid? transportMessageId = null)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(amqpUri) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await PublishAsync(channel, integrationEvent, transportMessageId);
    }

    /// <summary>Many events on one channel (seeding a benchmark), each confirmed.</summary>
    public static async Task PublishManyAsync(string amqpUri, IEnumerable<IntegrationEvent> events)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(amqpUri) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        foreach (var chunk in events.Chunk(100))
            await Task.WhenAll(chunk.Select(e => PublishAsync(channel, e, null)));
    }

    private static async Task PublishAsync(IChannel channel, IntegrationEvent integrationEvent, Guid? transportMessageId)
    {
        var type = integrationEvent.GetType();
        var messageId = transportMessageId ?? Guid.NewGuid();
        var envelope = new Dictionary<string, object?>
        {
            ["messageId"] = messageId,
            ["messageType"] = new[] { $"urn:message:{type.Namespace}:{type.Name}" },
            ["sentTime"] = DateTimeOffset.UtcNow,
            ["headers"] = new Dictionary<string, object>(),
            ["message"] = JsonSerializer.SerializeToElement(integrationEvent, type, IntegrationEventJson.Options),
        };
        var body = JsonSerializer.SerializeToUtf8Bytes(envelope, IntegrationEventJson.Options);
        var properties = new BasicProperties
        {
            ContentType = "application/vnd.masstransit+json",
            DeliveryMode = DeliveryModes.Persistent,
            MessageId = messageId.ToString(),
        };
        await channel.BasicPublishAsync(IntegrationEventTypes.ExchangeOf(type), "", mandatory: false, properties, body);
    }

    /// <summary>
    /// How many messages wait in a queue. A queue that does not exist is a failure, not 0: a misspelt name must not
    /// make "nothing waits" true.
    /// </summary>
    public static async Task<uint> QueueDepthAsync(string amqpUri, string queue) =>
        await PassiveDepthAsync(amqpUri, queue) ?? throw new InvalidOperationException($"Queue '{queue}' does not exist on {new Uri(amqpUri).AbsolutePath}.");

    /// <summary>
    /// How many messages a consumer queue has parked in its <c>_error</c> queue. MassTransit declares the error queue
    /// only when it first moves a message there, so an absent error queue counts 0, but only once the consumer queue
    /// itself is proven to exist (otherwise this throws).
    /// </summary>
    public static async Task<uint> ErrorQueueDepthAsync(string amqpUri, string consumerQueue)
    {
        await QueueDepthAsync(amqpUri, consumerQueue);
        return await PassiveDepthAsync(amqpUri, consumerQueue + "_error") ?? 0;
    }

    private static async Task<uint?> PassiveDepthAsync(string amqpUri, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(amqpUri) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try { return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount; }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404) { return null; }
    }
}
