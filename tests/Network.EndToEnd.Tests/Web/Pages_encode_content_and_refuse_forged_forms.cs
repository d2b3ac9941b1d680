using System.Net;
using System.Text.RegularExpressions;
using Network.EndToEnd.Tests.Platform;

namespace Network.EndToEnd.Tests.Web;

/// <summary>
/// Two promises of the web front end that no journey shows by itself: what people type is shown as
/// text, never run as markup; a form sent from another site (without the antiforgery token the page
/// gave out) is refused. Plain HTTP through the gateway, as an attacker would send it.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class Pages_encode_content_and_refuse_forged_forms(PlatformFixture platform)
{
    [Fact]
    public async Task What_people_typed_is_shown_as_text_never_as_markup()
    {
        var word = Setup.UniqueWord();
        var (organisation, _) = await platform.VerifiedOrganisationAsync(
            $"<b>Verein</b> {word}", "mso", $"<script>alert('{word}')</script> Wir beraten Familien.", ["berlin_mitte"], ["health"], ["de"]);

        using var response = await platform.Http.GetAsync(new Uri(platform.Gateway.BaseAddress, $"/organisationen/{organisation}"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("&lt;b&gt;Verein&lt;/b&gt;", html);
        Assert.DoesNotContain("<b>Verein</b>", html);
        Assert.Contains("&lt;script&gt;alert(", html);
        Assert.DoesNotContain("<script>alert(", html);
    }

    [Fact]
    public async Task A_form_sent_without_the_pages_antiforgery_token_is_refused()
    {
        using var cookies = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var browserLike = new HttpClient(cookies) { BaseAddress = platform.Gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var page = await browserLike.GetStringAsync("/konto/anmelden");
        var hidden = HiddenField().Matches(page).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        Assert.Contains(AntiforgeryField, hidden.Keys);
        var typed = new Dictionary<string, string> { ["email"] = PlatformClient.NewEmail("forged"), ["password"] = "wrong-password-123" };

        // With the page's token the form is taken (and answers that the sign-in failed) ...
        using var genuine = await browserLike.PostAsync("/konto/anmelden", new FormUrlEncodedContent(hidden.Concat(typed)));
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);

        // ... without it, the same form is refused before anything is done.
        using var forged = await browserLike.PostAsync("/konto/anmelden", new FormUrlEncodedContent(hidden.Where(field => field.Key != AntiforgeryField).Concat(typed)));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    private const string AntiforgeryField = "__RequestVerificationToken";

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenField();
}
