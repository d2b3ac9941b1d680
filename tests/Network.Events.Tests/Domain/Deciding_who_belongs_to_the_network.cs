using Network.Events.Domain;

namespace Network.Events.Tests.Domain;

public sealed class Deciding_who_belongs_to_the_network
{
    private static readonly Guid Organisation = Guid.NewGuid();

    [Fact]
    public void A_member_of_a_pending_or_suspended_organisation_is_not_a_network_member_nor_its_organiser()
    {
        var viewer = new EventViewer(Guid.NewGuid(), new HashSet<Guid> { Organisation }, new HashSet<Guid>(), IsCoordinator: false);

        Assert.False(viewer.IsNetworkMember);
        Assert.False(EventAccess.CanOrganise(viewer, Organisation));
        Assert.False(EventAccess.IsVisibleTo(viewer, EventVisibility.Members));
    }

    [Fact]
    public void A_member_of_a_verified_organisation_is_a_network_member_and_organises_its_events()
    {
        var viewer = new EventViewer(Guid.NewGuid(), new HashSet<Guid> { Organisation }, new HashSet<Guid> { Organisation }, IsCoordinator: false);

        Assert.True(viewer.IsNetworkMember);
        Assert.True(EventAccess.CanOrganise(viewer, Organisation));
        Assert.False(EventAccess.CanOrganise(viewer, Guid.NewGuid()));
    }

    [Fact]
    public void A_coordinator_organises_without_any_verified_membership()
    {
        var viewer = new EventViewer(Guid.NewGuid(), new HashSet<Guid>(), new HashSet<Guid>(), IsCoordinator: true);

        Assert.True(viewer.IsNetworkMember);
        Assert.True(EventAccess.CanOrganise(viewer, Organisation));
    }
}
