using System.Diagnostics;

namespace Network.ServiceDefaults;

/// <summary>
/// Who this process is: its short name (`directory`) and its one <see cref="ActivitySource"/>,
/// named `Network.Directory`, declared here once for the whole service.
/// </summary>
public sealed class ServiceIdentity
{
    public ServiceIdentity(string name)
    {
        Name = name;
        SourceName = "Network." + char.ToUpperInvariant(name[0]) + name[1..];
        ActivitySource = new ActivitySource(SourceName);
    }

    public string Name { get; }

    public string SourceName { get; }

    public ActivitySource ActivitySource { get; }
}
