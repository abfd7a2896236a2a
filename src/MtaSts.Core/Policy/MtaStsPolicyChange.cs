using System;
using System.Collections.Generic;
using MtaSts.Records;

namespace MtaSts.Policy
{
    /// <summary>
    /// What Set-MtaStsPolicy did to a deployed policy: the policy before and after, whether the served bytes changed,
    /// the _mta-sts record that goes with the new content, and, for a back-out to mode none, when the rest may go.
    /// </summary>
    public sealed class MtaStsPolicyChange
    {
        public MtaStsPolicyChange(string domain, string path, MtaStsPolicy previous, MtaStsPolicy current, bool changed,
            MtaStsTxtRecord record, DateTimeOffset? removableAfter, IReadOnlyList<string> nextSteps)
        {
            Domain = domain;
            Path = path;
            Previous = previous;
            Current = current;
            Changed = changed;
            Record = record;
            RemovableAfter = removableAfter;
            NextSteps = nextSteps;
        }

        public string Domain { get; }

        /// <summary>The policy file.</summary>
        public string Path { get; }

        public MtaStsPolicy Previous { get; }

        public MtaStsPolicy Current { get; }

        /// <summary>The file's bytes changed; the record then has a new id, to be published.</summary>
        public bool Changed { get; }

        /// <summary>The record for the current content; its id is the same whenever the content is (<see cref="StsId.FromContent"/>).</summary>
        public MtaStsTxtRecord Record { get; }

        public string Id => Record.Id;

        /// <summary>
        /// After a move to mode none: the earliest time at which the _mta-sts record and the policy host may be removed,
        /// the previous policy's max_age after the switch, since senders may cache it until then (RFC 8461 §8.3).
        /// </summary>
        public DateTimeOffset? RemovableAfter { get; }

        /// <summary>What to do now, in order.</summary>
        public IReadOnlyList<string> NextSteps { get; }
    }
}
