namespace Network.Web.Api;

// The parts of the public API's documents (shared/API.md) the pages read. Enumerations stay the API's
// snake_case strings; the pages turn them into words.

public sealed record Term(string Code, string De, string En);

public sealed record RegionTerm(string Code, string De, string En, IReadOnlyList<Term> Districts);

public sealed record LanguageTerm(string Code, string De, string En, string Endonym);

public sealed record Taxonomy(IReadOnlyList<Term> Topics, IReadOnlyList<RegionTerm> Regions, IReadOnlyList<LanguageTerm> Languages, IReadOnlyList<Term> TargetGroups)
{
    public static readonly Taxonomy Empty = new([], [], [], []);

    /// <summary>Cities, their districts, online and nationwide: every code a place filter accepts.</summary>
    public IEnumerable<Term> Places => Regions.SelectMany(r => new[] { new Term(r.Code, r.De, r.En) }.Concat(r.Districts));

    public Term TopicOf(string code) => Topics.FirstOrDefault(t => t.Code == code) ?? new(code, code, code);

    public Term PlaceOf(string code) => Places.FirstOrDefault(t => t.Code == code) ?? new(code, code, code);

    public Term LanguageOf(string code) => Languages.FirstOrDefault(t => t.Code == code) is { } l ? new(l.Code, l.De, l.En) : new(code, code, code);

    public Term TargetGroupOf(string code) => TargetGroups.FirstOrDefault(t => t.Code == code) ?? new(code, code, code);
}

public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

public sealed record Tokens(string AccessToken, string RefreshToken, int ExpiresIn);

public sealed record Membership(Guid OrganisationId, string OrganisationName, string Role, string OrganisationStatus);

public sealed record Me(Guid Id, string Email, string DisplayName, string Locale, bool EmailConfirmed, IReadOnlyList<string> Roles, IReadOnlyList<Membership> Memberships);

public sealed record ContactPerson(string Name, string? Role, string? Email, string? Phone);

public sealed record Organisation(
    Guid Id,
    string Name,
    string Kind,
    string Status,
    string Description,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Topics,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> TargetGroups,
    string? Website,
    string? Address,
    bool ContactDataVisible,
    string? Email,
    string? Phone,
    IReadOnlyList<ContactPerson>? ContactPersons,
    string? MyRole,
    string? StatusReason,
    bool? Hidden,
    string? HiddenReason);

public sealed record Listing(
    Guid Id,
    Guid OrganisationId,
    string Kind,
    string Status,
    string Title,
    string Description,
    IReadOnlyList<string> Topics,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> TargetGroups,
    string Format,
    DateTimeOffset? ValidUntil,
    bool Expired,
    bool? Held,
    bool? Hidden,
    string? HiddenReason,
    DateTimeOffset CreatedAt);

public sealed record Reason(string Code, string De, string En);

public sealed record SuggestionSide(Guid ListingId, string Title, Guid OrganisationId, string OrganisationName, bool Interested);

public sealed record Suggestion(
    Guid Id,
    string Status,
    double Score,
    IReadOnlyList<Reason> Reasons,
    SuggestionSide Offer,
    SuggestionSide Request,
    Guid? DeclinedByOrganisationId,
    string? DeclineReason,
    Guid? PartnershipId,
    DateTimeOffset CreatedAt);

public sealed record Partner(Guid ListingId, string Title, Guid OrganisationId, string OrganisationName);

public sealed record Partnership(Guid Id, Guid SuggestionId, Partner Offer, Partner Request, DateTimeOffset FormedAt);

public sealed record Created(Guid Id);

public sealed record InvitationAccepted(Guid OrganisationId, string Role, bool AlreadyMember);
