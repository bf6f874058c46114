using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Partenariat.Testing;

namespace Partenariat.Web.Tests;

/// <summary>Each page, signed in and showing its content, passes axe's WCAG 2.1 A and AA rules; the submission form works by keyboard alone.</summary>
[Collection(PagesCollection.Name)]
public sealed class AccessibilityTests(PagesFixture fixture)
{
    public static TheoryData<string, string> Pages => new()
    {
        { "index.html", string.Empty },
        { "bailleur.html", PagesFixture.LandlordKey },
        { "instruction.html", PagesFixture.ReviewerKey },
        { "pilotage.html", PagesFixture.SteeringKey },
        { "exploitation.html", "operator" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_AxeScan_NoWcag21AaViolation(string file, string key)
    {
        IPage page;
        if (key.Length == 0)
        {
            page = await fixture.NewPageAsync();
            await page.GotoAsync(new Uri(fixture.Pages, file).ToString());
        }
        else
        {
            page = await fixture.SignedInAsync(file, key == "operator" ? fixture.OperatorKey : key);
        }

        if (file == "bailleur.html")
        {
            // The form, with its errors shown: what a landlord sees most.
            await page.GetByRole(AriaRole.Button, new() { Name = "Nouvelle demande" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Déposer la demande" }).ClickAsync();
            await PagesFixture.SeeAsync(page.Locator("#resume-erreurs"), "Corrigez");
        }

        var results = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });

        Assert.True(results.Violations.Length == 0, string.Join(Environment.NewLine, results.Violations.Select(v =>
            $"{v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }

    [Fact]
    public async Task SubmissionForm_KeyboardAlone_ShowsErrorsBesideFieldsThenSubmits()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.Pages, "bailleur.html").ToString());
        await TabToAsync(page, "cle");
        await page.Keyboard.TypeAsync(PagesFixture.LandlordKey);
        await page.Keyboard.PressAsync("Enter");
        await TabToAsync(page, "nouvelle");
        await page.Keyboard.PressAsync("Enter");
        await TabToAsync(page, "f-landlord-name");
        await page.Keyboard.TypeAsync("Habitat clavier");

        // Sent with most fields empty: each error beside its field, the summary focused.
        await TabToAsync(page, "form-demande", submit: true);
        await PagesFixture.SeeAsync(page.Locator("#f-operation-name-erreur"), "Ce champ est obligatoire.");
        Assert.Equal("true", await page.Locator("#f-operation-name").GetAttributeAsync("aria-invalid"));
        Assert.Equal("H3", await page.EvaluateAsync<string>("document.activeElement.tagName"));

        await TypeInAsync(page, "f-landlord-kind", "ArrowDown");
        await TypeInAsync(page, "f-operation-name", "Clos du Clavier");
        await TypeInAsync(page, "f-operation-kind", "ArrowDown");
        await TypeInAsync(page, "f-operation-municipality", "Chenôve");
        await TypeInAsync(page, "f-operation-dwellings-plus", "6");
        await TypeInAsync(page, "f-operation-totalCostExcludingTax", "1000000");
        await TypeInAsync(page, "f-operation-financingPlan-0-name", "Prêt CDC");
        await TypeInAsync(page, "f-operation-financingPlan-0-amount", "800000");
        await TypeInAsync(page, "f-operation-financingPlan-1-name", "Action Logement");
        await TypeInAsync(page, "f-operation-financingPlan-1-amount", "200000");
        await TypeInAsync(page, "f-operation-stateApprovalReference", "DDT21-2026-009");
        // Dates typed digit by digit, day and month alike so that either order reads the same date.
        await TypeInAsync(page, "f-operation-plannedWorksStart", "12122026");
        await TypeInAsync(page, "f-operation-plannedCompletion", "06062027");
        await TypeInAsync(page, "f-requestedLines-0-kind", "ArrowDown");
        await TypeInAsync(page, "f-requestedLines-0-amount", "200000");
        await TabToAsync(page, "form-demande", submit: true);

        await PagesFixture.SeeAsync(page.Locator("#demande .succes"), "Votre demande est déposée");
        Assert.Contains("Clos du Clavier", await page.Locator("#demande h2").InnerTextAsync(), StringComparison.Ordinal);
    }

    /// <summary>Presses Tab until the element <paramref name="id"/> has the focus (or, with <paramref name="submit"/>, the form's submit button), as a keyboard user moves.</summary>
    private static async Task TabToAsync(IPage page, string id, bool submit = false)
    {
        var script = submit
            ? $"document.activeElement?.type === 'submit' && document.activeElement.form?.id === '{id}'"
            : $"document.activeElement?.id === '{id}'";
        for (var presses = 0; presses < 80; presses++)
        {
            if (await page.EvaluateAsync<bool>(script))
            {
                if (submit)
                {
                    await page.Keyboard.PressAsync("Enter");
                }

                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        throw new InvalidOperationException($"Tab never reached #{id}.");
    }

    private static async Task TypeInAsync(IPage page, string id, string text)
    {
        await TabToAsync(page, id);
        if (text.StartsWith("Arrow", StringComparison.Ordinal))
        {
            await page.Keyboard.PressAsync(text);
        }
        else
        {
            await page.Keyboard.PressAsync("Control+A");
            await page.Keyboard.TypeAsync(text);
        }
    }
}
