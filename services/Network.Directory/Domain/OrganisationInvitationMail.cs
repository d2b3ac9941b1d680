namespace Network.Directory.Domain;

/// <summary>
/// The mail that invites someone into an organisation. The invitee may have no account yet, so we
/// do not know their language: the mail is German first, then English. It names the organisation
/// (which a coordinator or its admins chose), not the person who invited, whose display name is
/// free text anyone could choose.
/// </summary>
public static class OrganisationInvitationMail
{
    /// <summary>The web page that lets the invitee sign in (or up) and accept.</summary>
    public const string AcceptPath = "/einladung/annehmen";

    public static MailText For(string organisationName, MemberRole role, string link, DateTimeOffset expiresAt)
    {
        var (roleDe, roleEn) = role == MemberRole.OrgAdmin ? ("Administrator*in", "administrator") : ("Mitglied", "member");
        var until = expiresAt.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return new MailText(
            $"Einladung zu {organisationName} auf Network / Invitation to {organisationName}",
            $"""
            Hallo,

            Sie sind eingeladen, bei „{organisationName}“ auf Network als {roleDe} mitzuwirken.
            Um die Einladung anzunehmen, öffnen Sie diesen Link und melden Sie sich mit dieser
            E-Mail-Adresse an (oder legen Sie ein Konto mit ihr an):

            {link}

            Der Link gilt einmal und bis zum {until}. Wenn Sie die Einladung nicht erwartet haben,
            ignorieren Sie diese Mail einfach.

            ---

            Hello,

            you are invited to join "{organisationName}" on Network as {roleEn}. To accept, open the
            link above and sign in with this e-mail address (or create an account with it). The
            link works once, until {until}. If you did not expect this, ignore this mail.

            Network
            """);
    }
}
