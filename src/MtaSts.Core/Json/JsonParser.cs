using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using MtaSts.Resources;

namespace MtaSts.Json
{
    /// <summary>
    /// A strict RFC 8259 JSON parser with the I-JSON rules of RFC 7493 that matter for reports: no duplicate
    /// member names (§2.3), and a nesting limit so that hostile input cannot exhaust the stack.
    /// </summary>
    public static class JsonParser
    {
        public const int MaxDepth = 64;

        /// <summary>Parses one JSON text; throws <see cref="JsonParseException"/> with the line and column of the first error.</summary>
        public static JsonValue Parse(string text)
        {
            var reader = new Reader(text ?? throw new ArgumentNullException(nameof(text)));
            reader.SkipWhiteSpace();
            var value = reader.ReadValue(0);
            reader.SkipWhiteSpace();
            if (!reader.AtEnd)
            {
                throw reader.Error(Messages.Get("JsonTrailingText"));
            }

            return value;
        }

        private sealed class Reader
        {
            private readonly string text;
            private int pos;

            public Reader(string text) => this.text = text;

            public bool AtEnd => pos >= text.Length;

            public void SkipWhiteSpace()
            {
                while (pos < text.Length && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' || text[pos] == '\r'))
                {
                    pos++;
                }
            }

            public JsonValue ReadValue(int depth)
            {
                if (depth > MaxDepth)
                {
                    throw Error(Messages.Format("JsonTooDeep", MaxDepth));
                }

                if (AtEnd)
                {
                    throw Error(Messages.Get("JsonEndsBeforeValue"));
                }

                char c = text[pos];
                switch (c)
                {
                    case '{':
                        return ReadObject(depth);
                    case '[':
                        return ReadArray(depth);
                    case '"':
                        return JsonValue.String(ReadString());
                    case 't':
                        return ReadLiteral("true", JsonValue.True);
                    case 'f':
                        return ReadLiteral("false", JsonValue.False);
                    case 'n':
                        return ReadLiteral("null", JsonValue.Null);
                    default:
                        if (c == '-' || (c >= '0' && c <= '9'))
                        {
                            return ReadNumber();
                        }

                        throw Error(Messages.Format("JsonBadValueStart", Printable(c)));
                }
            }

            public JsonParseException Error(string message)
            {
                int line = 1;
                int lineStart = 0;
                for (int i = 0; i < pos && i < text.Length; i++)
                {
                    if (text[i] == '\n')
                    {
                        line++;
                        lineStart = i + 1;
                    }
                }

                return new JsonParseException(message, line, pos - lineStart + 1);
            }

            private JsonValue ReadObject(int depth)
            {
                pos++;
                var members = new List<KeyValuePair<string, JsonValue>>();
                SkipWhiteSpace();
                if (!AtEnd && text[pos] == '}')
                {
                    pos++;
                    return JsonValue.Object(members);
                }

                var names = new HashSet<string>(StringComparer.Ordinal);
                while (true)
                {
                    SkipWhiteSpace();
                    if (AtEnd || text[pos] != '"')
                    {
                        throw Error(AtEnd ? Messages.Get("JsonEndsInObject") : Messages.Get("JsonMemberNameExpected"));
                    }

                    int nameStart = pos;
                    string name = ReadString();
                    if (!names.Add(name))
                    {
                        pos = nameStart;
                        throw Error(Messages.Format("JsonDuplicateName", name));
                    }

                    SkipWhiteSpace();
                    Expect(':');
                    SkipWhiteSpace();
                    members.Add(new KeyValuePair<string, JsonValue>(name, ReadValue(depth + 1)));
                    SkipWhiteSpace();
                    if (AtEnd)
                    {
                        throw Error(Messages.Get("JsonEndsInObject"));
                    }

                    if (text[pos] == ',')
                    {
                        pos++;
                        continue;
                    }

                    Expect('}');
                    return JsonValue.Object(members);
                }
            }

            private JsonValue ReadArray(int depth)
            {
                pos++;
                var items = new List<JsonValue>();
                SkipWhiteSpace();
                if (!AtEnd && text[pos] == ']')
                {
                    pos++;
                    return JsonValue.Array(items);
                }

                while (true)
                {
                    SkipWhiteSpace();
                    items.Add(ReadValue(depth + 1));
                    SkipWhiteSpace();
                    if (AtEnd)
                    {
                        throw Error(Messages.Get("JsonEndsInArray"));
                    }

                    if (text[pos] == ',')
                    {
                        pos++;
                        continue;
                    }

                    Expect(']');
                    return JsonValue.Array(items);
                }
            }

            private string ReadString()
            {
                pos++;
                StringBuilder? sb = null;
                int start = pos;
                while (true)
                {
                    if (AtEnd)
                    {
                        throw Error(Messages.Get("JsonEndsInString"));
                    }

                    char c = text[pos];
                    if (c == '"')
                    {
                        string value = sb == null ? text.Substring(start, pos - start) : sb.Append(text, start, pos - start).ToString();
                        pos++;
                        return value;
                    }

                    if (c < 0x20)
                    {
                        throw Error(Messages.Format("JsonControlCharacter", Printable(c)));
                    }

                    if (c != '\\')
                    {
                        pos++;
                        continue;
                    }

                    sb ??= new StringBuilder();
                    sb.Append(text, start, pos - start);
                    pos++;
                    if (AtEnd)
                    {
                        throw Error(Messages.Get("JsonEndsInString"));
                    }

                    char escape = text[pos++];
                    switch (escape)
                    {
                        case '"': sb.Append('"'); break;
                        case '\\': sb.Append('\\'); break;
                        case '/': sb.Append('/'); break;
                        case 'b': sb.Append('\b'); break;
                        case 'f': sb.Append('\f'); break;
                        case 'n': sb.Append('\n'); break;
                        case 'r': sb.Append('\r'); break;
                        case 't': sb.Append('\t'); break;
                        case 'u':
                            if (pos + 4 > text.Length || !int.TryParse(text.Substring(pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                            {
                                throw Error(Messages.Format("JsonBadUnicodeEscape", "\\u"));
                            }

                            sb.Append((char)code);
                            pos += 4;
                            break;
                        default:
                            pos--;
                            throw Error(Messages.Format("JsonBadEscape", "\\" + Printable(escape)));
                    }

                    start = pos;
                }
            }

            private JsonValue ReadNumber()
            {
                int start = pos;
                if (text[pos] == '-')
                {
                    pos++;
                }

                if (AtEnd || !IsDigit(text[pos]))
                {
                    throw Error(Messages.Get("JsonNumberNoDigits"));
                }

                if (text[pos] == '0')
                {
                    pos++;
                }
                else
                {
                    SkipDigits();
                }

                if (!AtEnd && text[pos] == '.')
                {
                    pos++;
                    RequireDigits();
                }

                if (!AtEnd && (text[pos] == 'e' || text[pos] == 'E'))
                {
                    pos++;
                    if (!AtEnd && (text[pos] == '+' || text[pos] == '-'))
                    {
                        pos++;
                    }

                    RequireDigits();
                }

                return JsonValue.Number(text.Substring(start, pos - start));
            }

            private void RequireDigits()
            {
                if (AtEnd || !IsDigit(text[pos]))
                {
                    throw Error(Messages.Get("JsonNumberIncomplete"));
                }

                SkipDigits();
            }

            private void SkipDigits()
            {
                while (!AtEnd && IsDigit(text[pos]))
                {
                    pos++;
                }
            }

            private JsonValue ReadLiteral(string literal, JsonValue value)
            {
                if (string.CompareOrdinal(text, pos, literal, 0, literal.Length) != 0)
                {
                    throw Error(Messages.Format("JsonExpectedLiteral", literal));
                }

                pos += literal.Length;
                return value;
            }

            private void Expect(char c)
            {
                if (AtEnd || text[pos] != c)
                {
                    throw Error(AtEnd ? Messages.Format("JsonEndsBeforeCharacter", c) : Messages.Format("JsonExpectedCharacter", c, Printable(text[pos])));
                }

                pos++;
            }

            private static bool IsDigit(char c) => c >= '0' && c <= '9';

            private static string Printable(char c) => c < 0x20 || c == 0x7F ? $"U+{(int)c:X4}" : c.ToString();
        }
    }

    /// <summary>Malformed JSON, with where it went wrong.</summary>
    [Serializable]
    public sealed class JsonParseException : FormatException
    {
        public JsonParseException(string message, int line, int column)
            : base(Messages.Format("AtLineColumn", line, column) + " " + message)
        {
            Reason = message;
            Line = line;
            Column = column;
        }

        public string Reason { get; }

        public int Line { get; }

        public int Column { get; }
    }
}
