using Network.Contracts;

namespace Network.ServiceDefaults.Messaging;

/// <summary>
/// Maps the type name stored in an outbox row back to its contract type. Only types of the
/// contracts assembly can be relayed, so a row can never name an arbitrary CLR type.
/// </summary>
public static class ContractTypes
{
    private static readonly IReadOnlyDictionary<string, Type> ByName = typeof(IIntegrationEvent).Assembly
        .GetTypes()
        .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(type))
        .ToDictionary(type => type.FullName!, StringComparer.Ordinal);

    public static string NameOf(Type type) =>
        ByName.ContainsKey(type.FullName!) ? type.FullName! : throw new ArgumentException($"{type} is not an integration event of Network.Contracts.", nameof(type));

    public static Type Resolve(string name) =>
        ByName.TryGetValue(name, out var type) ? type : throw new InvalidOperationException($"Unknown integration event type '{name}'.");
}
