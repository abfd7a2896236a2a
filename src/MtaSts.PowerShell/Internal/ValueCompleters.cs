using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using MtaSts.PowerShell.Resources;

namespace MtaSts.PowerShell.Internal
{
    /// <summary>
    /// Tab completion for duration parameters: the common values in seconds, each with its meaning. An empty list
    /// (never null) is returned when none fits, so PowerShell does not fall back to offering file names.
    /// </summary>
    public abstract class DurationCompleter : IArgumentCompleter
    {
        /// <summary>The values offered, in seconds, with the message key of their meaning.</summary>
        private protected abstract IReadOnlyList<(int Seconds, string Meaning)> Values { get; }

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return Values
                .Select(v => (Text: v.Seconds.ToString(CultureInfo.InvariantCulture), Meaning: Messages.Get(v.Meaning)))
                .Where(v => v.Text.StartsWith(typed, StringComparison.Ordinal))
                .Select(v => new CompletionResult(v.Text, v.Text + " (" + v.Meaning + ")", CompletionResultType.ParameterValue, v.Meaning))
                .ToList();
        }
    }

    /// <summary>max_age values (RFC 8461 §3.2): a day, a week, two weeks and the RFC's maximum of 31557600 seconds.</summary>
    public sealed class MaxAgeCompleter : DurationCompleter
    {
        private static readonly (int, string)[] Common =
        {
            (86400, "CompleteOneDay"), (604800, "CompleteOneWeek"), (1209600, "CompleteTwoWeeks"), (31557600, "CompleteMaxAge"),
        };

        private protected override IReadOnlyList<(int Seconds, string Meaning)> Values => Common;
    }

    /// <summary>TTLs for the TXT records: five minutes while rolling out, an hour, a day.</summary>
    public sealed class TimeToLiveCompleter : DurationCompleter
    {
        private static readonly (int, string)[] Common =
        {
            (300, "CompleteFiveMinutes"), (3600, "CompleteOneHour"), (86400, "CompleteOneDay"),
        };

        private protected override IReadOnlyList<(int Seconds, string Meaning)> Values => Common;
    }

    /// <summary>For parameters that name neither files nor anything that can be listed (resolver addresses): no completion at all.</summary>
    public sealed class NoCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) => new List<CompletionResult>();
    }
}
