namespace Network.Infra.Tests.Support;

/// <summary>
/// The settings these tests look for by name. Spelled here rather than taken from ServiceDefaults,
/// so this project builds without the services; a rename in the code still fails the tests,
/// because every NETWORK_* name in infra/ must be one the code reads.
/// </summary>
internal static class ServiceSettingNames
{
    public const string Database = "NETWORK_DATABASE";
    public const string RabbitMq = "NETWORK_RABBITMQ";
}
