using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using MtaSts.Json;

namespace MtaSts.Checking
{
    /// <summary>
    /// What earlier checks saw per domain: the TXT id and the SHA-256 of the policy body. A later check that finds the
    /// same id with a different body knows senders were never told to fetch the new policy (RFC 8461 §3.1, §8.1).
    /// Safe to share between the parallel checks of one run.
    /// </summary>
    public sealed class PolicyStateStore
    {
        private readonly Dictionary<string, PolicyState> states = new Dictionary<string, PolicyState>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> changed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly object gate = new object();

        /// <summary>The member that marks a file as this store's, so that no other JSON file is ever taken for one and overwritten.</summary>
        public const string FormatMarker = "MtaSts.PolicyState";

        /// <summary>
        /// Reads the store from its JSON text; throws <see cref="JsonParseException"/> or <see cref="FormatException"/>
        /// when it is damaged or is not a state file at all (another program's JSON, an array).
        /// </summary>
        public static PolicyStateStore FromJson(string json)
        {
            var store = new PolicyStateStore();
            var root = JsonParser.Parse(json);
            var domains = root.Kind == JsonKind.Object ? root["domains"] : null;
            bool marked = root.Kind == JsonKind.Object && root["format"]?.Text == FormatMarker;

            // Files written before the marker existed have version 1 and a domains object; anything else is not ours.
            bool legacy = domains?.Kind == JsonKind.Object && root["version"]?.ToString() == "1";
            if (!marked && !legacy)
            {
                throw new FormatException(Resources.Messages.Format("StateNotOurs", FormatMarker));
            }

            foreach (var member in domains?.Members ?? Array.Empty<KeyValuePair<string, JsonValue>>())
            {
                string? id = member.Value["id"]?.Text;
                string? sha256 = member.Value["sha256"]?.Text;
                string? seen = member.Value["seen"]?.Text;
                if (id == null || sha256 == null || !DateTimeOffset.TryParse(seen, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                {
                    throw new FormatException(member.Key);
                }

                store.states[member.Key] = new PolicyState(id, sha256, time);
            }

            return store;
        }

        /// <summary>The state last recorded for <paramref name="domain"/>, or null.</summary>
        public PolicyState? Get(string domain)
        {
            lock (gate)
            {
                return states.TryGetValue(domain, out var state) ? state : null;
            }
        }

        public void Set(string domain, PolicyState state)
        {
            lock (gate)
            {
                states[domain] = state;
                changed.Add(domain);
            }
        }

        /// <summary>
        /// The store as it should be saved when another run may have saved the same file since this one read it: what
        /// is in <paramref name="saved"/> (the file as it is now), with the domains this run checked. Where both runs saw
        /// a domain, the later sighting wins.
        /// </summary>
        public PolicyStateStore MergedInto(PolicyStateStore saved)
        {
            var merged = new PolicyStateStore();
            lock (saved.gate)
            {
                foreach (var pair in saved.states)
                {
                    merged.states[pair.Key] = pair.Value;
                }
            }

            lock (gate)
            {
                foreach (string domain in changed)
                {
                    var mine = states[domain];
                    if (!merged.states.TryGetValue(domain, out var theirs) || theirs.Seen <= mine.Seen)
                    {
                        merged.states[domain] = mine;
                    }
                }
            }

            return merged;
        }

        public string ToJson()
        {
            var json = new StringBuilder("{\n  \"format\": \"" + FormatMarker + "\",\n  \"version\": 1,\n  \"domains\": {");
            lock (gate)
            {
                bool first = true;
                foreach (var pair in states.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    json.Append(first ? "\n" : ",\n");
                    first = false;
                    json.Append("    ").Append(Quote(pair.Key)).Append(": { \"id\": ").Append(Quote(pair.Value.Id))
                        .Append(", \"sha256\": ").Append(Quote(pair.Value.Sha256))
                        .Append(", \"seen\": ").Append(Quote(pair.Value.Seen.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))).Append(" }");
                }
            }

            return json.Append("\n  }\n}\n").ToString();
        }

        private static string Quote(string text)
        {
            var quoted = new StringBuilder("\"");
            foreach (char c in text)
            {
                if (c == '"' || c == '\\')
                {
                    quoted.Append('\\').Append(c);
                }
                else if (c < 0x20)
                {
                    quoted.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                }
                else
                {
                    quoted.Append(c);
                }
            }

            return quoted.Append('"').ToString();
        }
    }

    /// <summary>One domain's id and policy hash as a check saw them.</summary>
    /// <param name="Id">The id of the _mta-sts record.</param>
    /// <param name="Sha256">The SHA-256 of the policy bytes, in hex.</param>
    /// <param name="Seen">When the check saw them.</param>
    public sealed record PolicyState(string Id, string Sha256, DateTimeOffset Seen);
}
