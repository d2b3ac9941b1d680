using Dapper;
using Network.Contracts.Directory;
using Network.Messaging.Domain;
using Npgsql;

namespace Network.Messaging.Data;

/// <summary>
/// Writes messaging's copy of the directory's accounts, organisations and memberships, inside a
/// consumer's transaction. The broker does not promise order across event types, so a status may
/// arrive before the registration, or a MemberLeft before its MemberJoined: whichever comes first
/// creates the row, and each part is only overwritten by a change that happened later than the one
/// it holds (the events' OccurredAt).
/// </summary>
public static class DirectoryReadModel
{
    /// <summary>
    /// Stores the account. A confirmed address is kept: AccountEmailConfirmed names the address that
    /// was proven, and a registration delivered late must not replace it with an unproven one.
    /// </summary>
    public static Task SaveAccountAsync(AccountRegistered account, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO accounts (id, display_name, email, locale) VALUES (@AccountId, @DisplayName, @Email, @Locale)
            ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name, locale = excluded.locale,
                email = CASE WHEN accounts.email_confirmed_at IS NULL THEN excluded.email ELSE accounts.email END,
                updated_at = now()
            """,
            account, transaction, cancellationToken: cancellationToken));

    /// <summary>Marks the address as the owner's; creates a placeholder when the registration has not arrived yet.</summary>
    public static Task ConfirmEmailAsync(AccountEmailConfirmed confirmation, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO accounts (id, display_name, email, locale, email_confirmed_at) VALUES (@AccountId, '', @Email, 'de', @OccurredAt)
            ON CONFLICT (id) DO UPDATE SET email = excluded.email, email_confirmed_at = excluded.email_confirmed_at, updated_at = now()
            WHERE accounts.email_confirmed_at IS NULL OR accounts.email_confirmed_at < excluded.email_confirmed_at
            """,
            new { confirmation.AccountId, confirmation.Email, OccurredAt = confirmation.OccurredAt.ToUniversalTime() },
            transaction, cancellationToken: cancellationToken));

    public sealed record Profile(Guid OrganisationId, string Name, string Kind, IReadOnlyList<string> Regions, IReadOnlyList<string> Topics, DateTimeOffset OccurredAt);

    /// <summary>Stores the profile; a registration never changes a status we already heard about, because any status event happened after it.</summary>
    public static Task SaveProfileAsync(Profile profile, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO organisations (id, name, kind, regions, topics, profile_changed_at)
            VALUES (@OrganisationId, @Name, @Kind, @regions, @topics, @occurredAt)
            ON CONFLICT (id) DO UPDATE SET
                name = excluded.name, kind = excluded.kind, regions = excluded.regions, topics = excluded.topics,
                profile_changed_at = excluded.profile_changed_at, updated_at = now()
            WHERE organisations.profile_changed_at < excluded.profile_changed_at
            """,
            new { profile.OrganisationId, profile.Name, profile.Kind, regions = profile.Regions.ToArray(), topics = profile.Topics.ToArray(), occurredAt = profile.OccurredAt.ToUniversalTime() },
            transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// Stores the status, unless we already hold one that changed later. Returns whether it was
    /// stored: a status event that arrives after a later one describes a status the organisation no
    /// longer has, and nobody should be told of it.
    /// </summary>
    public static async Task<bool> SaveStatusAsync(Guid organisationId, OrganisationStatus status, DateTimeOffset occurredAt, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO organisations (id, status, status_changed_at) VALUES (@organisationId, @status, @occurredAt)
            ON CONFLICT (id) DO UPDATE SET status = excluded.status, status_changed_at = excluded.status_changed_at, updated_at = now()
            WHERE organisations.status_changed_at < excluded.status_changed_at
            """,
            new { organisationId, status = EnumCodes.Of(status), occurredAt = occurredAt.ToUniversalTime() },
            transaction, cancellationToken: cancellationToken)) == 1;

    /// <summary>Stores a membership (or its end, <paramref name="active"/> false), unless we hold a later change of it.</summary>
    public static Task SaveMembershipAsync(
        Guid organisationId, Guid accountId, string? role, bool active, DateTimeOffset occurredAt, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO memberships (organisation_id, account_id, role, active, changed_at)
            VALUES (@organisationId, @accountId, coalesce(@role, 'member'), @active, @occurredAt)
            ON CONFLICT (organisation_id, account_id) DO UPDATE SET
                role = coalesce(@role, memberships.role), active = excluded.active, changed_at = excluded.changed_at
            WHERE memberships.changed_at < excluded.changed_at
            """,
            new { organisationId, accountId, role, active, occurredAt = occurredAt.ToUniversalTime() },
            transaction, cancellationToken: cancellationToken));

    private const string OrganisationColumns = "id, name, kind, status, regions, topics, first_contact";

    public static async Task<OrganisationProfile?> FindOrganisationAsync(Guid id, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<OrganisationRow>(new CommandDefinition(
            $"SELECT {OrganisationColumns} FROM organisations WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        return row?.ToProfile();
    }

    /// <summary>
    /// The verified organisations, or only those sharing one of <paramref name="anyTopic"/> (answered by
    /// the topics' GIN index): the candidates a domain rule then decides on.
    /// </summary>
    public static async Task<IReadOnlyList<OrganisationProfile>> VerifiedOrganisationsAsync(
        NpgsqlConnection connection, IReadOnlyList<string>? anyTopic, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<OrganisationRow>(new CommandDefinition(
            $"SELECT {OrganisationColumns} FROM organisations WHERE status = 'verified' AND (@topics::text[] IS NULL OR topics && @topics) ORDER BY id",
            new { topics = anyTopic is { Count: > 0 } ? anyTopic.ToArray() : null },
            cancellationToken: cancellationToken)))
        .Select(row => row.ToProfile())
        .ToList();

    /// <summary>The organisation's name for texts; null while the directory has not told us yet (the texts then say "an organisation").</summary>
    public static Task<string?> NameAsync(Guid id, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT nullif(name, '') FROM organisations WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));

    public static Task SetFirstContactAsync(Guid organisationId, FirstContact firstContact, NpgsqlConnection connection, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO organisations (id, first_contact) VALUES (@organisationId, @firstContact)
            ON CONFLICT (id) DO UPDATE SET first_contact = excluded.first_contact, updated_at = now()
            """,
            new { organisationId, firstContact = EnumCodes.Of(firstContact) },
            cancellationToken: cancellationToken));

    // A class, not a positional record: Dapper reads text[] columns as System.Array, which matches no constructor.
    private sealed class OrganisationRow
    {
        public Guid Id { get; init; }

        public string Name { get; init; } = "";

        public string Kind { get; init; } = "";

        public string Status { get; init; } = "";

        public string[] Regions { get; init; } = [];

        public string[] Topics { get; init; } = [];

        public string FirstContact { get; init; } = "";

        public OrganisationProfile ToProfile() => new(
            Id, Name, Kind, EnumCodes.Parse<OrganisationStatus>(Status), Regions, Topics, EnumCodes.Parse<FirstContact>(FirstContact));
    }
}
