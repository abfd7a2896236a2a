using System;
using System.Collections.Generic;

namespace MtaSts.Diagnostics
{
    /// <summary>The outcome of parsing: the value or the first error (with its position), and any warnings.</summary>
    public readonly struct ParseResult<T>
        where T : class
    {
        internal ParseResult(T? value, Finding? error, List<Finding>? warnings)
        {
            Value = value;
            Error = error;
            Warnings = (IReadOnlyList<Finding>?)warnings ?? Array.Empty<Finding>();
        }

        /// <summary>The parsed value; null when <see cref="Error"/> is set.</summary>
        public T? Value { get; }

        /// <summary>The first error, with its line and column; null when the text is valid.</summary>
        public Finding? Error { get; }

        /// <summary>Warnings about text that is valid but risky (duplicates, odd values, what strict senders reject).</summary>
        public IReadOnlyList<Finding> Warnings { get; }

        public bool Success => Error == null;

        /// <summary>The value, or the error as an <see cref="MtaStsFormatException"/>.</summary>
        public T GetValueOrThrow() => Value ?? throw new MtaStsFormatException(Error!);
    }
}
