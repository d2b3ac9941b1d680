using System.Security.Cryptography;

namespace Network.Events.Domain;

/// <summary>
/// Certificate numbers: `NW-{year}-` and ten characters of Crockford's base 32 (no I, L, O, U, so
/// a number read aloud or typed from paper is not mistaken), random, so a number cannot be guessed
/// from another one.
/// </summary>
public static class CertificateNumber
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New(DateTimeOffset issuedAt)
    {
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        var characters = new char[random.Length];
        for (var i = 0; i < random.Length; i++)
        {
            characters[i] = Alphabet[random[i] % Alphabet.Length];
        }

        return $"NW-{issuedAt.Year}-{new string(characters)}";
    }

    /// <summary>The number as people may type it: case and surrounding spaces do not matter.</summary>
    public static string Normalise(string number) => number.Trim().ToUpperInvariant();
}
