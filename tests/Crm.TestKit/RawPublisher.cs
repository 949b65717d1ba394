using System.Text;
using System.Text.Json;
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

    /// <summary>How many messages wait in a queue (for example a consumer's <c>_error</c> queue); 0 if it does not exist.</summary>
    public static async Task<uint> QueueDepthAsync(string amqpUri, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(amqpUri) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try { return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount; }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException) { return 0; }
    }
}
