using Network.Messaging.Domain;

namespace Network.Messaging.Tests.Rules;

public sealed class Conversation_rules
{
    private static OrganisationProfile Organisation(OrganisationStatus status = OrganisationStatus.Verified, FirstContact firstContact = FirstContact.VerifiedOrganisations) =>
        new(Guid.NewGuid(), "Verein", "mso", status, ["berlin"], ["education"], firstContact);

    [Fact]
    public void Any_verified_organisation_may_write_first_to_one_that_allows_it() =>
        Assert.Null(FirstContactPolicy.RefusalOf(Organisation(), Organisation(), arePartners: false));

    [Fact]
    public void An_organisation_that_takes_first_contact_only_from_partners_refuses_others()
    {
        var partnersOnly = Organisation(firstContact: FirstContact.PartnersOnly);

        Assert.Equal(FirstContactRefusal.PartnersOnly, FirstContactPolicy.RefusalOf(Organisation(), partnersOnly, arePartners: false));
        Assert.Null(FirstContactPolicy.RefusalOf(Organisation(), partnersOnly, arePartners: true));
    }

    [Theory]
    [InlineData(OrganisationStatus.Pending)]
    [InlineData(OrganisationStatus.Rejected)]
    [InlineData(OrganisationStatus.Suspended)]
    public void Only_verified_organisations_write_or_are_written_to(OrganisationStatus status)
    {
        Assert.Equal(FirstContactRefusal.SenderNotVerified, FirstContactPolicy.RefusalOf(Organisation(status), Organisation(), arePartners: true));
        Assert.False(FirstContactPolicy.CanBeWrittenTo(Organisation(status)));
        Assert.False(FirstContactPolicy.MayReply(Organisation(status)));
        Assert.False(FirstContactPolicy.CanBeWrittenTo(null));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \n\t ")]
    [InlineData("a\u0007b")]
    public void Empty_texts_and_control_characters_are_refused(string? text) => Assert.NotNull(ConversationRules.TextProblem(text));

    [Fact]
    public void A_text_may_have_line_breaks_and_up_to_the_limit_but_not_more()
    {
        Assert.Null(ConversationRules.TextProblem("Guten Tag,\n\nwir freuen uns.\tViele Grüße"));
        Assert.Null(ConversationRules.TextProblem(new string('a', ConversationRules.MaximumTextLength)));
        Assert.Contains("100000", ConversationRules.TextProblem(new string('a', 100_000)));
    }

    [Fact]
    public void A_subject_is_one_short_line() =>
        Assert.Equal(
            [true, false, false, false],
            new[] { "Elternabend", "", "Zeile\nzwei", new string('s', 201) }.Select(s => ConversationRules.SubjectProblem(s) is null));
}
