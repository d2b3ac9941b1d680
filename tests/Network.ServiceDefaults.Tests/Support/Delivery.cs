using System.Reflection;
using MassTransit;

namespace Network.ServiceDefaults.Tests.Support;

/// <summary>
/// A delivery handed straight to a consumer, for calls the broker cannot be made to overlap on
/// demand. It answers only what <see cref="IdempotentConsumer{TMessage}"/> asks of a context.
/// </summary>
public class Delivery : DispatchProxy
{
    private Guid messageId;
    private object message = null!;

    public static ConsumeContext<TMessage> Of<TMessage>(TMessage message, Guid messageId)
        where TMessage : class
    {
        var context = Create<ConsumeContext<TMessage>, Delivery>();
        var delivery = (Delivery)(object)context;
        delivery.message = message;
        delivery.messageId = messageId;
        return context;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
    {
        "get_MessageId" => (Guid?)messageId,
        "get_Message" => message,
        "get_CancellationToken" => CancellationToken.None,
        _ => throw new NotSupportedException($"The consumer under test asked its context for {targetMethod?.Name}."),
    };
}
