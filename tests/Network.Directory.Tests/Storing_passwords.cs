using System.Buffers.Binary;
using System.Net;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Network.Directory.Domain;
using Npgsql;

namespace Network.Directory.Tests;

public sealed class Storing_passwords(DirectoryApiFactory directory) : IClassFixture<DirectoryApiFactory>
{
    // Microsoft.AspNetCore.Cryptography.KeyDerivation.KeyDerivationPrf's values.
    private const int KeyDerivationPrfSha256 = 1;
    private const int KeyDerivationPrfSha512 = 2;

    private readonly HttpClient client = directory.CreateClient();

    [Fact]
    public async Task The_stored_hash_is_pbkdf2_with_at_least_210000_iterations()
    {
        var id = await client.SignUpAsync(DirectoryClient.NewAddress());

        var hash = await StoredHashAsync(id);

        Assert.True(Iterations(hash) >= 210_000, $"{Iterations(hash)} iterations");
    }

    [Fact]
    public async Task A_hash_from_fewer_iterations_is_replaced_at_the_next_sign_in()
    {
        var email = DirectoryClient.NewAddress();
        var id = await client.SignUpAsync(email);
        var weak = new PasswordHasher<Account>(Options.Create(new PasswordHasherOptions { IterationCount = 10_000 }));
        await using (var connection = new NpgsqlConnection(directory.Database.ConnectionString))
        {
            await connection.ExecuteAsync("UPDATE accounts SET password_hash = @hash WHERE id = @id", new { id, hash = weak.HashPassword(null!, DirectoryClient.Password) });
        }

        Assert.Equal(10_000, Iterations(await StoredHashAsync(id)));

        Assert.Equal(HttpStatusCode.OK, (await client.RequestTokenAsync(email, DirectoryClient.Password)).StatusCode);
        Assert.Equal(PasswordPolicy.HashIterations, Iterations(await StoredHashAsync(id)));
        Assert.Equal(HttpStatusCode.OK, (await client.RequestTokenAsync(email, DirectoryClient.Password)).StatusCode);
    }

    /// <summary>
    /// ASP.NET Core Identity's version 3 format: 0x01, then big-endian uint32s for the PRF, the
    /// iteration count and the salt length, then the salt and the subkey.
    /// </summary>
    private static int Iterations(string storedHash)
    {
        var bytes = Convert.FromBase64String(storedHash);
        Assert.Equal(0x01, bytes[0]);
        Assert.Contains(BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1, 4)), new uint[] { (uint)KeyDerivationPrfSha256, (uint)KeyDerivationPrfSha512 });
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(9, 4)) >= 16, "a salt of at least 128 bits");
        return (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4));
    }

    private async Task<string> StoredHashAsync(Guid id)
    {
        await using var connection = new NpgsqlConnection(directory.Database.ConnectionString);
        return await connection.QuerySingleAsync<string>("SELECT password_hash FROM accounts WHERE id = @id", new { id });
    }
}
