using MassTransit;

namespace Network.Contracts.Events;

[MessageUrn("network:event-published:v1")]
public sealed record EventPublished : IIntegrationEvent
{
    public required Guid EventId { get; init; }
    public required Guid OrganiserOrganisationId { get; init; }
    public required string Kind { get; init; }
    public required string Title { get; init; }
    public required IReadOnlyList<string> Topics { get; init; }
    public required IReadOnlyList<string> Regions { get; init; }
    public required DateTimeOffset FirstSessionStartsAt { get; init; }
    public required string Visibility { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

[MessageUrn("network:event-updated:v1")]
public sealed record EventUpdated : IIntegrationEvent
{
    public required Guid EventId { get; init; }
    public required string Title { get; init; }
    public required bool TimeOrPlaceChanged { get; init; }
    /// <summary>Everyone registered (confirmed or waitlisted) when it changed: whom to tell.</summary>
    public required IReadOnlyList<Guid> RegistrantAccountIds { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

[MessageUrn("network:event-cancelled:v1")]
public sealed record EventCancelled : IIntegrationEvent
{
    public required Guid EventId { get; init; }
    public required string Title { get; init; }
    public required string Reason { get; init; }
    /// <summary>Everyone registered (confirmed or waitlisted) when it was cancelled: whom to tell.</summary>
    public required IReadOnlyList<Guid> RegistrantAccountIds { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

[MessageUrn("network:registration-confirmed:v1")]
public sealed record RegistrationConfirmed : IIntegrationEvent
{
    public required Guid RegistrationId { get; init; }
    public required Guid EventId { get; init; }
    public required Guid AccountId { get; init; }
    public required string EventTitle { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

[MessageUrn("network:registration-waitlisted:v1")]
public sealed record RegistrationWaitlisted : IIntegrationEvent
{
    public required Guid RegistrationId { get; init; }
    public required Guid EventId { get; init; }
    public required Guid AccountId { get; init; }
    public required string EventTitle { get; init; }
    public required int WaitlistPosition { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

[MessageUrn("network:waitlist-promoted:v1")]
public sealed record WaitlistPromoted : IIntegrationEvent
{
    public required Guid RegistrationId { get; init; }
    public required Guid EventId { get; init; }
    public required Guid AccountId { get; init; }
    public required string EventTitle { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

[MessageUrn("network:registration-cancelled:v1")]
public sealed record RegistrationCancelled : IIntegrationEvent
{
    public required Guid RegistrationId { get; init; }
    public required Guid EventId { get; init; }
    public required Guid AccountId { get; init; }
    public required string EventTitle { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

[MessageUrn("network:attendance-recorded:v1")]
public sealed record AttendanceRecorded : IIntegrationEvent
{
    public required Guid EventId { get; init; }
    public required Guid RegistrationId { get; init; }
    public required Guid SessionId { get; init; }
    public required bool Attended { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

[MessageUrn("network:certificate-issued:v1")]
public sealed record CertificateIssued : IIntegrationEvent
{
    public required Guid CertificateId { get; init; }
    public required string CertificateNumber { get; init; }
    public required Guid EventId { get; init; }
    public required Guid RegistrationId { get; init; }
    public required Guid AccountId { get; init; }
    public required string EventTitle { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>A session starts in about 48 hours: its confirmed registrants are reminded, once.</summary>
[MessageUrn("network:session-reminder-due:v1")]
public sealed record SessionReminderDue : IIntegrationEvent
{
    public required Guid EventId { get; init; }
    public required Guid SessionId { get; init; }
    public required string EventTitle { get; init; }
    public required string SessionTitle { get; init; }
    public required DateTimeOffset StartsAt { get; init; }
    public required IReadOnlyList<Guid> AccountIds { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}
