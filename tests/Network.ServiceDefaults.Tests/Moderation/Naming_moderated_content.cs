using Network.ServiceDefaults.Moderation;

namespace Network.ServiceDefaults.Tests.Moderation;

public sealed class Naming_moderated_content
{
    [Theory]
    [InlineData("organisation")]
    [InlineData("training_series")]
    public void Lower_snake_case_content_types_are_accepted(string contentType) =>
        Assert.Equal([contentType], new ModerationTargets([new InMemoryModerationTarget(contentType)]).ContentTypes);

    [Theory]
    [InlineData("Organisation")]
    [InlineData("training-series")]
    [InlineData("")]
    public void Other_names_are_refused_at_start_up(string contentType) =>
        Assert.Throws<InvalidOperationException>(() => new ModerationTargets([new InMemoryModerationTarget(contentType)]));

    [Fact]
    public void Two_targets_cannot_claim_one_content_type() =>
        Assert.Throws<InvalidOperationException>(() => new ModerationTargets([new InMemoryModerationTarget("listing"), new InMemoryModerationTarget("listing")]));

    [Fact]
    public void An_unknown_content_type_is_explained_with_the_known_ones()
    {
        var targets = new ModerationTargets([new InMemoryModerationTarget("listing"), new InMemoryModerationTarget("event")]);

        Assert.Null(targets.ContentTypeProblem("listing"));
        Assert.Equal("'post' is not a kind of content here; choose 'event', 'listing'.", targets.ContentTypeProblem("post"));
        Assert.NotNull(targets.ContentTypeProblem(null));
    }
}
