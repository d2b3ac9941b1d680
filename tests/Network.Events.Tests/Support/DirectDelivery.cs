using System.Reflection;
using MassTransit;

namespace Network.Events.Tests.Support;

/// <summary>
/// A message handed straight to a consumer, without the broker: the test broker is shared with
/// other services' tests, which would receive a published directory event too. Answers only what
/// an IdempotentConsumer asks of its context.
/// </summary>
public class DirectDelivery : DispatchProxy
{
    private Guid messageId;
    private object message = null!;

    public static ConsumeContext<TMessage> Of<TMessage>(TMessage message)
        where TMessage : class
    {
        var context = Create<ConsumeContext<TMessage>, DirectDelivery>();
        var delivery = (DirectDelivery)(object)context;
        delivery.message = message;
        delivery.messageId = Guid.NewGuid();
        return context;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
    {
        "get_MessageId" => (Guid?)messageId,
        "get_Message" => message,
        "get_CancellationToken" => CancellationToken.None,
        _ => throw new NotSupportedException($"The consumer asked its context for {targetMethod?.Name}."),
    };
}
