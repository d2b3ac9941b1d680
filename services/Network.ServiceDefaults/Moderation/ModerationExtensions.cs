using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Network.ServiceDefaults.PersonalData;

namespace Network.ServiceDefaults.Moderation;

public static class ModerationExtensions
{
    /// <summary>
    /// Lets coordinators moderate one more kind of content of this service through the shared
    /// moderation API (<see cref="MapModerationApi"/>). The tables are the platform's own
    /// (Data/Migrations/0002_moderation.sql), so the service needs AddServiceDatabase.
    /// </summary>
    public static IServiceCollection AddModerationTarget<TTarget>(this IServiceCollection services)
        where TTarget : class, IModerationTarget
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IModerationTarget, TTarget>());
        services.TryAddSingleton<ModerationTargets>();
        services.TryAddSingleton<ModerationStore>();
        services.TryAddSingleton<ModerationQueue>();
        services.TryAddSingleton(TimeProvider.System);
        // Reports name their reporter: the person's export and erasure must cover them.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPersonalDataSource, ModerationPersonalData>());
        return services;
    }

    /// <summary>
    /// `/api/{service}/reports` and `/api/{service}/moderation/...` for the content types registered
    /// with <see cref="AddModerationTarget{TTarget}"/>.
    /// </summary>
    public static WebApplication MapModerationApi(this WebApplication app)
    {
        if (app.Services.GetService<ModerationTargets>() is null)
        {
            throw new InvalidOperationException("Register what can be moderated with AddModerationTarget<T>() before MapModerationApi().");
        }

        ModerationApi.Map(app, app.Services.GetRequiredService<ServiceIdentity>());
        return app;
    }
}
