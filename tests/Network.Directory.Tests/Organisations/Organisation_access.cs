using Network.Directory.Domain;

namespace Network.Directory.Tests.Organisations;

public sealed class Organisation_access
{
    private static readonly Guid OrganisationId = Guid.NewGuid();
    private static readonly Guid OtherOrganisationId = Guid.NewGuid();

    public enum Who
    {
        Anonymous,
        SignedInWithoutOrganisation,
        MemberOfAnotherVerifiedOrganisation,
        MemberOfAnotherPendingOrganisation,
        Member,
        OrgAdmin,
        Coordinator,
    }

    public enum State
    {
        Pending,
        Verified,
        Rejected,
        Suspended,
        VerifiedButHidden,
    }

    // Who sees the organisation at all, per state.
    [Theory]
    [InlineData(Who.Anonymous, State.Verified, true)]
    [InlineData(Who.Anonymous, State.Pending, false)]
    [InlineData(Who.Anonymous, State.Rejected, false)]
    [InlineData(Who.Anonymous, State.Suspended, false)]
    [InlineData(Who.Anonymous, State.VerifiedButHidden, false)]
    [InlineData(Who.SignedInWithoutOrganisation, State.Verified, true)]
    [InlineData(Who.SignedInWithoutOrganisation, State.Pending, false)]
    [InlineData(Who.MemberOfAnotherVerifiedOrganisation, State.Pending, false)]
    [InlineData(Who.MemberOfAnotherVerifiedOrganisation, State.VerifiedButHidden, false)]
    [InlineData(Who.Member, State.Pending, true)]
    [InlineData(Who.Member, State.Rejected, true)]
    [InlineData(Who.Member, State.Suspended, true)]
    [InlineData(Who.Member, State.VerifiedButHidden, true)]
    [InlineData(Who.OrgAdmin, State.Pending, true)]
    [InlineData(Who.Coordinator, State.Pending, true)]
    [InlineData(Who.Coordinator, State.Rejected, true)]
    [InlineData(Who.Coordinator, State.VerifiedButHidden, true)]
    public void Until_verified_only_members_and_coordinators_see_it(Who who, State state, bool sees) =>
        Assert.Equal(sees, OrganisationAccess.CanSee(Viewer(who), Organisation(state)));

    [Theory]
    [InlineData(Who.Anonymous, State.Verified, false)]
    [InlineData(Who.SignedInWithoutOrganisation, State.Verified, false)]
    [InlineData(Who.MemberOfAnotherPendingOrganisation, State.Verified, false)]
    [InlineData(Who.MemberOfAnotherVerifiedOrganisation, State.Verified, true)]
    [InlineData(Who.MemberOfAnotherVerifiedOrganisation, State.Suspended, false)]
    [InlineData(Who.Member, State.Pending, true)]
    [InlineData(Who.OrgAdmin, State.Rejected, true)]
    [InlineData(Who.Coordinator, State.Pending, true)]
    public void Contact_data_is_for_the_network_not_the_public(Who who, State state, bool sees) =>
        Assert.Equal(sees, OrganisationAccess.CanSeeContactData(Viewer(who), Organisation(state)));

    [Theory]
    [InlineData(Who.Anonymous, false)]
    [InlineData(Who.SignedInWithoutOrganisation, false)]
    [InlineData(Who.MemberOfAnotherVerifiedOrganisation, false)]
    [InlineData(Who.Member, false)]
    [InlineData(Who.OrgAdmin, true)]
    [InlineData(Who.Coordinator, true)]
    public void Only_org_admins_and_coordinators_edit_and_manage_members(Who who, bool may)
    {
        var organisation = Organisation(State.Verified);
        Assert.Equal(may, OrganisationAccess.CanEdit(Viewer(who), organisation));
        Assert.Equal(may, OrganisationAccess.CanManageMembers(Viewer(who), organisation));
    }

    [Theory]
    [InlineData(Who.Anonymous, false)]
    [InlineData(Who.MemberOfAnotherVerifiedOrganisation, false)]
    [InlineData(Who.Member, true)]
    [InlineData(Who.OrgAdmin, true)]
    [InlineData(Who.Coordinator, true)]
    public void The_member_list_is_for_members_and_coordinators(Who who, bool sees) =>
        Assert.Equal(sees, OrganisationAccess.CanSeeMembers(Viewer(who), Organisation(State.Verified)));

    [Fact]
    public void The_public_profile_has_no_personal_contact_data()
    {
        var profile = OrganisationAccess.ProfileFor(Viewer(Who.Anonymous), Organisation(State.Verified));

        Assert.Null(profile.Email);
        Assert.Null(profile.Phone);
        Assert.Empty(profile.ContactPersons);
        Assert.Equal("https://www.verein.example", profile.Website);
    }

    [Fact]
    public void Members_of_a_verified_organisation_get_the_whole_profile()
    {
        var profile = OrganisationAccess.ProfileFor(Viewer(Who.MemberOfAnotherVerifiedOrganisation), Organisation(State.Verified));

        Assert.Equal("kontakt@verein.example", profile.Email);
        Assert.Single(profile.ContactPersons);
    }

    private static Viewer Viewer(Who who) => who switch
    {
        Who.Anonymous => Domain.Viewer.Anonymous,
        Who.SignedInWithoutOrganisation => new(Guid.NewGuid(), false, new Dictionary<Guid, MemberRole>(), false),
        Who.MemberOfAnotherVerifiedOrganisation => new(Guid.NewGuid(), false, new Dictionary<Guid, MemberRole> { [OtherOrganisationId] = MemberRole.Member }, true),
        Who.MemberOfAnotherPendingOrganisation => new(Guid.NewGuid(), false, new Dictionary<Guid, MemberRole> { [OtherOrganisationId] = MemberRole.OrgAdmin }, false),
        Who.Member => new(Guid.NewGuid(), false, new Dictionary<Guid, MemberRole> { [OrganisationId] = MemberRole.Member }, false),
        Who.OrgAdmin => new(Guid.NewGuid(), false, new Dictionary<Guid, MemberRole> { [OrganisationId] = MemberRole.OrgAdmin }, false),
        _ => new(Guid.NewGuid(), true, new Dictionary<Guid, MemberRole>(), false),
    };

    private static Organisation Organisation(State state)
    {
        var profile = new OrganisationProfile(
            "Vietnamesischer Elternverein Lichtenberg e.V.", OrganisationKind.Mso, "Beratung", ["berlin_lichtenberg"], ["education"], ["vi", "de"], ["families"],
            "https://www.verein.example", "kontakt@verein.example", "+49 30 1234567", "Hauptstraße 1, 10365 Berlin",
            [new ContactPerson("Lan Nguyen", "Vorstand", "lan@verein.example", null)]);
        var status = state switch
        {
            State.Pending => OrganisationStatus.Pending,
            State.Rejected => OrganisationStatus.Rejected,
            State.Suspended => OrganisationStatus.Suspended,
            _ => OrganisationStatus.Verified,
        };
        var now = DateTimeOffset.UtcNow;
        return new Organisation(
            OrganisationId, profile, status, null, 1, Guid.NewGuid(), now, now, null,
            state == State.VerifiedButHidden ? now : null, state == State.VerifiedButHidden ? "Beleidigender Inhalt" : null);
    }
}
