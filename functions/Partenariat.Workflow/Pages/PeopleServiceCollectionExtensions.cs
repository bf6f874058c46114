using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Partenariat.Workflow.Committee;

namespace Partenariat.Workflow.Pages;

/// <summary>What serves people directly, the same in both hosts: the web pages and the reviewers' and operators' desk.</summary>
public static class PeopleServiceCollectionExtensions
{
    /// <summary>Adds the pages and the committee's desk (decisions from the page, poison replay and delete, documents for reviewers).</summary>
    public static IServiceCollection AddPeopleServices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<WebPages>();
        services.TryAddSingleton<CommitteeDeskApi>();
        return services;
    }
}
