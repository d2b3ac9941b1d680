namespace Network.Web.Api;

/// <summary>A resource with the version it was read at (its ETag), which an edit sends back as If-Match.</summary>
public sealed record Versioned<T>(T Value, string Version);

public sealed record Member(Guid AccountId, string DisplayName, string Email, string Role, DateTimeOffset JoinedAt);
