using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Network.ServiceDefaults.Mail;

public static class MailExtensions
{
    /// <summary>
    /// Outgoing mail: <see cref="IMailSender"/> to send now, <see cref="MailQueue"/> to send in the
    /// background. Through SMTP when NETWORK_SMTP_HOST is set, else as `.eml` files in
    /// NETWORK_MAIL_PICKUP_DIR.
    /// </summary>
    public static IHostApplicationBuilder AddMail(this IHostApplicationBuilder builder)
    {
        var settings = MailSettings.Read(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<IMailSender, SmtpMailSender>();
        builder.Services.AddSingleton<MailQueue>();
        builder.Services.AddHostedService(services => services.GetRequiredService<MailQueue>());
        return builder;
    }
}
