using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Partenariat.Workflow.Committee;
using Partenariat.Workflow.Notifications;

namespace Partenariat.Workflow.Pages;

/// <summary>What serves people directly, the same in both hosts: the web pages, the reviewers' and operators' desk, the mails.</summary>
public static class PeopleServiceCollectionExtensions
{
    /// <summary>Adds the pages, the committee's desk (decisions from the page, poison replay and delete, documents for reviewers) and the notifications' mailer.</summary>
    public static IServiceCollection AddPeopleServices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<WebPages>();
        services.TryAddSingleton<CommitteeDeskApi>();
        services.AddOptions<MailOptions>()
            .BindConfiguration(MailOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<Mailer>();
        services.TryAddSingleton<StepNotifier>();
        return services;
    }
}
