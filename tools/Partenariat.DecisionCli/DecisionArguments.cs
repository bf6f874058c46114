using System.Globalization;
using Partenariat.Workflow.Committee;
using Partenariat.Workflow.Requests;

namespace Partenariat.DecisionCli;

/// <summary>What the command line asks for: a decision to send, help, or errors to show.</summary>
/// <param name="Decision">The decision message, when the arguments are valid.</param>
/// <param name="Connection">The storage connection string given with <c>--connection</c>, if any.</param>
/// <param name="DryRun">Print the message instead of sending it.</param>
/// <param name="Help">Show the usage.</param>
/// <param name="Errors">What is wrong with the arguments, each with what to do.</param>
internal sealed record DecisionArguments(CommitteeDecisionMessage? Decision, string? Connection, bool DryRun, bool Help, IReadOnlyList<string> Errors)
{
    public const string Usage = """
        Puts a committee decision on the committee-decisions queue.

        Usage:
          partenariat-decision approve <requestId> --reviewer <name> [--amount <euros>] [--condition <text>]... [--rights <count> --rights-kind Single|Recurring --rights-years <years>] [common options]
          partenariat-decision reject  <requestId> --reviewer <name> --reason <text> [common options]
          partenariat-decision ask     <requestId> --reviewer <name> --question <text> [common options]

        Common options:
          --round <n>            The committee round the decision answers: the request's "round" in
                                 GET /api/requests/{id} or the review message. Default: 1.
          --decision-id <id>     The decision's own id (the same decision sent twice is applied once).
                                 Default: a new GUID.
          --date <yyyy-mm-dd>    The decision's date. Default: the day it is applied.

        Options:
          --connection <string>  The storage account's connection string. Default: the AzureWebJobsStorage
                                 setting from the environment (a connection string, or identity-based with
                                 AzureWebJobsStorage__accountName or __queueServiceUri), else
                                 UseDevelopmentStorage=true (the local Azurite).
          --dry-run              Print the message; send nothing.
          --help                 Show this text.

        Without --amount an approval grants the requested amount. Exit codes: 0 sent, 1 not sent
        (storage error), 2 invalid arguments.
        """;

