using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Network.ServiceDefaults.Tests.Support;

/// <summary>Keeps what was logged, so a test can see what a component says it did.</summary>
internal sealed class CollectingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<string> messages;

    public CollectingLogger(ConcurrentQueue<string>? sharedWith = null) => messages = sharedWith ?? new ConcurrentQueue<string>();

    public IReadOnlyCollection<string> Messages => messages;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        messages.Enqueue(formatter(state, exception));
}
