using System.Security.Cryptography;
using Dapper;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace Network.Directory.Security;

/// <summary>
/// The ECDSA P-256 keys that sign access tokens. The newest key signs; every stored key is
/// published in the JWKS, so tokens signed before a rotation stay valid until they expire. The
/// first instance to need a key creates it, under an advisory lock so two instances agree on one.
/// </summary>
public sealed class SigningKeyRing(NpgsqlDataSource dataSource)
{
    private const long CreationLockKey = 7_246_387_124;

    private readonly SemaphoreSlim loading = new(1, 1);
    private IReadOnlyList<ECDsaSecurityKey>? keys;

    /// <summary>The key that signs new tokens.</summary>
    public async Task<ECDsaSecurityKey> CurrentAsync(CancellationToken cancellationToken) => (await AllAsync(cancellationToken))[0];

    /// <summary>All keys, newest first.</summary>
    public async Task<IReadOnlyList<ECDsaSecurityKey>> AllAsync(CancellationToken cancellationToken)
    {
        if (keys is { } loaded)
        {
            return loaded;
        }

        await loading.WaitAsync(cancellationToken);
        try
        {
            return keys ??= await LoadOrCreateAsync(cancellationToken);
        }
        finally
        {
            loading.Release();
        }
    }

    private async Task<IReadOnlyList<ECDsaSecurityKey>> LoadOrCreateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@CreationLockKey)", new { CreationLockKey }, transaction);
        var stored = (await connection.QueryAsync<(string KeyId, byte[] PrivateKey)>(
            "SELECT key_id, private_key FROM signing_keys ORDER BY created_at DESC", transaction: transaction)).ToList();
        if (stored.Count == 0)
        {
            using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var keyId = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12));
            var privateKey = created.ExportPkcs8PrivateKey();
            await connection.ExecuteAsync(
                "INSERT INTO signing_keys (key_id, private_key) VALUES (@keyId, @privateKey)", new { keyId, privateKey }, transaction);
            stored.Add((keyId, privateKey));
        }

        await transaction.CommitAsync(cancellationToken);
        return stored.Select(row =>
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(row.PrivateKey, out _);
            return new ECDsaSecurityKey(ecdsa) { KeyId = row.KeyId };
        }).ToList();
    }
}