    private static readonly Dictionary<string, CommitteeOutcome> Verbs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["approve"] = CommitteeOutcome.Approved,
        ["reject"] = CommitteeOutcome.Rejected,
        ["ask"] = CommitteeOutcome.InformationRequested,
    };

    // The options each verb takes, beyond --reviewer, --date, --connection and --dry-run.
    private static readonly Dictionary<CommitteeOutcome, string[]> VerbOptions = new()
    {
        [CommitteeOutcome.Approved] = ["--amount", "--condition", "--rights", "--rights-kind", "--rights-years"],
        [CommitteeOutcome.Rejected] = ["--reason"],
        [CommitteeOutcome.InformationRequested] = ["--question"],
    };

    private static readonly string[] CommonOptions = ["--reviewer", "--date", "--connection", "--round", "--decision-id"];

    /// <summary>Reads the arguments; every error at once.</summary>
    public static DecisionArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0 || args.Any(a => a is "--help" or "-h" or "help"))
        {
            return new DecisionArguments(null, null, DryRun: false, Help: true, []);
        }

        var errors = new List<string>();
        if (!Verbs.TryGetValue(args[0], out var outcome))
        {
            return Invalid($"'{args[0]}' is not a decision: use approve, reject or ask (see --help).");
        }

        if (args.Count < 2 || args[1].StartsWith("--", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(args[1]))
        {
            return Invalid($"Give the request's id after '{args[0]}', e.g. '{args[0]} fr-123456782-0123456789abcdef'.");
        }

        var requestId = args[1];
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var dryRun = false;
        for (var i = 2; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--dry-run")
            {
                dryRun = true;
                continue;
            }

            if (!CommonOptions.Contains(name) && !VerbOptions[outcome].Contains(name))
            {
                if (name.StartsWith("--", StringComparison.Ordinal))
                {
                    errors.Add($"'{name}' is not an option of '{args[0]}'; it takes {string.Join(", ", CommonOptions.Concat(VerbOptions[outcome]))} and --dry-run.");
                    // Its value, if any, goes with it.
                    i += i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? 1 : 0;
                }
                else
                {
                    errors.Add($"Unexpected '{name}': put text with spaces in quotes, e.g. --reason \"Not eligible\".");
                }

                continue;
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                errors.Add($"'{name}' needs a value.");
                continue;
            }

            i++;
            if (!values.TryGetValue(name, out var list))
            {
                values[name] = list = [];
            }

            list.Add(args[i]);
            if (list.Count > 1 && name != "--condition")
            {
                errors.Add($"'{name}' is given more than once.");
            }
        }

        string? Single(string name) => values.TryGetValue(name, out var list) ? list[0] : null;

        var reviewer = Single("--reviewer");
        if (string.IsNullOrWhiteSpace(reviewer))
        {
            errors.Add("Give who decides with --reviewer, e.g. --reviewer \"Mme Martin\".");
        }

        decimal? amount = null;
        if (Single("--amount") is { } amountText)
        {
            if (decimal.TryParse(amountText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed) && parsed > 0 && decimal.Round(parsed, 2) == parsed)
            {
                amount = parsed;
            }
            else
            {
                errors.Add($"--amount must be a positive amount in euros with at most 2 decimals (e.g. 400000 or 400000.50); '{amountText}' is not.");
            }
        }

        DateOnly? date = null;
        if (Single("--date") is { } dateText)
        {
            if (DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsedDate))
            {
                date = parsedDate;
            }
            else
            {
                errors.Add($"--date must be a date as yyyy-mm-dd; '{dateText}' is not.");
            }
        }

        var reason = Single("--reason");
        if (outcome == CommitteeOutcome.Rejected && string.IsNullOrWhiteSpace(reason))
        {
            errors.Add("A rejection needs its reason: --reason \"...\".");
        }

        var question = Single("--question");
        if (outcome == CommitteeOutcome.InformationRequested && string.IsNullOrWhiteSpace(question))
        {
            errors.Add("An information request needs its question: --question \"...\".");
        }

        var round = 1;
        if (Single("--round") is { } roundText && (!int.TryParse(roundText, NumberStyles.None, CultureInfo.InvariantCulture, out round) || round < 1))
        {
            errors.Add($"--round must be a whole number, at least 1 (the request's round); '{roundText}' is not.");
        }

        var decisionId = Single("--decision-id");
        if (decisionId is { Length: 0 or > 100 })
        {
            errors.Add("--decision-id must be 1 to 100 characters.");
        }

        var rights = ReadRights(Single("--rights"), Single("--rights-kind"), Single("--rights-years"), errors);
        if (errors.Count > 0)
        {
            return new DecisionArguments(null, null, dryRun, Help: false, errors);
        }

        var decision = new CommitteeDecisionMessage
        {
            RequestId = requestId,
            DecisionId = decisionId ?? Guid.NewGuid().ToString(),
            Round = round,
            Outcome = outcome,
            ApprovedAmount = amount,
            Reason = reason,
            Question = question,
            Rights = rights,
            Conditions = values.TryGetValue("--condition", out var conditions) ? conditions : null,
            Reviewer = reviewer,
            DecidedOn = date,
        };
        return new DecisionArguments(decision, Single("--connection"), dryRun, Help: false, []);

        static DecisionArguments Invalid(string error) => new(null, null, DryRun: false, Help: false, [error]);
    }

    private static RightsTerms? ReadRights(string? count, string? kind, string? years, List<string> errors)
    {
        if (count is null && kind is null && years is null)
        {
            return null;
        }

        if (count is null || kind is null || years is null)
        {
            errors.Add("Reservation rights need all three of --rights <count>, --rights-kind Single|Recurring and --rights-years <years>.");
            return null;
        }

        var valid = true;
        if (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var rightsCount) || rightsCount < 1)
        {
            errors.Add($"--rights must be a whole number of rights, at least 1; '{count}' is not.");
            valid = false;
        }

        Domain.ReservationRights.ReservationRightKind rightsKind = default;
        if (kind.Equals("Single", StringComparison.OrdinalIgnoreCase))
        {
            rightsKind = Domain.ReservationRights.ReservationRightKind.SingleRight;
        }
        else if (kind.Equals("Recurring", StringComparison.OrdinalIgnoreCase))
        {
            rightsKind = Domain.ReservationRights.ReservationRightKind.RecurringRight;
        }
        else
        {
            errors.Add($"--rights-kind must be Single or Recurring; '{kind}' is not.");
            valid = false;
        }

        if (!int.TryParse(years, NumberStyles.None, CultureInfo.InvariantCulture, out var rightsYears) || rightsYears < 1)
        {
            errors.Add($"--rights-years must be a whole number of years, at least 1; '{years}' is not.");
            valid = false;
        }

        return valid ? new RightsTerms(rightsCount, rightsKind, rightsYears) : null;
    }
}
