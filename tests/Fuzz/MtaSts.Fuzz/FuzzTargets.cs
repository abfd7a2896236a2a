using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using MtaSts.Checking;
using MtaSts.Checking.Transport;
using MtaSts.Policy;
using MtaSts.Records;
using MtaSts.TlsRpt;

namespace MtaSts.Fuzz
{
    /// <summary>
    /// One entry per parser that reads what strangers send. A target returns normally for any input it refuses the
    /// documented way; every other exception (and a parse that cannot read back what it accepted) is a finding.
    /// </summary>
    internal static class FuzzTargets
    {
        public static readonly IReadOnlyDictionary<string, Action<byte[]>> All = new Dictionary<string, Action<byte[]>>
        {
            ["policy"] = Policy,
            ["sts-txt"] = StsTxt,
            ["tlsrpt-txt"] = TlsRptTxt,
            ["report"] = Report,
            ["mime"] = Mime,
            ["smtp-reply"] = SmtpReply,
            ["http-response"] = HttpReply,
        };

        private static void Policy(byte[] input)
        {
            var result = PolicyParser.Parse(input);
            if (result.Success)
            {
                ReadBack("policy", PolicyParser.Parse(result.Value!.Text).Success, result.Value.Text);
            }

            // The plain reader that takes most policies must agree with the full parser on every input it accepts.
            if (PlainPolicyReader.TryRead(input) is MtaStsPolicy plain)
            {
                var full = PolicyParser.Parse(Text(input));
                Agree("plain policy reader", full.Success && full.Warnings.Count == 0 && plain.Equals(full.Value), plain.Text);
            }
        }

        private static void StsTxt(byte[] input)
        {
            // What users paste (dig's quoted form) goes through the same parser once unquoted.
            string text = DnsTxtText.TryReadPresentation(Text(input), out string unquoted, out _) ? unquoted : Text(input);
            var result = TxtRecordParser.ParseMtaSts(text);
            if (result.Success)
            {
                ReadBack("TXT record", TxtRecordParser.ParseMtaSts(result.Value!.Value).Success, result.Value.Value);
            }

            if (TxtRecordParser.CommonShapeId(text) is string id)
            {
                var full = TxtRecordParser.ReadFieldByField(text, null);
                Agree("TXT shortcut", full.Success && full.Warnings.Count == 0 && full.Value!.Extensions.Count == 0 && full.Value.Id == id, text);
            }
        }

        private static void TlsRptTxt(byte[] input)
        {
            var result = TlsRptRecordParser.Parse(Text(input));
            if (result.Success)
            {
                ReadBack("TLS-RPT record", TlsRptRecordParser.Parse(result.Value!.Value).Success, result.Value.Value);
            }
        }

        private static void Report(byte[] input) => TlsRptReportReader.Read(input, "fuzz");

        private static void Mime(byte[] input) => MimeReportExtractor.Extract(input, out _);

        private static void SmtpReply(byte[] input)
        {
            using var stream = new ScriptedStream(input);
            try
            {
                while (true)
                {
                    SmtpProbe.ReadReplyAsync(stream, CancellationToken.None).GetAwaiter().GetResult();
                }
            }
            catch (InvalidDataException)
            {
            }
            catch (IOException)
            {
                // The end of the script: the server closed the connection.
            }
        }

        private static void HttpReply(byte[] input)
        {
            using var stream = new ScriptedStream(input);
            try
            {
                HttpResponse.GetAsync(stream, "mta-sts.example.com", "/.well-known/mta-sts.txt", 64 * 1024, CancellationToken.None)
                    .GetAwaiter().GetResult();
            }
            catch (InvalidDataException)
            {
            }
        }

        /// <summary>Text as DNS and the command line hand it over: any Unicode, invalid UTF-8 as U+FFFD.</summary>
        private static string Text(byte[] input) => Encoding.UTF8.GetString(input);

        private static void Agree(string what, bool agrees, string text)
        {
            if (!agrees)
            {
                throw new InvalidOperationException($"The {what} and the full parser disagree on: {text}");
            }
        }

        private static void ReadBack(string what, bool success, string text)
        {
            if (!success)
            {
                throw new InvalidOperationException($"The {what} was accepted but its own text does not parse: {text}");
            }
        }
    }
}
