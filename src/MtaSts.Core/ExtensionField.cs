using System;

namespace MtaSts
{
    /// <summary>
    /// A field this version of MTA-STS does not define, in a policy (RFC 8461 §3.2) or a TXT record (§3.1):
    /// kept as it was written, and ignored by senders.
    /// </summary>
    public sealed class ExtensionField : IEquatable<ExtensionField>
    {
        public ExtensionField(string name, string value)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Value = value ?? throw new ArgumentNullException(nameof(value));
        }

        public string Name { get; }

        public string Value { get; }

        public bool Equals(ExtensionField? other) => other != null && other.Name == Name && other.Value == Value;

        public override bool Equals(object? obj) => Equals(obj as ExtensionField);

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name) ^ StringComparer.Ordinal.GetHashCode(Value);

        public override string ToString() => Name + "=" + Value;
    }
}
