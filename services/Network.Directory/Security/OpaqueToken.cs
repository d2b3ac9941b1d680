using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Network.Directory.Security;

/// <summary>
/// The random tokens we hand out (refresh, confirmation, password reset): 32 random bytes in
/// base64url. Only their SHA-256 hash is stored, so a copy of the database signs nobody in; a
/// salt is not needed, as 256 random bits cannot be guessed or looked up.
/// </summary>
public static class OpaqueToken
{
    public const int RandomBytes = 32;

    /// <summary>The longest a token of ours can be (43 characters); anything longer is not worth hashing.</summary>
    public const int MaximumLength = 64;

    public static (string Token, byte[] Hash) Create()
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));
        return (token, Hash(token));
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
