using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Network.Contracts.Directory;
using Network.Events.Consumers;
using Network.Events.Tests.Support;
using Npgsql;

namespace Network.Events.Tests;

public sealed class Keeping_a_copy_of_organisation_names(EventsApiFactory api) : IClassFixture<EventsApiFactory>
{
    [Fact]
    public async Task A_profile_change_that_happened_earlier_never_overwrites_a_later_one()
    {
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var dataSource = api.Services.GetRequiredService<NpgsqlDataSource>();

        await new OrganisationProfileUpdatedConsumer(dataSource).Consume(DirectDelivery.Of(Updated(id, "Integrationsbüro Dessau-Roßlau", "administration", now)));
        await new OrganisationRegisteredConsumer(dataSource).Consume(DirectDelivery.Of(Registered(id, "Integrationsbuero", "mso", now.AddMinutes(-5))));
        await new OrganisationProfileUpdatedConsumer(dataSource).Consume(DirectDelivery.Of(Updated(id, "Integrationsbüro (alt)", "mso", now.AddMinutes(-1))));

        await using var connection = await api.OpenConnectionAsync();
        var (name, kind) = await connection.QuerySingleAsync<(string, string)>("SELECT name, kind FROM organisations WHERE id = @id", new { id });
        Assert.Equal("Integrationsbüro Dessau-Roßlau", name);
        Assert.Equal("administration", kind);
    }

    private static OrganisationRegistered Registered(Guid id, string name, string kind, DateTimeOffset at) => new()
    {
        OrganisationId = id,
        Name = name,
        Kind = kind,
        Regions = ["dessau_rosslau"],
        Topics = [],
        Languages = [],
        TargetGroups = [],
        CreatedByAccountId = Guid.NewGuid(),
        OccurredAt = at,
    };

    private static OrganisationProfileUpdated Updated(Guid id, string name, string kind, DateTimeOffset at) => new()
    {
        OrganisationId = id,
        Name = name,
        Kind = kind,
        Regions = ["dessau_rosslau"],
        Topics = [],
        Languages = [],
        TargetGroups = [],
        OccurredAt = at,
    };
}
