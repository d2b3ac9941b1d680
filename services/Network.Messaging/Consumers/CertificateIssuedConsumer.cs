using Network.Contracts.Events;
using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Consumers;

/// <summary>Whoever attended enough sessions hears that their certificate is ready.</summary>
public sealed class CertificateIssuedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<CertificateIssued>(dataSource)
{
    protected override Task HandleAsync(CertificateIssued message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        NotificationWriter.ToAccountsAsync(
            new NotificationDraft(NotificationType.CertificateIssued, $"certificate_issued:{message.CertificateId}", NotificationTexts.CertificateIssued(message.EventTitle, message.CertificateNumber), WebPages.MyRegistrations),
            [message.AccountId],
            transaction,
            cancellationToken);
}
