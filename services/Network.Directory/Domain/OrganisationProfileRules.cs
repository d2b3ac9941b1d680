using Network.ServiceDefaults.Http;
namespace Network.Directory.Domain;

/// <summary>A profile as a client sent it (or as a partial update leaves it): anything may be missing.</summary>
public sealed record OrganisationDraft(
    string? Name,
    OrganisationKind? Kind,
    string? Description,
    IReadOnlyList<string>? Regions,
    IReadOnlyList<string>? Topics,
    IReadOnlyList<string>? Languages,
    IReadOnlyList<string>? TargetGroups,
    string? Website,
    string? Email,
    string? Phone,
    string? Address,
    IReadOnlyList<ContactPerson>? ContactPersons)
{
    public static OrganisationDraft From(OrganisationProfile profile) => new(
        profile.Name, profile.Kind, profile.Description, profile.Regions, profile.Topics, profile.Languages, profile.TargetGroups,
        profile.Website, profile.Email, profile.Phone, profile.Address, profile.ContactPersons);
}

/// <summary>
/// What a profile must be: each broken rule is reported against its field (`regions`,
/// `contactPersons[1].email`), all at once. Text is kept as written: HTML or SQL in a description is
/// the organisation's text, stored and returned as data, never interpreted.
/// </summary>
public static class OrganisationProfileRules
{
    public const int MinimumNameLength = 2;
    public const int MaximumNameLength = 200;
    public const int MaximumDescriptionLength = 5_000;
    public const int MaximumWebsiteLength = 500;
    public const int MaximumPhoneLength = 40;
    public const int MaximumAddressLength = 500;
    public const int MaximumContactPersons = 10;
    public const int MaximumContactNameLength = 200;

    /// <summary>More codes than the taxonomy has of any kind is a client bug, not a profile.</summary>

    /// <summary>Checks the draft; when it is valid, returns the profile with its text trimmed and duplicate codes removed.</summary>
    public static (OrganisationProfile? Profile, Dictionary<string, string[]> Errors) Validate(OrganisationDraft draft)
    {
        var errors = new Dictionary<string, string[]>();

        var name = draft.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length < MinimumNameLength)
        {
            errors["name"] = [$"Enter the organisation's name (at least {MinimumNameLength} characters)."];
        }
        else if (name.Length > MaximumNameLength)
        {
            errors["name"] = [$"The name may have at most {MaximumNameLength} characters."];
        }
        else if (TextRules.HasControlCharacters(name, allowLineBreaks: false))
        {
            errors["name"] = ["The name must be one line without control characters."];
        }

        if (draft.Kind is null)
        {
            errors["kind"] = [$"Choose the kind of organisation: {EnumCodes.AllOf<OrganisationKind>()}."];
        }

        var description = draft.Description?.Trim() ?? string.Empty;
        if (description.Length > MaximumDescriptionLength)
        {
            errors["description"] = [$"The description may have at most {MaximumDescriptionLength} characters."];
        }
        else if (TextRules.HasControlCharacters(description, allowLineBreaks: true))
        {
            errors["description"] = ["The description may contain line breaks and tabs, but no other control characters."];
        }

        var regions = TaxonomyFilter.ReadChosen(draft.Regions, "regions", "region", Taxonomy.IsRegion, required: true, errors);
        var topics = TaxonomyFilter.ReadChosen(draft.Topics, "topics", "topic", Taxonomy.IsTopic, required: true, errors);
        var languages = TaxonomyFilter.ReadChosen(draft.Languages, "languages", "language", Taxonomy.IsLanguage, required: true, errors);
        var targetGroups = TaxonomyFilter.ReadChosen(draft.TargetGroups, "targetGroups", "target group", Taxonomy.IsTargetGroup, required: false, errors);

        var website = Blank(draft.Website);
        if (website is not null && CheckWebsite(website) is { } websiteProblem)
        {
            errors["website"] = [websiteProblem];
        }

        var email = Blank(draft.Email);
        if (email is not null && CheckEmail(email) is { } emailProblem)
        {
            errors["email"] = [emailProblem];
        }

