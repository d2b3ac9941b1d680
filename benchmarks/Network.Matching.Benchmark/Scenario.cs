using Dapper;

namespace Network.Matching.Benchmark;

/// <summary>
/// One kind of request the benchmark times. <see cref="RunAsync"/> runs variant `i` (the variants
/// differ in their words and codes, so the timing is not of one cached answer) and returns how many
/// rows it got; <see cref="Query"/>, when given, is the SQL of the first variant, for EXPLAIN.
/// </summary>
internal sealed record Scenario(
    string Name,
    Func<int, CancellationToken, Task<int>> RunAsync,
    Func<DateTimeOffset, (string Sql, DynamicParameters Parameters)>? Query);
