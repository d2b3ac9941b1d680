using System.Net.Mail;
using Network.ServiceDefaults.Http;

namespace Network.Directory.Domain;

/// <summary>The rules a new account must meet; each broken rule is reported against its field.</summary>
public static class SignUp
{
    public const int MaximumEmailLength = 254;
    public const int MaximumDisplayNameLength = 100;

    public static readonly IReadOnlySet<string> Locales = new HashSet<string>(StringComparer.Ordinal) { "de", "en" };

    public static Dictionary<string, string[]> Validate(string? email, string? password, string? displayName, string? locale)
    {
        var errors = new Dictionary<string, string[]>();
        if (CheckEmail(email) is { } emailProblem)
        {
            errors["email"] = [emailProblem];
        }

        if (PasswordPolicy.Check(password) is { } passwordProblem)
        {
            errors["password"] = [passwordProblem];
        }

        var name = displayName?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors["displayName"] = ["Enter the name others should see."];
        }
        else if (name.Length > MaximumDisplayNameLength)
        {
            errors["displayName"] = [$"The name may have at most {MaximumDisplayNameLength} characters."];
        }
        else if (TextRules.HasControlCharacters(name, allowLineBreaks: false))
        {
            errors["displayName"] = ["The name may not contain control characters such as line breaks or tabs."];
        }

        if (locale is null || !Locales.Contains(locale))
        {
            errors["locale"] = ["Choose 'de' or 'en'."];
        }

        return errors;
    }

    public static string? CheckEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return "Enter an e-mail address.";
        }

        if (email.Length > MaximumEmailLength)
        {
            return $"The e-mail address may have at most {MaximumEmailLength} characters.";
        }

        // MailAddress accepts display-name forms ("A <a@b.de>"), so demand the bare address back,
        // and a dot in the domain, which every address that can receive our mail has.
        var isAddress = MailAddress.TryCreate(email, out var parsed)
            && parsed.Address == email.Trim()
            && parsed.Host.Contains('.', StringComparison.Ordinal)
            && !parsed.Host.EndsWith('.');
        return isAddress ? null : "This is not an e-mail address.";
    }
}
