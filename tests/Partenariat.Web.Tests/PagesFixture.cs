using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Partenariat.Domain.Requests;
using Partenariat.Testing;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests;

namespace Partenariat.Web.Tests;

/// <summary>The page tests' collection: one host, one Azurite, one SMTP sink and one browser for all.</summary>
[CollectionDefinition(Name)]
public sealed class PagesCollection : ICollectionFixture<PagesFixture>
{
    public const string Name = "Pages";
}

/// <summary>
/// What the page tests share: Azurite, MailDev, the self-contained host's build output in its own
/// process (on a port the system picks, with the demo keys of local.settings.json and mail to the
/// sink), and Debian's chromium driven by Playwright.
/// </summary>
public sealed partial class PagesFixture : IAsyncLifetime
{
    public const string LandlordId = "123456782";
    public const string LandlordKey = "local-landlord-123456782-key";
    public const string ReviewerKey = "local-reviewer-key";
    public const string SteeringKey = "local-steering-key";

    /// <summary>A second landlord of local.settings.json, whose requests no other page test makes.</summary>
    public const string OtherLandlordId = "987654324";
    public const string OtherLandlordKey = "local-landlord-987654324-key";
    public const string LandlordMail = "contact@habitat-test.example";
    public const string ReviewersMail = "comite@action-logement.example";

    /// <summary>Where Debian's package puts chromium (eng/chromium.sh); PARTENARIAT_CHROMIUM overrides it.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("PARTENARIAT_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static string ScreenshotFolder => Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots");

    private AzuriteInstance? _azurite;
    private SupervisedProcess? _host;
    private IPlaywright? _playwright;

    public string OperatorKey { get; } = Guid.NewGuid().ToString("N");

    public Uri Root { get; private set; } = null!;

    public Uri Pages => new(Root, "api/pages/");

    public MailSink Mail { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string HostOutput => _host?.Output ?? string.Empty;

    public string StorageConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite has not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"No chromium at {ChromiumPath}: the page tests drive Debian's chromium. Run '. eng/chromium.sh && ensure_chromium' (test.sh does), or set PARTENARIAT_CHROMIUM.");
        }

        _azurite = await AzuriteInstance.StartAsync();
        Mail = await MailSink.StartAsync();
        var taskHub = "web" + Guid.NewGuid().ToString("N")[..10];
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = _azurite.ConnectionString,
            ["Authentication__OperatorApiKey"] = OperatorKey,
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["AzureFunctionsJobHost__extensions__durableTask__hubName"] = taskHub,
            ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__partitionCount"] = "1",
            ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval"] = "00:00:01",
            ["AzureFunctionsJobHost__extensions__queues__maxPollingInterval"] = "00:00:01",
            ["Partenariat__Conventions__0__Definition__Lines__0__Amount"] = "1000000000",
            ["Partenariat__Workflow__InformationDueAfter"] = "00:10:00",
            ["Partenariat__Mail__Host"] = "127.0.0.1",
            ["Partenariat__Mail__Port"] = Mail.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Partenariat__Mail__Security"] = "None",
            ["Partenariat__Mail__Reviewers"] = ReviewersMail,
            [$"Partenariat__Mail__Landlords__{LandlordId}"] = LandlordMail,
        };
        var dll = Path.Combine(RepositoryPaths.ProjectOutput("Partenariat.SelfContainedHost"), "Partenariat.SelfContainedHost.dll");
        _host = SupervisedProcess.Start("dotnet", [dll, "--urls", "http://127.0.0.1:0"], settings);
        var line = await _host.WaitForLineAsync(l => l.Contains("Partenariat is listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
        Root = new Uri(ListeningPattern().Match(line).Groups["root"].Value + "/");
        await _host.WaitForLineAsync(l => l.Contains($"Durable worker started on task hub {taskHub}", StringComparison.Ordinal), TimeSpan.FromSeconds(90));

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Playwright gives each launch a fresh, temporary profile (its own --user-data-dir).
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (Mail is not null)
        {
            await Mail.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    /// <summary>A new page in a fresh context (its own session storage), in French, with dialogs accepted.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "fr-FR", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync(dialog.DefaultValue);
        return page;
    }

    /// <summary>Opens a page and signs in with <paramref name="key"/>.</summary>
    public async Task<IPage> SignedInAsync(string file, string key)
    {
        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(Pages, file).ToString());
        await page.Locator("#cle").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await SeeAsync(page.Locator("#connexion"), "Connecté");
        return page;
    }

    /// <summary>Waits until <paramref name="locator"/>'s text holds <paramref name="text"/>.</summary>
    public static Task SeeAsync(ILocator locator, string text, TimeSpan? timeout = null) =>
        Eventually.UntilAsync(
            async () => await locator.CountAsync() > 0 && (await locator.First.InnerTextAsync()).Contains(text, StringComparison.Ordinal),
            timeout ?? TimeSpan.FromSeconds(60),
            async () => $"'{text}' not in {locator}: '{(await locator.CountAsync() > 0 ? await locator.First.InnerTextAsync() : "(absent)")}'; "
                + $"the page's alerts: '{await locator.Page.EvaluateAsync<string>("[...document.querySelectorAll('[role=alert]:not([hidden])')].map(e => e.innerText).join(' | ')")}'");

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    /// <summary>An HTTP client for the API with <paramref name="key"/>.</summary>
    public HttpClient Api(string key)
    {
        var client = new HttpClient { BaseAddress = new Uri(Root, "api/") };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>Submits <paramref name="request"/> over the API as the demo landlord (or the landlord of <paramref name="key"/>); its id.</summary>
    public async Task<string> SubmitAsync(FinancingRequest request, string key = LandlordKey)
    {
        using var api = Api(key);
        using var response = await api.PostAsJsonAsync("requests", request, PartenariatJson.Options);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<FinancingRequestView>(PartenariatJson.Options))!.RequestId;
    }

    /// <summary>The request as the API answers it to its landlord (the demo landlord, or the one of <paramref name="key"/>).</summary>
    public async Task<FinancingRequestView> ViewAsync(string requestId, string key = LandlordKey)
    {
        using var api = Api(key);
        return (await api.GetFromJsonAsync<FinancingRequestView>($"requests/{requestId}", PartenariatJson.Options))!;
    }

    /// <summary>Waits until the request is in <paramref name="status"/>.</summary>
    public Task<FinancingRequestView> WaitForStatusAsync(string requestId, RequestState status, string key = LandlordKey) =>
        Eventually.UntilAsync(
            async () => await ViewAsync(requestId, key) is { } view && view.Status == status ? view : null,
            TimeSpan.FromSeconds(60),
            async () => $"request {requestId} is {(await ViewAsync(requestId, key)).Status}, not {status}");

    /// <summary>The mails received whose subject starts with <paramref name="subject"/>.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> MailsAsync(string subject) =>
        [.. (await Mail.MailsAsync()).Where(m => m.Subject.StartsWith(subject, StringComparison.Ordinal))];

    /// <summary>JSON as the API writes it.</summary>
    public static string Json<T>(T value) => JsonSerializer.Serialize(value, PartenariatJson.Options);

    [GeneratedRegex(@"listening on (?<root>http://127\.0\.0\.1:\d+)\.")]
    private static partial Regex ListeningPattern();
}
