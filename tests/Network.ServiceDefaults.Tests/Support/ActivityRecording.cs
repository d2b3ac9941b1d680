using System.Diagnostics;

namespace Network.ServiceDefaults.Tests.Support;

/// <summary>
/// The tests' own activity source, and a listener that creates and records every activity of the
/// sources named (as the OpenTelemetry SDK does in a service), so trace context flows through them.
/// </summary>
internal static class ActivityRecording
{
    public static readonly ActivitySource Source = new("Network.ServiceDefaults.Tests");

    public static ActivityListener SampleAll(params string[] sourceNames)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => sourceNames.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
