using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Network.EndToEnd.Tests.Platform;

/// <summary>One span as an OTLP exporter sent it.</summary>
public sealed record ReceivedSpan(string Service, string Scope, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind)
{
    public const int ServerKind = 2;
    public const int ProducerKind = 4;
    public const int ConsumerKind = 5;
}

/// <summary>
/// A small OTLP/HTTP endpoint (protobuf, `POST /v1/traces`) that the services under test export
/// their spans to, so a test can see the spans every process produced for one trace.
/// </summary>
public sealed class OtlpTraceReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedSpan> spans = new();
    private readonly WebApplication app;

    private OtlpTraceReceiver(WebApplication app) => this.app = app;

    public string Endpoint { get; private set; } = string.Empty;

    public IReadOnlyCollection<ReceivedSpan> Spans => spans.ToArray();

    public static async Task<OtlpTraceReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpTraceReceiver(app);
        app.MapPost("/v1/traces", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            foreach (var span in Parse(body.ToArray()))
            {
                receiver.spans.Enqueue(span);
            }

            context.Response.ContentType = "application/x-protobuf";
        });
        await app.StartAsync();
        receiver.Endpoint = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver;
    }

    public async Task<IReadOnlyList<ReceivedSpan>> WaitForAsync(string traceId, Func<IReadOnlyList<ReceivedSpan>, bool> complete, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var ofTrace = spans.Where(s => s.TraceId == traceId).ToList();
            if (complete(ofTrace) || DateTime.UtcNow > deadline)
            {
                return ofTrace;
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    // ExportTraceServiceRequest { 1: repeated ResourceSpans }
    internal static List<ReceivedSpan> Parse(ReadOnlySpan<byte> request)
    {
        var result = new List<ReceivedSpan>();
        var reader = new ProtobufReader(request);
        while (reader.TryReadField(out var field, out var wire))
        {
            if (field == 1 && wire == 2)
            {
                ParseResourceSpans(reader.ReadLengthDelimited(), result);
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return result;
    }

    // ResourceSpans { 1: Resource, 2: repeated ScopeSpans }
    private static void ParseResourceSpans(ReadOnlySpan<byte> message, List<ReceivedSpan> result)
    {
        var service = string.Empty;
        var scopeSpans = new List<byte[]>();
        var reader = new ProtobufReader(message);
        while (reader.TryReadField(out var field, out var wire))
        {
            if (field == 1 && wire == 2)
            {
                service = ServiceName(reader.ReadLengthDelimited());
            }
            else if (field == 2 && wire == 2)
            {
                scopeSpans.Add(reader.ReadLengthDelimited().ToArray());
            }
            else
            {
                reader.Skip(wire);
            }
        }

        foreach (var scope in scopeSpans)
        {
            ParseScopeSpans(scope, service, result);
        }
    }

    // Resource { 1: repeated KeyValue { 1: key, 2: AnyValue { 1: string_value } } }
    private static string ServiceName(ReadOnlySpan<byte> resource)
    {
        var reader = new ProtobufReader(resource);
        while (reader.TryReadField(out var field, out var wire))
        {
            if (field == 1 && wire == 2)
            {
                var (key, value) = KeyValue(reader.ReadLengthDelimited());
                if (key == "service.name")
                {
                    return value;
                }
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return string.Empty;
    }

    private static (string Key, string Value) KeyValue(ReadOnlySpan<byte> message)
    {
        string key = string.Empty, value = string.Empty;
        var reader = new ProtobufReader(message);
        while (reader.TryReadField(out var field, out var wire))
        {
            if (field == 1 && wire == 2)
            {
                key = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
            }
            else if (field == 2 && wire == 2)
            {
                var any = new ProtobufReader(reader.ReadLengthDelimited());
                while (any.TryReadField(out var anyField, out var anyWire))
                {
                    if (anyField == 1 && anyWire == 2)
                    {
                        value = Encoding.UTF8.GetString(any.ReadLengthDelimited());
                    }
                    else
                    {
                        any.Skip(anyWire);
                    }
                }
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return (key, value);
    }

    // ScopeSpans { 1: InstrumentationScope { 1: name }, 2: repeated Span }
    private static void ParseScopeSpans(ReadOnlySpan<byte> message, string service, List<ReceivedSpan> result)
    {
        var scope = string.Empty;
        var spanMessages = new List<byte[]>();
        var reader = new ProtobufReader(message);
        while (reader.TryReadField(out var field, out var wire))
        {
            if (field == 1 && wire == 2)
            {
                var scopeReader = new ProtobufReader(reader.ReadLengthDelimited());
                while (scopeReader.TryReadField(out var scopeField, out var scopeWire))
                {
                    if (scopeField == 1 && scopeWire == 2)
                    {
                        scope = Encoding.UTF8.GetString(scopeReader.ReadLengthDelimited());
                    }
                    else
                    {
                        scopeReader.Skip(scopeWire);
                    }
                }
            }
            else if (field == 2 && wire == 2)
            {
                spanMessages.Add(reader.ReadLengthDelimited().ToArray());
            }
            else
            {
                reader.Skip(wire);
            }
        }

        foreach (var span in spanMessages)
        {
            result.Add(ParseSpan(span, service, scope));
        }
    }

    // Span { 1: trace_id, 2: span_id, 4: parent_span_id, 5: name, 6: kind }
    private static ReceivedSpan ParseSpan(ReadOnlySpan<byte> message, string service, string scope)
    {
        string traceId = string.Empty, spanId = string.Empty, parentSpanId = string.Empty, name = string.Empty;
        var kind = 0;
        var reader = new ProtobufReader(message);
        while (reader.TryReadField(out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, 2): traceId = Convert.ToHexStringLower(reader.ReadLengthDelimited()); break;
                case (2, 2): spanId = Convert.ToHexStringLower(reader.ReadLengthDelimited()); break;
                case (4, 2): parentSpanId = Convert.ToHexStringLower(reader.ReadLengthDelimited()); break;
                case (5, 2): name = Encoding.UTF8.GetString(reader.ReadLengthDelimited()); break;
                case (6, 0): kind = (int)reader.ReadVarint(); break;
                default: reader.Skip(wire); break;
            }
        }

        return new ReceivedSpan(service, scope, traceId, spanId, parentSpanId, name, kind);
    }
}
