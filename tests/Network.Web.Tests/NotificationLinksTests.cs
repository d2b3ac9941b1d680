using Network.Web.Inbox;

namespace Network.Web.Tests;

public sealed class NotificationLinksTests
{
    [Theory]
    [InlineData("/postfach/gespraeche/0b5f7c1e-8d0a-4c69-9a3e-2f4c1e7d9b10")]
    [InlineData("/marktplatz/vorschlaege?organisation=0b5f7c1e-8d0a-4c69-9a3e-2f4c1e7d9b10")]
    [InlineData("/konto/benachrichtigungen")]
    public void A_notification_links_to_the_page_messaging_named(string link) =>
        Assert.Equal(link, NotificationLinks.PageOf(link));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("//evil.example/postfach")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("javascript:alert(1)")]
    public void Only_a_path_on_this_site_becomes_a_link(string? link) =>
        Assert.Null(NotificationLinks.PageOf(link));
}
