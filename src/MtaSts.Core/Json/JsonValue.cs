using System;
using System.Collections.Generic;
using System.Globalization;

namespace MtaSts.Json
{
    /// <summary>The kinds of JSON value (RFC 8259 §3).</summary>
    public enum JsonKind
    {
        Object,
        Array,
        String,
        Number,
        True,
        False,
        Null,
    }

    /// <summary>
    /// A parsed JSON value: enough of a document model to read TLS-RPT reports (RFC 8460 §4, I-JSON per
    /// RFC 7493), without a serializer dependency that would have to ship inside the module.
    /// </summary>
    public sealed class JsonValue
    {
        public static readonly JsonValue Null = new JsonValue(JsonKind.Null, null, null, null);
        public static readonly JsonValue True = new JsonValue(JsonKind.True, null, null, null);
        public static readonly JsonValue False = new JsonValue(JsonKind.False, null, null, null);

        private JsonValue(JsonKind kind, string? text, List<KeyValuePair<string, JsonValue>>? members, List<JsonValue>? items)
        {
            Kind = kind;
            Text = text;
            Members = members;
            Items = items;
        }

        public JsonKind Kind { get; }

        /// <summary>The string's value, or the number as written.</summary>
        public string? Text { get; }

        /// <summary>An object's members, in document order.</summary>
        public IReadOnlyList<KeyValuePair<string, JsonValue>>? Members { get; }

        /// <summary>An array's items.</summary>
        public IReadOnlyList<JsonValue>? Items { get; }

        /// <summary>The member called <paramref name="name"/> of an object, or null.</summary>
        public JsonValue? this[string name]
        {
            get
            {
                if (Members == null)
                {
                    return null;
                }

                foreach (var member in Members)
                {
                    if (member.Key == name)
                    {
                        return member.Value;
                    }
                }

                return null;
            }
        }

        /// <summary>The value as a whole number, when it is one.</summary>
        public bool TryGetInt64(out long value)
        {
            value = 0;
            return Kind == JsonKind.Number && long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
        }

        internal static JsonValue String(string text) => new JsonValue(JsonKind.String, text, null, null);

        internal static JsonValue Number(string text) => new JsonValue(JsonKind.Number, text, null, null);

        internal static JsonValue Object(List<KeyValuePair<string, JsonValue>> members) => new JsonValue(JsonKind.Object, null, members, null);

        internal static JsonValue Array(List<JsonValue> items) => new JsonValue(JsonKind.Array, null, null, items);

        public override string ToString() => Kind switch
        {
            JsonKind.String or JsonKind.Number => Text!,
            JsonKind.Object => "{…}",
            JsonKind.Array => "[…]",
            _ => Kind.ToString().ToLowerInvariant(),
        };
    }
}
