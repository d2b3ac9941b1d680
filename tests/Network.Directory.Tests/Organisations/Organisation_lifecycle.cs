using Network.Directory.Domain;

namespace Network.Directory.Tests.Organisations;

public sealed class Organisation_lifecycle
{
    [Theory]
    [InlineData(OrganisationStatus.Pending, OrganisationChange.Verify, OrganisationStatus.Verified)]
    [InlineData(OrganisationStatus.Pending, OrganisationChange.Reject, OrganisationStatus.Rejected)]
    [InlineData(OrganisationStatus.Verified, OrganisationChange.Suspend, OrganisationStatus.Suspended)]
    [InlineData(OrganisationStatus.Suspended, OrganisationChange.Reinstate, OrganisationStatus.Verified)]
    [InlineData(OrganisationStatus.Rejected, OrganisationChange.EditProfile, OrganisationStatus.Pending)]
    [InlineData(OrganisationStatus.Pending, OrganisationChange.EditProfile, OrganisationStatus.Pending)]
    [InlineData(OrganisationStatus.Verified, OrganisationChange.EditProfile, OrganisationStatus.Verified)]
    [InlineData(OrganisationStatus.Suspended, OrganisationChange.EditProfile, OrganisationStatus.Suspended)]
    public void Allowed_changes_lead_to_their_status(OrganisationStatus from, OrganisationChange change, OrganisationStatus to) =>
        Assert.Equal(to, OrganisationLifecycle.After(from, change));

    [Theory]
    [InlineData(OrganisationStatus.Verified, OrganisationChange.Verify)]
    [InlineData(OrganisationStatus.Verified, OrganisationChange.Reject)]
    [InlineData(OrganisationStatus.Verified, OrganisationChange.Reinstate)]
    [InlineData(OrganisationStatus.Rejected, OrganisationChange.Verify)]
    [InlineData(OrganisationStatus.Rejected, OrganisationChange.Suspend)]
    [InlineData(OrganisationStatus.Pending, OrganisationChange.Suspend)]
    [InlineData(OrganisationStatus.Pending, OrganisationChange.Reinstate)]
    [InlineData(OrganisationStatus.Suspended, OrganisationChange.Suspend)]
    [InlineData(OrganisationStatus.Suspended, OrganisationChange.Verify)]
    public void Other_changes_are_refused_with_a_reason(OrganisationStatus from, OrganisationChange change)
    {
        Assert.Null(OrganisationLifecycle.After(from, change));
        Assert.Contains(EnumCodes.Of(from), OrganisationLifecycle.Refusal(from, change));
    }

    [Fact]
    public void Every_status_and_change_has_an_answer()
    {
        foreach (var status in Enum.GetValues<OrganisationStatus>())
        {
            foreach (var change in Enum.GetValues<OrganisationChange>())
            {
                var after = OrganisationLifecycle.After(status, change);
                Assert.True(after is not null || OrganisationLifecycle.Refusal(status, change).Length > 0);
            }
        }
    }

    [Fact]
    public void Codes_are_the_snake_case_names_of_the_api()
    {
        Assert.Equal("service_provider", EnumCodes.Of(OrganisationKind.ServiceProvider));
        Assert.Equal("org_admin", EnumCodes.Of(MemberRole.OrgAdmin));
        Assert.True(EnumCodes.TryParse<OrganisationKind>("mso", out var kind));
        Assert.Equal(OrganisationKind.Mso, kind);
        Assert.False(EnumCodes.TryParse<OrganisationKind>("Mso", out _));
        Assert.False(EnumCodes.TryParse<OrganisationKind>("charity", out _));
    }
}
