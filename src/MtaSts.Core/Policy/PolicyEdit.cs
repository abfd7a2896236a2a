using System;
using System.Collections.Generic;
using System.Linq;
using MtaSts.Diagnostics;
using MtaSts.Resources;

namespace MtaSts.Policy
{
    /// <summary>A change to a deployed policy: a new mode, MX patterns replaced, added or removed, a new max_age.</summary>
    public sealed class PolicyEdit
    {
        public PolicyMode? Mode { get; set; }

        /// <summary>Replaces every mx pattern.</summary>
        public IReadOnlyList<MxPattern>? Mx { get; set; }

        public IReadOnlyList<MxPattern> AddMx { get; set; } = Array.Empty<MxPattern>();

        public IReadOnlyList<MxPattern> RemoveMx { get; set; } = Array.Empty<MxPattern>();

        public int? MaxAge { get; set; }

        /// <summary>
        /// The policy after the edit, valid by construction (RFC 8461 §3.2). An MX pattern to remove that the policy does
        /// not have, or a removal that leaves testing or enforce without mx, is an error. max_age is kept unless given,
        /// except that a move to mode none takes the short max_age of a back-out.
        /// </summary>
        public MtaStsPolicy ApplyTo(MtaStsPolicy previous)
        {
            var patterns = (Mx ?? previous.Mx).ToList();
            foreach (var pattern in RemoveMx)
            {
                if (!patterns.Remove(pattern))
                {
                    throw new MtaStsFormatException(new Finding(ErrorCodes.MxNotInPolicy, Severity.Error,
                        Messages.Format("PolicyEditMxUnknown", pattern.Value, string.Join(", ", previous.Mx.Select(m => m.Value))),
                        "RFC 8461 §3.2", Target: pattern.Value));
                }
            }

            patterns.AddRange(AddMx);
            var mode = Mode ?? previous.Mode;
            int maxAge = MaxAge ?? (mode == PolicyMode.None && previous.Mode != PolicyMode.None ? MtaStsPolicy.DefaultMaxAgeFor(mode) : previous.MaxAge);
            return MtaStsPolicy.Create(mode, patterns, maxAge, previous.Domain);
        }
    }
}