        var phone = Blank(draft.Phone);
        if (phone is not null && CheckPhone(phone) is { } phoneProblem)
        {
            errors["phone"] = [phoneProblem];
        }

        var address = Blank(draft.Address);
        if (address is not null && (address.Length > MaximumAddressLength || TextRules.HasControlCharacters(address, allowLineBreaks: true)))
        {
            errors["address"] = [$"The address may have at most {MaximumAddressLength} characters, and line breaks but no other control characters."];
        }

        var contactPersons = ContactPersons(draft.ContactPersons, errors);

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new OrganisationProfile(
            name!, draft.Kind!.Value, description, regions, topics, languages, targetGroups,
            website, email, phone, address, contactPersons), errors);
    }

    /// <summary>An absolute http(s) address with a host: what a browser can open from the profile.</summary>
    public static string? CheckWebsite(string website)
    {
        if (website.Length > MaximumWebsiteLength)
        {
            return $"The address may have at most {MaximumWebsiteLength} characters.";
        }

        var isWebAddress = !TextRules.HasControlCharacters(website, allowLineBreaks: false)
            && Uri.TryCreate(website, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && !string.IsNullOrEmpty(uri.Host)
            && string.IsNullOrEmpty(uri.UserInfo);
        return isWebAddress ? null : "Enter a web address starting with https:// or http://.";
    }

    /// <summary>The sign-up rules for an address, and no control characters (which PostgreSQL or a mail header would choke on).</summary>
    public static string? CheckEmail(string? email) =>
        email is not null && TextRules.HasControlCharacters(email, allowLineBreaks: false) ? "This is not an e-mail address." : SignUp.CheckEmail(email);

    /// <summary>Digits with the usual separators (+49 30 1234-567, (0221) 12 34 56), so the number can be dialled.</summary>
    public static string? CheckPhone(string phone)
    {
        if (phone.Length > MaximumPhoneLength)
        {
            return $"The phone number may have at most {MaximumPhoneLength} characters.";
        }

        var digits = phone.Count(char.IsAsciiDigit);
        var onlyPhoneCharacters = phone.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '/' or '(' or ')' or '.');
        return onlyPhoneCharacters && digits >= 5 ? null : "Enter a phone number of digits, spaces and + - / ( ).";
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static IReadOnlyList<ContactPerson> ContactPersons(IReadOnlyList<ContactPerson>? persons, Dictionary<string, string[]> errors)
    {
        if (persons is null || persons.Count == 0)
        {
            return [];
        }

        if (persons.Count > MaximumContactPersons)
        {
            errors["contactPersons"] = [$"At most {MaximumContactPersons} contact persons."];
            return [];
        }

        var result = new List<ContactPerson>();
        for (var i = 0; i < persons.Count; i++)
        {
            var person = persons[i];
            var field = $"contactPersons[{i}]";
            if (person is null)
            {
                errors[field] = ["Describe the contact person, or leave the entry out."];
                continue;
            }

            var name = person.Name?.Trim();
            if (string.IsNullOrEmpty(name) || name.Length > MaximumContactNameLength || TextRules.HasControlCharacters(name, allowLineBreaks: false))
            {
                errors[field + ".name"] = [$"Enter the contact person's name (at most {MaximumContactNameLength} characters)."];
            }

            var role = Blank(person.Role);
            if (role is not null && (role.Length > MaximumContactNameLength || TextRules.HasControlCharacters(role, allowLineBreaks: false)))
            {
                errors[field + ".role"] = [$"The role may have at most {MaximumContactNameLength} characters on one line."];
            }

            var email = Blank(person.Email);
            if (email is not null && CheckEmail(email) is { } emailProblem)
            {
                errors[field + ".email"] = [emailProblem];
            }

            var phone = Blank(person.Phone);
            if (phone is not null && CheckPhone(phone) is { } phoneProblem)
            {
                errors[field + ".phone"] = [phoneProblem];
            }

            result.Add(new ContactPerson(name ?? string.Empty, role, email, phone));
        }

        return result;
    }
}
